import { clock } from '../../cloudfunctions/_lib/clock'
import { buildScenario, type ScenarioSummary } from '../../scripts/scenario'
import { creditCodeCheckChar, idNumberCheckChar } from '../../shared/checksums'
import {
  FIGURES,
  FIGURE_KEYS,
  TREND_APPLICATION_STATES,
  type DashboardView,
  type FigureKey,
  type FigureListView,
  type TrendView,
} from '../../shared/stats'
import type { StatsDayDoc } from '../../cloudfunctions/stats/days'
import type { ReconcileView } from '../../cloudfunctions/stats/reconcile'
import { DEMO, TestCloud } from '../helpers/cloud'
import {
  DEMO_GRIDS,
  at,
  expectedFigures,
  loadData,
  newStreetUser,
  seedOtherStreet,
  type Data,
} from '../helpers/stats'
import { DEMO_FACTORY, seedOnsiteDemo } from '../../emulator/seedOnsite'

/**
 * The dashboard against a street built from a fixed scenario: a representative part made through the real
 * functions (owners, reviewers, employees, reports and scans, an errand delivered, a difficulty answered), the
 * bulk written through the SDK in the shapes the functions write (scripts/scenario.ts). Every figure is then
 * checked against counts worked out here from all the documents, for the street, a community and a grid, and
 * over several periods; each figure's list must hold the records the figure counts.
 */

const NOW = at('2026-03-20T15:00:00')
const TODAY = '2026-03-20'
const WEEK = { from: '2026-03-14', to: TODAY }
const RANGE = { from: '2026-03-07', to: TODAY }

let cloud: TestCloud
let admin: string
let economy: string
let epidemic: string
let gridWorker: string
let butler: string
let communityAdmin: string
let otherAdmin: string
let bulk: ScenarioSummary
let data: Data

let seq = 0
const phone = () => `136${String(++seq).padStart(8, '0')}`
const creditCode = () => {
  for (;;) {
    const first = `91330106MA2${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`
    const check = creditCodeCheckChar(first)
    if (check) return first + check
  }
}
const idNumber = () => {
  const first = `33010619850101${String(++seq).padStart(3, '0')}`
  return first + idNumberCheckChar(first)
}

const newUser = (p: string, role: 'owner' | 'employee' | 'resident', name: string) =>
  newStreetUser(cloud, p, role, name)
const dashboard = (token: string, extra: Record<string, unknown> = {}) =>
  cloud.ok<DashboardView>(token, 'stats', { action: 'dashboard', ...extra })

