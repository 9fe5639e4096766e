import { createTimerMain } from '../_lib/runtime'
import { applyRetention } from './apply'

/**
 * Timer: every day at 04:10 (config.json). Anonymises, street by street, the personal details past the street's
 * retention policy (shared/retention.ts), and writes one audit entry per street with the counts.
 */
export const main = createTimerMain('retentionScan', applyRetention)
