import { OPEN_QUARANTINE_STATES } from '../../shared/health'
import { FIGURE_KEYS, type FigureKey } from '../../shared/stats'
import { startOfShanghaiDay } from '../../shared/time'
import { col, type CollectionName } from '../_lib/collections'
import type { FigureContext } from './filters'
import { APPROVED_LATER } from './filters'
import { computeSupplyFigures } from './supplyFigures'
import { onsiteFigures } from './onsite'
import { allGroups, paged, peopleOf, personFlags, storedDays, withStoredDays, type PersonGroup } from './days'

type Row = Record<string, number | string | null>
type Figures = Partial<Record<FigureKey, number | null>>

const MINUTE = 60_000

/** Minutes with one decimal, or null when nothing was averaged. */
export function averageMinutes(totalMs: number, n: number): number | null {
  return n ? Math.round((totalMs / n / MINUTE) * 10) / 10 : null
}

/**
 * Every dashboard figure, each computed in the database: one grouped aggregation per collection (run at once),
 * each with a $limit, since CloudBase answers 20 results when a pipeline has none. The conditions are those of
 * `figureQuery`, written as aggregation expressions. The figures FIGURE_UPKEEP declares stored are computed so
 * for the period's open days only (today, or later), and their closed days added from the stored days (days.ts).
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
  // By status: the queues now and the staff and supplies of the reopened enterprises; and what happened in the
  // period (every step sets its own time), summed over the statuses below. One read of the street's applications.
  const applications = agg('applications')
    .match(c.where)
    .group({
      _id: '$status',
      n: $.sum(1),
      staffTotal: $.sum('$form.staffTotal'),
      staffOnSite: $.sum('$form.staffOnSite'),
      masks: $.sum('$form.supplies.masks'),
      disinfectantLitres: $.sum('$form.supplies.disinfectantLitres'),
      thermometers: $.sum('$form.supplies.thermometers'),
      received: countIf(inPeriod('submittedAt')),
      approved: countIf($.and([$.in(['$status', APPROVED_LATER]), inPeriod('decidedAt')])),
      rejected: countIf($.and([eq('status', 'rejected'), inPeriod('decidedAt')])),
      reopened: countIf(inPeriod('reopenedAt')),
      revoked: countIf(inPeriod('revokedAt')),
    })
    .limit(20)
    .end()
  // Closed days come from their stored documents (days.ts); only the rest of the period is read from the records.
  const today = c.period.today
  const closed = c.period.dates.filter((d) => d < today)
  const live = c.period.dates.filter((d) => d >= today)
  const liveFromMs = live.length ? startOfShanghaiDay(live[0]!) : toMs
  const stored = storedDays(db, c.streetId, closed, c.now)
  // People, not declarations: one group per person, so that over stored days too each person counts once.
  const declared = live.length
    ? allGroups<PersonGroup<string>>((page) => paged(peopleOf(db, c.where, liveFromMs, toMs), page))
    : Promise.resolve([])
  const open = $.in(['$status', OPEN_QUARANTINE_STATES])
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
  const reports = live.length
    ? agg('reports')
        .match({ ...c.where, date: _.in(live) })
        .group({
          _id: null,
          received: countIf(eq('status', 'reported')),
          missed: countIf(eq('status', 'missed')),
          fever: countIf(eq('fever', true)),
        })
        .limit(1)
        .end()
    : Promise.resolve({ data: [] as unknown[] })
  const minus = (a: string) => $.subtract([field(a, 0), '$createdAt'])
  // Per requester first, so that 管家服务人数 (people, not errands) comes out of the same read: every errand delivered
  // in the period was updated since `from` and created before `to`.
  const errands = agg('errands')
    .match({ ...c.where, updatedAt: _.gte(fromMs), createdAt: _.lt(toMs) })
    .group({
      _id: '$requesterId',
      asked: countIf(inPeriod('createdAt')),
      claimed: countIf(inPeriod('claimedAt')),
      claimMs: sumIf(inPeriod('claimedAt'), minus('claimedAt')),
      delivered: countIf(inPeriod('deliveredAt')),
      deliverMs: sumIf(inPeriod('deliveredAt'), minus('deliveredAt')),
      served: $.max($.cond([$.and([eq('queue', 'butler'), inPeriod('deliveredAt')]), 1, 0])),
    })
    .group({
      _id: null,
      asked: $.sum('$asked'),
      claimed: $.sum('$claimed'),
      claimMs: $.sum('$claimMs'),
      delivered: $.sum('$delivered'),
      deliverMs: $.sum('$deliverMs'),
      served: $.sum('$served'),
    })
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

  const [e, s, persons, q, r, er, d, supplies, onsite, days] = await Promise.all([
    enterprises,
    applications,
    declared,
    quarantines,
    reports,
    errands,
    difficulties,
    computeSupplyFigures(c),
    onsiteFigures(c, live),
    stored,
  ])
  const kinds = new Map((e.data as Row[]).map((row) => [row._id, num(row.n)]))
  const statuses = new Map((s.data as Row[]).map((row) => [row._id, row]))
  const reopened = statuses.get('reopened') ?? {}
  const flow = (key: string) => [...statuses.values()].reduce((n, row) => n + num(row[key]), 0)
  const [qf, rf, ef, df] = [q, r, er, d].map((x) => first(x.data as unknown[]))
  const people = new Map(persons.map((p) => [p._id, personFlags(p)]))
  const figures: Figures = {
    'enterprises.total': [...kinds.values()].reduce((x, y) => x + y, 0),
    'enterprises.large': kinds.get('large') ?? 0,
    'enterprises.small': kinds.get('small') ?? 0,
    'enterprises.shop': kinds.get('shop') ?? 0,
    'applications.received': flow('received'),
    'applications.reviewing': num(statuses.get('reviewing')?.n),
    'applications.returned': num(statuses.get('returned')?.n),
    'applications.approved': flow('approved'),
    'applications.rejected': flow('rejected'),
    'applications.reopened': flow('reopened'),
    'applications.revoked': flow('revoked'),
    'staff.total': num(reopened.staffTotal),
    'staff.onSite': num(reopened.staffOnSite),
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
    'errands.peopleServed': num(ef!.served),
    'difficulties.reported': num(df!.reported),
    'difficulties.resolved': num(df!.resolved),
    'difficulties.open': num(df!.open),
    'supplies.masks': num(reopened.masks),
    'supplies.disinfectantLitres': num(reopened.disinfectantLitres),
    'supplies.thermometers': num(reopened.thermometers),
    ...supplies,
    ...onsite,
  }
  // The people who declared (today's and the stored days') give the distinct-people figures (PEOPLE_BITS).
  const all = withStoredDays(figures, people, days, c.inScope)
  // The catalogue and this table must name the same figures; a missing one is a bug, not a zero.
  for (const key of FIGURE_KEYS) if (!(key in all)) throw new Error(`figure ${key} is not computed`)
  return all as Record<FigureKey, number | null>
}
