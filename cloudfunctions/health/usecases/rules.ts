import { AppError } from '../../../shared/errors'
import { DEFAULT_RULES } from '../../../shared/health'
import type { setRulesInput } from '../../../shared/schemas/health'
import { shanghaiDate } from '../../../shared/time'
import { auditEntry } from '../../_lib/audit'
import { col, getDoc, txCol } from '../../_lib/collections'
import { isDuplicateKey } from '../../_lib/errors'
import { createOnce, onceId } from '../../_lib/once'
import type { CallerFor, Deps, Transaction, Input } from '../../_lib/runtime'
import { forgetSettings, rulesFor } from '../../_lib/settings'
import type { RulesDoc } from '../model'

export async function getRules(deps: Deps, caller: CallerFor) {
  return { rules: await rulesFor(deps, caller.account.scope.streetId, shanghaiDate(deps.now())) }
}

export async function setRules(deps: Deps, caller: CallerFor, input: Input<typeof setRulesInput>) {
  const streetId = caller.account.scope.streetId
  const { requestId, ...rules } = input
  // A version's id is `<street>:v<n>`; the request's own id goes on the audit entry (see _lib/once.ts).
  const auditId = onceId(caller.account, requestId, deps.newId)
  return createOnce(
    requestId,
    async () => {
      const { data } = await col(deps.db, 'screening_rules')
        .where({ streetId })
        .orderBy('version', 'desc')
        .limit(1)
        .get()
      const before = data[0] ?? null
      const version = (before?.version ?? DEFAULT_RULES.version) + 1
      // A change that leaves out the 一日两检 windows keeps the street's own (a caller other than the rules page
      // changing the fever threshold must not silently put every enterprise back on the default windows).
      const onsiteSlots = rules.onsiteSlots ?? before?.onsiteSlots
      const doc: RulesDoc = {
        _id: `${streetId}:v${version}`,
        streetId,
        version,
        ...rules,
        ...(onsiteSlots ? { onsiteSlots } : {}),
        createdBy: caller.account._id,
        createdAt: deps.now(),
      }
      try {
        await deps.db.runTransaction(async (t: Transaction) => {
          await txCol(t, 'audit_logs').add({
            _id: auditId,
            ...auditEntry(caller.account, {
              action: 'rules.set',
              target: `rules:v${version}`,
              before,
              after: rules,
              at: deps.now(),
            }),
          })
          await txCol(t, 'screening_rules').add(doc)
        })
        forgetSettings(streetId)
      } catch (e) {
        // Another change took this version number first.
        if (isDuplicateKey(e) && !(requestId && (await getDoc(deps, 'audit_logs', auditId))))
          throw new AppError('CONFLICT', '规则刚被他人修改，请刷新后再试')
        throw e
      }
      return { rules: { ...rules, version } }
    },
    async () => {
      const entry = await getDoc(deps, 'audit_logs', auditId)
      if (!entry || entry.actorId !== caller.account._id || !entry.target.startsWith('rules:v'))
        return undefined
      return {
        rules: { ...(entry.after as typeof rules), version: Number(entry.target.slice('rules:v'.length)) },
      }
    },
  )
}
