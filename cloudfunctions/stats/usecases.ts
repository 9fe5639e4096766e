import { slotClosesAt } from '../../shared/health'
import { onsiteSlotsOf } from '../../shared/onsite'
import type { dashboardInput, listInput, trendInput } from '../../shared/schemas/stats'
import {
  FIGURES,
  HEALTH_LISTS,
  TREND_APPLICATION_STATES,
  type DashboardView,
  type FigureListView,
  type TrendDay,
  type TrendView,
} from '../../shared/stats'
import { logAccess } from '../_lib/accessLog'
import type { AccountDoc } from '../_lib/accounts'
import { col, type CollectionName } from '../_lib/collections'
import type { CallerFor, Deps, Input } from '../_lib/runtime'
import { rulesFor } from '../_lib/settings'
import type { ApplicationDoc, DifficultyDoc, EnterpriseDoc } from '../application/model'
import type { ErrandDoc } from '../errand/model'
import type { DeclarationDoc, QuarantineDoc, ReportDoc } from '../health/model'
import type { MovementDoc, PurchaseDoc } from '../supplies/model'
import { averageMinutes, computeFigures } from './figures'
import { onsiteRows } from './onsite'
import { APPROVED_LATER, figureQuery, type FigureContext } from './filters'
import {
  applicationRow,
  difficultyRow,
  enterpriseRow,
  errandRow,
  personRow,
  quarantineRow,
  reportRow,
  servedRow,
} from './rows'
import {
  difficultyWhere,
  loadPlaces,
  periodOf,
  resolveScope,
  scopeWhere,
  type Period,
  type StatsScope,
} from './scope'
import { handOutRow, purchaseRow } from './supplyFigures'

const DAY = 86_400_000
const SHANGHAI_MS = 8 * 3_600_000

/** Reading lists of people's health is recorded, like the grid board in the health function. */
export async function logHealthRead(deps: Deps, account: AccountDoc, s: StatsScope, what: string) {
  const { streetId, communityId, gridId } = s.scope
  const subject = gridId ? `grid:${gridId}` : communityId ? `community:${communityId}` : `street:${streetId}`
  await logAccess(deps, account, subject, what)
}

export async function contextFor(deps: Deps, s: StatsScope, period: Period): Promise<FigureContext> {
  const [difficulties, rules] = await Promise.all([
    difficultyWhere(deps, s),
    rulesFor(deps, s.scope.streetId, period.today),
  ])
  const grids = s.gridIds && new Set(s.gridIds)
  return {
    db: deps.db,
    streetId: s.scope.streetId,
    // As scopeWhere: the street holds every record; a community or grid only records naming one of its grids.
    inScope: (gridId) => !grids || (typeof gridId === 'string' && grids.has(gridId)),
    now: deps.now(),
    where: scopeWhere(deps.db, s),
    difficulties,
    period,
    closes: {
      morning: slotClosesAt(period.today, 'morning', rules),
      afternoon: slotClosesAt(period.today, 'afternoon', rules),
    },
    onsiteCloses: {
      morning: slotClosesAt(period.today, 'morning', { slots: onsiteSlotsOf(rules) }),
      afternoon: slotClosesAt(period.today, 'afternoon', { slots: onsiteSlotsOf(rules) }),
    },
  }
}

export async function dashboard(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof dashboardInput>,
): Promise<DashboardView> {
  const s = await resolveScope(deps, caller, input.scope)
  const now = deps.now()
  const period = periodOf(now, input.from, input.to)
  const figures = await computeFigures(await contextFor(deps, s, period))
  return {
    scope: s.scope,
    level: s.level,
    scopeNames: s.names,
    from: period.from,
    to: period.to,
    today: period.today,
    generatedAt: now,
    figures,
  }
}

