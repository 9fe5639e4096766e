/**
 * 跑腿代购 (errands): the state machine, who may take which step, and the limits. Shared by the client (which
 * buttons to show, what to mask) and the `errand` / `errandScan` functions (what they allow), so both agree.
 *
 *   open → claimed → purchasing → delivering → delivered → confirmed
 *   open | claimed → cancelled (by the requester, before purchasing starts)
 *   claimed | purchasing → open (released by the assignee, with a reason)
 *
 * A psychological-support request (心理疏导) is not shopping: it goes to the grid worker's queue, and its
 * assignee moves it from claimed straight to delivered (the conversation took place).
 */
import { scopeContains, type Role, type Scope } from './roles'

export const ERRAND_CATEGORIES = ['groceries', 'medicine', 'daily', 'other', 'psych'] as const
export type ErrandCategory = (typeof ERRAND_CATEGORIES)[number]

export const ERRAND_CATEGORY_LABELS: Record<ErrandCategory, string> = {
  groceries: '生活物资',
  medicine: '药品',
  daily: '日用品',
  other: '其他',
  psych: '心理疏导',
}

export const ERRAND_STATES = [
  'open',
  'claimed',
  'purchasing',
  'delivering',
  'delivered',
  'confirmed',
  'cancelled',
] as const
export type ErrandState = (typeof ERRAND_STATES)[number]

export const ERRAND_STATE_LABELS: Record<ErrandState, string> = {
  open: '待认领',
  claimed: '已认领',
  purchasing: '采购中',
  delivering: '配送中',
  delivered: '已送达',
  confirmed: '已确认收货',
  cancelled: '已取消',
}

/** The same states as a psychological-support request reads them. */
export const PSYCH_STATE_LABELS: Record<ErrandState, string> = {
  ...ERRAND_STATE_LABELS,
  claimed: '网格员已接单',
  delivered: '已完成疏导',
  confirmed: '已确认',
}

export function stateLabel(state: ErrandState, category: ErrandCategory): string {
  return (category === 'psych' ? PSYCH_STATE_LABELS : ERRAND_STATE_LABELS)[state]
}

/** Whose queue a request lands in: shopping goes to the butlers, psychological support to the grid worker. */
export type ErrandQueue = 'butler' | 'gridWorker'
export function queueOf(category: ErrandCategory): ErrandQueue {
  return category === 'psych' ? 'gridWorker' : 'butler'
}

/** The assignee's steps, in order. `advance` moves exactly one of them. */
const STEPS: Record<'errand' | 'psych', Partial<Record<ErrandState, ErrandState>>> = {
  errand: { claimed: 'purchasing', purchasing: 'delivering', delivering: 'delivered' },
  psych: { claimed: 'delivered' },
}

/** The step after `state` for the assignee, or undefined when the assignee has nothing more to do. */
export function nextStep(state: ErrandState, category: ErrandCategory): ErrandState | undefined {
  return STEPS[category === 'psych' ? 'psych' : 'errand'][state]
}

/** `advance` from `from` to `to` is allowed only when `to` is the very next step: no skipping, no going back. */
export function canAdvance(from: ErrandState, to: ErrandState, category: ErrandCategory): boolean {
  return nextStep(from, category) === to
}

/** The requester may cancel until the assignee starts buying. */
export function canCancel(state: ErrandState): boolean {
  return state === 'open' || state === 'claimed'
}

/** The assignee may hand a request back before anything was delivered or paid for. */
export function canRelease(state: ErrandState): boolean {
  return state === 'claimed' || state === 'purchasing'
}

/** A request counts against the requester's limit until it is delivered, cancelled or confirmed. */
export function countsAsOpen(state: ErrandState): boolean {
  return state === 'open' || state === 'claimed' || state === 'purchasing' || state === 'delivering'
}

/** Being worked on by an assignee, and not yet at the door. */
export function isInProgress(state: ErrandState): boolean {
  return state === 'claimed' || state === 'purchasing' || state === 'delivering'
}

