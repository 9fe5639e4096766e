import { ERRAND_CATEGORY_LABELS, queueOf } from '../../../shared/errand'
import { AppError } from '../../../shared/errors'
import { ERRAND_PAGES, pageUrl } from '../../../shared/routes'
import type { createErrandInput } from '../../../shared/schemas/errand'
import { firstStaffOfGrid } from '../../_lib/accounts'
import { col, getDoc, txCol } from '../../_lib/collections'
import { isConflict, isDuplicateKey } from '../../_lib/errors'
import { notify } from '../../_lib/notify'
import { onceId } from '../../_lib/once'
import type { CallerFor, Deps, Transaction, Input } from '../../_lib/runtime'
import { errandSettingsFor } from '../../_lib/settings'
import type { ErrandDoc, SlotDoc } from '../model'
import { basisOf, eventOf } from './relations'
import { requesterView } from './views'

/**
 * Creates a request. Each open request holds one slot `<accountId>:<n>` with n below the limit, added in the
 * same transaction as the request: the store's unique ids decide, so five creates fired at once by a person
 * whose limit is three make exactly three requests, and a crash never leaves a slot without its request.
 */
export async function create(deps: Deps, caller: CallerFor, input: Input<typeof createErrandInput>) {
  const a = caller.account
  const id = onceId(a, input.requestId, deps.newId)
  const repeated = async () => {
    if (!input.requestId) return undefined
    const existing = await getDoc(deps, 'errands', id)
    return existing && existing.requesterId === a._id
      ? { errand: requesterView(existing), repeated: true }
      : undefined
  }
  const again = await repeated()
  if (again) return again
  const basis = await basisOf(deps, a)
  if (!basis) throw new AppError('ERRAND_NOT_ELIGIBLE')
  const settings = await errandSettingsFor(deps, basis.streetId)
  const queue = queueOf(input.category)
  const [butlerId, gridWorkerId] = await Promise.all([
    basis.butlerId ?? firstStaffOfGrid(deps.db, basis.gridId, 'butler').then((s) => s?._id ?? null),
    basis.gridWorkerId ?? firstStaffOfGrid(deps.db, basis.gridId, 'gridWorker').then((s) => s?._id ?? null),
  ])
  const now = deps.now()
  const base: Omit<ErrandDoc, 'slotId'> = {
    _id: id,
    streetId: basis.streetId,
    communityId: basis.communityId,
    gridId: basis.gridId,
    requesterId: a._id,
    requesterName: basis.name,
    phone: basis.phone,
    building: basis.building,
    room: basis.room,
    basis: basis.kind,
    quarantineId: basis.quarantineId,
    category: input.category,
    queue,
    items: input.items,
    budgetFen: input.budgetFen,
    deliveryWindow: input.deliveryWindow ?? null,
    contactless: input.contactless,
    urgent: input.urgent,
    note: input.note ?? '',
    requestId: input.requestId ?? null,
    status: 'open',
    round: 0,
    createdAt: now,
    openedAt: now,
    claimedAt: null,
    purchasingAt: null,
    deliveringAt: null,
    deliveredAt: null,
    confirmedAt: null,
    cancelledAt: null,
    assigneeId: null,
    assigneeName: null,
    assigneePhone: null,
    handoffCode: null,
    codeAttempts: 0,
    spentFen: null,
    receiptFileId: null,
    dropOffFileId: null,
    settlement: null,
    overBudgetReason: null,
    butlerId,
    gridWorkerId,
    rating: null,
    timeline: [eventOf(caller, 'create', now)],
    updatedAt: now,
  }
  // Only the places that look free are tried; when two creates race for one, the store's unique id decides.
  const { data: held } = await col(deps.db, 'errand_slots').where({ accountId: a._id }).limit(1000).get()
  const taken = new Set(held.map((x) => x._id))
  const free = Array.from({ length: settings.maxOpen }, (_x, n) => `${a._id}:${n}`).filter(
    (slotId) => !taken.has(slotId),
  )
  let created: ErrandDoc | undefined
  let conflicts = 0
  for (let i = 0; i < free.length && !created; i++) {
    const doc: ErrandDoc = { ...base, slotId: free[i]! }
    const slot: SlotDoc = { _id: doc.slotId, accountId: a._id, errandId: id, at: now }
    try {
      await deps.db.runTransaction(async (t: Transaction) => {
        await txCol(t, 'errand_slots').add(slot)
        await txCol(t, 'errands').add(doc)
      })
      created = doc
    } catch (e) {
      if (isConflict(e)) {
        if (conflicts++ < 5) i-- // the place changed hands while we looked: look at it again
        continue
      }
      if (!isDuplicateKey(e)) throw e
      // The place is held — or the same requestId already made this request (a double tap).
      const same = await repeated()
      if (same) return same
    }
  }
  if (!created) {
    throw new AppError(
      'ERRAND_LIMIT',
      `最多同时有${settings.maxOpen}个进行中的跑腿需求，请等已有需求送达后再发起`,
    )
  }
  const staffId = queue === 'gridWorker' ? gridWorkerId : butlerId
  if (staffId) {
    await notify(deps, {
      accountId: staffId,
      title: created.urgent
        ? '加急药品代购'
        : queue === 'gridWorker'
          ? '心理疏导请求'
          : `新的${ERRAND_CATEGORY_LABELS[created.category]}代购`,
      body: `${created.requesterName}（${created.building}栋）发起了${ERRAND_CATEGORY_LABELS[created.category]}需求，请尽快认领。`,
      link: pageUrl(ERRAND_PAGES.detail, { id: created._id }),
    })
  }
  return { errand: requesterView(created), repeated: false }
}