/** The records behind one figure, a page at a time, newest first. */
export async function list(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof listInput>,
): Promise<FigureListView> {
  const info = FIGURES[input.figure]
  const s = await resolveScope(deps, caller, input.scope, HEALTH_LISTS.includes(info.list))
  const period = periodOf(deps.now(), input.from, input.to)
  const ctx = await contextFor(deps, s, period)
  const fq = figureQuery(input.figure, ctx)
  const places = await loadPlaces(deps, s.scope.streetId)
  const skip = (input.page - 1) * input.pageSize
  const source = col(deps.db, fq.collection)
  let docs: unknown[]
  let total: number
  if (fq.distinct) {
    const $ = deps.db.command.aggregate
    const [counted, page] = await Promise.all([
      source
        .aggregate()
        .match(fq.where)
        .group({ _id: `$${fq.distinct}` })
        .count('n')
        .limit(1)
        .end(),
      source
        .aggregate()
        .match(fq.where)
        .sort({ [fq.order]: -1, _id: 1 })
        .group({ _id: `$${fq.distinct}`, doc: $.first('$$ROOT'), latest: $.max(`$${fq.order}`) })
        .sort({ latest: -1, _id: 1 })
        .skip(skip)
        .limit(input.pageSize)
        .end(),
    ])
    total = (counted.data[0] as { n?: number } | undefined)?.n ?? 0
    docs = (page.data as { doc: unknown }[]).map((g) => g.doc)
  } else {
    const [counted, page] = await Promise.all([
      source.where(fq.where).count(),
      source
        .where(fq.where)
        .orderBy(fq.order, 'desc')
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(input.pageSize)
        .get(),
    ])
    total = counted.total
    docs = page.data
  }
  let items: unknown[]
  switch (fq.collection) {
    case 'enterprises':
      items = (docs as EnterpriseDoc[]).map((d) => enterpriseRow(places, caller.account, d))
      break
    case 'applications':
      items = (docs as ApplicationDoc[]).map((d) => applicationRow(places, d))
      break
    case 'declarations':
      items = (docs as DeclarationDoc[]).map((d) => personRow(places, caller.account, d))
      break
    case 'quarantines':
      items = (docs as QuarantineDoc[]).map((d) =>
        quarantineRow(places, caller.account, d, period.today, ctx.closes),
      )
      break
    case 'reports': {
      const reports = docs as ReportDoc[]
      const ids = [...new Set(reports.map((r) => r.quarantineId))]
      const { data } = ids.length
        ? await col(deps.db, 'quarantines')
            .where({ _id: deps.db.command.in(ids) })
            .field({ name: true })
            .limit(ids.length)
            .get()
        : { data: [] }
      const names = new Map((data as { _id: string; name: string }[]).map((q) => [q._id, q.name]))
      items = reports.map((r) => reportRow(places, r, names.get(r.quarantineId) ?? ''))
      break
    }
    case 'errands':
      items = fq.distinct
        ? (docs as ErrandDoc[]).map((d) => servedRow(places, caller.account, d))
        : (docs as ErrandDoc[]).map((d) => errandRow(places, d))
      break
    case 'difficulties':
      items = (docs as DifficultyDoc[]).map((d) => difficultyRow(places, d))
      break
    case 'supply_movements':
      items = (docs as MovementDoc[]).map((d) => handOutRow(places, d))
      break
    case 'supply_purchases':
      items = (docs as PurchaseDoc[]).map((d) => purchaseRow(places, d))
      break
    case 'onsite_staff':
    case 'onsite_checks':
    case 'onsite_enterprises':
      items = await onsiteRows(deps, places, fq.collection, docs, ctx.onsiteCloses)
      break
    default:
      throw new Error(`no rows for ${fq.collection}`)
  }
  if (HEALTH_LISTS.includes(info.list))
    await logHealthRead(deps, caller.account, s, `stats.list:${input.figure}`)
  return {
    figure: input.figure,
    kind: info.list,
    from: period.from,
    to: period.to,
    items: items as FigureListView['items'],
    total,
    page: input.page,
    pageSize: input.pageSize,
  }
}

/** Day number of a ms time field on the Shanghai calendar, as an aggregation expression. */
function shanghaiDay($: Deps['db']['command']['aggregate'], field: string) {
  return $.floor($.divide([$.add([`$${field}`, SHANGHAI_MS]), DAY]))
}

const dateOfDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10)

/** Per Shanghai day: applications by state reached, reports received and missed, fevers, errands. */
export async function trend(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof trendInput>,
): Promise<TrendView> {
  const s = await resolveScope(deps, caller, input.scope)
  const period = periodOf(deps.now(), input.from, input.to)
  const db = deps.db
  const _ = db.command
  const $ = db.command.aggregate
  const where = scopeWhere(db, s)
  const inPeriod = _.gte(period.fromMs).and(_.lt(period.toMs))
  const limit = period.dates.length * 10 + 10
  const byDay = (collection: CollectionName, field: string, extra: Record<string, unknown> = {}) =>
    col(db, collection)
      .aggregate()
      .match({ ...where, [field]: inPeriod })
      .group({ _id: shanghaiDay($, field), n: $.sum(1), ...extra })
      .limit(limit)
      .end()
  const countIf = (cond: unknown) => $.sum($.cond([cond, 1, 0]))
  const [received, decided, reopened, revoked, reports, asked, delivered] = await Promise.all([
    byDay('applications', 'submittedAt'),
    col(db, 'applications')
      .aggregate()
      .match({ ...where, decidedAt: inPeriod })
      .group({ _id: { day: shanghaiDay($, 'decidedAt'), status: '$status' }, n: $.sum(1) })
      .limit(limit)
      .end(),
    byDay('applications', 'reopenedAt'),
    byDay('applications', 'revokedAt'),
    col(db, 'reports')
      .aggregate()
      .match({ ...where, date: _.in(period.dates) })
      .group({
        _id: '$date',
        received: countIf($.eq(['$status', 'reported'])),
        missed: countIf($.eq(['$status', 'missed'])),
        fever: countIf($.eq(['$fever', true])),
      })
      .limit(limit)
      .end(),
    byDay('errands', 'createdAt'),
    byDay('errands', 'deliveredAt', { ms: $.sum($.subtract(['$deliveredAt', '$createdAt'])) }),
  ])
  const days = new Map<string, TrendDay>(
    period.dates.map((date) => [
      date,
      {
        date,
        applications: Object.fromEntries(
          TREND_APPLICATION_STATES.map((k) => [k, 0]),
        ) as TrendDay['applications'],
        reports: { received: 0, missed: 0, fever: 0 },
        errands: { asked: 0, delivered: 0, avgDeliverMinutes: null },
      },
    ]),
  )
  type Row = { _id: number; n: number; ms?: number }
  const each = (rows: unknown[], apply: (day: TrendDay, row: Row) => void) => {
    for (const row of rows as Row[]) {
      const day = days.get(dateOfDay(row._id))
      if (day) apply(day, row)
    }
  }
  each(received.data, (d, r) => (d.applications.received = r.n))
  each(reopened.data, (d, r) => (d.applications.reopened = r.n))
  each(revoked.data, (d, r) => (d.applications.revoked = r.n))
  for (const row of decided.data as { _id: { day: number; status: string }; n: number }[]) {
    const day = days.get(dateOfDay(row._id.day))
    if (!day) continue
    if (APPROVED_LATER.includes(row._id.status)) day.applications.approved += row.n
    else if (row._id.status === 'rejected') day.applications.rejected += row.n
    else if (row._id.status === 'returned') day.applications.returned += row.n
  }
  for (const row of reports.data as { _id: string; received: number; missed: number; fever: number }[]) {
    const day = days.get(row._id)
    if (day) day.reports = { received: row.received, missed: row.missed, fever: row.fever }
  }
  each(asked.data, (d, r) => (d.errands.asked = r.n))
  each(delivered.data, (d, r) => {
    d.errands.delivered = r.n
    d.errands.avgDeliverMinutes = averageMinutes(r.ms ?? 0, r.n)
  })
  return { scope: s.scope, from: period.from, to: period.to, days: [...days.values()] }
}
