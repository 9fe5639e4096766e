import { DISTRICT_SCOPE } from '../../shared/roles'
import { minutesOf, shanghaiDate, startOfShanghaiDay } from '../../shared/time'
import { WEBHOOK_ATTEMPTS, WEBHOOK_RETRY_MINUTES, pushedDay } from '../../shared/webhook'
import { col } from '../_lib/collections'
import { isDuplicateKey } from '../_lib/errors'
import { notifyStreetStaff } from '../_lib/notify'
import { eachDoc } from '../_lib/paging'
import type { Deps } from '../_lib/runtime'
import { postSigned, type DeliveryDoc } from '../_lib/webhook'
import { exportFor } from '../stats/export'
import { allStreetIds } from '../_lib/streets'

/** A claimed attempt holds the delivery this long: a second timer run meanwhile leaves it alone. */
const LEASE_MS = 2 * 60_000

export interface PushCounts {
  started: number
  delivered: number
  retrying: number
  failed: number
}

/**
 * Starts today's push of every enabled webhook whose time has come (one delivery per owner and day: its id), then
 * makes the attempts that are due.
 */
export async function pushDue(deps: Deps, at: number): Promise<PushCounts> {
  const counts: PushCounts = { started: 0, delivered: 0, retrying: 0, failed: 0 }
  const today = shanghaiDate(at)
  const _ = deps.db.command
  // Only the webhooks not yet queued today: after the push, a quiet minute reads none of them and writes nothing.
  for await (const hook of eachDoc(deps.db, 'webhooks', { enabled: true, lastPushedDate: _.neq(today) })) {
    if (at < startOfShanghaiDay(today) + minutesOf(hook.time) * 60_000) continue
    const date = pushedDay(today)
    try {
      await col(deps.db, 'webhook_deliveries').add({
        _id: `${hook._id}:${date}`,
        owner: hook._id,
        date,
        status: 'pending',
        attempts: [],
        nextAt: at,
        createdAt: at,
      } satisfies DeliveryDoc)
      counts.started++
    } catch (e) {
      // Queued already (a run that stopped before noting it, an overlapping run): the id refused it; note it now.
      if (!isDuplicateKey(e)) throw e
    }
    await col(deps.db, 'webhooks').doc(hook._id).update({ lastPushedDate: today })
  }
  for await (const d of eachDoc(deps.db, 'webhook_deliveries', { status: 'pending', nextAt: _.lte(at) })) {
    const outcome = await attempt(deps, d, at)
    if (outcome) counts[outcome]++
  }
  return counts
}

/** One attempt at one delivery, if this run wins it; the delivery records what came of it. */
async function attempt(deps: Deps, d: DeliveryDoc, at: number): Promise<keyof PushCounts | null> {
  // Claim: only the run that moves nextAt on from the value it read makes this attempt.
  const { updated } = await col(deps.db, 'webhook_deliveries')
    .where({ _id: d._id, status: 'pending', nextAt: d.nextAt })
    .update({ nextAt: at + LEASE_MS })
  if (!updated) return null
  const { data } = await col(deps.db, 'webhooks').doc(d.owner).get()
  const hook = data[0]
  const result = hook?.enabled
    ? await postSigned(
        hook.url,
        hook.secret,
        d._id,
        JSON.stringify(await exportFor(deps, await streetsOf(deps, d.owner), d.date)),
        deps.now(),
      )
    : { httpStatus: null, error: '数据推送已关闭' }
  const attempts = [...d.attempts, { at, ...result }]
  const ok = result.error === null
  const last = attempts.length >= WEBHOOK_ATTEMPTS || !hook?.enabled
  const status = ok ? 'delivered' : last ? 'failed' : 'pending'
  await col(deps.db, 'webhook_deliveries')
    .doc(d._id)
    .update({
      status,
      attempts: deps.db.command.set(attempts),
      nextAt: status === 'pending' ? at + WEBHOOK_RETRY_MINUTES[attempts.length - 1]! * 60_000 : null,
    })
  if (status === 'failed' && hook?.enabled) await alertAdmins(deps, d, result.error!)
  return ok ? 'delivered' : status === 'failed' ? 'failed' : 'retrying'
}

async function streetsOf(deps: Deps, owner: string): Promise<string[]> {
  return owner === DISTRICT_SCOPE.streetId ? allStreetIds(deps) : [owner]
}

/** The street's admins (or every district staff member) learn that the day's figures did not arrive. */
async function alertAdmins(deps: Deps, d: DeliveryDoc, error: string) {
  await notifyStreetStaff(deps, d.owner, d.owner === DISTRICT_SCOPE.streetId ? 'district' : 'admin', {
    title: '数据推送失败',
    body: `${d.date} 的数据推送试了 ${WEBHOOK_ATTEMPTS} 次都没有成功（${error}）。请检查推送地址，对方也可以用 API 密钥补取。`,
  })
}
