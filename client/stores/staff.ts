/**
 * The stores only staff pages use — invitations (admin), the review queue (reviewers), the dashboard's filter
 * (street console) — made here rather than in stores/index, so that they travel with the staff subpackages and
 * not in the main package every resident downloads.
 */
import './index'
import { InviteStore } from './invites'
import { ReviewQueueStore } from './reviewQueue'
import { StatsFilterStore } from './statsFilter'

export const invites = new InviteStore()
export const reviewQueue = new ReviewQueueStore()
export const statsFilter = new StatsFilterStore()

export type { QueueTab } from './reviewQueue'
export { PERIOD_PRESETS, type PeriodPreset } from './statsFilter'
