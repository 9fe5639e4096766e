import { createTimerMain } from '../_lib/runtime'
import { scan } from './scan'

/**
 * Timer: every five minutes (config.json). Alerts the grid worker once about each request nobody claimed in
 * time and each claimed request not delivered in time, judged at the moment the scan was due.
 */
export const main = createTimerMain('errandScan', scan)