/** Enterprises and applications the way owners and reviewers make them. */
async function liveApplications(): Promise<void> {
  const reviewers = await Promise.all([DEMO.economy, DEMO.safety, DEMO.epidemic].map((p) => cloud.login(p)))
  const outcomes = ['reopen', 'reopen', 'return', 'reject', 'revoke'] as const
  for (const [i, outcome] of outcomes.entries()) {
    clock.now = () => at('2026-03-17T09:00:00')
    const owner = await newUser(phone(), 'owner', `企业主${i}`)
    const grid = DEMO_GRIDS[i % DEMO_GRIDS.length]!
    const { enterprise } = await cloud.ok<{ enterprise: { _id: string } }>(owner, 'application', {
      action: 'registerEnterprise',
      name: `真实流程企业${i}`,
      creditCode: creditCode(),
      kind: (['large', 'small', 'shop'] as const)[i % 3],
      industry: '制造业',
      address: `东湖路${100 + i}号`,
      communityId: grid.communityId,
      gridId: grid._id,
      legalRepresentative: '孙丽',
      contactName: '孙丽',
      contactPhone: '13800000041',
    })
    const { application } = await cloud.ok<{ application: { _id: string } }>(owner, 'application', {
      action: 'saveDraft',
      enterpriseId: enterprise._id,
      form: {
        plannedDate: '2026-03-18',
        staffTotal: 20 + i,
        staffOnSite: 10 + i,
        staffFromOutside: 2,
        staffFromRiskAreas: 1,
        supplies: { masks: 500 + i, disinfectantLitres: 30, thermometers: 4 },
        measures: ['entranceTemperature'],
        emergencyPlan: { text: '发现发热人员立即隔离并报告社区。' },
        disinfectionPlan: { text: '每日早晚各消毒一次。' },
        safetyOfficer: { name: '孙丽', phone: '13800000041' },
      },
    })
    await cloud.ok(owner, 'application', { action: 'submit', applicationId: application._id })
    clock.now = () => at('2026-03-17T11:00:00')
    for (const [k, reviewer] of reviewers.entries()) {
      // Economy and safety approve; the epidemic team has the last word.
      const last = k === 2 && (outcome === 'return' || outcome === 'reject')
      await cloud.ok(reviewer, 'application', {
        action: 'review',
        applicationId: application._id,
        round: 1,
        decision: last ? outcome : 'approve',
        ...(last ? { comment: '请补充应急预案' } : {}),
      })
    }
    if (outcome === 'reopen' || outcome === 'revoke') {
      clock.now = () => at('2026-03-18T10:00:00')
      await cloud.ok(owner, 'application', {
        action: 'commit',
        applicationId: application._id,
        party: 'enterprise',
        signerName: '孙丽',
        agreed: true,
      })
      await cloud.ok(owner, 'application', {
        action: 'commit',
        applicationId: application._id,
        party: 'person',
        signerName: '孙丽',
        agreed: true,
      })
      await cloud.ok(admin, 'application', {
        action: 'commit',
        applicationId: application._id,
        party: 'community',
        signerName: '张伟',
        agreed: true,
      })
    }
    if (outcome === 'revoke') {
      clock.now = () => at('2026-03-19T10:00:00')
      await cloud.ok(admin, 'application', {
        action: 'revokePlate',
        applicationId: application._id,
        reason: '回头看发现未落实体温检测',
      })
    }
    if (i === 0) {
      clock.now = () => at('2026-03-19T09:00:00')
      const { difficulty } = await cloud.ok<{ difficulty: { _id: string } }>(owner, 'application', {
        action: 'reportDifficulty',
        enterpriseId: enterprise._id,
        kind: 'supplies',
        text: '口罩库存只够三天，请帮助联系供应渠道',
      })
      clock.now = () => at('2026-03-20T09:00:00')
      await cloud.ok(admin, 'application', {
        action: 'answerDifficulty',
        difficultyId: difficulty._id,
        answer: '已联系街道物资组配送',
      })
    }
  }
}

