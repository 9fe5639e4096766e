/**
 * The H5 first screen on a slow phone, measured in real Chromium: Fast 3G (DevTools' preset: 562.5 ms round
 * trip, 1.6 Mbit/s down × 0.9, 750 kbit/s up × 0.9) and a CPU four times slower, applied through CDP before
 * the first request, with an empty cache (a fresh browser context).
 *
 * "First screen" is what a person waits for, in two stages:
 *  - login: from typing the address until the login form is usable (the phone field, the password field and
 *    the 登录 button are on screen, so React has rendered and bound them);
 *  - home: from the tap on 登录 until the home page shows the signed-in person's 办事服务 grid (sign-in request,
 *    account, home page code, its first function calls).
 * JavaScript is counted as sent over the wire (CDP `encodedDataLength`: compressed body plus headers), with the
 * page that carries the first scripts inline.
 * Used by the bench (exact figures) and by an e2e test (a generous bound).
 */
import type { Browser, CDPSession, Page } from 'playwright-core'
import { newPhonePage, onScreen, typeInto, waitForRoute } from './helpers'

/** Chrome DevTools' "Fast 3G" network preset. */
export const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9,
  uploadThroughput: ((750 * 1000) / 8) * 0.9,
  connectionType: 'cellular3g',
} as const

export const CPU_SLOWDOWN = 4

export interface StageFigures {
  /** Milliseconds until the stage's screen is usable. */
  ms: number
  /** JavaScript bytes on the wire during the stage (compressed bodies plus headers). */
  jsBytes: number
  /** All bytes on the wire during the stage. */
  totalBytes: number
  /** Requests made during the stage. */
  requests: number
  /** Content-Encoding of the JavaScript responses ('identity' when none). */
  jsEncodings: string[]
}

export interface FirstScreen {
  login: StageFigures
  home: StageFigures
}

interface Traffic {
  bytes(): { js: number; total: number; requests: number; encodings: string[] }
}

/** Counts what crosses the (throttled) wire, per resource type, from CDP's network events. */
async function watchTraffic(cdp: CDPSession): Promise<Traffic> {
  const types = new Map<string, string>()
  const encodings = new Map<string, string>()
  const done: { type: string; bytes: number; encoding: string }[] = []
  cdp.on('Network.responseReceived', (e) => {
    types.set(e.requestId, e.type)
    const headers = Object.fromEntries(
      Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
    )
    encodings.set(e.requestId, headers['content-encoding'] ?? 'identity')
  })
  cdp.on('Network.loadingFinished', (e) => {
    done.push({
      type: types.get(e.requestId) ?? 'Other',
      bytes: e.encodedDataLength,
      encoding: encodings.get(e.requestId) ?? 'identity',
    })
  })
  await cdp.send('Network.enable')
  let seen = 0
  return {
    bytes() {
      const stage = done.slice(seen)
      seen = done.length
      // index.html carries the first screen's scripts inline (config/h5Delivery.ts): the page counts as
      // JavaScript, its few KB of HTML and CSS with it.
      const js = stage.filter((r) => r.type === 'Script' || r.type === 'Document')
      return {
        js: js.reduce((a, r) => a + r.bytes, 0),
        total: stage.reduce((a, r) => a + r.bytes, 0),
        requests: stage.length,
        encodings: [...new Set(js.map((r) => r.encoding))],
      }
    },
  }
}

const LOGIN_PHONE = 'input[placeholder="请输入11位手机号"]'
const LOGIN_PASSWORD = 'input[placeholder="请输入密码"]'
const LOGIN_BUTTON = '.nut-button'
const HOME_ENTRY = '.home-entry'

/**
 * The page's clock (performance.now(): milliseconds since the navigation started) at the first painted frame in
 * which each selector has an element on screen (Taro keeps hidden pages and NutUI inactive tab panes in the DOM,
 * beside or behind the viewport). Checked on every frame, so the figure is within a frame of the truth.
 */
async function onScreenAt(page: Page, selectors: string[], timeout = 60_000): Promise<number> {
  // A string, not a function: tsx (the bench) would wrap inner functions in a helper the page does not have.
  const shown = `${JSON.stringify(selectors)}.every((sel) => [...document.querySelectorAll(sel)].some((el) => {
    const r = el.getBoundingClientRect()
    return r.width > 0 && r.height > 0 && r.right > 1 && r.left < window.innerWidth - 1
  })) ? performance.now() : false`
  const handle = await page.waitForFunction(shown, undefined, { polling: 'raf', timeout })
  return (await handle.jsonValue()) as number
}

/**
 * Opens `url` on a throttled phone with an empty cache, waits for the login form, signs in as `phone` and waits
 * for the home page; returns both stages' figures.
 */
export async function measureFirstScreen(
  browser: Browser,
  url: string,
  phone: string,
  password: string,
): Promise<FirstScreen> {
  const { page, context } = await newPhonePage(browser)
  try {
    const cdp = await context.newCDPSession(page)
    const traffic = await watchTraffic(cdp)
    await cdp.send('Network.emulateNetworkConditions', FAST_3G)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })

    await page.goto(`${url}/`, { waitUntil: 'commit' })
    const loginMs = await onScreenAt(page, [LOGIN_PHONE, LOGIN_PASSWORD, LOGIN_BUTTON])
    const login = traffic.bytes()

    await typeInto(await onScreen(page.locator(LOGIN_PHONE)), phone)
    await typeInto(await onScreen(page.locator(LOGIN_PASSWORD)), password)
    traffic.bytes() // typing fetches nothing; the home stage's count starts at the tap
    const button = await onScreen(page.locator(LOGIN_BUTTON).filter({ hasText: /^\s*登录\s*$/ }))
    // The tap's time on the page's clock, taken as the click reaches the page.
    await page.evaluate(() =>
      document.addEventListener(
        'click',
        () => ((window as unknown as { tappedAt: number }).tappedAt = performance.now()),
        { capture: true, once: true },
      ),
    )
    await button.click()
    await waitForRoute(page, '/pages/index/index', 60_000)
    const homeAt = await onScreenAt(page, [HOME_ENTRY])
    const tappedAt = await page.evaluate(() => (window as unknown as { tappedAt: number }).tappedAt)
    const home = traffic.bytes()
    const figures = (ms: number, t: ReturnType<Traffic['bytes']>): StageFigures => ({
      ms: Math.round(ms),
      jsBytes: t.js,
      totalBytes: t.total,
      requests: t.requests,
      jsEncodings: t.encodings,
    })
    return { login: figures(loginMs, login), home: figures(homeAt - tappedAt, home) }
  } finally {
    await context.close().catch(() => undefined)
  }
}
