import {
  DEFAULT_ERRAND_SETTINGS,
  ERRAND_CATEGORY_LABELS,
  MAX_CODE_ATTEMPTS,
  canAdvance,
  canCancel,
  isOverBudget,
  missingForStep,
  nextStep,
  SETTLEMENT_LABELS,
  settlementsFor,
  stateLabel,
} from '../../../shared/errand'
import { AppError } from '../../../shared/errors'
import { ERRAND_PAGES, pageUrl } from '../../../shared/routes'
import type {
  advanceErrandInput,
  cancelErrandInput,
  confirmErrandInput,
} from '../../../shared/schemas/errand'
import { col, txCol, txGet } from '../../_lib/collections'
import { notify } from '../../_lib/notify'
import type { CallerFor, Deps, Input } from '../../_lib/runtime'
import type { ErrandDoc, LedgerDoc } from '../model'
import { deliverQueuedNotices } from '../notices'
import { transactOrConflict } from '../../_lib/transact'
import { errandMessage, eventOf, loadErrand, requireRelation } from './relations'
import { assigneeView, requesterView, viewFor } from './views'

export async function advance(deps: Deps, caller: CallerFor, input: Input<typeof advanceErrandInput>) {
  const a = caller.account
  const e = await loadErrand(deps, input.errandId)
  const now = deps.now()
  requireRelation(caller, e, DEFAULT_ERRAND_SETTINGS, now)
  if (!canAdvance(e.status, input.to, e.category)) {
    const next = nextStep(e.status, e.category)
    throw new AppError(
      'ERRAND_STEP_INVALID',
      next
        ? `当前是「${stateLabel(e.status, e.category)}」，下一步只能是「${stateLabel(next, e.category)}」`
        : `当前是「${stateLabel(e.status, e.category)}」，不能再更新进度`,
    )
  }
  const to = input.to
  const money = input.spentFen !== undefined || input.receiptFileId !== undefined
  const door = input.dropOffFileId !== undefined || input.settlement !== undefined
  if (e.category === 'psych' && (money || door || input.overBudgetReason))
    throw new AppError('INVALID_INPUT', '心理疏导不需要填写花费或照片')
  if (money && to !== 'purchasing' && to !== 'delivering')
    throw new AppError('INVALID_INPUT', '实际花费和小票在开始配送前填写')
  if (door && to !== 'delivered') throw new AppError('INVALID_INPUT', '送达照片和结算方式在送达时填写')
  const changes: Partial<ErrandDoc> = {
    status: to,
    [`${to}At`]: now,
    updatedAt: now,
  }
  if (input.spentFen !== undefined) changes.spentFen = input.spentFen
  if (input.receiptFileId !== undefined) changes.receiptFileId = input.receiptFileId
  if (input.dropOffFileId !== undefined) changes.dropOffFileId = input.dropOffFileId
  if (input.settlement !== undefined) changes.settlement = input.settlement
  if (input.overBudgetReason !== undefined) changes.overBudgetReason = input.overBudgetReason
  if (input.settlement !== undefined && !settlementsFor(e).includes(input.settlement))
    throw new AppError(
      'INVALID_INPUT',
      `无接触配送没有当面交接，不能选“${SETTLEMENT_LABELS[input.settlement]}”，请选“${SETTLEMENT_LABELS.reimbursed}”`,
    )
  const merged: ErrandDoc = { ...e, ...changes }
  const missing = missingForStep(to, e.category, merged)
  if (missing.length) throw new AppError('INVALID_INPUT', `请先填写：${missing.join('、')}`)
  if (merged.spentFen != null && isOverBudget(e.budgetFen, merged.spentFen) && !merged.overBudgetReason)
    throw new AppError('INVALID_INPUT', '实际花费超出预算，请说明原因')
  const event = eventOf(caller, 'advance', now, { to, ...(input.note ? { note: input.note } : {}) })
  const _ = deps.db.command
  if (to !== 'delivered') {
    const { updated } = await col(deps.db, 'errands')
      .where({ _id: e._id, status: e.status, assigneeId: a._id })
      .update({ ...changes, timeline: _.push(event) })
    if (!updated) throw new AppError('CONFLICT')
  } else {
    // Delivered: the request stops counting against the requester's limit, and money the butler advanced
    // for the community becomes a ledger entry — all three at once or not at all.
    await transactOrConflict(deps, async (t) => {
      const cur = await txGet(t, 'errands', e._id)
      if (!cur || cur.status !== e.status || cur.assigneeId !== a._id) throw new AppError('CONFLICT')
      const { _id, ...body } = { ...cur, ...changes, timeline: [...cur.timeline, event] }
      await txCol(t, 'errands').doc(_id).set(body)
      await txCol(t, 'errand_slots').doc(cur.slotId).remove()
      if (merged.settlement === 'reimbursed' && (merged.spentFen ?? 0) > 0) {
        const entry: LedgerDoc = {
          _id: e._id,
          errandId: e._id,
          butlerId: a._id,
          butlerName: a.name,
          streetId: e.streetId,
          communityId: e.communityId,
          gridId: e.gridId,
          category: e.category,
          budgetFen: e.budgetFen,
          amountFen: merged.spentFen!,
          receiptFileId: merged.receiptFileId!,
          status: 'pending',
          createdAt: now,
          settledAt: null,
          settledBy: null,
          settledByName: null,
          settleNote: null,
        }
        await txCol(t, 'errand_ledger').add(entry)
      }
    })
  }
  if (to === 'delivering' || to === 'delivered') {
    await deliverQueuedNotices(deps, e)
    await notify(deps, {
      accountId: e.requesterId,
      title: to === 'delivering' ? '正在为您配送' : stateLabel(to, e.category),
      body:
        e.category === 'psych'
          ? '网格员已完成这次沟通，如还需要帮助可以再次发起。请确认。'
          : to === 'delivering'
            ? `${a.name}已买好物品，正在送往${e.building}栋${e.room}。`
            : `${a.name}已${e.contactless ? '把物品放在门口' : '送达'}，请核对物品后确认收货。`,
      link: pageUrl(ERRAND_PAGES.detail, { id: e._id }),
      ...(to === 'delivered' ? { subscribe: errandMessage(e, '已送达', a.name, now) } : {}),
    })
  }
  return { errand: assigneeView(await loadErrand(deps, e._id)) }
}

