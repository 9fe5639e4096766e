import { FIGURE_KEYS, FIGURE_UPKEEP, type FigureKey } from '../../shared/stats'
import { shanghaiDate, startOfShanghaiDay } from '../../shared/time'
import { col } from '../_lib/collections'
import type { Database, Deps } from '../_lib/runtime'
import { allStreetIds } from '../_lib/streets'

type Aggregate = ReturnType<ReturnType<Database['collection']>['aggregate']>

/**
 * Stored days: the figures of one street's closed Shanghai day that cannot change once the day is over, kept in
 * one small document per street and day (`stats_days`, id `<streetId>:<date>`), so that a period's dashboard reads
 * its past days from a handful of documents and computes only today from the raw records. Which figures are stored
 * and why each stays right is declared in shared/stats.ts (`FIGURE_UPKEEP`) and explained in docs/architecture.md.
 *
 * A day is written only once it has closed (its date is before today in Shanghai), by the dashboard that first
 * needs it or by the nightly timer, always recomputed whole from the raw records and written with `set`: two
 * writers write the same document, and a rerun changes nothing. `stats.reconcile` recomputes stored days and
 * repairs any that differ from the records.
 */

/** Bits of a person's declarations: an employee's, a key person's, and the key person's two origins. */
export const PERSON = { employee: 1, key: 2, riskArea: 4, outOfProvince: 8 } as const

/** Bumped when what a stored day holds changes: documents of another version are recomputed when read. */
export const STATS_DAY_VERSION = 1

/** The day's counts of one grid (null: records that name no grid, counted only at street level). */
export interface DayCounts {
  gridId: string | null
  reports: { received: number; missed: number; fever: number }
  onsite: { done: number; missed: number; positive: number; fever: number }
}

/** What one person's declarations of the day in one grid said: PERSON bits, or-ed. */
export type PersonEntry = [gridId: string | null, accountId: string, flags: number]

/** One street's stored day: its counts per grid and the people who declared. */
export interface StatsDayDoc {
  _id: string
  streetId: string
  date: string
  version: number
  computedAt: number
  grids: DayCounts[]
  people: PersonEntry[]
}

export const dayId = (streetId: string, date: string) => `${streetId}:${date}`

/** The `storedDays` figures (shared/stats.ts FIGURE_UPKEEP): how each is read from a grid's stored counts. */
export const DAY_COUNTS = {
  'reports.received': (g: DayCounts) => g.reports.received,
  'reports.missed': (g: DayCounts) => g.reports.missed,
  'reports.fever': (g: DayCounts) => g.reports.fever,
  'onsite.done': (g: DayCounts) => g.onsite.done,
  'onsite.missed': (g: DayCounts) => g.onsite.missed,
  'onsite.positive': (g: DayCounts) => g.onsite.positive,
  'onsite.fever': (g: DayCounts) => g.onsite.fever,
} satisfies Partial<Record<FigureKey, (g: DayCounts) => number>>

/** The `storedPeople` figures: the people whose declarations set this bit (0: everyone who declared). */
export const PEOPLE_BITS = {
  'keyPersons.declared': 0,
  'staff.declared': PERSON.employee,
  'keyPersons.screened': PERSON.key,
  'keyPersons.riskArea': PERSON.riskArea,
  'keyPersons.outOfProvince': PERSON.outOfProvince,
} satisfies Partial<Record<FigureKey, number>>

// What this file keeps must be what the catalogue declares: a figure cannot be stored here without saying so there.
for (const key of FIGURE_KEYS) {
  const kept = key in DAY_COUNTS ? 'storedDays' : key in PEOPLE_BITS ? 'storedPeople' : 'computed'
  if (FIGURE_UPKEEP[key] !== kept)
    throw new Error(`figure ${key} is declared ${FIGURE_UPKEEP[key]} but kept ${kept}`)
}

/**
 * Adds the stored days to figures computed from the records for the rest of the period (`live`, where `people`
 * maps each person who declared then to their PERSON bits), inside the scope.
 */
export function withStoredDays<F extends Partial<Record<FigureKey, number | null>>>(
  live: F,
  people: Map<string, number>,
  days: StatsDayDoc[],
  inScope: (gridId: string | null) => boolean,
): F {
  const out: Partial<Record<FigureKey, number | null>> = { ...live }
  for (const day of days) {
    for (const [gridId, id, bits] of day.people)
      if (inScope(gridId)) people.set(id, (people.get(id) ?? 0) | bits)
    for (const g of day.grids) {
      if (!inScope(g.gridId)) continue
      for (const [key, read] of Object.entries(DAY_COUNTS))
        out[key as FigureKey] = (out[key as FigureKey] ?? 0) + read(g)
    }
  }
  for (const [key, bit] of Object.entries(PEOPLE_BITS))
    out[key as FigureKey] = [...people.values()].filter((f) => bit === 0 || (f & bit) !== 0).length
  return out as F
}

const DAY = 86_400_000
/** CloudBase returns at most this many aggregation results at once: larger results are read a page at a time. */
const PAGE = 10_000
/** Days computed at once. */
const CHUNK = 31

