import { checksDueToday } from '../../shared/onsite'
import type { OnsiteCheckRow, OnsiteEnterpriseRow, OnsiteStaffRow } from '../../shared/stats'
import { col } from '../_lib/collections'
import type { Deps } from '../_lib/runtime'
import type { OnsiteCheckDoc, OnsiteEnterpriseDoc, OnsiteStaffDoc } from '../onsite/model'
import type { FigureContext } from './filters'
import { place } from './rows'
import type { Places } from './scope'

/**
 * The 企业一日两检 figures, each computed in the database with the conditions of `figureQuery` (filters.ts): one
 * grouped aggregation per collection, each with a $limit (CloudBase answers 20 results when a pipeline has none).
 * The checks of `dates` only: those of closed days are stored (days.ts) and added by the caller.
 */
export async function onsiteFigures(c: FigureContext, dates: string[]) {
  const _ = c.db.command
  const $ = c.db.command.aggregate
  const countIf = (cond: unknown) => $.sum($.cond([cond, 1, 0]))
  // A person never put on site has no onSiteSince: never owed.
  const since = $.ifNull(['$onSiteSince', Number.MAX_SAFE_INTEGER])
  const [staff, checks, flagged] = await Promise.all([
    col(c.db, 'onsite_staff')
      .aggregate()
      .match({ ...c.where, onSite: true, stopped: false })
      .group({
        _id: null,
        due: $.sum(
          $.add([
            $.cond([$.lt([since, c.onsiteCloses.morning]), 1, 0]),
            $.cond([$.lt([since, c.onsiteCloses.afternoon]), 1, 0]),
          ]),
        ),
      })
      .limit(1)
      .end(),
    !dates.length
      ? { data: [] }
      : col(c.db, 'onsite_checks')
          .aggregate()
          .match({ ...c.where, date: _.in(dates) })
          .group({
            _id: null,
            done: countIf($.eq(['$status', 'done'])),
            missed: countIf($.eq(['$status', 'missed'])),
            positive: countIf($.eq(['$positive', true])),
            fever: countIf($.eq(['$fever', true])),
          })
          .limit(1)
          .end(),
    col(c.db, 'onsite_enterprises')
      .where({ ...c.where, flagged: true })
      .count(),
  ])
  const first = (rows: unknown[]) => (rows[0] ?? {}) as Record<string, number | undefined>
  const s = first(staff.data as unknown[])
  const k = first(checks.data as unknown[])
  return {
    'onsite.due': s.due ?? 0,
    'onsite.done': k.done ?? 0,
    'onsite.missed': k.missed ?? 0,
    'onsite.positive': k.positive ?? 0,
    'onsite.fever': k.fever ?? 0,
    'onsite.flagged': flagged.total,
  }
}

/** The enterprises' names, for rows of people and checks (which carry only the enterprise id). */
export async function onsiteNames(deps: Deps, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)]
  if (!unique.length) return new Map()
  const { data } = await col(deps.db, 'onsite_enterprises')
    .where({ _id: deps.db.command.in(unique) })
    .field({ enterpriseName: true })
    .limit(unique.length)
    .get()
  return new Map(data.map((e) => [e._id, e.enterpriseName]))
}

export function onsiteCheckRow(p: Places, c: OnsiteCheckDoc, enterpriseName: string): OnsiteCheckRow {
  return {
    _id: c._id,
    enterpriseId: c.enterpriseId,
    enterpriseName,
    name: c.name,
    ...place(p, c),
    date: c.date,
    slot: c.slot,
    status: c.status,
    temperature: c.temperature,
    antigen: c.antigen,
    pcrSampled: c.pcrSampled,
    fever: c.fever,
    positive: c.positive,
    confirmed: c.confirmedAt !== null,
    at: c.at,
  }
}

/** The rows behind an 一日两检 figure. No phone or ID number is in them: names and results only. */
export async function onsiteRows(
  deps: Deps,
  p: Places,
  collection: 'onsite_staff' | 'onsite_checks' | 'onsite_enterprises',
  docs: unknown[],
  closes: FigureContext['onsiteCloses'],
): Promise<(OnsiteStaffRow | OnsiteCheckRow | OnsiteEnterpriseRow)[]> {
  if (collection === 'onsite_enterprises')
    return (docs as OnsiteEnterpriseDoc[]).map((e) => ({
      _id: e._id,
      enterpriseName: e.enterpriseName,
      officerName: e.officerName,
      openCases: e.openCases,
      ...place(p, e),
      updatedAt: e.updatedAt,
    }))
  const names = await onsiteNames(
    deps,
    (docs as { enterpriseId: string }[]).map((d) => d.enterpriseId),
  )
  if (collection === 'onsite_checks')
    return (docs as OnsiteCheckDoc[]).map((c) => onsiteCheckRow(p, c, names.get(c.enterpriseId) ?? ''))
  return (docs as OnsiteStaffDoc[]).map((s) => ({
    _id: s._id,
    enterpriseId: s.enterpriseId,
    enterpriseName: names.get(s.enterpriseId) ?? '',
    name: s.name,
    onSite: s.onSite,
    stopped: s.stopped,
    ...place(p, s),
    checksDueToday: checksDueToday(s, closes),
  }))
}
