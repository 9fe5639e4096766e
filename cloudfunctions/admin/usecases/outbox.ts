import { SUBSCRIBE_TEMPLATES, type SubscribeKind } from '../../../config/subscribe'
import type { Role } from '../../../shared/roles'
import type { outboxInput } from '../../../shared/schemas/admin'
import { loadAccount } from '../../_lib/accounts'
import { col } from '../../_lib/collections'
import type { CallerFor, Deps, Input } from '../../_lib/runtime'

export interface OutboxItem {
  _id: string
  kind: string
  title: string
  page: string
  /** Each keyword with the name the template gives it, in the template's order. */
  lines: { name: string; value: string }[]
  sentAt: number
  /** Who received it, when the openid belongs to an account of this street. */
  recipient: { name: string; role: Role } | null
}

/**
 * The subscribe messages WeChat accepted (the outbox the local cloud's WeChat simulation records; on CloudBase it
 * stays empty, WeChat keeps its own record). For street-level admins: recipients are resolved to accounts of their
 * street, and messages to people of another street are left out.
 */
export async function outbox(deps: Deps, caller: CallerFor, input: Input<typeof outboxInput>) {
  const outbox = col(deps.db, 'subscribe_outbox')
  const where = input.kind ? { kind: input.kind } : {}
  const [{ total }, { data }] = await Promise.all([
    outbox.where(where).count(),
    outbox
      .where(where)
      .orderBy('sentAt', 'desc')
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .get(),
  ])
  const streetId = caller.account.scope.streetId
  const items: OutboxItem[] = []
  for (const m of data) {
    const account = await loadAccount(deps.db, `wx:${m.touser}`)
    if (account && account.scope.streetId !== streetId) continue
    const template = SUBSCRIBE_TEMPLATES[m.kind as SubscribeKind]
    const names: Record<string, string> = template?.keywords ?? {}
    const keys = template ? Object.values(template.fields as Record<string, string>) : Object.keys(m.data)
    items.push({
      _id: m._id,
      kind: m.kind,
      title: m.title,
      page: m.page,
      lines: keys.map((k) => ({ name: names[k] ?? k, value: m.data[k] ?? '' })),
      sentAt: m.sentAt,
      recipient: account ? { name: account.name, role: account.role } : null,
    })
  }
  return { items, total, page: input.page, pageSize: input.pageSize }
}
