import { createTimerMain } from '../_lib/runtime'
import { scan } from './scan'

/**
 * Timer: every ten minutes (config.json). Once a 一日两检 window has closed, records each on-site person who was
 * not checked as missed, and reminds the enterprise's safety officer once per window.
 */
export const main = createTimerMain('onsiteScan', scan)
