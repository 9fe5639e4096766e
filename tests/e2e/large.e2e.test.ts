/**
 * Large type (issue 12 item 19): one switch in 我的, remembered on the phone across a reload, and then on every page
 * a resident uses — home, quarantine card, report sheet, errand request form and list, 我的 — every word is at least
 * 1.3× its normal size, the buttons are at least 48 px high, and the words on the card, the report sheet and the
 * errand form meet WCAG AA contrast against what is behind them (worked out from the computed colours).
 *
 * The functions run in this process with their clock fixed to a Shanghai morning (a report slot is open).
 * Serves `dist/h5` (or E2E_STATIC_DIR); builds nothing itself.
 */
import type { Page } from 'playwright-core'
import { clock } from '../../cloudfunctions/_lib/clock'
import { idNumberCheckChar } from '../../shared/checksums'
import { e2eSession, quarantinedOnPhone, signIn } from './demo'
import {
  fillDeclarationFromWuhan,
  newPhonePage,
  onScreen,
  openRoute,
  tapButton,
  turnOnLargeType,
  waitForSelectorText,
  waitForText,
  waitForTextGone,
} from './helpers'

jest.setTimeout(180_000)

const e2e = e2eSession('e2e-large')
afterAll(() => {
  clock.now = () => Date.now()
})

/** One piece of text on screen: what it is, its size, and the contrast of its colour with what is behind it. */
interface TextBox {
  key: string
  text: string
  fontSize: number
  bold: boolean
  contrast: number
}

/**
 * Every element in `root` (the page on screen, or an open sheet) with words of its own, drawn (not hidden), with
 * its computed font size and the WCAG contrast of its colour (after opacity) against the first background behind
 * it (semi-transparent ones composited down; for a gradient, the worst of its colour stops).
 */
function readTexts(rootSelector: string): TextBox[] {
  type RGBA = [number, number, number, number]
  const parse = (c: string): RGBA | null => {
    const m = /rgba?\(([^)]+)\)/.exec(c)
    if (!m) return null
    const p = m[1]!
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number)
    return [p[0]!, p[1]!, p[2]!, p[3] ?? 1]
  }
  const over = (top: RGBA, under: RGBA): RGBA => {
    const a = top[3]
    return [0, 1, 2].map((i) => top[i]! * a + under[i]! * (1 - a)).concat(1) as RGBA
  }
  const lum = (c: RGBA) => {
    const [r, g, b] = [c[0], c[1], c[2]].map((v) => {
      const s = v / 255
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
  }
  const ratio = (a: RGBA, b: RGBA) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p)
    return (x! + 0.05) / (y! + 0.05)
  }
  /** The backgrounds behind `el` (several for a gradient), composited onto white at the bottom. */
  const backgrounds = (el: Element | null): RGBA[] => {
    if (!el) return [[255, 255, 255, 1]]
    const cs = getComputedStyle(el)
    const stops = [...cs.backgroundImage.matchAll(/rgba?\([^)]+\)/g)].map((m) => parse(m[0])!)
    const own = parse(cs.backgroundColor)
    const layers = stops.length ? stops : own && own[3] > 0 ? [own] : []
    if (!layers.length) return backgrounds(el.parentElement)
    if (layers.every((l) => l[3] >= 1)) return layers
    const below = backgrounds(el.parentElement)
    return layers.flatMap((l) => below.map((b) => over(l, b)))
  }
  const opacity = (el: Element | null): number =>
    el ? Number(getComputedStyle(el).opacity) * opacity(el.parentElement) : 1

  const root = [...document.querySelectorAll(rootSelector)].find((el) => {
    const r = el.getBoundingClientRect()
    return r.width > 0 && r.height > 0 && r.left >= 0 && r.left < window.innerWidth
  })
  if (!root) throw new Error(`nothing on screen matches ${rootSelector}`)
  const out: TextBox[] = []
  const seen = new Map<string, number>()
  for (const el of root.querySelectorAll('*')) {
    const own = [...el.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent ?? '')
      .join('')
      .trim()
    if (!own) continue
    const r = el.getBoundingClientRect()
    const cs = getComputedStyle(el)
    if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden') continue
    // WCAG asks no contrast of a control that is switched off (the − of a quantity at 1): skip greyed-out ones.
    const off = el.closest('[class*="__btn--off"], .nut-button-disabled')
    const colour = parse(cs.color)!
    const bgs = backgrounds(el)
    const base = `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    out.push({
      key: `${base}#${n}`,
      text: own.slice(0, 20),
      fontSize: parseFloat(cs.fontSize),
      bold: Number(cs.fontWeight) >= 600,
      contrast: off
        ? Infinity
        : Math.min(
            ...bgs.map((b) => ratio(over([colour[0], colour[1], colour[2], colour[3] * opacity(el)], b), b)),
          ),
    })
  }
  return out
}

