import { createTimerMain } from '../_lib/runtime'
import { pushDue } from './push'

/**
 * Timer: every minute (config.json). Pushes the day before's export to each street's (and the district's) 数据推送
 * endpoint once its time of day has come, signed; retries a failed push after 1, 5 and 30 minutes, then gives up
 * and tells the admins. A day is pushed at most once (the delivery's id is owner and day).
 */
export const main = createTimerMain('webhookScan', pushDue)
