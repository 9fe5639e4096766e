import { AppError } from '../../shared/errors'
import type { subscribedInput } from '../../shared/schemas/account'
import { col, getDoc } from '../_lib/collections'
import { isDuplicateKey } from '../_lib/errors'
import type { CallerFor, Deps, Input } from '../_lib/runtime'

/**
 * Counts the subscribe-message authorisations the person just gave (each 「允许」 on WeChat's dialog buys one
 * message of that template). The count is what lets `notify` send only what WeChat will accept; the openid is
 * where those messages go.
 */
export async function subscribed(deps: Deps, caller: CallerFor, input: Input<typeof subscribedInput>) {
  if (caller.identity.kind !== 'wx') throw new AppError('WECHAT_ONLY')
  const _ = deps.db.command
  const subscriptions = col(deps.db, 'subscriptions')
  const now = deps.now()
  const remaining: Record<string, number> = {}
  for (const kind of input.accepted) {
    const id = `${caller.account._id}:${kind}`
    const bump = { remaining: _.inc(1), openid: caller.identity.openid, updatedAt: now }
    const { updated } = await subscriptions.doc(id).update(bump)
    if (!updated) {
      const doc = {
        accountId: caller.account._id,
        kind,
        openid: caller.identity.openid,
        remaining: 1,
        updatedAt: now,
      }
      try {
        await subscriptions.add({ _id: id, ...doc })
      } catch (e) {
        // Added at the same moment by another tap: count this one on top.
        if (!isDuplicateKey(e)) throw e
        await subscriptions.doc(id).update(bump)
      }
    }
    remaining[kind] = (await getDoc(deps, 'subscriptions', id))?.remaining ?? 0
  }
  return { remaining }
}
