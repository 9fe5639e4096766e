import { readFileSync } from 'node:fs'
import { exportSchema, EXPORT_SCHEMA_FILE } from '../../scripts/export-schema'
import { FIGURE_KEYS, type DailyExport, type DashboardView } from '../../shared/stats'
import { shanghaiDate } from '../../shared/time'
import { DEMO, TestCloud } from '../helpers/cloud'

/**
 * GET /api/export/daily: the day's figures per street, with a staff member's sign-in or an API key from the
 * management page, in the documented schema, and the very numbers the dashboard shows for that day.
 */

let cloud: TestCloud
let admin: string
beforeAll(async () => {
  cloud = await TestCloud.start()
  admin = await cloud.login(DEMO.admin)
})
afterAll(() => cloud.stop())

const DAY = 86_400_000

async function get(query: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${cloud.url}/api/export/daily?${query}`, { headers })
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() }
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

describe('the daily export', () => {
  it("equals the dashboard's figures for the same day and street, today and on earlier days", async () => {
    const today = shanghaiDate(Date.now())
    for (const date of [today, shanghaiDate(Date.now() - DAY), shanghaiDate(Date.now() - 3 * DAY)]) {
      const r = await get(`date=${date}`, bearer(admin))
      expect(r.status).toBe(200)
      const body = JSON.parse(r.text) as DailyExport
      const dash = await cloud.ok<DashboardView>(admin, 'stats', {
        action: 'dashboard',
        from: date,
        to: date,
      })
      expect(body).toMatchObject({ schema: 'reopen.daily/1', date })
      expect(body.streets).toEqual([
        { streetId: 'street-demo', streetName: dash.scopeNames.street, figures: dash.figures },
      ])
    }
  })

  it('answers in the documented schema, and the document is written from the figure table', async () => {
    const schema = JSON.parse(readFileSync(EXPORT_SCHEMA_FILE, 'utf8')) as ReturnType<typeof exportSchema>
    expect(schema).toEqual(exportSchema())
    const body = JSON.parse(
      (await get(`date=${shanghaiDate(Date.now())}`, bearer(admin))).text,
    ) as DailyExport
    const s = schema as {
      required: string[]
      properties: {
        streets: { items: { required: string[]; properties: { figures: { required: string[] } } } }
      }
    }
    expect(Object.keys(body).sort()).toEqual([...s.required].sort())
    const item = s.properties.streets.items
    for (const street of body.streets) {
      expect(Object.keys(street).sort()).toEqual([...item.required].sort())
      expect(Object.keys(street.figures).sort()).toEqual([...item.properties.figures.required].sort())
      for (const v of Object.values(street.figures)) expect(v === null || typeof v === 'number').toBe(true)
    }
  })

  it('as CSV: a header and one row per street, the same numbers', async () => {
    const date = shanghaiDate(Date.now())
    const json = JSON.parse((await get(`date=${date}`, bearer(admin))).text) as DailyExport
    const r = await get(`date=${date}&format=csv`, bearer(admin))
    expect(r.status).toBe(200)
    expect(r.type).toMatch(/text\/csv/)
    const lines = r.text.trimEnd().split('\r\n')
    expect(lines).toHaveLength(1 + json.streets.length)
    expect(lines[0]).toBe(['date', 'streetId', 'streetName', ...FIGURE_KEYS].join(','))
    const row = lines[1]!.split(',')
    expect(row.slice(0, 3)).toEqual([date, 'street-demo', json.streets[0]!.streetName])
    expect(row.slice(3)).toEqual(FIGURE_KEYS.map((k) => String(json.streets[0]!.figures[k] ?? '')))
  })

  it('refuses without a sign-in, to people who are not street staff, and a bad date or format', async () => {
    const date = shanghaiDate(Date.now())
    expect((await get(`date=${date}`)).status).toBe(401)
    const resident = await cloud.login(DEMO.resident)
    const r = await get(`date=${date}`, bearer(resident))
    expect([r.status, JSON.parse(r.text).code]).toEqual([403, 'FORBIDDEN_ROLE'])
    const grid = await get(`date=${date}`, bearer(await cloud.login(DEMO.gridWorker)))
    expect(grid.status).toBe(403)
    const bad = await get('date=2024-02-30', bearer(admin))
    expect([bad.status, JSON.parse(bad.text).code]).toEqual([400, 'INVALID_INPUT'])
    expect((await get(`date=${date}&format=xml`, bearer(admin))).status).toBe(400)
  })

  it('with an API key: its street only, every use audited, refused once revoked', async () => {
    const date = shanghaiDate(Date.now())
    const { key, secret } = await cloud.ok<{ key: { _id: string; hint: string }; secret: string }>(
      admin,
      'admin',
      { action: 'createApiKey', label: '区防控指挥部' },
    )
    expect(secret.endsWith(key.hint)).toBe(true)
    const byKey = await get(`date=${date}`, { 'x-api-key': secret })
    expect(byKey.status).toBe(200)
    const byToken = JSON.parse((await get(`date=${date}`, bearer(admin))).text) as DailyExport
    expect((JSON.parse(byKey.text) as DailyExport).streets).toEqual(byToken.streets)
    expect((await get(`date=${date}&format=csv`, bearer(secret))).status).toBe(200)

    const { items } = await cloud.ok<{ items: { _id: string; uses: number; lastUsedAt: number | null }[] }>(
      admin,
      'admin',
      { action: 'apiKeys' },
    )
    expect(items.find((k) => k._id === key._id)).toMatchObject({ uses: 2 })
    // Once used, only the key's hash is kept.
    const { data } = await cloud.sdk().database().collection('api_keys').doc(key._id).get()
    expect(Object.keys(data[0] as object)).not.toContain('unusedSecret')
    const log = await cloud.ok<{ items: { action: string; actorName: string; target: string }[] }>(
      admin,
      'admin',
      {
        action: 'auditLog',
      },
    )
    expect(log.items.filter((e) => e.action === 'export.daily' && e.target === `date:${date}`)).toHaveLength(
      2,
    )

    await cloud.ok(admin, 'admin', { action: 'revokeApiKey', id: key._id })
    const revoked = await get(`date=${date}`, { 'x-api-key': secret })
    expect([revoked.status, JSON.parse(revoked.text).code]).toEqual([401, 'UNAUTHENTICATED'])
    expect((await get(`date=${date}`, { 'x-api-key': 'rk_made-up' })).status).toBe(401)
  })
})
