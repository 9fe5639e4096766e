import type { ErrandDoc } from '../../cloudfunctions/errand/model'
import type { OnsiteCheckDoc } from '../../cloudfunctions/onsite/model'
import type { DeclarationDoc, QuarantineDoc, ReportDoc } from '../../cloudfunctions/health/model'
import {
  ANONYMISED_NAME,
  DEFAULT_RETENTION,
  NOTHING_RETAINED,
  type RetentionCounts,
} from '../../shared/retention'
import type { DashboardView } from '../../shared/stats'
import { shanghaiDate } from '../../shared/time'
import { TestCloud } from '../helpers/cloud'
import { expectedFigures, loadData } from '../helpers/stats'
import type { ReconcileView } from '../../cloudfunctions/stats/reconcile'
import { A, B, IDS, PLACES, buildWorld, idNumber, insert, type World } from '../helpers/world'

/**
 * The retention timer: what is past the street's policy is anonymised, one audit entry per street and run says how
 * much, what is still needed is left alone, and the dashboard's figures for past days do not move.
 */

const DAY = 86_400_000
let cloud: TestCloud
let world: World
const doc = async <T>(collection: string, id: string): Promise<T> =>
  (await cloud.sdk().database().collection(collection).doc(id).get()).data[0] as T

beforeAll(async () => {
  cloud = await TestCloud.start()
  world = await buildWorld(cloud)
  const db = cloud.sdk().database()
  // qH is released now; qX stays in quarantine.
  await db.collection('quarantines').doc(IDS.qH).update({ status: 'released', releasedAt: world.now })
  for (const [q, place] of [
    [IDS.qH, PLACES.h1],
    [IDS.qX, PLACES.x1],
  ] as const)
    await insert(cloud, 'reports', {
      _id: `${q}-morning`,
      quarantineId: q,
      accountId: 'someone',
      ...place,
      date: world.today,
      slot: 'morning',
      status: 'reported',
      temperature: 37.8,
      symptoms: ['咳嗽'],
      fever: true,
      abnormal: true,
      requestId: null,
      recordedBy: null,
      at: world.now,
    } satisfies ReportDoc)
  // Someone who declared and was never quarantined.
  await insert(cloud, 'declarations', {
    ...(await doc<DeclarationDoc>('declarations', `decl-${IDS.qX}`)),
    _id: 'decl-plain',
    accountId: 'acct-plain',
    idNumber: idNumber(),
    classification: {
      result: 'normal',
      reasons: [],
      flags: { riskArea: false, outOfProvince: false, contact: false, symptoms: false },
    },
    quarantineId: null,
  } as DeclarationDoc)
  // A confirmed errand whose advance is still waiting to be settled.
  await insert(cloud, 'errands', {
    ...(await doc<ErrandDoc>('errands', IDS.errXConfirmed)),
    _id: 'err-unsettled',
  })
  await insert(cloud, 'errand_ledger', {
    ...(await doc<object>('errand_ledger', IDS.ledX)),
    _id: 'err-unsettled',
    errandId: 'err-unsettled',
  })
})
afterAll(() => cloud.stop())

const dashboard = () =>
  cloud.ok<DashboardView>(world.people.streetAdmin.token, 'stats', {
    action: 'dashboard',
    from: shanghaiDate(world.now - DAY),
    to: world.today,
  })
const NOTHING = NOTHING_RETAINED
const run = (days: number) =>
  cloud.timer<Record<string, RetentionCounts>>('retentionScan', new Date(world.now + days * DAY))

it('leaves everything alone while it is within its time, and says so in the audit log', async () => {
  const counts = await run(29)
  expect(counts[A]).toEqual({ ...NOTHING })
  expect((await doc<QuarantineDoc>('quarantines', IDS.qH)).phone).not.toBe('')
})

