import type { setWebhookInput } from '../../../shared/schemas/admin'
import type { DeliveryView, WebhookView } from '../../../shared/webhook'
import { auditEntry } from '../../_lib/audit'
import { col, txCol, txGet } from '../../_lib/collections'
import type { CallerFor, Deps, Input, Transaction } from '../../_lib/runtime'
import { newWebhookSecret, type DeliveryDoc, type WebhookDoc } from '../../_lib/webhook'

/** Whose push the caller sets: their street's, or the district's (the district scope's id). */
const ownerOf = (caller: CallerFor) => caller.account.scope.streetId

const view = (h: WebhookDoc): WebhookView => ({
  url: h.url,
  time: h.time,
  enabled: h.enabled,
  secret: h.secret,
  updatedAt: h.updatedAt,
  updatedByName: h.updatedByName,
})

const deliveryView = (d: DeliveryDoc): DeliveryView => ({
  _id: d._id,
  date: d.date,
  status: d.status,
  attempts: d.attempts,
  nextAt: d.nextAt,
})

/** The push settings and the last ten days' deliveries with every attempt, for the management page. */
export async function webhook(deps: Deps, caller: CallerFor) {
  const owner = ownerOf(caller)
  const [{ data: hooks }, { data: deliveries }] = await Promise.all([
    col(deps.db, 'webhooks').doc(owner).get(),
    col(deps.db, 'webhook_deliveries').where({ owner }).orderBy('date', 'desc').limit(10).get(),
  ])
  return { webhook: hooks[0] ? view(hooks[0]) : null, deliveries: deliveries.map(deliveryView) }
}

/**
 * Sets the push: address, time of day, on or off. The secret is made with the first setting and kept, unless a new
 * one is asked for; every change is audited (without the secret).
 */
export async function setWebhook(deps: Deps, caller: CallerFor, input: Input<typeof setWebhookInput>) {
  const owner = ownerOf(caller)
  const now = deps.now()
  let saved: WebhookDoc | undefined
  await deps.db.runTransaction(async (t: Transaction) => {
    const before = await txGet(t, 'webhooks', owner)
    const next: WebhookDoc = {
      _id: owner,
      url: input.url,
      time: input.time,
      enabled: input.enabled,
      secret: before && !input.newSecret ? before.secret : newWebhookSecret(),
      updatedBy: caller.account._id,
      updatedByName: caller.account.name,
      updatedAt: now,
    }
    const { _id, ...body } = next
    await txCol(t, 'webhooks').doc(_id).set(body)
    await txCol(t, 'audit_logs').add(
      auditEntry(caller.account, {
        action: 'webhook.set',
        target: `webhook:${owner}`,
        before: before ? { url: before.url, time: before.time, enabled: before.enabled } : null,
        after: {
          url: next.url,
          time: next.time,
          enabled: next.enabled,
          newSecret: next.secret !== before?.secret,
        },
        at: now,
      }),
    )
    saved = next
  })
  return { webhook: view(saved!) }
}
