import { randomInt } from 'node:crypto'
import {
  DEFAULT_ERRAND_SETTINGS,
  ERRAND_CATEGORY_LABELS,
  HANDOFF_CODE_LENGTH,
  canRelease,
  communityOpensAt,
} from '../../../shared/errand'
import { AppError } from '../../../shared/errors'
import { ERRAND_PAGES, pageUrl } from '../../../shared/routes'
import type { errandIdInput, releaseErrandInput } from '../../../shared/schemas/errand'
import { col } from '../../_lib/collections'
import { notify, type QueuedNotice } from '../../_lib/notify'
import type { CallerFor, Deps, Input } from '../../_lib/runtime'
import { errandSettingsFor } from '../../_lib/settings'
import { deliverQueuedNotices, queueNotice } from '../notices'
import {
  MINUTE,
  errandMessage,
  eventOf,
  loadErrand,
  requireRelation,
  subjectErrand,
  takenOrClosed,
} from './relations'
import type { ErrandDoc } from '../model'
import { assigneeView, overseerView } from './views'

function newHandoffCode(): string {
  return String(randomInt(0, 10 ** HANDOFF_CODE_LENGTH)).padStart(HANDOFF_CODE_LENGTH, '0')
}

/**
 * Atomic claim: the update only matches while the request is still open, so of any number of staff claiming
 * at once exactly one sees `updated: 1`; the others get ERRAND_TAKEN. The request comes with the caller's account
 * (the errand function's `subjects`), and the requester's notice is queued in the claiming write (./notices.ts):
 * a claim is two trips, won or lost.
 */
export async function claim(deps: Deps, caller: CallerFor, input: Input<typeof errandIdInput>) {
  const a = caller.account
  const e = await subjectErrand(deps, caller, input.errandId)
  const now = deps.now()
  if (e.queue === 'gridWorker' && a.role !== 'gridWorker')
    throw new AppError('FORBIDDEN_ROLE', '心理疏导请求由网格员处理')
  if (e.queue === 'butler' && a.role !== 'butler')
    throw new AppError('FORBIDDEN_ROLE', '跑腿代购由社区管家认领')
  const otherGridOfCommunity =
    a.scope.streetId === e.streetId && a.scope.communityId === e.communityId && a.scope.gridId !== e.gridId
  // The street's settings decide only whether a butler of another grid of the request's community may claim it yet
  // (relationsOf reads them for nobody else): only then are they needed, so a claim in one's own grid never waits
  // for them to be read afresh.
  const settings = otherGridOfCommunity ? await errandSettingsFor(deps, e.streetId) : DEFAULT_ERRAND_SETTINGS
  const opensAt = communityOpensAt(e, settings)
  if (e.queue === 'butler' && otherGridOfCommunity && e.status === 'open' && now < opensAt) {
    throw new AppError(
      'ERRAND_GRID_FIRST',
      `本网格管家优先认领，${Math.ceil((opensAt - now) / MINUTE)}分钟后开放给社区其他管家`,
    )
  }
  // Judged as if still open: whoever may claim it learns that it was taken, whatever else is true, and
  // nobody else learns anything about it.
  requireRelation(caller, { ...e, status: 'open' }, settings, now)
  if (e.status !== 'open') throw takenOrClosed(e)
  const _ = deps.db.command
  const event = eventOf(caller, 'claim', now)
  const round = e.round + 1
  const claimed = {
    status: 'claimed' as const,
    assigneeId: a._id,
    assigneeName: a.name,
    assigneePhone: a.phone,
    claimedAt: now,
    handoffCode: newHandoffCode(),
    codeAttempts: 0,
    updatedAt: now,
  }
  const notice: QueuedNotice = {
    id: `${e._id}-claim-${round}`,
    at: now,
    accountId: e.requesterId,
    title: e.queue === 'gridWorker' ? '网格员已接单' : '管家已认领您的需求',
    body:
      e.queue === 'gridWorker'
        ? `网格员${a.name}会尽快与您联系。`
        : `社区管家${a.name}已认领您的${ERRAND_CATEGORY_LABELS[e.category]}需求，送达时请出示交接码。`,
    link: pageUrl(ERRAND_PAGES.detail, { id: e._id }),
    subscribe: errandMessage(e, '已认领', `${e.queue === 'gridWorker' ? '网格员' : '管家'}${a.name}`, now),
  }
  const { updated } = await col(deps.db, 'errands')
    .where({ _id: e._id, status: 'open' })
    .update({ ...claimed, round: _.inc(1), timeline: _.push(event), ...queueNotice(deps.db, notice) })
  // Open when read, not open now: another claim or the requester's cancel came between. Which one does not change
  // what this caller can do, so no third trip reads it to say.
  if (!updated) throw new AppError('ERRAND_TAKEN', '刚刚已被其他人认领或已取消')
  // Won: the request is what was read while open plus this write — no second read to answer with it.
  const fresh: ErrandDoc = { ...e, ...claimed, round, timeline: [...e.timeline, event] }
  return { errand: assigneeView(fresh) }
}

export async function release(deps: Deps, caller: CallerFor, input: Input<typeof releaseErrandInput>) {
  const a = caller.account
  const e = await loadErrand(deps, input.errandId)
  const now = deps.now()
  requireRelation(caller, e, DEFAULT_ERRAND_SETTINGS, now)
  if (!canRelease(e.status))
    throw new AppError('ERRAND_STEP_INVALID', '物品已在配送或已送达，不能退回；如有问题请联系网格员')
  const _ = deps.db.command
  const { updated } = await col(deps.db, 'errands')
    .where({ _id: e._id, status: e.status, assigneeId: a._id })
    .update({
      status: 'open',
      openedAt: now,
      assigneeId: null,
      assigneeName: null,
      assigneePhone: null,
      handoffCode: null,
      codeAttempts: 0,
      claimedAt: null,
      purchasingAt: null,
      spentFen: null,
      receiptFileId: null,
      overBudgetReason: null,
      updatedAt: now,
      timeline: _.push(eventOf(caller, 'release', now, { note: input.reason })),
    })
  if (!updated) throw new AppError('CONFLICT')
  await deliverQueuedNotices(deps, e)
  await notify(deps, {
    accountId: e.requesterId,
    title: '需求已重新排队',
    body: `${a.name}因「${input.reason}」退回了您的需求，正在等待其他人员认领。`,
    link: pageUrl(ERRAND_PAGES.detail, { id: e._id }),
  })
  return { errand: overseerView(await loadErrand(deps, e._id)) }
}
