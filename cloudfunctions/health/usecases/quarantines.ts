/** Quarantine records: who may read and decide about them, what a reader sees, and the access log. */
import { AppError } from '../../../shared/errors'
import { quarantineDay } from '../../../shared/health'
import { scopeContains } from '../../../shared/roles'
import type { AccountDoc } from '../../_lib/accounts'
import { col, getDoc } from '../../_lib/collections'
import type { CallerFor, Deps } from '../../_lib/runtime'
import type { QuarantineDoc, ReportDoc } from '../model'

/** Temperatures and symptoms: the person, their butler and grid worker, epidemic reviewers, the admin. */
function canReadHealth(account: AccountDoc, q: QuarantineDoc): boolean {
  if (q.accountId === account._id) return true
  if (!scopeContains(account.scope, { streetId: q.streetId, communityId: q.communityId, gridId: q.gridId }))
    return false
  if (account.role === 'admin') return true
  if (account.role === 'reviewer') return account.department === 'epidemic'
  return account.role === 'butler' || account.role === 'gridWorker'
}

export function publicQuarantine(q: QuarantineDoc, today: string) {
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
    room: q.room,
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

export async function quarantineInScope(
  deps: Deps,
  caller: CallerFor,
  quarantineId: string,
): Promise<QuarantineDoc> {
  const q = await getDoc(deps, 'quarantines', quarantineId)
  if (!q) throw new AppError('NOT_FOUND', '没有找到这位隔离人员')
  if (!canReadHealth(caller.account, q)) throw new AppError('FORBIDDEN_SCOPE')
  return q
}

export function canDecide(account: AccountDoc, q: QuarantineDoc): boolean {
  if (!scopeContains(account.scope, { streetId: q.streetId, communityId: q.communityId, gridId: q.gridId }))
    return false
  return (
    account.role === 'admin' ||
    account.role === 'gridWorker' ||
    (account.role === 'reviewer' && account.department === 'epidemic')
  )
}
