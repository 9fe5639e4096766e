import { deliverDueNotices } from '../errand/notices'
import { createTimerMain } from '../_lib/runtime'

/**
 * Timer: every minute (config.json). Delivers the notices a claim queued on the request instead of sending at once
 * (errand/notices.ts): the requester hears of a claim within a minute, and each notice once.
 */
export const main = createTimerMain('noticeScan', deliverDueNotices)
