import type { reconcileInput } from '../../shared/schemas/stats'
import { FIGURES, type FigureKey } from '../../shared/stats'
import { shanghaiDate } from '../../shared/time'
import { auditEntry } from '../_lib/audit'
import { txCol } from '../_lib/collections'
import type { CallerFor, Deps, Input, Transaction } from '../_lib/runtime'
import { computeDays, DAY_COUNTS, readStoredDays, type StatsDayDoc } from './days'
import { periodOf } from './scope'

export interface ReconcileView {
  streetId: string
  from: string
  to: string
  /** Closed days of the period that were stored and recomputed from the records. */
  checked: number
  /** The stored days that differed from the records, each with what differed; they now hold the records' figures. */
  repaired: { date: string; differences: string[] }[]
}

/** What differs between a stored day and the same day recomputed from the records, in words for the admin. */
export function dayDifferences(stored: StatsDayDoc, fresh: StatsDayDoc): string[] {
  const out: string[] = []
  if (stored.version !== fresh.version) out.push(`存档版本 ${stored.version}，应为 ${fresh.version}`)
  const grids = new Set([...stored.grids, ...fresh.grids].map((g) => g.gridId))
  for (const gridId of grids) {
    const a = stored.grids.find((g) => g.gridId === gridId)
    const b = fresh.grids.find((g) => g.gridId === gridId)
    for (const [key, read] of Object.entries(DAY_COUNTS)) {
      const [x, y] = [a ? read(a) : 0, b ? read(b) : 0]
      if (x !== y)
        out.push(`${FIGURES[key as FigureKey].label}（网格 ${gridId ?? '无'}）：存档 ${x}，记录 ${y}`)
    }
  }
  const people = (d: StatsDayDoc) => new Map(d.people.map(([g, id, bits]) => [`${g}\u0000${id}`, bits]))
  const [p, q] = [people(stored), people(fresh)]
  const differing = [...new Set([...p.keys(), ...q.keys()])].filter((k) => p.get(k) !== q.get(k)).length
  if (differing) out.push(`健康申报人员：${differing} 人的存档与记录不同`)
  return out
}

/**
 * 核对存档: the street's stored days between `from` and `to` recomputed from the raw records; each that differs is
 * rewritten with the records' figures, in one transaction with an audit entry naming what differed. A day never
 * stored is left for the dashboard to store. A retry recomputes again and finds nothing left to repair.
 */
export async function reconcile(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof reconcileInput>,
): Promise<ReconcileView> {
  const a = caller.account
  const streetId = a.scope.streetId
  const now = deps.now()
  const today = shanghaiDate(now)
  const period = periodOf(now, input.from, input.to)
  const dates = period.dates.filter((d) => d < today)
  // Only the days that are stored are recomputed: a day never stored is left for the dashboard to store.
  const stored = new Map((await readStoredDays(deps.db, streetId, dates)).map((d) => [d.date, d]))
  const fresh = await computeDays(deps.db, streetId, [...stored.keys()], now)
  const repaired: ReconcileView['repaired'] = []
  const rewrite: StatsDayDoc[] = []
  for (const day of fresh) {
    const old = stored.get(day.date)
    if (!old) continue
    const differences = dayDifferences(old, day)
    if (!differences.length) continue
    repaired.push({ date: day.date, differences })
    rewrite.push(day)
  }
  if (rewrite.length)
    await deps.db.runTransaction(async (t: Transaction) => {
      for (const { _id, ...rest } of rewrite) await txCol(t, 'stats_days').doc(_id).set(rest)
      await txCol(t, 'audit_logs').add(
        auditEntry(a, {
          action: 'stats.reconcile',
          target: `stats_days:${streetId}`,
          before: Object.fromEntries(repaired.map((r) => [r.date, r.differences])),
          after: { repaired: repaired.map((r) => r.date) },
          at: now,
        }),
      )
    })
  return { streetId, from: period.from, to: period.to, checked: stored.size, repaired }
}