/** Only medicine may be marked urgent (加急). */
export function canBeUrgent(category: ErrandCategory): boolean {
  return category === 'medicine'
}

// ---------- who may do what ----------

/** How a caller relates to one request. */
export type ErrandRelation =
  /** The person who asked. */
  | 'requester'
  /** The butler (or, for psych, grid worker) who claimed it. */
  | 'assignee'
  /** Staff whose queue it is in (butlers of the grid and community, or the grid worker for psych). */
  | 'queueStaff'
  /** Grid worker or admin whose scope contains it: may look, not act on the steps. */
  | 'overseer'

/** What deciding a relation needs to know of a request. */
export interface ErrandParties {
  requesterId: string
  assigneeId: string | null
  status: ErrandState
  queue: ErrandQueue
  streetId: string
  communityId: string
  gridId: string
  createdAt: number
}

/** Staff whose queue holds the request: the grid's butlers (the community's after the wait) or its grid worker. */
function inQueueScope(
  a: { role: Role; scope: Scope },
  e: ErrandParties,
  settings: ErrandSettings,
  now: number,
): boolean {
  if (a.scope.streetId !== e.streetId) return false
  if (e.queue === 'gridWorker') return a.role === 'gridWorker' && a.scope.gridId === e.gridId
  if (a.role !== 'butler') return false
  if (a.scope.gridId === e.gridId) return true
  return a.scope.communityId === e.communityId && now >= communityOpensAt(e, settings)
}

/** How an account stands to a request (the policy's errand rules read these). */
export function relationsOf(
  a: { _id: string; role: Role; scope: Scope },
  e: ErrandParties,
  settings: ErrandSettings,
  now: number,
): ErrandRelation[] {
  const out: ErrandRelation[] = []
  if (e.requesterId === a._id) out.push('requester')
  if (e.assigneeId === a._id) out.push('assignee')
  if (e.status === 'open' && inQueueScope(a, e, settings, now)) out.push('queueStaff')
  if ((a.role === 'gridWorker' || a.role === 'admin') && scopeContains(a.scope, scopeOfErrand(e)))
    out.push('overseer')
  return out
}

const scopeOfErrand = (e: Pick<ErrandParties, 'streetId' | 'communityId' | 'gridId'>): Scope => ({
  streetId: e.streetId,
  communityId: e.communityId,
  gridId: e.gridId,
})

// ---------- limits ----------

export interface ErrandSettings {
  /** Requests one person may have open (not yet delivered) at once. */
  maxOpen: number
  /** Unclaimed this long, the grid worker is alerted. */
  unclaimedMinutes: number
  /** The same for urgent medicine. */
  urgentUnclaimedMinutes: number
  /** Claimed but not delivered this long after the claim, the grid worker is alerted. */
  deliverWithinMinutes: number
  /** Open this long, butlers of the other grids of the same community may claim it too. */
  communityAfterMinutes: number
}

export const DEFAULT_ERRAND_SETTINGS: ErrandSettings = {
  maxOpen: 3,
  unclaimedMinutes: 30,
  urgentUnclaimedMinutes: 10,
  deliverWithinMinutes: 180,
  communityAfterMinutes: 15,
}

/** What a requester may tick when rating, besides the stars and their own words; shown as tags with the rating. */
export const RATING_TAGS = ['送得很及时', '物品齐全', '态度很好', '沟通耐心'] as const
export type RatingTag = (typeof RATING_TAGS)[number]

/** A rating in one line, for ledgers: "5星（送得很及时、物品齐全）：谢谢". */
export function ratingText(r: { stars: number; comment: string; tags?: readonly string[] }): string {
  const tags = r.tags?.length ? `（${r.tags.join('、')}）` : ''
  return `${r.stars}星${tags}${r.comment ? `：${r.comment}` : ''}`
}

/** Wrong handoff codes the assignee may type before only the requester can confirm. */
export const MAX_CODE_ATTEMPTS = 5
export const HANDOFF_CODE_LENGTH = 4
export const HANDOFF_CODE_PATTERN = /^\d{4,6}$/

