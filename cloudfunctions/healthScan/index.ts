import { createTimerMain } from '../_lib/runtime'
import { scan } from './scan'

/**
 * Timer: every hour on the hour (config.json). Marks missed slots and alerts butlers after a slot closes,
 * reminds an hour before, and releases finished quarantines at midnight — all Asia/Shanghai.
 */
export const main = createTimerMain('healthScan', scan)