/** Declarations, quarantines, reports, scans, an extension, a release and an errand, through the functions. */
async function liveHealth(): Promise<void> {
  clock.now = () => at('2026-03-18T08:00:00')
  const people: { token: string; quarantineId?: string }[] = []
  for (let i = 0; i < 6; i++) {
    const p = phone()
    const key = i < 4
    const token = await newUser(p, i % 2 ? 'resident' : 'employee', `申报人${i}`)
    const r = await cloud.ok<{ quarantine: { _id: string } | null }>(token, 'health', {
      action: 'declare',
      name: `申报人${i}`,
      idNumber: idNumber(),
      phone: p,
      communityId: 'community-xingfu',
      gridId: 'grid-xingfu-1',
      building: '5',
      room: `${301 + i}`,
      fromProvince: key ? '湖北省' : i === 4 ? '江苏省' : '浙江省',
      fromCity: key ? '武汉市' : i === 4 ? '南京市' : '杭州市',
      arrivalDate: '2026-03-17',
      placesStayed: [],
      contactWithCases: false,
      symptoms: [],
    })
    expect(Boolean(r.quarantine)).toBe(key)
    people.push({ token, quarantineId: r.quarantine?._id })
  }
  const report = async (token: string, t: string, temperature: number) => {
    clock.now = () => at(t)
    await cloud.ok(token, 'health', {
      action: 'report',
      temperature,
      symptoms: [],
      requestId: `r-${Math.random().toString(36).slice(2)}`,
    })
  }
  await report(people[0]!.token, '2026-03-18T09:00:00', 36.5)
  await report(people[1]!.token, '2026-03-18T09:30:00', 36.6)
  await report(people[0]!.token, '2026-03-18T14:00:00', 38.1)
  await cloud.timer('healthScan', new Date(at('2026-03-18T12:00:00')))
  await cloud.timer('healthScan', new Date(at('2026-03-18T20:00:00')))
  await report(people[0]!.token, '2026-03-19T08:00:00', 37.6)
  await report(people[2]!.token, '2026-03-19T08:10:00', 36.4)
  await cloud.timer('healthScan', new Date(at('2026-03-19T12:00:00')))

  clock.now = () => at('2026-03-19T10:00:00')
  await cloud.ok(epidemic, 'health', {
    action: 'extend',
    quarantineId: people[0]!.quarantineId,
    days: 7,
    reason: '连续两次发热',
  })
  clock.now = () => at('2026-03-19T11:00:00')
  await cloud.ok(gridWorker, 'health', {
    action: 'release',
    quarantineId: people[3]!.quarantineId,
    reason: '核酸检测阴性，经研判解除',
  })

  // One errand the whole way, by the demo butler of grid-xingfu-1.
  clock.now = () => at('2026-03-19T09:00:00')
  const requester = people[1]!.token
  const { errand } = await cloud.ok<{ errand: { _id: string; handoffCode: string | null } }>(
    requester,
    'errand',
    {
      action: 'create',
      category: 'groceries',
      items: [{ name: '大米', quantity: 1, unit: '袋' }],
      budgetFen: 10000,
      // Paid at the door: handed over, not left outside.
      contactless: false,
    },
  )
  const step = async (t: string, action: string, extra: Record<string, unknown> = {}) => {
    clock.now = () => at(t)
    return cloud.ok<{ errand: { handoffCode?: string | null } }>(butler, 'errand', {
      action,
      errandId: errand._id,
      ...extra,
    })
  }
  await step('2026-03-19T09:20:00', 'claim')
  await step('2026-03-19T09:30:00', 'advance', { to: 'purchasing' })
  await step('2026-03-19T10:00:00', 'advance', {
    to: 'delivering',
    spentFen: 8800,
    receiptFileId: 'cloud://receipts/r.jpg',
  })
  await step('2026-03-19T10:40:00', 'advance', {
    to: 'delivered',
    dropOffFileId: 'cloud://dropoff/d.jpg',
    settlement: 'paid_by_resident',
  })
  clock.now = () => at('2026-03-19T10:45:00')
  const mine = await cloud.ok<{ errand: { handoffCode: string } }>(requester, 'errand', {
    action: 'get',
    errandId: errand._id,
  })
  await cloud.ok(requester, 'errand', {
    action: 'confirm',
    errandId: errand._id,
    code: mine.errand.handoffCode,
  })
  // A second one, asked and left open.
  clock.now = () => at('2026-03-20T10:00:00')
  await cloud.ok(people[2]!.token, 'errand', {
    action: 'create',
    category: 'medicine',
    items: [{ name: '布洛芬', quantity: 1, unit: '盒' }],
    budgetFen: 3000,
    urgent: true,
  })
}

/**
 * 企业一日两检: the demo factory (emulator/seedOnsite.ts: four on site, this morning's checks, one positive), the
 * noon scan marking the one who did not check, and a fever the officer records in the afternoon.
 */
async function liveOnsite(): Promise<void> {
  await seedOnsiteDemo(at('2026-03-20T11:00:00'))
  await cloud.timer('onsiteScan', new Date(at('2026-03-20T12:00:00')))
  clock.now = () => at('2026-03-20T14:30:00')
  const officer = await cloud.login(DEMO.employee)
  const r = await cloud.ok<{ stopped: boolean }>(officer, 'onsite', {
    action: 'record',
    enterpriseId: DEMO_FACTORY,
    accountId: 'demo-worker-1',
    temperature: 37.6,
    antigen: 'negative',
    pcrSampled: true,
  })
  expect(r.stopped).toBe(true)
}

