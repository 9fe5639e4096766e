import { fail, ok } from '../../shared/errors'
import { isSystemCall } from '../_lib/identity'
import { defaultDeps } from '../_lib/runtime'
import { scan } from './scan'

/**
 * Timer: every five minutes (config.json). Alerts the grid worker once about each request nobody claimed in
 * time and each claimed request not delivered in time. The trigger's own `Time` is "now", so a late start
 * still judges lateness at the moment the scan was due.
 */
export async function main(event: unknown, context: unknown) {
  if (!isSystemCall(context)) return fail('FORBIDDEN_ROLE', '只有定时任务可以运行巡检')
  const deps = defaultDeps()
  const time = (event as { Time?: unknown } | null)?.Time
  const at = typeof time === 'string' && !Number.isNaN(Date.parse(time)) ? Date.parse(time) : deps.now()
  try {
    return ok(await scan({ ...deps, now: () => at }, at))
  } catch (e) {
    console.error('[errandScan]', e)
    return fail('INTERNAL')
  }
}