const MINUTE = 60_000

type Timed = { category: ErrandCategory; urgent: boolean; openedAt: number }

/** Minutes a request may stay unclaimed before the grid worker hears of it. */
export function unclaimedLimitMinutes(e: Pick<Timed, 'category' | 'urgent'>, s: ErrandSettings): number {
  return e.urgent && e.category === 'medicine' ? s.urgentUnclaimedMinutes : s.unclaimedMinutes
}

export function isUnclaimedTooLong(
  e: Timed & { status: ErrandState },
  now: number,
  s: ErrandSettings,
): boolean {
  return e.status === 'open' && now - e.openedAt >= unclaimedLimitMinutes(e, s) * MINUTE
}

export function isDeliveryLate(
  e: { status: ErrandState; claimedAt: number | null },
  now: number,
  s: ErrandSettings,
): boolean {
  return isInProgress(e.status) && e.claimedAt != null && now - e.claimedAt >= s.deliverWithinMinutes * MINUTE
}

/** The earliest moment butlers of the community's other grids may claim a request. */
export function communityOpensAt(e: { createdAt: number }, s: ErrandSettings): number {
  return e.createdAt + s.communityAfterMinutes * MINUTE
}

/** The queue's order: urgent first, then the longest waiting. */
export function compareOpen(
  a: { urgent: boolean; createdAt: number; _id?: string },
  b: { urgent: boolean; createdAt: number; _id?: string },
): number {
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt
  return (a._id ?? '').localeCompare(b._id ?? '')
}

// ---------- money ----------

/** Amounts are whole fen (分), so sums are exact. */
export function formatYuan(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`
}

export function isOverBudget(budgetFen: number, spentFen: number): boolean {
  return spentFen > budgetFen
}

export const SETTLEMENTS = ['paid_by_resident', 'reimbursed'] as const
export type Settlement = (typeof SETTLEMENTS)[number]
export const SETTLEMENT_LABELS: Record<Settlement, string> = {
  paid_by_resident: '居民当面支付',
  reimbursed: '社区报销',
}

/**
 * How a delivery may be settled: paying the butler at the door needs a door that opens, so a contactless
 * delivery (left outside) is settled by the community's reimbursement only.
 */
export function settlementsFor(e: { contactless: boolean }): readonly Settlement[] {
  return e.contactless ? ['reimbursed'] : SETTLEMENTS
}

export const LEDGER_STATES = ['pending', 'settled'] as const
export type LedgerState = (typeof LEDGER_STATES)[number]
export const LEDGER_STATE_LABELS: Record<LedgerState, string> = { pending: '待结算', settled: '已结算' }

/** What the assignee must have recorded to take a step: money and receipt by delivering, a photo at the door. */
export function missingForStep(
  to: ErrandState,
  category: ErrandCategory,
  have: {
    spentFen?: number | null
    receiptFileId?: string | null
    dropOffFileId?: string | null
    settlement?: string | null
  },
): string[] {
  if (category === 'psych') return []
  const missing: string[] = []
  if (to === 'delivering' || to === 'delivered') {
    if (have.spentFen == null) missing.push('实际花费')
    if (!have.receiptFileId) missing.push('购物小票照片')
  }
  if (to === 'delivered') {
    if (!have.dropOffFileId) missing.push('送达照片')
    if (!have.settlement) missing.push('结算方式')
  }
  return missing
}

// ---------- display ----------

export const HELP_REASONS = ['elderly', 'disabled', 'other'] as const
export type HelpReason = (typeof HELP_REASONS)[number]
export const HELP_REASON_LABELS: Record<HelpReason, string> = {
  elderly: '独居或高龄老人',
  disabled: '残疾人',
  other: '其他困难',
}

/** 张三 → 张*, 欧阳娜娜 → 欧***: what a queue shows before anyone has claimed the request. */
export function maskName(name: string): string {
  const chars = Array.from(name)
  if (chars.length <= 1) return name
  return chars[0] + '*'.repeat(chars.length - 1)
}