/**
 * Every group an aggregation yields. CloudBase answers at most PAGE at once; a larger answer is read again a page at
 * a time, sorted by `_id` so the pages do not overlap (the common case, one page, needs no sort).
 */
export async function allGroups<T>(
  run: (page?: { skip: number; limit: number }) => Promise<{ data: unknown[] }>,
): Promise<T[]> {
  const { data } = await run()
  if (data.length < PAGE) return data as T[]
  const out: T[] = []
  for (let skip = 0; ; skip += PAGE) {
    const page = await run({ skip, limit: PAGE })
    out.push(...(page.data as T[]))
    if (page.data.length < PAGE) return out
  }
}

/** A pipeline's end: the first PAGE groups, or a sorted page of them (allGroups). */
export function paged(a: Aggregate, page?: { skip: number; limit: number }) {
  return (page ? a.sort({ _id: 1 }).skip(page.skip).limit(page.limit) : a.limit(PAGE)).end()
}

/**
 * The stored-day figures of these days, recomputed from the raw records: reports and 一日两检 checks by date and
 * grid, and each person who declared, by grid, with what their declarations said (the dashboard's `people`
 * aggregation, kept per person so that a period can count each person once).
 */
export async function computeDays(
  db: Database,
  streetId: string,
  dates: string[],
  now: number,
): Promise<StatsDayDoc[]> {
  if (!dates.length) return []
  // A year's dashboard asks for a year of days once: a month at a time, not hundreds of reads at once.
  if (dates.length > CHUNK) {
    const out: StatsDayDoc[] = []
    for (let i = 0; i < dates.length; i += CHUNK)
      out.push(...(await computeDays(db, streetId, dates.slice(i, i + CHUNK), now)))
    return out
  }
  const _ = db.command
  const $ = db.command.aggregate
  const countIf = (cond: unknown) => $.sum($.cond([cond, 1, 0]))
  const eq = (name: string, value: unknown) => $.eq([`$${name}`, value])
  const byDateGrid = { date: '$date', gridId: $.ifNull(['$gridId', null]) }
  type Key = { date: string; gridId: string | null }
  /** A dated collection's counts by date and grid. */
  const byDate = <T>(collection: 'reports' | 'onsite_checks', counts: Record<string, unknown>) =>
    allGroups<{ _id: Key } & T>((page) =>
      paged(
        col(db, collection)
          .aggregate()
          .match({ streetId, date: _.in(dates) })
          .group({ _id: byDateGrid, ...counts }),
        page,
      ),
    )
  const [reports, checks, people] = await Promise.all([
    byDate<DayCounts['reports']>('reports', {
      received: countIf(eq('status', 'reported')),
      missed: countIf(eq('status', 'missed')),
      fever: countIf(eq('fever', true)),
    }),
    byDate<DayCounts['onsite']>('onsite_checks', {
      done: countIf(eq('status', 'done')),
      missed: countIf(eq('status', 'missed')),
      positive: countIf(eq('positive', true)),
      fever: countIf(eq('fever', true)),
    }),
    peopleByDay(db, streetId, dates),
  ])
  const days = new Map<string, StatsDayDoc>(
    dates.map((date) => [
      date,
      {
        _id: dayId(streetId, date),
        streetId,
        date,
        version: STATS_DAY_VERSION,
        computedAt: now,
        grids: [],
        people: [],
      },
    ]),
  )
  const counts = (date: string, gridId: string | null): DayCounts => {
    const day = days.get(date)!
    let row = day.grids.find((g) => g.gridId === gridId)
    if (!row) {
      row = {
        gridId,
        reports: { received: 0, missed: 0, fever: 0 },
        onsite: { done: 0, missed: 0, positive: 0, fever: 0 },
      }
      day.grids.push(row)
    }
    return row
  }
  for (const r of reports) {
    const { received, missed, fever } = r
    counts(r._id.date, r._id.gridId).reports = { received, missed, fever }
  }
  for (const c of checks) {
    const { done, missed, positive, fever } = c
    counts(c._id.date, c._id.gridId).onsite = { done, missed, positive, fever }
  }
  for (const p of people)
    if (p._id.date) days.get(p._id.date)!.people.push([p._id.gridId, p._id.accountId, personFlags(p)])
  for (const day of days.values()) day.grids.sort((a, b) => String(a.gridId).localeCompare(String(b.gridId)))
  return [...days.values()]
}

/**
 * The street's people who declared on each of `dates`, one group per day, grid and person, in one aggregation over
 * the whole span: a declaration's Shanghai day is found by comparing its time with the days' bounds (see dayOf).
 */
