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
  it('account.me: the account and the names of its scope (street, community and grid in one aggregation)', async () => {
    expect(await trips(resident, 'account', { action: 'me' })).toBeLessThanOrEqual(2)
    const r = await cloud.counted<{ account: { scopeNames: unknown } }>(butler, 'account', { action: 'me' })
    expect(r.body.ok && r.body.data.account.scopeNames).toEqual({
      street: '东湖街道',
      community: expect.any(String),
      grid: expect.any(String),
    })
    expect(r.trips).toBeLessThanOrEqual(2)
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

  it('errand.claim: the account with the request, then one conditional write; a refused claim, one trip', async () => {
    clock.now = () => at('2026-03-02T10:00:00')
    const { errand } = await cloud.ok<{ errand: { _id: string } }>(resident, 'errand', {
      action: 'create',
      category: 'groceries',
      items: [{ name: '大米', quantity: 1 }],
      budgetFen: 5000,
    })
    // The requester's notice is queued in the claiming write (errand/notices.ts), not sent in the claim.
    expect(await trips(butler, 'errand', { action: 'claim', errandId: errand._id })).toBe(2)
    const again = await cloud.counted<unknown>(butler, 'errand', { action: 'claim', errandId: errand._id })
    expect(again.body).toMatchObject({ ok: false, code: 'ERRAND_TAKEN' })
    expect(again.trips).toBe(1)
    const missing = await cloud.counted<unknown>(butler, 'errand', {
      action: 'claim',
      errandId: 'no-such-errand',
    })
    expect(missing.body).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(missing.trips).toBe(1)
  })

  it('errand.claim won, with an authorisation on record: two trips; the notice and its message follow with noticeScan', async () => {
    clock.now = () => at('2026-03-02T10:30:00')
    // The resident's 「允许」 as account.subscribed records it in the mini-program (this caller is a web one).
    const { account } = await cloud.ok<{ account: { _id: string } }>(resident, 'account', { action: 'me' })
    await cloud
      .sdk()
      .database()
      .collection('subscriptions')
      .add({
        _id: `${account._id}:errandStatus`,
        accountId: account._id,
        kind: 'errandStatus',
        openid: 'o_trips_resident',
        remaining: 1,
        updatedAt: clock.now(),
      })
    const { errand } = await cloud.ok<{ errand: { _id: string } }>(resident, 'errand', {
      action: 'create',
      category: 'medicine',
      items: [{ name: '感冒药', quantity: 1 }],
      budgetFen: 3000,
    })
    expect(await trips(butler, 'errand', { action: 'claim', errandId: errand._id })).toBe(2)
    const { delivered } = await cloud.timer<{ delivered: number }>(
      'noticeScan',
      new Date(clock.now() + 60_000),
    )
    expect(delivered).toBeGreaterThanOrEqual(1)
    // The scan took the authorisation and sent; this WeChat refuses the made-up openid
    // (tests/functions/subscribe.test.ts sends for real), so the authorisation is given back.
    const [sub] = (
      await cloud
        .sdk()
        .database()
        .collection('subscriptions')
        .where({ _id: `${account._id}:errandStatus` })
        .get()
    ).data
    expect(sub).toMatchObject({ remaining: 1 })
  })

  it('health.myStatus: the account, then the quarantine with its reports, declaration and grid staff in one aggregation', async () => {
    const r = await cloud.counted<{ quarantine: unknown; contacts: unknown[]; declaration: unknown }>(
      resident,
      'health',
      { action: 'myStatus' },
    )
    expect(r.body.ok && r.body.data.quarantine && r.body.data.declaration).toBeTruthy()
    expect(r.body.ok && r.body.data.contacts.length).toBe(2)
    expect(r.trips).toBeLessThanOrEqual(2)
    // Never in quarantine (a new account records none): the account and the declaration.
    const newcomer = await cloud.newUser('13944440009', 'resident', '新居民')
    expect(await trips(newcomer, 'health', { action: 'myStatus' })).toBeLessThanOrEqual(2)
  })
})

