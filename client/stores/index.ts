/** App-wide store instances, all made here. Pages read them through `observer` components. */
import { configure } from 'mobx'
import { InboxStore } from './inbox'
import { InviteStore } from './invites'
import { ReviewQueueStore } from './reviewQueue'
import { SessionStore } from './session'
import { StatsFilterStore } from './statsFilter'

configure({ enforceActions: 'observed' })

export const session = new SessionStore()
export const inbox = new InboxStore()
export const invites = new InviteStore()
export const reviewQueue = new ReviewQueueStore()
export const statsFilter = new StatsFilterStore()

export { InboxStore, InviteStore, ReviewQueueStore, SessionStore, StatsFilterStore }
export type { LoadStatus } from './session'
export type { QueueTab } from './reviewQueue'
export { PERIOD_PRESETS, type PeriodPreset } from './statsFilter'
