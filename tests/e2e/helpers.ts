/**
 * Browser helpers for the e2e tests and the screenshot script: Debian chromium driven by
 * playwright-core, a phone-sized page, and waits that look for content (page transitions animate,
 * so never wait for a fixed time).
 */
import path from 'node:path'
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core'

/**
 * The H5 build the browser tests serve: `dist/h5` (what `npm test` builds), or another output dir given in
 * E2E_STATIC_DIR, so that people building into their own dir (TARO_OUTPUT_ROOT) can run the tests on it.
 */
export const STATIC_DIR = path.resolve(__dirname, '../..', process.env.E2E_STATIC_DIR ?? 'dist/h5')

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** iPhone X-ish logical size: what the app is designed for. */
export const PHONE_VIEWPORT = { width: 375, height: 812 }

export interface BrowserSession {
  browser: Browser
  close(): Promise<void>
}

/** Launches chromium; playwright gives every launch a fresh temporary profile (user-data-dir). */
export async function launchBrowser(): Promise<BrowserSession> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined)
    },
  }
}

export interface PhonePage {
  context: BrowserContext
  page: Page
  /** Console errors and failed requests seen so far, for assertions and debugging. */
  problems: string[]
}

/** A new isolated context (own storage), zh-CN in Shanghai, that notes the page's errors in `problems`. */
async function newPage(browser: Browser, device: BrowserContextOptions): Promise<PhonePage> {
  const context = await browser.newContext({ ...device, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`)
  })
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`))
  return { context, page, problems }
}

