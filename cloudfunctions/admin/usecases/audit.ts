import type { auditLogInput } from '../../../shared/schemas/admin'
import type { CallerFor, Deps, Input } from '../../_lib/runtime'
import { pageOf } from '../../_lib/paging'

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
  return pageOf(
    deps.db,
    'audit_logs',
    where,
    [
      ['at', 'desc'],
      ['_id', 'desc'],
    ],
    input,
  )
}
