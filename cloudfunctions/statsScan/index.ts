import { createTimerMain } from '../_lib/runtime'
import { storeClosedDays } from '../stats/days'

/**
 * Timer: every day at 00:30 (config.json). Stores each street's figures of the day that has just closed (and of
 * any of the week before still missing), so that the first dashboard of the morning reads them instead of
 * computing them; a dashboard that finds a closed day missing stores it just the same.
 */
export const main = createTimerMain('statsScan', storeClosedDays)