beforeAll(async () => {
  const started = Date.now()
  cloud = await TestCloud.start()
  ;[admin, economy, epidemic, gridWorker, butler] = await Promise.all(
    [DEMO.admin, DEMO.economy, DEMO.epidemic, DEMO.gridWorker, DEMO.butler].map((p) => cloud.login(p)),
  )
  ;({ adminToken: otherAdmin } = await seedOtherStreet(cloud))

  // A community-level admin, made the real way: an invitation at community level, redeemed.
  const { invite } = await cloud.ok<{ invite: { code: string } }>(admin, 'account', {
    action: 'createInvite',
    role: 'admin',
    scope: { streetId: 'street-demo', communityId: 'community-heping' },
  })
  communityAdmin = await newUser(phone(), 'resident', '和平社区干部')
  await cloud.ok(communityAdmin, 'account', { action: 'redeemInvite', code: invite.code })

  await liveApplications()
  await liveHealth()
  await liveOnsite()

  const db = cloud.sdk().database()
  bulk = await buildScenario(db, {
    streetId: 'street-demo',
    grids: DEMO_GRIDS,
    now: NOW,
    days: 16,
    enterprises: 300,
    people: 2600,
    errands: 300,
    difficulties: 60,
    staff: {
      'grid-xingfu-1': {
        butlerId: 'account-demo-butler',
        butlerName: '赵磊',
        gridWorkerId: 'account-demo-grid-worker',
      },
    },
  })
  // Records of another street, which no query of this street may ever count.
  await buildScenario(db, {
    streetId: 'street-other',
    grids: [{ _id: 'grid-other', communityId: 'community-other' }],
    now: NOW,
    days: 10,
    enterprises: 20,
    people: 200,
    errands: 20,
    difficulties: 5,
    seed: 7,
  })
  clock.now = () => NOW
  data = await loadData(cloud)
  console.log(`stats scenario built in ${Date.now() - started} ms`, bulk)
}, 120_000)
afterAll(async () => {
  clock.now = () => Date.now()
  await cloud.stop()
})
beforeEach(() => {
  clock.now = () => NOW
})

describe('the scenario', () => {
  it('is the size the issue describes', () => {
    expect(bulk.enterprises).toBe(300)
    expect(bulk.declarations).toBeGreaterThan(2500)
    expect(bulk.quarantines).toBeGreaterThan(200)
    expect(bulk.reports).toBeGreaterThan(3000)
    expect(bulk.errands).toBe(300)
    const demo = data.reports.filter((r) => r.streetId === 'street-demo')
    expect(demo.filter((r) => r.status === 'missed').length).toBeGreaterThan(50)
    expect(demo.filter((r) => r.fever).length).toBeGreaterThan(20)
  })
})

describe('stats.dashboard', () => {
  const cases: [string, () => string, { streetId: string; communityId?: string; gridId?: string }][] = [
    ['street admin, the street', () => admin, { streetId: 'street-demo' }],
    ['reviewer, the street', () => economy, { streetId: 'street-demo' }],
    [
      'community admin, their community',
      () => communityAdmin,
      { streetId: 'street-demo', communityId: 'community-heping' },
    ],
    [
      'grid worker, their grid',
      () => gridWorker,
      { streetId: 'street-demo', communityId: 'community-xingfu', gridId: 'grid-xingfu-1' },
    ],
    ['the other street admin, their street', () => otherAdmin, { streetId: 'street-other' }],
  ]
  it.each(cases)(
    '%s: every figure today and over two weeks equals the independent count',
    async (_l, token, scope) => {
      for (const period of [{ from: TODAY, to: TODAY }, RANGE]) {
        const d = await dashboard(token(), period)
        expect(d.scope).toEqual(scope)
        expect(d.today).toBe(TODAY)
        expect(d.figures).toEqual(expectedFigures(data, scope, period.from, period.to, NOW))
      }
    },
  )

  it('an admin may look at any community or grid of the street, and the parts add up to the whole', async () => {
    const street = await dashboard(admin, WEEK)
    const parts = await Promise.all(
      DEMO_GRIDS.map((g) => dashboard(admin, { ...WEEK, scope: { streetId: 'street-demo', gridId: g._id } })),
    )
    for (const [i, g] of DEMO_GRIDS.entries()) {
      expect(parts[i]!.scope).toEqual({ streetId: 'street-demo', communityId: g.communityId, gridId: g._id })
      expect(parts[i]!.figures).toEqual(expectedFigures(data, parts[i]!.scope, WEEK.from, WEEK.to, NOW))
    }
    const community = await dashboard(admin, {
      ...WEEK,
      scope: { streetId: 'street-demo', communityId: 'community-xingfu' },
    })
    expect(community.scopeNames).toMatchObject({ street: '东湖街道', community: '幸福里社区' })
    for (const key of FIGURE_KEYS) {
      if (FIGURES[key].measure === 'average' || key.startsWith('keyPersons') || key === 'staff.declared')
        continue
      // Counts of records (not of distinct people, who may declare in two grids) add up over the grids.
      expect([key, parts.reduce((n, p) => n + (p.figures[key] ?? 0), 0)]).toEqual([key, street.figures[key]])
    }
  })

  it('defaults to today; a live record moves the figures', async () => {
    const before = await dashboard(admin)
    expect([before.from, before.to]).toEqual([TODAY, TODAY])
    const token = await newUser(phone(), 'owner', '新登记企业主')
    await cloud.ok(token, 'application', {
      action: 'registerEnterprise',
      name: '今日新登记门店',
      creditCode: creditCode(),
      kind: 'shop',
      industry: '餐饮',
      address: '和平路88号',
      communityId: 'community-heping',
      gridId: 'grid-heping-2',
      legalRepresentative: '钱多',
      contactName: '钱多',
      contactPhone: '13800000041',
    })
    const after = await dashboard(admin)
    expect(after.figures['enterprises.total']).toBe(before.figures['enterprises.total']! + 1)
    expect(after.figures['enterprises.shop']).toBe(before.figures['enterprises.shop']! + 1)
    data = await loadData(cloud)
  })
})

