/**
 * The first screen on a slow phone (Fast 3G, CPU four times slower, empty cache): the login page, then home after
 * signing in. The bytes are exact and held to the target; the time is bounded generously (the machine running the
 * tests is busy with other tests) — `npm run bench` reports it exactly.
 */
import { DEMO_PASSWORD } from '../../emulator/seed'
import { e2eSession } from './demo'
import { measureFirstScreen } from './firstScreen'

const e2e = e2eSession('e2e-first-screen')

/** The target is 350 KB of JavaScript for the first screen, compressed, as sent. */
const JS_BUDGET = 350 * 1024
/** Generous: the target is 3 s, on a quiet machine (the bench). Before the delivery work this was 9–13 s. */
const SLOW_PHONE_BOUND_MS = 8_000

test('a signed-out phone gets a usable login page, then home, from a few compressed files', async () => {
  const r = await measureFirstScreen(e2e.browser, e2e.cloud.url, '13800000061', DEMO_PASSWORD)
  e2e.mark(`first screen ${JSON.stringify(r)}`)

  // Every script came compressed, within budget, in a handful of requests.
  expect(r.login.jsEncodings).toEqual(['br'])
  expect(r.login.jsBytes).toBeGreaterThan(0)
  expect(r.login.jsBytes).toBeLessThanOrEqual(JS_BUDGET)
  expect(r.login.requests).toBeLessThanOrEqual(12)
  // Home's code came with the first screen: signing in fetches no more JavaScript.
  expect(r.home.jsBytes).toBe(0)

  expect(r.login.ms).toBeLessThanOrEqual(SLOW_PHONE_BOUND_MS)
  expect(r.home.ms).toBeLessThanOrEqual(SLOW_PHONE_BOUND_MS)
})
