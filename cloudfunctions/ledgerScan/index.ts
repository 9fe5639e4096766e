import { fail, ok } from '../../shared/errors'
import { isSystemCall } from '../_lib/identity'
import { cloud, defaultDeps } from '../_lib/runtime'
import { removeExpiredLedgers, retentionDays } from './clean'

/**
 * Timer: every day at 03:30 (config.json). Deletes the Excel ledgers stats.exportLedger stored more than
 * LEDGER_RETENTION_DAYS (default 7) days ago. The trigger's own `Time` is "now".
 */
export async function main(event: unknown, context: unknown) {
  if (!isSystemCall(context)) return fail('FORBIDDEN_ROLE', '只有定时任务可以清理台账文件')
  const deps = defaultDeps()
  const time = (event as { Time?: unknown } | null)?.Time
  const at = typeof time === 'string' && !Number.isNaN(Date.parse(time)) ? Date.parse(time) : deps.now()
  try {
    return ok(await removeExpiredLedgers(deps, cloud(), at, retentionDays()))
  } catch (e) {
    console.error('[ledgerScan]', e)
    return fail('INTERNAL')
  }
}