describe('stats.list: every figure opens the records behind it', () => {
  /** Every page of a figure's list. */
  async function everything(figure: FigureKey, extra: Record<string, unknown>) {
    const items: Record<string, unknown>[] = []
    for (let page = 1; ; page++) {
      const l = await cloud.ok<FigureListView>(admin, 'stats', {
        action: 'list',
        figure,
        ...extra,
        page,
        pageSize: 50,
      })
      items.push(...(l.items as unknown as Record<string, unknown>[]))
      if (items.length >= l.total || l.items.length === 0) return { items, total: l.total }
    }
  }

  it('counts: the total is the figure; sums and averages come from the listed rows', async () => {
    const d = await dashboard(admin, WEEK)
    const sums: Partial<Record<FigureKey, string>> = {
      'staff.total': 'staffTotal',
      'staff.onSite': 'staffOnSite',
      'reports.due': 'slotsDueToday',
      'onsite.due': 'checksDueToday',
    }
    for (const figure of FIGURE_KEYS) {
      const info = FIGURES[figure]
      if (info.measure === 'count') {
        const l = await cloud.ok<FigureListView>(admin, 'stats', {
          action: 'list',
          figure,
          ...WEEK,
          pageSize: 5,
        })
        expect([figure, l.total, l.kind]).toEqual([figure, d.figures[figure], info.list])
        expect(l.items.length).toBe(Math.min(5, l.total))
      }
    }
    for (const [figure, field] of Object.entries(sums) as [FigureKey, string][]) {
      const { items } = await everything(figure, WEEK)
      expect([figure, items.reduce((n, r) => n + (r[field] as number), 0)]).toEqual([
        figure,
        d.figures[figure],
      ])
    }
    // 正在隔离 lists every open quarantine with its 今日应报: that column adds up to the 今日应报 beside it.
    const active = await everything('quarantine.active', WEEK)
    expect(active.items.reduce((n, r) => n + (r.slotsDueToday as number), 0)).toBe(d.figures['reports.due'])
    expect(active.items.some((r) => (r.slotsDueToday as number) > 0)).toBe(true)
    const supplies = await everything('supplies.masks', WEEK)
    for (const [figure, field] of [
      ['supplies.masks', 'masks'],
      ['supplies.disinfectantLitres', 'disinfectantLitres'],
      ['supplies.thermometers', 'thermometers'],
    ] as const) {
      const total = supplies.items.reduce((n, r) => n + (r.supplies as Record<string, number>)[field]!, 0)
      expect([figure, total]).toEqual([figure, d.figures[figure]])
    }
    for (const [figure, field, count] of [
      ['errands.avgClaimMinutes', 'minutesToClaim', 'errands.claimed'],
      ['errands.avgDeliverMinutes', 'minutesToDeliver', 'errands.delivered'],
    ] as const) {
      const { items, total } = await everything(figure, WEEK)
      expect(total).toBe(d.figures[count])
      const mean = items.reduce((n, r) => n + (r[field] as number), 0) / items.length
      expect(Math.abs(mean - d.figures[figure]!)).toBeLessThan(0.1)
    }
  })

  it('rows are newest first, paged without overlap, and mask phones and ID numbers', async () => {
    const first = await cloud.ok<FigureListView<'report'>>(admin, 'stats', {
      action: 'list',
      figure: 'reports.fever',
      ...RANGE,
      pageSize: 10,
    })
    const second = await cloud.ok<FigureListView<'report'>>(admin, 'stats', {
      action: 'list',
      figure: 'reports.fever',
      ...RANGE,
      page: 2,
      pageSize: 10,
    })
    const ats = [...first.items, ...second.items].map((r) => r.at)
    expect(ats).toEqual([...ats].sort((a, b) => b - a))
    expect(new Set([...first.items, ...second.items].map((r) => r._id)).size).toBe(20)
    expect(first.items.every((r) => r.fever && r.name && r.gridName)).toBe(true)

    const persons = await cloud.ok<FigureListView<'person'>>(admin, 'stats', {
      action: 'list',
      figure: 'keyPersons.riskArea',
      ...RANGE,
      pageSize: 20,
    })
    expect(persons.items.length).toBe(20)
    for (const p of persons.items) {
      expect(p.idNumber).toMatch(/^\d{3}\*{11}\d{3}[\dX]$/)
      expect(p.phone).toMatch(/^\d{3}\*{4}\d{4}$/)
      expect(p).toMatchObject({ keyPerson: true, riskArea: true })
    }
    expect(new Set(persons.items.map((p) => p.accountId)).size).toBe(20)
  })

  it('a grid worker lists only their grid; the epidemic team may open health lists, other reviewers not', async () => {
    const mine = await cloud.ok<FigureListView<'quarantine'>>(gridWorker, 'stats', {
      action: 'list',
      figure: 'quarantine.active',
      pageSize: 50,
    })
    expect(mine.total).toBeGreaterThan(0)
    expect(mine.items.every((q) => q.gridId === 'grid-xingfu-1')).toBe(true)
    expect(
      (await cloud.call(economy, 'stats', { action: 'list', figure: 'quarantine.active' })).body,
    ).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' })
    const team = await cloud.ok<FigureListView>(epidemic, 'stats', {
      action: 'list',
      figure: 'quarantine.active',
    })
    expect(team.total).toBe((await dashboard(admin)).figures['quarantine.active'])
    expect(
      (await cloud.ok<FigureListView>(economy, 'stats', { action: 'list', figure: 'applications.reviewing' }))
        .total,
    ).toBeGreaterThan(0)
  })
})

