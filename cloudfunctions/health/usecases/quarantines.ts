/** Quarantine records: what a reader sees, and loading one the caller may read. */
import { AppError } from '../../../shared/errors'
import { quarantineDay } from '../../../shared/health'
import { personSeer, shown, type View } from '../../../shared/mask'
import type { Principal } from '../../../shared/policy'
import { allow, placeOf } from '../../_lib/access'
import { col, getDoc } from '../../_lib/collections'
import type { CallerFor, Deps } from '../../_lib/runtime'
import type { QuarantineDoc, ReportDoc } from '../model'

/** A quarantine as `viewer` sees it, in one record or in a list: the door number only for those who knock. */
export function publicQuarantine(q: QuarantineDoc, today: string, viewer: Principal, view: View = 'record') {
  return {
    _id: q._id,
    name: q.name,
    kind: q.kind,
    reasons: q.reasons,
    startDate: q.startDate,
    endDate: q.endDate,
    status: q.status,
    day: Math.max(1, quarantineDay(q.startDate, today)),
    totalDays: quarantineDay(q.startDate, q.endDate) - 1,
    building: q.building,
    room: shown('room', view, personSeer(viewer, q), q.room),
    gridId: q.gridId,
  }
}
export async function recentReports(deps: Deps, quarantineId: string, limit = 40): Promise<ReportDoc[]> {
  const { data } = await col(deps.db, 'reports')
    .where({ quarantineId })
    .orderBy('at', 'desc')
    .limit(limit)
    .get()
  return data
}

/** A quarantine record, if the action's rule admits the caller to it (healthRecord, scope). */
export async function quarantineInScope(
  deps: Deps,
  caller: CallerFor,
  quarantineId: string,
): Promise<QuarantineDoc> {
  const q = await getDoc(deps, 'quarantines', quarantineId)
  if (!q) throw new AppError('NOT_FOUND', '没有找到这位隔离人员')
  allow(caller, { people: [q.accountId], scope: placeOf(q) })
  return q
}
