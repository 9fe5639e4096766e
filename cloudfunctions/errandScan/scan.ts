import {
  ERRAND_CATEGORY_LABELS,
  isDeliveryLate,
  isUnclaimedTooLong,
  unclaimedLimitMinutes,
  type ErrandSettings,
} from '../../shared/errand'
import { ERRAND_PAGES, pageUrl } from '../../shared/routes'
import { formatShanghai } from '../../shared/time'
import { firstStaffOfGrid } from '../_lib/accounts'
import { once } from '../_lib/alerts'
import { notify } from '../_lib/notify'
import { eachDoc } from '../_lib/paging'
import { allStreetIds } from '../_lib/streets'
import type { Deps } from '../_lib/runtime'
import { errandSettingsFor } from '../_lib/settings'
import type { ErrandDoc } from '../errand/model'

const MINUTE = 60_000

/** Requests of a street matching `where`, a page at a time. */
function errands(deps: Deps, where: Record<string, unknown>) {
  return eachDoc(deps.db, 'errands', where)
}

/** The grid worker the quarantine record named, or else the grid's first grid worker. */
async function gridWorkerOf(deps: Deps, e: ErrandDoc): Promise<string | null> {
  if (e.gridWorkerId) return e.gridWorkerId
  return (await firstStaffOfGrid(deps.db, e.gridId, 'gridWorker'))?._id ?? null
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
      link: pageUrl(ERRAND_PAGES.detail, { id: e._id }),
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
      link: pageUrl(ERRAND_PAGES.detail, { id: e._id }),
    })
    alerted++
  }
  return { alerted }
}

export async function scan(deps: Deps, at: number) {
  const done: Record<string, { unclaimed: number; late: number }> = {}
  for (const streetId of await allStreetIds(deps)) {
    const s = await errandSettingsFor(deps, streetId)
    done[streetId] = {
      unclaimed: (await unclaimed(deps, streetId, s, at)).alerted,
      late: (await late(deps, streetId, s, at)).alerted,
    }
  }
  return { at: formatShanghai(at), done }
}
