import {
  ERRAND_CATEGORY_LABELS,
  isDeliveryLate,
  isUnclaimedTooLong,
  unclaimedLimitMinutes,
  type ErrandSettings,
} from '../../shared/errand'
import { formatShanghai } from '../../shared/time'
import type { AccountDoc } from '../_lib/accounts'
import { isDuplicateKey } from '../_lib/errors'
import { notify } from '../_lib/notify'
import type { Deps } from '../_lib/runtime'
import type { ErrandDoc } from '../errand/model'
import { settingsFor } from '../errand/usecases'

const MINUTE = 60_000
const PAGE = 500

/** Requests of a street matching `where`, a page at a time (get() answers at most 1000 rows). */
async function* errands(deps: Deps, where: Record<string, unknown>): AsyncGenerator<ErrandDoc> {
  const _ = deps.db.command
  let lastId = ''
  for (;;) {
    const { data } = await deps.db
      .collection('errands')
      .where({ ...where, _id: _.gt(lastId) })
      .orderBy('_id', 'asc')
      .limit(PAGE)
      .get()
    for (const e of data as ErrandDoc[]) yield e
    if (data.length < PAGE) return
    lastId = (data[data.length - 1] as ErrandDoc)._id
  }
}

/** Records an alert once: its id names the occasion, and a second add of the same id fails. */
async function once(deps: Deps, id: string, streetId: string, kind: string): Promise<boolean> {
  try {
    await deps.db.collection('alerts').add({ _id: id, streetId, kind, createdAt: deps.now() })
    return true
  } catch (e) {
    if (isDuplicateKey(e)) return false
    throw e
  }
}

/** The grid worker the quarantine record named, or else the grid's first grid worker. */
async function gridWorkerOf(deps: Deps, e: ErrandDoc): Promise<string | null> {
  if (e.gridWorkerId) return e.gridWorkerId
  const { data } = await deps.db
    .collection('accounts')
    .where({ 'scope.gridId': e.gridId, role: 'gridWorker', disabled: false })
    .limit(1)
    .get()
  return (data[0] as AccountDoc | undefined)?._id ?? null
}

const what = (e: ErrandDoc) =>
  `${e.requesterName}（${e.building}栋${e.room}）的${e.urgent ? '加急' : ''}${ERRAND_CATEGORY_LABELS[e.category]}需求`

/**
 * Requests still open past their limit (10 minutes for urgent medicine, 30 otherwise by default). Each wait in
 * the queue is its own occasion (`round` counts claims), so a request released and again left waiting alerts
 * again — once.
 */
export async function unclaimed(deps: Deps, streetId: string, s: ErrandSettings, now: number) {
  let alerted = 0
  const _ = deps.db.command
  const shortest = Math.min(s.unclaimedMinutes, s.urgentUnclaimedMinutes)
  for await (const e of errands(deps, {
    streetId,
    status: 'open',
    openedAt: _.lte(now - shortest * MINUTE),
  })) {
    if (!isUnclaimedTooLong(e, now, s)) continue
    if (!(await once(deps, `errand:unclaimed:${e._id}:${e.round}`, streetId, 'errandUnclaimed'))) continue
    const to = await gridWorkerOf(deps, e)
    if (!to) continue
    await notify(deps, {
      accountId: to,
      title: e.urgent ? '加急药品无人认领' : '跑腿需求无人认领',
      body: `${what(e)}自${formatShanghai(e.openedAt, 'HH:mm')}起已超过${unclaimedLimitMinutes(e, s)}分钟无人认领，请协调处理。`,
      link: `/pages/errand/detail?id=${e._id}`,
    })
    alerted++
  }
  return { alerted }
}

/** Claimed requests not delivered within the limit (3 hours by default) after the claim. */
export async function late(deps: Deps, streetId: string, s: ErrandSettings, now: number) {
  let alerted = 0
  const _ = deps.db.command
  for await (const e of errands(deps, {
    streetId,
    status: _.in(['claimed', 'purchasing', 'delivering']),
    claimedAt: _.lte(now - s.deliverWithinMinutes * MINUTE),
  })) {
    if (!isDeliveryLate(e, now, s)) continue
    if (!(await once(deps, `errand:late:${e._id}:${e.round}`, streetId, 'errandLate'))) continue
    const to = await gridWorkerOf(deps, e)
    if (!to) continue
    await notify(deps, {
      accountId: to,
      title: '跑腿需求超时未送达',
      body: `${what(e)}由${e.assigneeName ?? '管家'}于${formatShanghai(e.claimedAt!, 'HH:mm')}认领，已超过${Math.round(s.deliverWithinMinutes / 60)}小时仍未送达，请联系了解情况。`,
      link: `/pages/errand/detail?id=${e._id}`,
    })
    alerted++
  }
  return { alerted }
}

export async function scan(deps: Deps, at: number) {
  const done: Record<string, { unclaimed: number; late: number }> = {}
  const { data: streets } = await deps.db.collection('streets').limit(1000).get()
  for (const { _id: streetId } of streets as { _id: string }[]) {
    const s = await settingsFor(deps, streetId)
    done[streetId] = {
      unclaimed: (await unclaimed(deps, streetId, s, at)).alerted,
      late: (await late(deps, streetId, s, at)).alerted,
    }
  }
  return { at: formatShanghai(at), done }
}
