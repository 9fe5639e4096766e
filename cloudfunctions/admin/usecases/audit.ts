import type { auditLogInput } from '../../../shared/schemas/admin'
import { col } from '../../_lib/collections'
import type { CallerFor, Deps, Input } from '../../_lib/runtime'

/**
 * Read only, newest first. A street admin sees the street's entries; a community admin those about their
 * community and their own. There is no action anywhere that changes or deletes an entry.
 */
export async function auditLog(deps: Deps, caller: CallerFor, input: Input<typeof auditLogInput>) {
  const _ = deps.db.command
  const scope = caller.account.scope
  const base: Record<string, unknown> = { streetId: scope.streetId }
  if (input.action) base.action = input.action
  if (input.actorId) base.actorId = input.actorId
  const where = scope.communityId
    ? _.and([base, _.or([{ communityId: scope.communityId }, { actorId: caller.account._id }])])
    : base
  const logs = col(deps.db, 'audit_logs')
  const [{ total }, { data }] = await Promise.all([
    logs.where(where).count(),
    logs
      .where(where)
      .orderBy('at', 'desc')
      .orderBy('_id', 'desc')
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .get(),
  ])
  return {
    items: data,
    total,
    page: input.page,
    pageSize: input.pageSize,
  }
}
