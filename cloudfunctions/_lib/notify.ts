import { SUBSCRIBE_TEMPLATES, type SubscribeFields, type SubscribeKind } from '../../config/subscribe'
import { fieldTypeOf, fitValue } from '../../shared/subscribe'
import { formatShanghai } from '../../shared/time'
import { col } from './collections'
import { isDuplicateKey } from './errors'
import { eachDoc } from './paging'
import type { Deps } from './runtime'
import { callOpenApi } from './wechat'

/** A subscribe message to go with a notice: the template kind and a value for each of its fields. */
export type SubscribeNotice = {
  [K in SubscribeKind]: { kind: K; data: Record<SubscribeFields<K>, string> }
}[SubscribeKind]

export interface Notice {
  accountId: string
  title: string
  body: string
  /** A client page path to open, e.g. `/pages/application/detail?id=...`. */
  link?: string
  /** Also send this WeChat subscribe message, if the person authorised one of its kind. */
  subscribe?: SubscribeNotice
}

/** WeChat's `time` value for a moment, on the Shanghai clock: 2024年11月25日 12:00. */
export function wechatTime(ms: number): string {
  return formatShanghai(ms, 'YYYY年M月D日 HH:mm')
}

/**
 * Every notice lands in the in-app inbox. When it names a subscribe message and the person has an authorisation
 * of that kind left, one authorisation is used (an atomic decrement: two sends never share one) and the message is
 * sent through WeChat's `subscribeMessage.send`. If WeChat refuses it, the authorisation is given back — or, when
 * WeChat says none is left (43101), the count is set to what WeChat knows. The inbox stays the channel of record.
 */
export async function notify(deps: Deps, notice: Notice): Promise<{ subscribeSent: boolean }> {
  await addToInbox(deps, notice, deps.newId(), deps.now())
  if (!notice.subscribe) return { subscribeSent: false }
  return { subscribeSent: await sendSubscribe(deps, notice.accountId, notice.subscribe, notice.link) }
}

/** A notice written down to be sent later (queued on the record it is about), with its own id and time. */
export interface QueuedNotice extends Notice {
  id: string
  at: number
}

/**
 * Sends a queued notice, as `notify` would have when it was queued: it lands in the inbox under its own id, dated
 * when it was queued, and only the delivery whose inbox row lands sends its subscribe message — so delivering it
 * twice (two scans, or a scan and an action at once) is one notice. Answers whether this delivery landed it.
 */
export async function deliverQueued(deps: Deps, notice: QueuedNotice): Promise<boolean> {
  try {
    await addToInbox(deps, notice, notice.id, notice.at)
  } catch (e) {
    if (isDuplicateKey(e)) return false
    throw e
  }
  if (notice.subscribe) await sendSubscribe(deps, notice.accountId, notice.subscribe, notice.link)
  return true
}

async function addToInbox(deps: Deps, notice: Notice, id: string, at: number): Promise<void> {
  await col(deps.db, 'inbox').add({
    _id: id,
    accountId: notice.accountId,
    title: notice.title,
    body: notice.body,
    ...(notice.link ? { link: notice.link } : {}),
    read: false,
    createdAt: at,
  })
}

/**
 * The same notice to every active street-level staff member of `role` in `streetId` (community admins, whose scope
 * is a community, are not told): street admins of a failed backup, district staff of a failed push.
 */
export async function notifyStreetStaff(
  deps: Deps,
  streetId: string,
  role: 'admin' | 'district',
  notice: Omit<Notice, 'accountId'>,
): Promise<void> {
  for await (const a of eachDoc(deps.db, 'accounts', { 'scope.streetId': streetId, role })) {
    if (a.scope.communityId || a.disabled) continue
    await notify(deps, { ...notice, accountId: a._id })
  }
}

async function sendSubscribe(
  deps: Deps,
  accountId: string,
  message: SubscribeNotice,
  link: string | undefined,
): Promise<boolean> {
  const _ = deps.db.command
  const id = `${accountId}:${message.kind}`
  const subscriptions = col(deps.db, 'subscriptions')
  // One trip takes an authorisation and reads the openid to send to.
  const { doc: sub } = await subscriptions
    .where({ _id: id, remaining: _.gt(0) })
    .updateAndReturn({ remaining: _.inc(-1), lastSentAt: deps.now() })
  if (!sub) return false
  const template = SUBSCRIBE_TEMPLATES[message.kind]
  const fields = template.fields as Record<string, string>
  const values = message.data as Record<string, string>
  const data = Object.fromEntries(
    Object.entries(fields).map(([field, key]) => [
      key,
      { value: fitValue(fieldTypeOf(key)!, values[field] ?? '') },
    ]),
  )
  const reply = await callOpenApi('subscribeMessage.send', {
    touser: sub.openid,
    template_id: template.id,
    ...(link ? { page: link.replace(/^\//, '') } : {}),
    data,
  })
  if (!reply.errcode) return true
  console.warn(
    `[notify] subscribeMessage.send ${message.kind} refused: ${reply.errcode} ${reply.errmsg ?? ''}`,
  )
  await subscriptions.doc(id).update(reply.errcode === 43101 ? { remaining: 0 } : { remaining: _.inc(1) })
  return false
}