/** Heights of the buttons (NutUI buttons and the app's own tap targets) on screen in `root`. */
function buttonHeights([rootSelector, selector]: [string, string]): { text: string; height: number }[] {
  const root = [...document.querySelectorAll(rootSelector)].find((el) => {
    const r = el.getBoundingClientRect()
    return r.width > 0 && r.height > 0 && r.left >= 0 && r.left < window.innerWidth
  })
  if (!root) throw new Error(`nothing on screen matches ${rootSelector}`)
  return [...root.querySelectorAll(selector)]
    .filter((el) => el.getBoundingClientRect().height > 0)
    .map((el) => ({
      text: (el.textContent ?? '').trim().slice(0, 20),
      height: el.getBoundingClientRect().height,
    }))
}

const PAGE = '.page'
const SHEET = '.report-sheet'
const BUTTONS =
  '.nut-button, .temp-stepper__btn, .e-qty__btn, .e-quick__chip, .nut-checkbox-button, .contact__call'

/** WCAG 2.x AA: 4.5:1, or 3:1 for large text (24 px, or 18.66 px bold). */
const AA = (t: TextBox) => (t.fontSize >= 24 || (t.bold && t.fontSize >= 18.66) ? 3 : 4.5)

/** The texts of one screen, in normal and in large type. */
const screens: Record<string, { normal?: TextBox[]; large?: TextBox[] }> = {}

async function openResident(): Promise<Page> {
  // 08:00 in Shanghai: the morning slot is open.
  clock.now = () => Date.parse('2026-03-02T08:00:00+08:00')
  const first17 = '42010619520101124'
  const p = await quarantinedOnPhone(e2e, {
    phone: '13712349901',
    name: '周奶奶',
    idNumber: first17 + idNumberCheckChar(first17),
    building: '2',
    room: '502',
    arrival: '2026-03-02',
  })
  return p.page
}

/** Visits every resident page and records its texts (and the button heights) under `mode`. */
async function visitAll(
  page: Page,
  mode: 'normal' | 'large',
): Promise<Record<string, { text: string; height: number }[]>> {
  const heights: Record<string, { text: string; height: number }[]> = {}
  const record = async (name: string, root: string) => {
    screens[name] = { ...screens[name], [mode]: await page.evaluate(readTexts, root) }
    const hs = await page.evaluate(buttonHeights, [root, BUTTONS] as [string, string])
    heights[name] = hs
  }
  await openRoute(page, e2e.cloud.url, '/pages/index/index', '我的待办')
  await onScreen(page.locator('[data-testid="todo"]'))
  await record('home', PAGE)
  await openRoute(page, e2e.cloud.url, '/pages/health/card', '今天的报备')
  await record('card', PAGE)
  await tapButton(page, '报备上午体温')
  await waitForSelectorText(page, '[data-testid="temp-value"]', /^36\.5/)
  await page.waitForTimeout(400) // the sheet slides in; sizes do not depend on it, positions do
  await record('sheet', SHEET)
  await openRoute(page, e2e.cloud.url, '/pages/errand/new', '送达地址')
  await record('errand-form', PAGE)
  await openRoute(page, e2e.cloud.url, '/pages/errand/mine', '发起新需求')
  await record('errand-list', PAGE)
  await openRoute(page, e2e.cloud.url, '/pages/profile/index', '大字模式')
  await record('profile', PAGE)
  return heights
}