/**
 * Closing the handoff with the code on the requester's screen. The assignee's attempts are counted before the
 * code is compared (atomically, so parallel guesses cannot exceed the limit); after MAX_CODE_ATTEMPTS only the
 * requester, who can read the code, may confirm.
 */
export async function confirm(deps: Deps, caller: CallerFor, input: Input<typeof confirmErrandInput>) {
  const a = caller.account
  const e = await loadErrand(deps, input.errandId)
  const now = deps.now()
  const rel = requireRelation(caller, e, DEFAULT_ERRAND_SETTINGS, now)
  const isRequester = rel.includes('requester')
  if (e.status === 'confirmed') return { errand: viewFor(rel, e, now), repeated: true }
  if (e.status !== 'delivered')
    throw new AppError(
      'ERRAND_STEP_INVALID',
      e.category === 'psych' ? '完成沟通后才能确认' : '送达后才能确认收货',
    )
  const _ = deps.db.command
  if (!isRequester) {
    const { updated } = await col(deps.db, 'errands')
      .where({ _id: e._id, status: 'delivered', codeAttempts: _.lt(MAX_CODE_ATTEMPTS) })
      .update({ codeAttempts: _.inc(1), updatedAt: now })
    if (!updated) {
      const cur = await loadErrand(deps, e._id)
      if (cur.status === 'confirmed') return { errand: viewFor(rel, cur, now), repeated: true }
      throw new AppError('ERRAND_CODE_LOCKED')
    }
  }
  if (input.code !== e.handoffCode) {
    await col(deps.db, 'errands')
      .where({ _id: e._id, status: 'delivered' })
      .update({ timeline: _.push(eventOf(caller, 'codeWrong', now)) })
    if (isRequester) throw new AppError('ERRAND_CODE_WRONG', '交接码不正确，请核对手机上显示的交接码')
    const left = Math.max(0, MAX_CODE_ATTEMPTS - (e.codeAttempts + 1))
    throw new AppError(
      'ERRAND_CODE_WRONG',
      left > 0 ? `交接码不正确，还可以再试${left}次` : '交接码不正确，请由居民本人在手机上确认收货',
      { attemptsLeft: left },
    )
  }
  const { updated } = await col(deps.db, 'errands')
    .where({ _id: e._id, status: 'delivered' })
    .update({
      status: 'confirmed',
      confirmedAt: now,
      updatedAt: now,
      timeline: _.push(eventOf(caller, 'confirm', now)),
    })
  const cur = await loadErrand(deps, e._id)
  if (!updated && cur.status !== 'confirmed') throw new AppError('CONFLICT')
  const other = isRequester ? e.assigneeId : e.requesterId
  if (updated && other) {
    await deliverQueuedNotices(deps, e)
    await notify(deps, {
      accountId: other,
      title: e.category === 'psych' ? '已确认' : '已确认收货',
      body: isRequester
        ? `${e.requesterName}已确认收到${ERRAND_CATEGORY_LABELS[e.category]}，辛苦了！`
        : `${a.name}已用交接码确认交接。如有问题请联系网格员。欢迎为这次服务评价。`,
      link: pageUrl(ERRAND_PAGES.detail, { id: e._id }),
    })
  }
  return { errand: viewFor(rel, cur, now), repeated: !updated }
}

export async function cancel(deps: Deps, caller: CallerFor, input: Input<typeof cancelErrandInput>) {
  const e = await loadErrand(deps, input.errandId)
  const now = deps.now()
  requireRelation(caller, e, DEFAULT_ERRAND_SETTINGS, now)
  if (e.status === 'cancelled') return { errand: requesterView(e), repeated: true }
  if (!canCancel(e.status)) throw new AppError('ERRAND_NOT_CANCELLABLE')
  let before: ErrandDoc | undefined
  await transactOrConflict(deps, async (t) => {
    const cur = await txGet(t, 'errands', e._id)
    if (!cur) throw new AppError('NOT_FOUND')
    if (!canCancel(cur.status)) throw new AppError('ERRAND_NOT_CANCELLABLE')
    before = cur
    const event = eventOf(caller, 'cancel', now, input.reason ? { note: input.reason } : {})
    const { _id, ...body } = {
      ...cur,
      status: 'cancelled' as const,
      cancelledAt: now,
      handoffCode: null,
      updatedAt: now,
      timeline: [...cur.timeline, event],
    }
    await txCol(t, 'errands').doc(_id).set(body)
    await txCol(t, 'errand_slots').doc(cur.slotId).remove()
  })
  if (before?.assigneeId) {
    await notify(deps, {
      accountId: before.assigneeId,
      title: '需求已取消',
      body: `${before.requesterName}取消了${ERRAND_CATEGORY_LABELS[before.category]}需求${input.reason ? `：${input.reason}` : ''}，无需再处理。`,
      link: pageUrl(ERRAND_PAGES.detail, { id: e._id }),
    })
  }
  return { errand: requesterView(await loadErrand(deps, e._id)), repeated: false }
}
