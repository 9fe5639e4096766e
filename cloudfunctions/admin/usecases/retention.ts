import { DEFAULT_RETENTION, type RetentionPolicy } from '../../../shared/retention'
import type { setRetentionInput } from '../../../shared/schemas/admin'
import { auditEntry } from '../../_lib/audit'
import { txCol, txGet } from '../../_lib/collections'
import type { CallerFor, Deps, Input, Transaction } from '../../_lib/runtime'
import { retentionFor } from '../../_lib/settings'

/** The caller's street's retention policy: everyone may read how long their data is kept (the rules page). */
export async function getRetention(deps: Deps, caller: CallerFor): Promise<{ policy: RetentionPolicy }> {
  return { policy: await retentionFor(deps, caller.account.scope.streetId) }
}

/** The street admin sets how long personal details are kept; the change is audited. */
export async function setRetention(deps: Deps, caller: CallerFor, input: Input<typeof setRetentionInput>) {
  const a = caller.account
  const streetId = a.scope.streetId
  const now = deps.now()
  await deps.db.runTransaction(async (t: Transaction) => {
    const before = await txGet(t, 'retention_policies', streetId)
    await txCol(t, 'retention_policies')
      .doc(streetId)
      .set({ ...input, updatedBy: a._id, updatedAt: now })
    await txCol(t, 'audit_logs').add(
      auditEntry(a, {
        action: 'retention.policy',
        target: `retention_policies:${streetId}`,
        before: before
          ? {
              healthDays: before.healthDays,
              errandDays: before.errandDays,
              idNumberDays: before.idNumberDays,
            }
          : DEFAULT_RETENTION,
        after: input,
        at: now,
      }),
    )
  })
  return { policy: input }
}