describe('stored days (stats_days) and stats.reconcile', () => {
  const DAY_ID = 'street-demo:2026-03-15'
  const days = () => cloud.sdk().database().collection('stats_days')

  it('a tampered stored day shows on the dashboard until reconcile finds and repairs it; a rerun finds nothing', async () => {
    const expected = expectedFigures(data, { streetId: 'street-demo' }, RANGE.from, RANGE.to, NOW)
    expect((await dashboard(admin, RANGE)).figures).toEqual(expected)
    const {
      data: [stored],
    } = await days().doc(DAY_ID).get()
    const { _id, ...day } = stored as StatsDayDoc
    day.grids[0]!.reports.fever += 5
    day.people = day.people.slice(1)
    await days().doc(DAY_ID).set(day)
    const tampered = await dashboard(admin, RANGE)
    expect(tampered.figures['reports.fever']).toBe(expected['reports.fever']! + 5)

    const first = await cloud.ok<ReconcileView>(admin, 'stats', { action: 'reconcile', ...RANGE })
    // RANGE's closed days, 03-07 to 03-19, are stored; today never is.
    expect(first.checked).toBe(13)
    expect(first.repaired).toEqual([
      {
        date: '2026-03-15',
        differences: [
          expect.stringMatching(/^发热（网格 .+）：存档 \d+，记录 \d+$/),
          '健康申报人员：1 人的存档与记录不同',
        ],
      },
    ])
    expect((await dashboard(admin, RANGE)).figures).toEqual(expected)
    const again = await cloud.ok<ReconcileView>(admin, 'stats', { action: 'reconcile', ...RANGE })
    expect(again).toMatchObject({ checked: 13, repaired: [] })
    const { data: audits } = await cloud
      .sdk()
      .database()
      .collection('audit_logs')
      .where({ streetId: 'street-demo', action: 'stats.reconcile' })
      .get()
    expect(audits).toHaveLength(1)
    expect(audits[0]).toMatchObject({ target: 'stats_days:street-demo', after: { repaired: ['2026-03-15'] } })
  })

  it('days filled apart, with a stored day between them, each hold only their own declarations', async () => {
    const expected = expectedFigures(data, { streetId: 'street-demo' }, RANGE.from, RANGE.to, NOW)
    await Promise.all(['2026-03-10', '2026-03-12'].map((date) => days().doc(`street-demo:${date}`).remove()))
    // The dashboard computes the two again together; 03-11's declarations, between them, belong to neither.
    expect((await dashboard(admin, RANGE)).figures).toEqual(expected)
    const { data: refilled } = await days().where({ streetId: 'street-demo', date: '2026-03-10' }).get()
    expect(refilled).toHaveLength(1)
    expect(await cloud.ok<ReconcileView>(admin, 'stats', { action: 'reconcile', ...RANGE })).toMatchObject({
      checked: 13,
      repaired: [],
    })
  })

  it('the nightly statsScan stores the closed days of each street not stored yet, once', async () => {
    const night = new Date(at('2026-03-22T00:30:00'))
    // 03-14 … 03-21: the dashboards above stored all of the street's but 03-20 and 03-21.
    const { data: first, trips } = await cloud.countedTimer<Record<string, number>>('statsScan', night)
    expect(first['street-demo']).toBe(2)
    expect(first['street-other']).toBeGreaterThanOrEqual(2)
    // Trips: the streets; per street its stored days, then for the days missing three aggregations (reports, checks,
    // and the people of all of them at once) and one write a day — not an aggregation per day.
    const perStreet = (filled: number) => 1 + (filled ? 3 + filled : 0)
    expect(trips).toBe(1 + Object.values(first).reduce((n, filled) => n + perStreet(filled), 0))
    expect(await cloud.timer('statsScan', night)).toEqual({ 'street-demo': 0, 'street-other': 0 })
    const { data: stored } = await days().where({ streetId: 'street-demo', date: '2026-03-21' }).get()
    expect(stored).toHaveLength(1)
  })
})

