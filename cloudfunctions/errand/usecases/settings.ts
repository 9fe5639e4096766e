import { DEFAULT_ERRAND_SETTINGS } from '../../../shared/errand'
import type { setErrandSettingsInput } from '../../../shared/schemas/errand'
import { auditEntry } from '../../_lib/audit'
import { txCol, txGet } from '../../_lib/collections'
import type { CallerFor, Deps, Input } from '../../_lib/runtime'
import { errandSettingsFor, forgetSettings } from '../../_lib/settings'
import { transactOrConflict } from '../../_lib/transact'

export async function getSettings(deps: Deps, caller: CallerFor) {
  return { settings: await errandSettingsFor(deps, caller.account.scope.streetId) }
}

export async function setSettings(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof setErrandSettingsInput>,
) {
  const a = caller.account
  const streetId = a.scope.streetId
  const now = deps.now()
  await transactOrConflict(deps, async (t) => {
    const before = await txGet(t, 'errand_settings', streetId)
    await txCol(t, 'errand_settings')
      .doc(streetId)
      .set({ ...input, updatedBy: a._id, updatedAt: now })
    await txCol(t, 'audit_logs').add(
      auditEntry(a, {
        action: 'errand.settings',
        target: `errand_settings:${streetId}`,
        before: before ?? DEFAULT_ERRAND_SETTINGS,
        after: input,
        at: now,
      }),
    )
  })
  forgetSettings(streetId)
  return { settings: input }
}