/** A phone: a 375×812 touch viewport. */
export function newPhonePage(browser: Browser): Promise<PhonePage> {
  return newPage(browser, { viewport: PHONE_VIEWPORT, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
}

/** A PC browser window: the H5 build's desktop layout (≥ 1024 px wide) for street staff. */
export const DESKTOP_VIEWPORT = { width: 1280, height: 800 }

/** A window the size of a PC's (mouse, no touch). */
export function newDesktopPage(browser: Browser): Promise<PhonePage> {
  return newPage(browser, { viewport: DESKTOP_VIEWPORT, deviceScaleFactor: 1 })
}

/**
 * The first element of `candidates` that is on screen. Taro keeps hidden tab pages and the previous
 * page of the stack in the DOM, and NutUI Tabs keeps inactive panes beside the active one, so
 * "visible" (has a box) is not enough: it must also lie inside the viewport horizontally.
 */
export async function onScreen(
  candidates: Locator,
  timeout = 30_000,
  opts: { withinHeight?: boolean } = {},
): Promise<Locator> {
  const page = candidates.page()
  const deadline = Date.now() + timeout
  for (;;) {
    const { width, height } = page.viewportSize() ?? PHONE_VIEWPORT
    const n = await candidates.count()
    for (let i = 0; i < n; i++) {
      const loc = candidates.nth(i)
      // A short timeout: an element that left the DOM since count() would otherwise be waited for 30 s.
      const box = await loc.boundingBox({ timeout: 500 }).catch(() => null)
      if (!box || box.width <= 0 || box.height <= 0) continue
      if (box.x + box.width <= 1 || box.x >= width - 1) continue
      if (opts.withinHeight && (box.y + box.height <= 1 || box.y >= height - 1)) continue
      if (await loc.isVisible()) return loc
    }
    if (Date.now() > deadline) throw new Error(`nothing on screen matches ${candidates.toString()}`)
    await page.waitForTimeout(100)
  }
}

/** The on-screen element containing `text`. */
export function visibleText(page: Page, text: string | RegExp, timeout?: number): Promise<Locator> {
  return onScreen(page.getByText(text), timeout)
}

/** Waits until `text` is on screen; returns its locator. */
export async function waitForText(page: Page, text: string | RegExp, timeout = 30_000): Promise<Locator> {
  return visibleText(page, text, timeout)
}

/** Waits until no on-screen element contains `text` (a popup closed, a loading line went away). */
export async function waitForTextGone(page: Page, text: string | RegExp, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout
  for (;;) {
    try {
      // Popups slide out below the screen rather than leaving the DOM: count only what is in view.
      await onScreen(page.getByText(text), 0, { withinHeight: true })
    } catch {
      return
    }
    if (Date.now() > deadline) throw new Error(`still on screen after ${timeout} ms: ${String(text)}`)
    await page.waitForTimeout(100)
  }
}

/** Taps the on-screen element with this text (cells, tabs, grid entries). */
export async function tapText(page: Page, text: string | RegExp): Promise<void> {
  await tap(await visibleText(page, text))
}

/**
 * Taps an element like a finger would: at its position. NutUI cells put their text under a layer
 * that takes the touch, which Playwright's actionability check reports as "intercepted" — the tap
 * still lands on the cell, so fall back to a forced click at the same point.
 */
export async function tap(loc: Locator): Promise<void> {
  try {
    await loc.click({ trial: true, timeout: 2_000 })
  } catch {
    await loc.click({ force: true })
    return
  }
  await loc.click()
}

/**
 * Fills the visible NutUI input that sits in the form item labelled `label`
 * (or has this placeholder), like a person typing.
 */
export async function fillField(page: Page, labelOrPlaceholder: string, value: string): Promise<void> {
  const byPlaceholder = page.locator(`input[placeholder="${labelOrPlaceholder}"]`)
  const byLabel = page
    .locator('.nut-form-item')
    .filter({ has: page.locator('.nut-form-item-label', { hasText: labelOrPlaceholder }) })
    .locator('input')
  await typeInto(await onScreen(byPlaceholder.or(byLabel)), value)
}

/**
 * Types into an input like a person (NutUI inputs are controlled: fill() alone may be undone), then leaves
 * it so its onBlur validation runs, as when a person moves to the next field.
 */
export async function typeInto(input: Locator, value: string): Promise<void> {
  await input.click()
  await input.fill('')
  await input.pressSequentially(value, { delay: 5 })
  await input.evaluate((el) => (el as HTMLInputElement).blur())
}

/** Waits until the hash route of the page is `route` (e.g. '/pages/index/index'). */
export async function waitForRoute(page: Page, route: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction((r) => window.location.hash.split('?')[0] === `#${r}`, route, { timeout })
}

/** Taps the on-screen NutUI button whose text is exactly `text`. */
export async function tapButton(page: Page, text: string): Promise<void> {
  const exact = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`)
  const btn = await onScreen(page.locator('.nut-button').filter({ hasText: exact }))
  await btn.click()
}

/** Taps a tab-bar item (首页 / 消息 / 我的) of the H5 build. */
export async function tapTab(page: Page, text: string): Promise<void> {
  const item = page
    .locator('.weui-tabbar__item')
    .filter({ has: page.locator('.weui-tabbar__label', { hasText: new RegExp(`^${text}$`) }) })
  await (await onScreen(item)).click()
}

/**
 * Turns column `column` of the open NutUI picker to the option labelled `label`, the way a finger does:
 * a slow vertical drag (CDP touch events; a quick flick would add inertia), then waits until that option
 * is the selected one.
 */
export async function pickInColumn(page: Page, column: number, label: string): Promise<void> {
  const picker = await onScreen(page.locator('.nut-picker'), 15_000, { withinHeight: true })
  const col = picker.locator('.nut-pickerview-list').nth(column)
  // A cascading column fills in once the column before it has settled.
  let texts: string[] = []
  for (const deadline = Date.now() + 5_000; ;) {
    texts = (await col.locator('.nut-pickerview-roller-item').allTextContents()).map((t) => t.trim())
    if (texts.includes(label) || Date.now() > deadline) break
    await page.waitForTimeout(100)
  }
  const target = texts.indexOf(label)
  if (target < 0) throw new Error(`no option ${label} in picker column ${column}: ${texts.join(',')}`)
  const spacing = await col.evaluate(
    (el) => parseFloat(getComputedStyle(el).getPropertyValue('--nutui-picker-item-height')) || 36,
  )
  // NutUI re-binds its touch listeners on every render and may miss a move: drag, look, drag the rest.
  for (let attempt = 0; attempt < 6; attempt++) {
    const activeItem = col.locator('.nut-pickerview-roller-item-active')
    // Before any move NutUI may mark no option active: the first one is the selected one then.
    const active = (await activeItem.count()) ? ((await activeItem.first().textContent())?.trim() ?? '') : ''
    const current = Math.max(0, texts.indexOf(active))
    if (current === target && active === label) return
    if (current === target) {
      // Selected but not yet marked: give the snap animation a moment.
      await page.waitForTimeout(100)
      continue
    }
    const box = await col.boundingBox()
    if (!box) throw new Error('picker column has no box')
    // Land a little off the line, as a finger does: NutUI selects when the snap-back animation ends,
    // and a drag that ends exactly on an option has nothing to animate.
    const dy = -(target - current) * spacing
    await touchDrag(page, box.x + box.width / 2, box.y + box.height / 2, dy + (dy < 0 ? 6 : -6))
    await page.waitForTimeout(400)
  }
  throw new Error(`picker column ${column} did not settle on ${label}`)
}

/** A slow vertical finger drag by `dy` px from (x, y); the finger rests before lifting (no momentum). */
async function touchDrag(page: Page, x: number, y: number, dy: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  try {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] })
    const steps = 12
    for (let i = 1; i <= steps + 4; i++) {
      const to = y + (dy * Math.min(i, steps)) / steps
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: to }] })
      await page.waitForTimeout(30)
    }
    // NutUI adds momentum to moves shorter than 300 ms.
    await page.waitForTimeout(320)
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
  } finally {
    await cdp.detach().catch(() => undefined)
  }
}

/** The on-screen text of the element matching `selector`, white space folded. */
export async function textOf(page: Page, selector: string): Promise<string> {
  return ((await (await onScreen(page.locator(selector))).textContent()) ?? '').replace(/\s+/g, ' ').trim()
}

/** Waits until the on-screen element matching `selector` reads `want` (pages refresh on their own). */
export async function waitForSelectorText(
  page: Page,
  selector: string,
  want: RegExp,
  timeout = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeout
  let last = ''
  for (;;) {
    last = await textOf(page, selector).catch(() => '')
    if (want.test(last)) return
    if (Date.now() > deadline) throw new Error(`${selector} reads "${last}", not ${String(want)}`)
    await page.waitForTimeout(100)
  }
}

/** Taps the confirm button of the wheel picker that is open, and waits until it has slid away. */
export async function confirmPicker(page: Page): Promise<void> {
  const picker = await onScreen(page.locator('.nut-picker'), 15_000, { withinHeight: true })
  await tap(picker.locator('.nut-picker-confirm-btn'))
  await page.waitForFunction(
    () =>
      ![...document.querySelectorAll('.nut-picker')].some((el) => {
        const r = el.getBoundingClientRect()
        return r.height > 0 && r.top < window.innerHeight - 1
      }),
    undefined,
    { timeout: 10_000 },
  )
}

/**
 * Scrolls the page (the H5 page scrolls inside its own container) until the on-screen element matching
 * `selector` is in view — or, with `top`, at the top of the view.
 */
export async function scrollTo(page: Page, selector: string, opts: { top?: boolean } = {}): Promise<void> {
  const el = await onScreen(page.locator(selector))
  if (opts.top) await el.evaluate((e) => e.scrollIntoView({ block: 'start' }))
  else await el.scrollIntoViewIfNeeded()
}

/**
 * Opens an app route as a fresh start of the app (a hash change alone would push onto the running stack),
 * and waits for `ready` when given.
 */
export async function openRoute(
  page: Page,
  base: string,
  route: string,
  ready?: string | RegExp,
): Promise<void> {
  const running = page.url().startsWith(base)
  await page.goto(`${base}/#${route}`)
  if (running) await page.reload()
  await waitForRoute(page, route.split('?')[0]!)
  if (ready) await waitForText(page, ready)
}

/** Taps `opener` (a selector) to open its wheel picker, turns the columns to `labels`, and confirms. */
export async function pickWith(page: Page, opener: string, labels: string[] = []): Promise<void> {
  await tap(await onScreen(page.locator(opener)))
  for (const [column, label] of labels.entries()) await pickInColumn(page, column, label)
  await confirmPicker(page)
}

/** Turns large type on with the switch in 我的 (it stays on for this browser context: the setting is on the phone). */
export async function turnOnLargeType(page: Page, base: string): Promise<void> {
  await openRoute(page, base, '/pages/profile/index', '大字模式')
  await tap(await onScreen(page.locator('[data-testid="large-type-switch"][aria-checked="false"]')))
  await onScreen(page.locator('.page--large [data-testid="large-type-switch"][aria-checked="true"]'))
}

/**
 * Fills the open declaration form (pages/health/declare) as someone back from 武汉 today, living in the first
 * community and grid, with no contact and no symptoms; the caller submits it.
 */
export async function fillDeclarationFromWuhan(
  page: Page,
  d: { idNumber: string; phone: string; building: string; room: string },
): Promise<void> {
  await fillField(page, '18位身份证号', d.idNumber)
  await fillField(page, '方便社区联系您', d.phone)
  await tapText(page, '请选择社区')
  await confirmPicker(page)
  await waitForText(page, '请选择网格')
  await tapText(page, '请选择网格')
  await confirmPicker(page)
  await fillField(page, '如 3', d.building)
  await fillField(page, '如 501', d.room)
  await pickWith(page, '[data-testid="pick-from"]', ['湖北省', '武汉市'])
  await waitForText(page, '湖北省武汉市')
  await pickWith(page, '[data-testid="pick-date"]')
  await tapText(page, '没有接触')
}
