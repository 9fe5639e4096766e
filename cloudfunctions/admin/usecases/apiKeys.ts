import { AppError } from '../../../shared/errors'
import type { createApiKeyInput, revokeApiKeyInput } from '../../../shared/schemas/admin'
import { allow } from '../../_lib/access'
import { hashApiKey, newApiKey, type ApiKeyDoc } from '../../_lib/apiKeys'
import { auditEntry } from '../../_lib/audit'
import { col, getDoc, txCol, txGet } from '../../_lib/collections'
import { createDocOnce, onceId } from '../../_lib/once'
import type { CallerFor, Deps, Input, Transaction } from '../../_lib/runtime'

export interface ApiKeyView {
  _id: string
  label: string
  hint: string
  createdByName: string
  createdAt: number
  revokedAt: number | null
  lastUsedAt: number | null
  uses: number
}

const view = (k: ApiKeyDoc): ApiKeyView => ({
  _id: k._id,
  label: k.label,
  hint: k.hint,
  createdByName: k.createdByName,
  createdAt: k.createdAt,
  revokedAt: k.revokedAt ?? null,
  lastUsedAt: k.lastUsedAt ?? null,
  uses: k.uses,
})

/**
 * Issues an API key for the street's daily export. A retry of the same request answers the key already made,
 * with the key while it is unused (after its first use the store keeps only its hash: the answer has none).
 */
export async function createApiKey(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof createApiKeyInput>,
): Promise<{ key: ApiKeyView; secret: string | null }> {
  const id = onceId(caller.account, input.requestId, deps.newId)
  const secret = newApiKey()
  return createDocOnce<'api_keys', { key: ApiKeyView; secret: string | null }>(
    deps,
    'api_keys',
    id,
    input.requestId,
    async () => {
      const doc: ApiKeyDoc = {
        _id: id,
        streetId: caller.account.scope.streetId,
        label: input.label,
        hash: hashApiKey(secret),
        unusedSecret: secret,
        hint: secret.slice(-4),
        createdBy: caller.account._id,
        createdByName: caller.account.name,
        createdAt: deps.now(),
        uses: 0,
      }
      await deps.db.runTransaction(async (t: Transaction) => {
        await txCol(t, 'api_keys').add(doc)
        await txCol(t, 'audit_logs').add(
          auditEntry(caller.account, {
            action: 'apiKey.create',
            target: `apiKey:${id}`,
            before: null,
            after: { label: doc.label, hint: doc.hint },
            at: doc.createdAt,
          }),
        )
      })
      return { key: view(doc), secret }
    },
    (made) => ({ key: view(made), secret: made.unusedSecret ?? null }),
    (made) => made.createdBy === caller.account._id,
  )
}

/** The street's API keys, newest first (revoked ones too: their last use stays visible). */
export async function apiKeys(deps: Deps, caller: CallerFor): Promise<{ items: ApiKeyView[] }> {
  const { data } = await col(deps.db, 'api_keys')
    .where({ streetId: caller.account.scope.streetId })
    .orderBy('createdAt', 'desc')
    .limit(100)
    .get()
  return { items: data.map(view) }
}

export async function revokeApiKey(deps: Deps, caller: CallerFor, input: Input<typeof revokeApiKeyInput>) {
  const key = await getDoc(deps, 'api_keys', input.id)
  if (!key) throw new AppError('NOT_FOUND', '没有这个 API 密钥')
  allow(caller, { scope: { streetId: key.streetId } })
  const now = deps.now()
  await deps.db.runTransaction(async (t: Transaction) => {
    const fresh = await txGet(t, 'api_keys', key._id)
    if (!fresh || fresh.revokedAt) return
    await txCol(t, 'api_keys').doc(key._id).update({ revokedAt: now })
    await txCol(t, 'audit_logs').add(
      auditEntry(caller.account, {
        action: 'apiKey.revoke',
        target: `apiKey:${key._id}`,
        before: { label: key.label, hint: key.hint },
        after: { revokedAt: now },
        at: now,
      }),
    )
  })
  return { key: view({ ...key, revokedAt: key.revokedAt ?? now }) }
}
