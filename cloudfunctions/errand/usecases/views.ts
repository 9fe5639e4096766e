/** Who sees what: one view per relation, so an address or a handoff code never reaches the wrong screen. */
import {
  ERRAND_CATEGORY_LABELS,
  MAX_CODE_ATTEMPTS,
  countsAsOpen,
  isOverBudget,
  maskName,
  nextStep,
  stateLabel,
  type ErrandRelation,
} from '../../../shared/errand'
import { AppError } from '../../../shared/errors'
import { maskPhone } from '../../../shared/mask'
import type { ErrandDoc } from '../model'
import { MINUTE } from './relations'

function commonView(e: ErrandDoc) {
  return {
    _id: e._id,
    category: e.category,
    categoryLabel: ERRAND_CATEGORY_LABELS[e.category],
    queue: e.queue,
    items: e.items,
    budgetFen: e.budgetFen,
    deliveryWindow: e.deliveryWindow,
    contactless: e.contactless,
    urgent: e.urgent,
    note: e.note,
    status: e.status,
    statusLabel: stateLabel(e.status, e.category),
    streetId: e.streetId,
    communityId: e.communityId,
    gridId: e.gridId,
    building: e.building,
    createdAt: e.createdAt,
    openedAt: e.openedAt,
  }
}

function progressView(e: ErrandDoc) {
  return {
    claimedAt: e.claimedAt,
    purchasingAt: e.purchasingAt,
    deliveringAt: e.deliveringAt,
    deliveredAt: e.deliveredAt,
    confirmedAt: e.confirmedAt,
    cancelledAt: e.cancelledAt,
    spentFen: e.spentFen,
    overBudget: e.spentFen != null && isOverBudget(e.budgetFen, e.spentFen),
    overBudgetReason: e.overBudgetReason,
    receiptFileId: e.receiptFileId,
    dropOffFileId: e.dropOffFileId,
    settlement: e.settlement,
    rating: e.rating,
    nextStep: nextStep(e.status, e.category) ?? null,
  }
}

/** Those who meet at the door, requester and assignee: the room and phone in full, and the whole timeline. */
function doorView(e: ErrandDoc) {
  return {
    ...commonView(e),
    ...progressView(e),
    room: e.room,
    phone: e.phone,
    requesterName: e.requesterName,
    timeline: e.timeline,
  }
}

const codeAttemptsLeft = (e: ErrandDoc) => Math.max(0, MAX_CODE_ATTEMPTS - e.codeAttempts)

/** The requester: everything about their own request, including the handoff code for the door. */
export function requesterView(e: ErrandDoc) {
  return {
    ...doorView(e),
    assignee: e.assigneeId ? { _id: e.assigneeId, name: e.assigneeName, phone: e.assigneePhone } : null,
    handoffCode: e.status === 'delivered' || (e.assigneeId && countsAsOpen(e.status)) ? e.handoffCode : null,
  }
}

/** The assignee: the exact address and phone, to deliver; never the handoff code. */
export function assigneeView(e: ErrandDoc) {
  return {
    ...doorView(e),
    assignee: { _id: e.assigneeId, name: e.assigneeName, phone: e.assigneePhone },
    codeAttemptsLeft: codeAttemptsLeft(e),
  }
}

/** The queue, before anyone claimed it: building only, no room, no phone, the name masked. */
export function queueView(e: ErrandDoc, now: number) {
  return {
    ...commonView(e),
    requesterName: maskName(e.requesterName),
    waitingMinutes: Math.max(0, Math.floor((now - e.openedAt) / MINUTE)),
  }
}

/** Grid worker and admin: the progress and the money, but the address and phone stay with the assignee. */
export function overseerView(e: ErrandDoc) {
  return {
    ...commonView(e),
    ...progressView(e),
    requesterName: e.requesterName,
    phone: maskPhone(e.phone),
    assignee: e.assigneeId ? { _id: e.assigneeId, name: e.assigneeName } : null,
    codeAttemptsLeft: codeAttemptsLeft(e),
    timeline: e.timeline,
  }
}

export function viewFor(rel: ErrandRelation[], e: ErrandDoc, now: number) {
  if (rel.includes('requester')) return requesterView(e)
  if (rel.includes('assignee')) return assigneeView(e)
  if (rel.includes('overseer')) return overseerView(e)
  if (rel.includes('queueStaff')) return queueView(e, now)
  throw new AppError('FORBIDDEN_SCOPE', '不能查看这个需求')
}
