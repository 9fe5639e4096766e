import type {
  ErrandCategory,
  ErrandQueue,
  ErrandState,
  HelpReason,
  ErrandSettings,
  LedgerState,
  RatingTag,
  Settlement,
} from '../../shared/errand'
import type { QueuedNotice } from '../_lib/notify'

export interface ErrandItem {
  name: string
  quantity: number
  unit?: string
  note?: string
}

export interface ErrandEvent {
  type: 'create' | 'claim' | 'release' | 'advance' | 'confirm' | 'cancel' | 'rate' | 'codeWrong'
  to?: ErrandState
  byId: string
  byName: string
  at: number
  note?: string
}

export interface ErrandDoc {
  _id: string
  streetId: string
  communityId: string
  gridId: string
  requesterId: string
  requesterName: string
  /** Contact and address come from the quarantine record (or the household the grid worker marked). */
  phone: string
  building: string
  room: string
  basis: 'quarantine' | 'household'
  quarantineId: string | null
  category: ErrandCategory
  queue: ErrandQueue
  items: ErrandItem[]
  budgetFen: number
  deliveryWindow: { start: string; end: string } | null
  contactless: boolean
  urgent: boolean
  note: string
  requestId: string | null
  /** The `errand_slots` id this request holds while it counts against the requester's limit. */
  slotId: string
  status: ErrandState
  /** How many times it has been claimed; names the alert of each claim and each wait in the queue. */
  round: number
  createdAt: number
  /** When it last entered the queue (creation, or a release). */
  openedAt: number
  claimedAt: number | null
  purchasingAt: number | null
  deliveringAt: number | null
  deliveredAt: number | null
  confirmedAt: number | null
  cancelledAt: number | null
  assigneeId: string | null
  assigneeName: string | null
  assigneePhone: string | null
  /** Shown only to the requester; generated at each claim. */
  handoffCode: string | null
  codeAttempts: number
  spentFen: number | null
  receiptFileId: string | null
  dropOffFileId: string | null
  settlement: Settlement | null
  overBudgetReason: string | null
  /** The staff the quarantine record names, for notices and escalation. */
  butlerId: string | null
  gridWorkerId: string | null
  /** `tags` (shared RATING_TAGS) is missing on ratings made before tags were kept apart from the comment. */
  rating: { stars: number; comment: string; tags?: RatingTag[]; at: number } | null
  timeline: ErrandEvent[]
  /**
   * Notices to the requester a claim queued instead of sending (errand/notices.ts), until noticeScan or the
   * request's next notice delivers them; `noticesDueAt` (indexed) is set while any wait. Missing on requests that
   * never queued one.
   */
  pendingNotices?: QueuedNotice[]
  noticesDueAt?: number | null
  updatedAt: number
}

export interface SlotDoc {
  _id: string
  accountId: string
  errandId: string
  at: number
}

export interface HouseholdDoc {
  _id: string
  accountId: string
  name: string
  phone: string
  streetId: string
  communityId: string
  gridId: string
  building: string
  room: string
  reason: HelpReason
  note: string
  active: boolean
  markedBy: string
  markedByName: string
  markedAt: number
  unmarkedAt?: number
}

export interface LedgerDoc {
  /** The errand id: one entry per errand. */
  _id: string
  errandId: string
  butlerId: string
  butlerName: string
  streetId: string
  communityId: string
  gridId: string
  category: ErrandCategory
  budgetFen: number
  amountFen: number
  receiptFileId: string
  status: LedgerState
  createdAt: number
  settledAt: number | null
  settledBy: string | null
  settledByName: string | null
  settleNote: string | null
}

/** A street's errand limits; id = the street id. Absent: DEFAULT_ERRAND_SETTINGS. */
export interface ErrandSettingsDoc extends ErrandSettings {
  _id: string
  updatedBy: string
  updatedAt: number
}
