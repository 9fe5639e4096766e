import type { z } from 'zod'
import { AppError } from '../../shared/errors'
import type { subscribedInput } from '../../shared/schemas/account'
import { isDuplicateKey } from '../_lib/errors'
import type { SubscriptionDoc } from '../_lib/notify'
import type { CallerFor, Deps } from '../_lib/runtime'

/**
 * Counts the subscribe-message authorisations the person just gave (each 「允许」 on WeChat's dialog buys one
 * message of that template). The count is what lets `notify` send only what WeChat will accept; the openid is
 * where those messages go.
 */
export async function subscribed(deps: Deps, caller: CallerFor, input: z.infer<typeof subscribedInput>) {
  if (caller.identity.kind !== 'wx') throw new AppError('WECHAT_ONLY')
  const _ = deps.db.command
  const col = deps.db.collection('subscriptions')
  const now = deps.now()
  const remaining: Record<string, number> = {}
  for (const kind of input.accepted) {
    const id = `${caller.account._id}:${kind}`
    const bump = { remaining: _.inc(1), openid: caller.identity.openid, updatedAt: now }
    const { updated } = await col.doc(id).update(bump)
    if (!updated) {
      const doc: Omit<SubscriptionDoc, '_id'> = {
        accountId: caller.account._id,
        kind,
        openid: caller.identity.openid,
        remaining: 1,
        updatedAt: now,
      }
      try {
        await col.add({ _id: id, ...doc })
      } catch (e) {
        // Added at the same moment by another tap: count this one on top.
        if (!isDuplicateKey(e)) throw e
        await col.doc(id).update(bump)
      }
    }
    const { data } = await col.doc(id).get()
    remaining[kind] = (data[0] as SubscriptionDoc | undefined)?.remaining ?? 0
  }
  return { remaining }
}
