import { createTimerMain } from '../_lib/runtime'
import { scan } from './scan'

/** Timer: daily at 09:00 Shanghai (config.json). Warns of health certificates 30 and 7 days before expiry. */
export const main = createTimerMain('certificateScan', scan)
