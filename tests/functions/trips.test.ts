import { clock } from '../../cloudfunctions/_lib/clock'
import { DEMO, TestCloud } from '../helpers/cloud'
import { quarantineDeclaration } from '../helpers/fixtures'

/**
 * Trips to the platform per hot action, as the local cloud counts them per invocation (every request node-sdk
 * makes while the function answers). On CloudBase each trip costs money and milliseconds: the actions every
 * quarantined resident and butler make many times a day take at most two.
 */
let cloud: TestCloud
let butler: string
let resident: string

const at = (t: string) => Date.parse(`${t}+08:00`)
beforeAll(async () => {
  cloud = await TestCloud.start({ reportTrips: true })
  butler = await cloud.login(DEMO.butler)
  clock.now = () => at('2026-03-02T07:30:00')
  resident = await cloud.newUser('13944440001', 'employee', '隔离人员')
  await cloud.ok(
    resident,
    'health',
    quarantineDeclaration({
      name: '隔离人员',
      phone: '13944440001',
      n: 1,
      communityId: 'community-xingfu',
      gridId: 'grid-xingfu-1',
    }),
  )
})
afterAll(async () => {
  clock.now = () => Date.now()
  await cloud.stop()
})

async function trips(token: string, fn: string, event: Record<string, unknown>): Promise<number> {
  const r = await cloud.counted(token, fn, event)
  if (!r.body.ok) throw new Error(`${fn}.${String(event.action)}: ${r.body.code} ${r.body.message}`)
  return r.trips
}

it('counts each request an invocation makes, and only its own', async () => {
  // Concurrent invocations do not lend each other trips: the same call answers with the same count.
  const counts = await Promise.all(
    Array.from({ length: 8 }, () => trips(resident, 'account', { action: 'me' })),
  )
  expect(new Set(counts).size).toBe(1)
  expect(counts[0]).toBeGreaterThan(0)
})

describe('hot actions', () => {
  it('account.me: the account and the names of its scope', async () => {
    expect(await trips(resident, 'account', { action: 'me' })).toBeLessThanOrEqual(2)
  })

  it('health.report: the account (which carries the open quarantine) and one write', async () => {
    clock.now = () => at('2026-03-02T09:00:00')
    const report = { action: 'report', temperature: 36.5, symptoms: [], requestId: 'trips-morning' }
    expect(await trips(resident, 'health', report)).toBeLessThanOrEqual(2)
    // A retry of the same submission reads the stored report to answer with it: one more.
    expect(await trips(resident, 'health', report)).toBeLessThanOrEqual(3)
  })

  it('a change of the rules is in force at once in the instance that made it (rules are cached per instance)', async () => {
    const admin = await cloud.login(DEMO.admin)
    const { rules } = await cloud.ok<{ rules: Record<string, unknown> }>(admin, 'health', {
      action: 'getRules',
    })
    const { version: _v, ...current } = rules
    await cloud.ok(admin, 'health', {
      action: 'setRules',
      ...current,
      effectiveFrom: '2026-03-01',
      feverThreshold: 37.4,
    })
    clock.now = () => at('2026-03-02T15:00:00')
    // The new threshold is in force at once: 37.4 is a fever now (and a fever alerts the staff: more trips).
    const r = await cloud.counted<{ report: { fever: boolean } }>(resident, 'health', {
      action: 'report',
      temperature: 37.4,
      symptoms: [],
      requestId: 'trips-afternoon',
    })
    expect(r.body.ok && r.body.data.report.fever).toBe(true)
  })

  it('errand.claim: one conditional write; the refused claim reads the request once', async () => {
    clock.now = () => at('2026-03-02T10:00:00')
    const { errand } = await cloud.ok<{ errand: { _id: string } }>(resident, 'errand', {
      action: 'create',
      category: 'groceries',
      items: [{ name: '大米', quantity: 1 }],
      budgetFen: 5000,
    })
    // Account, request, the claim, and the notice to the requester (inbox, subscribe authorisation).
    expect(await trips(butler, 'errand', { action: 'claim', errandId: errand._id })).toBeLessThanOrEqual(5)
    const again = await cloud.counted(butler, 'errand', { action: 'claim', errandId: errand._id })
    expect(again.body.ok).toBe(false)
    expect(again.trips).toBeLessThanOrEqual(2)
  })

  it('health.myStatus', async () => {
    expect(await trips(resident, 'health', { action: 'myStatus' })).toBeLessThanOrEqual(5)
  })
})