test('large type: switched on in 我的, kept over a reload, 1.3× words, 48 px buttons and AA contrast', async () => {
  const page = await openResident()
  await visitAll(page, 'normal')

  // On the 我的 page: the switch, off at first.
  await expect(
    (await onScreen(page.locator('[data-testid="large-type-switch"]'))).getAttribute('aria-checked'),
  ).resolves.toBe('false')
  await turnOnLargeType(page, e2e.cloud.url)
  // Remembered on the phone: a reload (the app starts again) keeps it.
  await page.reload()
  await waitForText(page, '大字模式')
  await expect(
    (await onScreen(page.locator('[data-testid="large-type-switch"]'))).getAttribute('aria-checked'),
  ).resolves.toBe('true')

  const heights = await visitAll(page, 'large')

  const small: string[] = []
  const weak: string[] = []
  for (const [name, { normal, large }] of Object.entries(screens)) {
    expect(normal?.length).toBeGreaterThan(3)
    const before = new Map(normal!.map((t) => [t.key, t]))
    let compared = 0
    for (const t of large!) {
      const n = before.get(t.key)
      if (!n) continue
      compared++
      // 1.3× with a little room for rounding of rem sizes.
      if (t.fontSize / n.fontSize < 1.295)
        small.push(`${name} ${t.key} "${t.text}" ${n.fontSize}→${t.fontSize}px`)
    }
    expect(compared).toBeGreaterThan(3)
    if (['card', 'sheet', 'errand-form'].includes(name))
      for (const t of large!)
        if (t.contrast < AA(t))
          weak.push(`${name} ${t.key} "${t.text}" ${t.contrast.toFixed(2)}:1 at ${t.fontSize}px`)
  }
  expect(small).toEqual([])
  expect(weak).toEqual([])
  const low = Object.entries(heights).flatMap(([name, hs]) =>
    hs.filter((b) => b.height < 47.5).map((b) => `${name} "${b.text}" ${b.height}px`),
  )
  expect(low).toEqual([])
  expect(heights.card!.length).toBeGreaterThan(0)
  expect(heights.sheet!.length).toBeGreaterThan(0)
  expect(heights['errand-form']!.length).toBeGreaterThan(0)
})

test('someone 60 or older by the ID number just declared is offered large type after declaring, and takes it', async () => {
  clock.now = () => Date.parse('2026-03-02T08:00:00+08:00')
  const phone = '13712349902'
  const token = await e2e.cloud.gateway.newUser(phone, '吴大爷')
  const p = await newPhonePage(e2e.browser)
  e2e.opened.push(p)
  await signIn(p.context, token)
  const { page } = p
  await openRoute(page, e2e.cloud.url, '/pages/health/declare', '请如实填写')
  // Born 1956-03-02: 70 today in Shanghai.
  const first17 = '42010619560302113'
  await fillDeclarationFromWuhan(page, {
    idNumber: first17 + idNumberCheckChar(first17),
    phone,
    building: '7',
    room: '101',
  })
  await tapButton(page, '提交申报')
  await waitForText(page, '您被列为重点人员')
  await waitForText(page, '字太小看不清？')
  await tapButton(page, '打开大字模式')
  await onScreen(page.locator('.page--large'))
  await waitForTextGone(page, '字太小看不清？')
  // 我的 shows the switch on; turning it off there is up to them.
  await openRoute(page, e2e.cloud.url, '/pages/profile/index', '大字模式')
  await expect(
    (await onScreen(page.locator('[data-testid="large-type-switch"]'))).getAttribute('aria-checked'),
  ).resolves.toBe('true')
})
