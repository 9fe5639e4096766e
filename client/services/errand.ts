/**
 * Typed calls to the `errand` cloud function (跑腿代购). The shapes are the views the function answers with:
 * the requester's (with the handoff code), the assignee's (address and phone, never the code), the queue's
 * (building only, masked name) and the overseer's (masked phone) — see cloudfunctions/errand/usecases.ts.
 */
import type {
  ErrandCategory,
  ErrandQueue,
  ErrandSettings,
  ErrandState,
  HelpReason,
  LedgerState,
  Settlement,
} from '../../shared/errand'
import type { CreateErrandInput } from '../../shared/schemas/errand'
import { callFunction } from './cloud'
import type { Page } from './types'

export type { ErrandCategory, ErrandSettings, ErrandState, HelpReason, LedgerState, Settlement }

const call = <T>(action: string, input: Record<string, unknown> = {}) =>
  callFunction<T>('errand', { action, ...input })

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

export interface ErrandRating {
  stars: number
  comment: string
  at: number
}

/** What every view carries. */
export interface ErrandBase {
  _id: string
  category: ErrandCategory
  categoryLabel: string
  queue: ErrandQueue
  items: ErrandItem[]
  budgetFen: number
  deliveryWindow: { start: string; end: string } | null
  contactless: boolean
  urgent: boolean
  note: string
  status: ErrandState
  statusLabel: string
  streetId: string
  communityId: string
  gridId: string
  building: string
  requesterName: string
  createdAt: number
  openedAt: number
}

/** The progress fields: every view but the queue's. */
export interface ErrandProgress {
  claimedAt: number | null
  purchasingAt: number | null
  deliveringAt: number | null
  deliveredAt: number | null
  confirmedAt: number | null
  cancelledAt: number | null
  spentFen: number | null
  overBudget: boolean
  overBudgetReason: string | null
  receiptFileId: string | null
  dropOffFileId: string | null
  settlement: Settlement | null
  rating: ErrandRating | null
  nextStep: ErrandState | null
}

/**
 * One request, as whichever view the caller is entitled to. Fields a view leaves out are optional here; use
 * `relationTo` to know which view it is.
 */
export interface Errand extends ErrandBase, Partial<ErrandProgress> {
  /** Requester and assignee only. */
  room?: string
  /** The full number for requester and assignee, masked for overseers, absent in the queue. */
  phone?: string
  assignee?: { _id: string | null; name: string | null; phone?: string | null } | null
  /** Requester only (null until someone claimed it). */
  handoffCode?: string | null
  /** Assignee and overseers. */
  codeAttemptsLeft?: number
  timeline?: ErrandEvent[]
  /** Queue only. */
  waitingMinutes?: number
  ownGrid?: boolean
}

export type ErrandRelation = 'requester' | 'assignee' | 'queue' | 'overseer'

/** Which view an answer is: only the requester's carries `handoffCode`, only the queue's `waitingMinutes`. */
export function relationTo(e: Errand, accountId: string): ErrandRelation {
  if ('handoffCode' in e) return 'requester'
  if (e.assignee?._id && e.assignee._id === accountId) return 'assignee'
  if ('waitingMinutes' in e) return 'queue'
  return 'overseer'
}

export interface MinePage extends Page<Errand> {
  /** May this person ask at all (in quarantine, or a household the grid worker marked)? */
  eligible: boolean
  basis: 'quarantine' | 'household' | null
  address: { building: string; room: string } | null
  openCount: number
  maxOpen: number
}

export interface ButlerStats {
  butler: { _id: string; name: string; role: 'butler' | 'gridWorker' }
  completed: number
  ratingCount: number
  ratingAverage: number | null
  stars: Record<string, number>
  recent: { stars: number; comment: string; by: string; category: ErrandCategory; at: number }[]
}

export interface LedgerEntry {
  _id: string
  errandId: string
  butlerId: string
  butlerName: string
  gridId: string
  category: ErrandCategory
  budgetFen: number
  amountFen: number
  receiptFileId: string
  status: LedgerState
  createdAt: number
  settledAt: number | null
  settledByName: string | null
  settleNote: string | null
}

export interface LedgerPage extends Page<LedgerEntry> {
  totals: { pendingFen: number; pendingCount: number; settledFen: number; settledCount: number }
}

export interface Household {
  _id: string
  accountId: string
  name: string
  phone: string
  building: string
  room: string
  reason: HelpReason
  note: string
  active: boolean
  markedByName: string
  markedAt: number
}

export interface AdvanceInput {
  errandId: string
  to: ErrandState
  spentFen?: number
  receiptFileId?: string
  dropOffFileId?: string
  settlement?: Settlement
  overBudgetReason?: string
  note?: string
}

export interface MarkNeedsHelpInput {
  phone: string
  building: string
  room: string
  reason: HelpReason
  note?: string
}

type One = { errand: Errand }

/** A fresh id for one submission: a retry of the same submission is answered with the first request. */
export function newRequestId(): string {
  const abc = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789'
  let s = ''
  for (let i = 0; i < 20; i++) s += abc[Math.floor(Math.random() * abc.length)]
  return s
}

export const errandApi = {
  create: (input: CreateErrandInput) => call<One & { repeated: boolean }>('create', { ...input }),
  mine: (input: { active?: boolean; page?: number; pageSize?: number }) => call<MinePage>('mine', input),
  get: (errandId: string) => call<One>('get', { errandId }),
  listOpen: (limit = 50) => call<{ items: Errand[]; settings: ErrandSettings }>('listOpen', { limit }),
  assigned: (input: { active: boolean; page?: number; pageSize?: number }) =>
    call<Page<Errand>>('assigned', input),
  list: (input: { status?: ErrandState; gridId?: string; page?: number; pageSize?: number }) =>
    call<Page<Errand>>('list', input),
  claim: (errandId: string) => call<One>('claim', { errandId }),
  release: (errandId: string, reason: string) => call<One>('release', { errandId, reason }),
  advance: (input: AdvanceInput) => call<One>('advance', { ...input }),
  confirm: (errandId: string, code: string) =>
    call<One & { repeated: boolean }>('confirm', { errandId, code }),
  cancel: (errandId: string, reason?: string) =>
    call<One & { repeated: boolean }>('cancel', reason ? { errandId, reason } : { errandId }),
  rate: (errandId: string, stars: number, comment?: string) =>
    call<One>('rate', comment ? { errandId, stars, comment } : { errandId, stars }),
  butlerStats: (butlerId?: string) => call<ButlerStats>('butlerStats', butlerId ? { butlerId } : {}),
  ledger: (input: {
    status?: LedgerState
    butlerId?: string
    gridId?: string
    page?: number
    pageSize?: number
  }) => call<LedgerPage>('ledger', input),
  settle: (entryIds: string[], note?: string) =>
    call<{ settled: number; totalFen: number }>('settle', note ? { entryIds, note } : { entryIds }),
  markNeedsHelp: (input: MarkNeedsHelpInput) => call<{ household: Household }>('markNeedsHelp', { ...input }),
  unmarkNeedsHelp: (accountId: string, reason?: string) =>
    call<{ household: Household }>('unmarkNeedsHelp', reason ? { accountId, reason } : { accountId }),
  listNeedsHelp: (page = 1, pageSize = 50) => call<Page<Household>>('listNeedsHelp', { page, pageSize }),
  getSettings: () => call<{ settings: ErrandSettings }>('getSettings'),
}