function peopleByDay(db: Database, streetId: string, dates: string[]) {
  const sorted = [...dates].sort()
  const $ = db.command.aggregate
  /**
   * The date among sorted[lo..hi] whose Shanghai day holds `$createdAt` (null in a gap between them), as a balanced
   * tree of comparisons: a few per declaration, and only operators both CloudBase and the local cloud's compiled
   * $group evaluate (a date by arithmetic would need $floor and $divide). The match keeps earlier times out.
   */
  const dayOf = (lo: number, hi: number): unknown => {
    if (lo === hi)
      return $.cond([$.lt(['$createdAt', startOfShanghaiDay(sorted[lo]!) + DAY]), sorted[lo]!, null])
    const mid = Math.ceil((lo + hi) / 2)
    return $.cond([
      $.lt(['$createdAt', startOfShanghaiDay(sorted[mid]!)]),
      dayOf(lo, mid - 1),
      dayOf(mid, hi),
    ])
  }
  const from = startOfShanghaiDay(sorted[0]!)
  const to = startOfShanghaiDay(sorted[sorted.length - 1]!) + DAY
  return allGroups<PersonGroup<{ date: string | null; gridId: string | null; accountId: string }>>((page) =>
    paged(
      peopleOf(db, { streetId }, from, to, {
        date: dayOf(0, sorted.length - 1),
        gridId: $.ifNull(['$gridId', null]),
        accountId: '$accountId',
      }),
      page,
    ),
  )
}

/**
 * The people who declared between `fromMs` and `toMs` inside `where`, one group per `_id` (by default the person;
 * a stored day's also by day and grid) with the PERSON bits of what their declarations said.
 */
export function peopleOf(
  db: Database,
  where: Record<string, unknown>,
  fromMs: number,
  toMs: number,
  id: unknown = '$accountId',
) {
  const _ = db.command
  const $ = db.command.aggregate
  const isKey = $.eq(['$classification.result', 'keyPerson'])
  const bit = (cond: unknown, value: number) => $.max($.cond([cond, value, 0]))
  return col(db, 'declarations')
    .aggregate()
    .match({ ...where, createdAt: _.gte(fromMs).and(_.lt(toMs)) })
    .group({
      _id: id,
      employee: $.max($.cond([$.eq([$.ifNull(['$enterpriseId', null]), null]), 0, PERSON.employee])),
      key: bit(isKey, PERSON.key),
      riskArea: bit($.and([isKey, $.eq(['$classification.flags.riskArea', true])]), PERSON.riskArea),
      outOfProvince: bit(
        $.and([isKey, $.eq(['$classification.flags.outOfProvince', true])]),
        PERSON.outOfProvince,
      ),
    })
}

/** A group of peopleOf: the person (and grid), with each PERSON bit their declarations set (or 0). */
export type PersonGroup<Id> = {
  _id: Id
  employee: number
  key: number
  riskArea: number
  outOfProvince: number
}

export const personFlags = (p: PersonGroup<unknown>) => p.employee | p.key | p.riskArea | p.outOfProvince

/** The street's days among `dates` as they are stored, of whatever version; none for an empty list. */
export async function readStoredDays(
  db: Database,
  streetId: string,
  dates: string[],
): Promise<StatsDayDoc[]> {
  if (!dates.length) return []
  const { data } = await col(db, 'stats_days')
    .where({ streetId, date: db.command.in(dates) })
    .limit(dates.length)
    .get()
  return data as StatsDayDoc[]
}

/**
 * The stored days of a street, filling in (and storing) any of them not stored yet or stored by another version.
 * Only closed days may be asked for: the caller keeps today and later out.
 */
export async function storedDays(
  db: Database,
  streetId: string,
  dates: string[],
  now: number,
): Promise<StatsDayDoc[] & { filled?: number }> {
  if (!dates.length) return []
  const have = new Map(
    (await readStoredDays(db, streetId, dates))
      .filter((d) => d.version === STATS_DAY_VERSION)
      .map((d) => [d.date, d]),
  )
  const missing = dates.filter((d) => !have.has(d))
  for (const day of await writeDays(db, await computeDays(db, streetId, missing, now)))
    have.set(day.date, day)
  return Object.assign(
    dates.map((d) => have.get(d)!),
    { filled: missing.length },
  )
}

/** Days the nightly run makes sure are stored: the one that has just closed and the week before it. */
const NIGHTLY_DAYS = 8

/** The statsScan timer: every street's last closed days, stored where they are not yet. Returns how many per street. */
export async function storeClosedDays(deps: Deps, at: number): Promise<Record<string, number>> {
  const today = shanghaiDate(at)
  const dates = Array.from({ length: NIGHTLY_DAYS }, (_, i) =>
    shanghaiDate(startOfShanghaiDay(today) - (NIGHTLY_DAYS - i) * DAY + DAY / 2),
  )
  const filled: Record<string, number> = {}
  for (const streetId of await allStreetIds(deps))
    filled[streetId] = (await storedDays(deps.db, streetId, dates, at)).filled ?? 0
  return filled
}

/** Writes recomputed days whole: the same document whoever writes it, so writers racing each other agree. */
export async function writeDays(db: Database, days: StatsDayDoc[]): Promise<StatsDayDoc[]> {
  await Promise.all(
    days.map(({ _id, ...rest }) =>
      col(db, 'stats_days')
        .doc(_id)
        .set(rest as Omit<StatsDayDoc, '_id'>),
    ),
  )
  return days
}
