import { OPEN_QUARANTINE_STATES } from '../../shared/health'
import { FIGURE_KEYS, type FigureKey } from '../../shared/stats'
import { col, type CollectionName } from '../_lib/collections'
import type { FigureContext } from './filters'
import { APPROVED_LATER } from './filters'
import { computeSupplyFigures } from './supplyFigures'
import { onsiteFigures } from './onsite'

type Row = Record<string, number | string | null>
type Figures = Partial<Record<FigureKey, number | null>>

const MINUTE = 60_000

/** Minutes with one decimal, or null when nothing was averaged. */
export function averageMinutes(totalMs: number, n: number): number | null {
  return n ? Math.round((totalMs / n / MINUTE) * 10) / 10 : null
}

/**
 * Every dashboard figure, each computed in the database: one grouped aggregation per collection (nine in
 * all, run at once), each with a $limit, since CloudBase answers 20 results when a pipeline has none. The
 * conditions are those of `figureQuery`, written as aggregation expressions.
 */
export async function computeFigures(c: FigureContext): Promise<Record<FigureKey, number | null>> {
  const db = c.db
  const _ = db.command
  const $ = db.command.aggregate
  const { fromMs, toMs } = c.period
  const field = (name: string, missing: unknown = -1) => $.ifNull([`$${name}`, missing])
  const inPeriod = (name: string) => $.and([$.gte([field(name), fromMs]), $.lt([field(name), toMs])])
  const countIf = (cond: unknown) => $.sum($.cond([cond, 1, 0]))
  const sumIf = (cond: unknown, value: unknown) => $.sum($.cond([cond, value, 0]))
  const eq = (name: string, value: unknown) => $.eq([`$${name}`, value])
  const first = (rows: unknown[]) => (rows[0] ?? {}) as Row
  const num = (v: unknown) => (typeof v === 'number' ? v : 0)
  const agg = (collection: CollectionName) => col(db, collection).aggregate()

  const enterprises = agg('enterprises')
    .match(c.where)
    .group({ _id: '$kind', n: $.sum(1) })
    .limit(10)
    .end()
  // By status, now: the queues, and the staff and supplies of the reopened enterprises.
  const byStatus = agg('applications')
    .match(c.where)
    .group({
      _id: '$status',
      n: $.sum(1),
      staffTotal: $.sum('$form.staffTotal'),
      staffOnSite: $.sum('$form.staffOnSite'),
      masks: $.sum('$form.supplies.masks'),
      disinfectantLitres: $.sum('$form.supplies.disinfectantLitres'),
      thermometers: $.sum('$form.supplies.thermometers'),
    })
    .limit(20)
    .end()
  // In the period. Every step sets updatedAt, so nothing that happened since `from` has an older one.
  const appFlows = agg('applications')
    .match({ ...c.where, updatedAt: _.gte(fromMs) })
    .group({
      _id: null,
      received: countIf(inPeriod('submittedAt')),
      approved: countIf($.and([$.in(['$status', APPROVED_LATER]), inPeriod('decidedAt')])),
      rejected: countIf($.and([eq('status', 'rejected'), inPeriod('decidedAt')])),
      reopened: countIf(inPeriod('reopenedAt')),
      revoked: countIf(inPeriod('revokedAt')),
    })
    .limit(1)
    .end()
  // People, not declarations: grouped by person first.
  const isKey = eq('classification.result', 'keyPerson')
  const people = agg('declarations')
    .match({ ...c.where, createdAt: _.gte(fromMs).and(_.lt(toMs)) })
    .group({
      _id: '$accountId',
      employee: $.max($.cond([$.eq([field('enterpriseId', null), null]), 0, 1])),
      key: $.max($.cond([isKey, 1, 0])),
      riskArea: $.max($.cond([$.and([isKey, eq('classification.flags.riskArea', true)]), 1, 0])),
      outOfProvince: $.max($.cond([$.and([isKey, eq('classification.flags.outOfProvince', true)]), 1, 0])),
    })
    .group({
      _id: null,
      declared: $.sum(1),
      employees: $.sum('$employee'),
      key: $.sum('$key'),
      riskArea: $.sum('$riskArea'),
      outOfProvince: $.sum('$outOfProvince'),
    })
    .limit(1)
    .end()
  const open = $.in(['$status', OPEN_QUARANTINE_STATES])
  const today = c.period.today
  const quarantines = agg('quarantines')
    .match(c.where)
    .group({
      _id: null,
      active: countIf(open),
      released: countIf($.and([eq('status', 'released'), inPeriod('releasedAt')])),
      extended: countIf(
        $.and([
          $.eq([field('extended', false), true]),
          $.gt([
            $.size(
              $.filter({
                input: field('changes', []),
                as: 'c',
                cond: $.and([
                  $.eq(['$$c.type', 'extend']),
                  $.gte(['$$c.at', fromMs]),
                  $.lt(['$$c.at', toMs]),
                ]),
              }),
            ),
            0,
          ]),
        ]),
      ),
      due: sumIf(
        $.and([open, $.lte(['$startDate', today]), $.gt(['$endDate', today])]),
        $.add([
          $.cond([$.lt(['$createdAt', c.closes.morning]), 1, 0]),
          $.cond([$.lt(['$createdAt', c.closes.afternoon]), 1, 0]),
        ]),
      ),
    })
    .limit(1)
    .end()
  const reports = agg('reports')
    .match({ ...c.where, date: _.in(c.period.dates) })
    .group({
      _id: null,
      received: countIf(eq('status', 'reported')),
      missed: countIf(eq('status', 'missed')),
      fever: countIf(eq('fever', true)),
    })
    .limit(1)
    .end()
  const minus = (a: string) => $.subtract([field(a, 0), '$createdAt'])
  const errands = agg('errands')
    .match({ ...c.where, updatedAt: _.gte(fromMs), createdAt: _.lt(toMs) })
    .group({
      _id: null,
      asked: countIf(inPeriod('createdAt')),
      claimed: countIf(inPeriod('claimedAt')),
      claimMs: sumIf(inPeriod('claimedAt'), minus('claimedAt')),
      delivered: countIf(inPeriod('deliveredAt')),
      deliverMs: sumIf(inPeriod('deliveredAt'), minus('deliveredAt')),
    })
    .limit(1)
    .end()
  const served = agg('errands')
    .match({ ...c.where, queue: 'butler', deliveredAt: _.gte(fromMs).and(_.lt(toMs)) })
    .group({ _id: '$requesterId' })
    .count('n')
    .limit(1)
    .end()
  const difficulties = agg('difficulties')
    .match(c.difficulties)
    .group({
      _id: null,
      reported: countIf(inPeriod('createdAt')),
      resolved: countIf($.and([eq('status', 'closed'), inPeriod('closedAt')])),
      open: countIf(eq('status', 'open')),
    })
    .limit(1)
    .end()

  const [e, s, a, p, q, r, er, sv, d, supplies, onsite] = await Promise.all([
    enterprises,
    byStatus,
    appFlows,
    people,
    quarantines,
    reports,
    errands,
    served,
    difficulties,
    computeSupplyFigures(c),
    onsiteFigures(c),
  ])
  const kinds = new Map((e.data as Row[]).map((row) => [row._id, num(row.n)]))
  const statuses = new Map((s.data as Row[]).map((row) => [row._id, row]))
  const reopened = statuses.get('reopened') ?? {}
  const [af, pf, qf, rf, ef, df] = [a, p, q, r, er, d].map((x) => first(x.data as unknown[]))
  const figures: Figures = {
    'enterprises.total': [...kinds.values()].reduce((x, y) => x + y, 0),
    'enterprises.large': kinds.get('large') ?? 0,
    'enterprises.small': kinds.get('small') ?? 0,
    'enterprises.shop': kinds.get('shop') ?? 0,
    'applications.received': num(af!.received),
    'applications.reviewing': num(statuses.get('reviewing')?.n),
    'applications.returned': num(statuses.get('returned')?.n),
    'applications.approved': num(af!.approved),
    'applications.rejected': num(af!.rejected),
    'applications.reopened': num(af!.reopened),
    'applications.revoked': num(af!.revoked),
    'staff.total': num(reopened.staffTotal),
    'staff.onSite': num(reopened.staffOnSite),
    'staff.declared': num(pf!.employees),
    'keyPersons.declared': num(pf!.declared),
    'keyPersons.screened': num(pf!.key),
    'keyPersons.riskArea': num(pf!.riskArea),
    'keyPersons.outOfProvince': num(pf!.outOfProvince),
    'quarantine.active': num(qf!.active),
    'quarantine.released': num(qf!.released),
    'quarantine.extended': num(qf!.extended),
    'reports.due': num(qf!.due),
    'reports.received': num(rf!.received),
    'reports.missed': num(rf!.missed),
    'reports.fever': num(rf!.fever),
    'errands.asked': num(ef!.asked),
    'errands.claimed': num(ef!.claimed),
    'errands.delivered': num(ef!.delivered),
    'errands.avgClaimMinutes': averageMinutes(num(ef!.claimMs), num(ef!.claimed)),
    'errands.avgDeliverMinutes': averageMinutes(num(ef!.deliverMs), num(ef!.delivered)),
    'errands.peopleServed': num(first(sv.data as unknown[]).n),
    'difficulties.reported': num(df!.reported),
    'difficulties.resolved': num(df!.resolved),
    'difficulties.open': num(df!.open),
    'supplies.masks': num(reopened.masks),
    'supplies.disinfectantLitres': num(reopened.disinfectantLitres),
    'supplies.thermometers': num(reopened.thermometers),
    ...supplies,
    ...onsite,
  }
  // The catalogue and this table must name the same figures; a missing one is a bug, not a zero.
  for (const key of FIGURE_KEYS) if (!(key in figures)) throw new Error(`figure ${key} is not computed`)
  return figures as Record<FigureKey, number | null>
}
