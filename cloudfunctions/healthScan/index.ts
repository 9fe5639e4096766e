import { fail, ok } from '../../shared/errors'
import { isSystemCall } from '../_lib/identity'
import { defaultDeps } from '../_lib/runtime'
import { scan } from './scan'

/**
 * Timer: every hour on the hour (config.json). Marks missed slots and alerts butlers after a slot closes,
 * reminds an hour before, and releases finished quarantines at midnight — all Asia/Shanghai.
 * The trigger's own `Time` is "now", so a late start still does the job that was due.
 */
export async function main(event: unknown, context: unknown) {
  if (!isSystemCall(context)) return fail('FORBIDDEN_ROLE', '只有定时任务可以运行巡检')
  const deps = defaultDeps()
  const time = (event as { Time?: unknown } | null)?.Time
  const at = typeof time === 'string' && !Number.isNaN(Date.parse(time)) ? Date.parse(time) : deps.now()
  try {
    return ok(await scan({ ...deps, now: () => at }, at))
  } catch (e) {
    console.error('[healthScan]', e)
    return fail('INTERNAL')
  }
}