it('anonymises what is past its time and nothing still needed; the figures stay', async () => {
  const before = await dashboard()
  // The released quarantine's declaration, and every declaration of the street that put nobody in quarantine.
  const { total: unquarantined } = await cloud
    .sdk()
    .database()
    .collection('declarations')
    .where({ streetId: A, quarantineId: null })
    .count()
  const counts = await run(31)
  expect(counts[A]).toEqual({
    quarantines: 1,
    reports: 1,
    revisions: 0,
    declarations: 1 + unquarantined,
    errands: 1,
    // Yesterday's checks of the two enterprises; their positive checks wait for the epidemic team to close the case.
    onsiteChecks: 2,
    onsiteCases: 0,
  })
  // Street B has its 一日两检 check of yesterday, nothing else.
  expect(counts[B]).toEqual({ ...NOTHING, onsiteChecks: 1 })

  const released = await doc<QuarantineDoc>('quarantines', IDS.qH)
  expect(released).toMatchObject({
    name: ANONYMISED_NAME,
    phone: '',
    room: '',
    reasons: [],
    status: 'released',
  })
  expect(await doc<ReportDoc>('reports', `${IDS.qH}-morning`)).toMatchObject({
    temperature: null,
    symptoms: [],
    fever: true,
    status: 'reported',
  })
  const decl = await doc<DeclarationDoc>('declarations', `decl-${IDS.qH}`)
  expect(decl.idNumber).toMatch(/^\d{3}\*+\d{3}[\dX]$/)
  expect((await doc<DeclarationDoc>('declarations', 'decl-plain')).idNumber).toMatch(/\*/)
  expect((await doc<ErrandDoc>('errands', IDS.errXConfirmed)).phone).toBe('')

  // Still needed: the quarantine in force, its reports and declaration; open errands; unsettled money.
  expect(await doc<QuarantineDoc>('quarantines', IDS.qX)).toMatchObject({
    name: '隔离人员',
    status: 'active',
  })
  expect((await doc<ReportDoc>('reports', `${IDS.qX}-morning`)).temperature).toBe(37.8)
  expect((await doc<DeclarationDoc>('declarations', `decl-${IDS.qX}`)).idNumber).not.toMatch(/\*/)
  expect((await doc<ErrandDoc>('errands', IDS.errXOpen)).phone).not.toBe('')
  expect((await doc<ErrandDoc>('errands', 'err-unsettled')).phone).not.toBe('')
  // 一日两检: yesterday's check keeps its result, not the name or temperature; a check whose case is open keeps all.
  const checks = (
    await cloud.sdk().database().collection('onsite_checks').where({ streetId: A }).limit(100).get()
  ).data as OnsiteCheckDoc[]
  const old = checks.filter((c) => c.date === shanghaiDate(world.now - DAY))
  expect(old).toHaveLength(2)
  for (const c of old) expect(c).toMatchObject({ name: ANONYMISED_NAME, temperature: null, status: 'done' })
  const held = checks.filter((c) => c.positive)
  expect(held.length).toBeGreaterThan(0)
  for (const c of held) expect(c).toMatchObject({ name: '停工职工', temperature: 36.5 })

  const after = await dashboard()
  expect(after.figures).toEqual(before.figures)
  // And they are still what the records say: recomputed from the anonymised records, every figure agrees.
  expect(after.figures).toEqual(
    expectedFigures(await loadData(cloud), after.scope, after.from, after.to, after.generatedAt),
  )
  // The stored day (yesterday) agrees with the anonymised records too: reconciling finds nothing to repair.
  const check = await cloud.ok<ReconcileView>(world.people.streetAdmin.token, 'stats', {
    action: 'reconcile',
    from: after.from,
    to: after.to,
  })
  expect(check).toMatchObject({ checked: 1, repaired: [] })

  // A second run finds nothing left to do.
  expect((await run(32))[A]).toEqual(NOTHING)
  const log = await cloud.ok<{ items: { action: string; after: Record<string, unknown> }[] }>(
    world.people.streetAdmin.token,
    'admin',
    { action: 'auditLog' },
  )
  const runs = log.items.filter((e) => e.action === 'retention.run')
  expect(runs).toHaveLength(3)
  expect(runs.map((e) => e.after.quarantines).sort()).toEqual([0, 0, 1])
})

it('follows the policy the street admin sets, which everyone can read', async () => {
  const admin = world.people.streetAdmin.token
  const resident = world.people.resident.token
  expect(await cloud.ok(resident, 'admin', { action: 'getRetention' })).toEqual({ policy: DEFAULT_RETENTION })
  const bad = await cloud.call(admin, 'admin', {
    action: 'setRetention',
    healthDays: 3,
    errandDays: 30,
    idNumberDays: 30,
  })
  expect(bad.body).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  const refused = await cloud.call(resident, 'admin', {
    action: 'setRetention',
    healthDays: 60,
    errandDays: 30,
    idNumberDays: 30,
  })
  expect(refused.body).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' })
  await cloud.ok(admin, 'admin', { action: 'setRetention', healthDays: 60, errandDays: 90, idNumberDays: 90 })
  expect(await cloud.ok(resident, 'admin', { action: 'getRetention' })).toEqual({
    policy: { healthDays: 60, errandDays: 90, idNumberDays: 90 },
  })
  // Released again, now: 31 days on, nothing is due under the new policy.
  await cloud
    .sdk()
    .database()
    .collection('quarantines')
    .doc(IDS.qX)
    .update({ status: 'released', releasedAt: world.now })
  expect((await run(31))[A]).toMatchObject({ quarantines: 0, declarations: 0 })
  expect((await run(61))[A]).toMatchObject({ quarantines: 1 })
})
