import { col } from '../_lib/collections'
import { deliverQueued, type QueuedNotice } from '../_lib/notify'
import { eachDoc } from '../_lib/paging'
import type { Database, Deps } from '../_lib/runtime'
import type { ErrandDoc } from './model'

/**
 * A claim queues its notice to the requester on the request, in the same write that claims it, instead of sending
 * it there and then. A claim is the errand action many staff race for: after reading the caller and the request it
 * makes that one write, so whoever wins learns it as soon as those who lose. The notice follows within a minute
 * (the `noticeScan` timer), or sooner: every later notice to the requester about the same request first delivers
 * what is queued (`deliverQueuedNotices`), so the requester reads them in the order they happened. Delivery is
 * idempotent — each queued notice has its own inbox id — so a scan and an action delivering at once send it once.
 */
export function queueNotice(db: Database, notice: QueuedNotice) {
  const _ = db.command
  return { pendingNotices: _.push(notice), noticesDueAt: notice.at }
}

/** Delivers what `e` (as read) has queued, then clears it: all of it, unless a new claim queued more meanwhile. */
export async function deliverQueuedNotices(deps: Deps, e: ErrandDoc): Promise<number> {
  const queued = e.pendingNotices ?? []
  if (!queued.length) return 0
  let landed = 0
  for (const notice of queued) if (await deliverQueued(deps, notice)) landed++
  const _ = deps.db.command
  const errands = col(deps.db, 'errands')
  // Only a claim queues, and every claim counts a round: an unchanged round means nothing new waits.
  const { updated } = await errands
    .where({ _id: e._id, round: e.round })
    .update({ pendingNotices: [], noticesDueAt: null })
  if (!updated)
    await errands.doc(e._id).update({ pendingNotices: _.pull({ id: _.in(queued.map((n) => n.id)) }) })
  return landed
}

/** The timer's part: every request with notices queued at or before `at`. */
export async function deliverDueNotices(deps: Deps, at: number): Promise<{ delivered: number }> {
  const _ = deps.db.command
  let delivered = 0
  for await (const e of eachDoc(deps.db, 'errands', { noticesDueAt: _.lte(at) }))
    delivered += await deliverQueuedNotices(deps, e)
  return { delivered }
}