describe('stats.trend', () => {
  it('per Shanghai day; the days add up to the period figures', async () => {
    const t = await cloud.ok<TrendView>(admin, 'stats', { action: 'trend', ...WEEK })
    expect(t.days.map((d) => d.date)).toEqual([
      '2026-03-14',
      '2026-03-15',
      '2026-03-16',
      '2026-03-17',
      '2026-03-18',
      '2026-03-19',
      '2026-03-20',
    ])
    const d = await dashboard(admin, WEEK)
    const total = (f: (day: TrendView['days'][number]) => number) => t.days.reduce((n, day) => n + f(day), 0)
    for (const k of TREND_APPLICATION_STATES) {
      if (k === 'returned') continue // a state now, not a period figure on the dashboard
      expect([k, total((x) => x.applications[k])]).toEqual([k, d.figures[`applications.${k}` as FigureKey]])
    }
    expect(total((x) => x.reports.received)).toBe(d.figures['reports.received'])
    expect(total((x) => x.reports.missed)).toBe(d.figures['reports.missed'])
    expect(total((x) => x.reports.fever)).toBe(d.figures['reports.fever'])
    expect(total((x) => x.errands.asked)).toBe(d.figures['errands.asked'])
    expect(total((x) => x.errands.delivered)).toBe(d.figures['errands.delivered'])
    // Each day against the one-day dashboard of that day.
    for (const day of [t.days[2]!, t.days[5]!]) {
      const one = expectedFigures(data, { streetId: 'street-demo' }, day.date, day.date, NOW)
      expect(day.reports).toEqual({
        received: one['reports.received'],
        missed: one['reports.missed'],
        fever: one['reports.fever'],
      })
      expect(day.applications.approved).toBe(one['applications.approved'])
      expect(day.errands).toEqual({
        asked: one['errands.asked'],
        delivered: one['errands.delivered'],
        avgDeliverMinutes: one['errands.avgDeliverMinutes'],
      })
    }
  })

  it('refuses more than 92 days and a reversed period', async () => {
    expect(
      (await cloud.call(admin, 'stats', { action: 'trend', from: '2025-01-01', to: TODAY })).body,
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '一次最多查询92天' })
    expect(
      (await cloud.call(admin, 'stats', { action: 'trend', from: TODAY, to: '2026-03-01' })).body,
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })
})