describe('the account carries its open quarantine, in step with the quarantine', () => {
  async function declared(phone: string, n: number): Promise<{ token: string; quarantineId: string }> {
    clock.now = () => at('2026-03-02T07:30:00')
    const token = await cloud.newUser(phone, 'employee', `隔离人员${n}`)
    const r = await cloud.ok<{ quarantine: { _id: string } }>(
      token,
      'health',
      quarantineDeclaration({
        name: `隔离人员${n}`,
        phone,
        n,
        communityId: 'community-xingfu',
        gridId: 'grid-xingfu-1',
      }),
    )
    return { token, quarantineId: r.quarantine._id }
  }
  /** The account's copy and the quarantine itself, as stored. */
  async function stored(token: string, quarantineId: string) {
    const { account } = await cloud.ok<{ account: { _id: string } }>(token, 'account', { action: 'me' })
    const db = cloud.sdk().database()
    const [{ data: accounts }, { data: quarantines }] = await Promise.all([
      db.collection('accounts').doc(account._id).get(),
      db.collection('quarantines').doc(quarantineId).get(),
    ])
    return {
      copy: (accounts[0] as { quarantine?: { _id: string; endDate: string } | null }).quarantine,
      q: quarantines[0] as { status: string; endDate: string },
    }
  }

  it('declare opens it, extend moves its end, release takes it off: then a report is refused', async () => {
    const { token, quarantineId } = await declared('13944440002', 2)
    expect((await stored(token, quarantineId)).copy).toMatchObject({
      _id: quarantineId,
      endDate: '2026-03-15',
    })
    const [gridWorker, epidemic] = await Promise.all([
      cloud.login(DEMO.gridWorker),
      cloud.login(DEMO.epidemic),
    ])
    await cloud.ok(gridWorker, 'health', {
      action: 'extend',
      quarantineId,
      days: 7,
      reason: '同住人出现症状',
    })
    expect((await stored(token, quarantineId)).copy).toMatchObject({
      _id: quarantineId,
      endDate: '2026-03-22',
    })
    await cloud.ok(epidemic, 'health', { action: 'release', quarantineId, reason: '核酸两次阴性' })
    expect((await stored(token, quarantineId)).copy).toBeNull()
    clock.now = () => at('2026-03-03T09:00:00')
    const r = await cloud.call(token, 'health', {
      action: 'report',
      temperature: 36.5,
      symptoms: [],
      requestId: 'after-release',
    })
    expect(r.body).toMatchObject({ ok: false, code: 'NOT_IN_QUARANTINE' })
  })

  it('the expiry scan: released, the account carries none; awaiting a decision, it still carries it', async () => {
    const { token, quarantineId } = await declared('13944440003', 3)
    clock.now = () => at('2026-03-16T00:00:05')
    await cloud.timer('healthScan', new Date(at('2026-03-16T00:00:00')))
    const { copy, q } = await stored(token, quarantineId)
    expect(q.status).not.toBe('active')
    expect(copy).toEqual(q.status === 'released' ? null : expect.objectContaining({ _id: quarantineId }))
  })

  it('an account from before the field is looked up once and recorded', async () => {
    const { token, quarantineId } = await declared('13944440004', 4)
    const { account } = await cloud.ok<{ account: { _id: string } }>(token, 'account', { action: 'me' })
    const db = cloud.sdk().database()
    await db.collection('accounts').doc(account._id).update({ quarantine: db.command.remove() })
    clock.now = () => at('2026-03-02T09:00:00')
    const reading = { action: 'report', temperature: 36.5, symptoms: [] }
    const first = await cloud.counted(token, 'health', { ...reading, requestId: 'old-account-1' })
    expect(first.body.ok).toBe(true)
    expect((await stored(token, quarantineId)).copy).toMatchObject({ _id: quarantineId })
    clock.now = () => at('2026-03-02T15:00:00')
    const second = await cloud.counted(token, 'health', { ...reading, requestId: 'old-account-2' })
    expect(second.trips).toBeLessThan(first.trips)
  })
})
