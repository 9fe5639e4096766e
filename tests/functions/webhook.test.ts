import { createHmac } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { DailyExport } from '../../shared/stats'
import { shanghaiDate, startOfShanghaiDay } from '../../shared/time'
import { WEBHOOK_HEADERS, pushedDay, type DeliveryView, type WebhookView } from '../../shared/webhook'
import { DEMO, TestCloud } from '../helpers/cloud'

/**
 * 数据推送: at its time of day the timer pushes the day before's export to the street's (or district's) endpoint,
 * signed with HMAC-SHA256; a failure is retried after 1, 5 and 30 minutes, then given up with a notice to the
 * admins; the management page shows every attempt; a day that arrived is never pushed again.
 */

interface Received {
  headers: http.IncomingHttpHeaders
  body: string
}

/** A local receiver answering with the statuses it is given, in turn (then the last one). */
async function receiver(statuses: number[]) {
  const got: Received[] = []
  const server = http.createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (c: string) => (body += c))
    req.on('end', () => {
      got.push({ headers: req.headers, body })
      res.statusCode = statuses[Math.min(got.length - 1, statuses.length - 1)]!
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
  return { got, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

let cloud: TestCloud
let admin: string
let district: string
const today = shanghaiDate(Date.now())
const at = (hh: number, mm: number, ss = 0) =>
  new Date(startOfShanghaiDay(today) + ((hh * 60 + mm) * 60 + ss) * 1000)
const scan = (time: Date) => cloud.timer<Record<string, number>>('webhookScan', time)
/** The trips to the platform one run of the timer makes at `time`. */
const scanTrips = async (time: Date) => (await cloud.countedTimer('webhookScan', time)).trips

beforeAll(async () => {
  cloud = await TestCloud.start()
  admin = await cloud.login(DEMO.admin)
  district = await cloud.login(DEMO.district)
})
afterAll(() => cloud.stop())

it('refuses an address that is not HTTPS, with a clear message', async () => {
  for (const url of [
    'http://example.org/hook',
    'ftp://example.org',
    'not a url',
    'https://u:p@example.org/',
  ]) {
    const r = await cloud.call(admin, 'admin', { action: 'setWebhook', url, time: '08:00', enabled: true })
    expect(r.body).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: expect.stringContaining('https://'),
    })
  }
  const time = await cloud.call(admin, 'admin', {
    action: 'setWebhook',
    url: 'https://example.org/hook',
    time: '24:00',
    enabled: true,
  })
  expect(time.body).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
})

it("pushes the day before's export at its time, signed; retries a failure; never sends a day twice", async () => {
  const hook = await receiver([500, 200])
  try {
    const { webhook } = await cloud.ok<{ webhook: WebhookView }>(admin, 'admin', {
      action: 'setWebhook',
      url: hook.url,
      time: '08:00',
      enabled: true,
    })
    expect(webhook.secret).toMatch(/^whsec_/)

    expect(await scan(at(7, 59))).toMatchObject({ started: 0 })
    expect(hook.got).toHaveLength(0)
    // Two runs at once (an overlap, a slow run): one delivery, one attempt.
    const runs = await Promise.all([scan(at(8, 0)), scan(at(8, 0))])
    expect([runs[0]!.started! + runs[1]!.started!, runs[0]!.retrying! + runs[1]!.retrying!]).toEqual([1, 1])
    expect(hook.got).toHaveLength(1)
    // Not yet: the retry is due a minute after the failure.
    expect(await scan(at(8, 0, 40))).toMatchObject({ started: 0, retrying: 0, delivered: 0 })
    expect(hook.got).toHaveLength(1)
    expect(await scan(at(8, 1))).toMatchObject({ delivered: 1 })
    expect(hook.got).toHaveLength(2)
    // Delivered: later runs send nothing more for the day.
    await scan(at(8, 2))
    await scan(at(12, 0))
    expect(hook.got).toHaveLength(2)
    // A quiet minute after the push: one read of the webhooks not yet queued today (none) and one of the deliveries
    // due (none); no add of the day's delivery for the database to refuse again.
    expect(await scanTrips(at(12, 1))).toBe(2)

    // The signature verifies with the secret over `<timestamp>.<body>`; the body is the day before's export.
    const last = hook.got[1]!
    const timestamp = String(last.headers[WEBHOOK_HEADERS.timestamp.toLowerCase()])
    const expected = createHmac('sha256', webhook.secret).update(`${timestamp}.${last.body}`).digest('hex')
    expect(last.headers[WEBHOOK_HEADERS.signature.toLowerCase()]).toBe(`sha256=${expected}`)
    const wrong = createHmac('sha256', 'whsec_wrong').update(`${timestamp}.${last.body}`).digest('hex')
    expect(wrong).not.toBe(expected)
    const pushed = JSON.parse(last.body) as DailyExport
    const date = pushedDay(today)
    expect(pushed.date).toBe(date)
    const res = await fetch(`${cloud.url}/api/export/daily?date=${date}`, {
      headers: { authorization: `Bearer ${admin}` },
    })
    expect(pushed.streets).toEqual(((await res.json()) as DailyExport).streets)
    expect(last.headers[WEBHOOK_HEADERS.delivery.toLowerCase()]).toBe(`street-demo:${date}`)

    // The management page: the day, delivered, with both attempts.
    const status = await cloud.ok<{ deliveries: DeliveryView[] }>(admin, 'admin', { action: 'webhook' })
    expect(status.deliveries).toHaveLength(1)
    expect(status.deliveries[0]).toMatchObject({ date, status: 'delivered', nextAt: null })
    expect(status.deliveries[0]!.attempts.map((a) => [a.httpStatus, a.error])).toEqual([
      [500, '对方返回 HTTP 500'],
      [200, null],
    ])
  } finally {
    await hook.close()
  }
})

it('gives up after the retries (1, 5, 30 minutes) and tells the admins', async () => {
  const hook = await receiver([503])
  try {
    await cloud.ok(district, 'admin', { action: 'setWebhook', url: hook.url, time: '09:30', enabled: true })
    await scan(at(9, 30))
    await scan(at(9, 31))
    await scan(at(9, 35))
    expect(hook.got).toHaveLength(2)
    await scan(at(9, 36))
    expect(hook.got).toHaveLength(3)
    expect(await scan(at(10, 5))).toMatchObject({ failed: 0 })
    expect(await scan(at(10, 6))).toMatchObject({ failed: 1 })
    expect(hook.got).toHaveLength(4)
    await scan(at(11, 0))
    expect(hook.got).toHaveLength(4)
    // The district's push carries every street.
    expect((JSON.parse(hook.got[0]!.body) as DailyExport).streets.length).toBeGreaterThan(0)

    const { deliveries } = await cloud.ok<{ deliveries: DeliveryView[] }>(district, 'admin', {
      action: 'webhook',
    })
    expect(deliveries[0]).toMatchObject({ status: 'failed', nextAt: null })
    // Each retry 1, 5 and 30 minutes after the attempt before it.
    expect(deliveries[0]!.attempts.map((a) => (a.at - at(9, 30).getTime()) / 60_000)).toEqual([0, 1, 6, 36])
    expect(deliveries[0]!.attempts.every((a) => a.httpStatus === 503)).toBe(true)
    const inbox = await cloud.ok<{ items: { title: string }[] }>(district, 'account', { action: 'inbox' })
    expect(inbox.items.map((i) => i.title)).toContain('数据推送失败')
    // The street's own push and its record are the street's; the district's are the district's.
    const street = await cloud.ok<{ deliveries: DeliveryView[] }>(admin, 'admin', { action: 'webhook' })
    expect(street.deliveries.every((d) => d._id.startsWith('street-demo:'))).toBe(true)
  } finally {
    await hook.close()
  }
})