describe('scope: nobody sees past their scope', () => {
  const refused = async (token: string, scope: Record<string, string>) => {
    for (const event of [
      { action: 'dashboard', scope },
      { action: 'list', figure: 'enterprises.total', scope },
      { action: 'trend', from: '2026-03-14', to: TODAY, scope },
      { action: 'exportLedger', kind: 'enterprises', scope },
    ]) {
      expect([event.action, (await cloud.call(token, 'stats', event)).body]).toEqual([
        event.action,
        expect.objectContaining({ ok: false, code: 'FORBIDDEN_SCOPE' }),
      ])
    }
  }

  it('a grid worker asking for another grid, their community or the street', async () => {
    await refused(gridWorker, {
      streetId: 'street-demo',
      communityId: 'community-xingfu',
      gridId: 'grid-xingfu-2',
    })
    await refused(gridWorker, { streetId: 'street-demo', gridId: 'grid-heping-1' })
    await refused(gridWorker, { streetId: 'street-demo', communityId: 'community-xingfu' })
    await refused(gridWorker, { streetId: 'street-demo' })
  })

  it('a community admin asking for another community, a grid of it, or the street', async () => {
    await refused(communityAdmin, { streetId: 'street-demo', communityId: 'community-xingfu' })
    await refused(communityAdmin, { streetId: 'street-demo', gridId: 'grid-xingfu-1' })
    await refused(communityAdmin, { streetId: 'street-demo' })
    const own = await dashboard(communityAdmin, {
      scope: { streetId: 'street-demo', gridId: 'grid-heping-2' },
    })
    expect(own.scope).toEqual({
      streetId: 'street-demo',
      communityId: 'community-heping',
      gridId: 'grid-heping-2',
    })
  })

  it('any role asking for another street, or for a grid of another street under their own street', async () => {
    for (const token of [admin, economy, epidemic, communityAdmin, gridWorker]) {
      await refused(token, { streetId: 'street-other' })
      await refused(token, { streetId: 'street-other', communityId: 'community-other', gridId: 'grid-other' })
    }
    await refused(admin, { streetId: 'street-demo', gridId: 'grid-other' })
    await refused(otherAdmin, { streetId: 'street-demo' })
    await refused(otherAdmin, { streetId: 'street-other', gridId: 'grid-xingfu-1' })
  })

  it('an unknown grid is SCOPE_NOT_FOUND; roles without a dashboard are refused', async () => {
    const r = await cloud.call(admin, 'stats', {
      action: 'dashboard',
      scope: { streetId: 'street-demo', gridId: 'nope' },
    })
    expect(r.body).toMatchObject({ ok: false, code: 'SCOPE_NOT_FOUND' })
    const owner = await cloud.login(DEMO.owner)
    for (const token of [owner, butler, await cloud.login(DEMO.resident)]) {
      expect((await cloud.call(token, 'stats', { action: 'dashboard' })).body).toMatchObject({
        ok: false,
        code: 'FORBIDDEN_ROLE',
      })
    }
  })
})
