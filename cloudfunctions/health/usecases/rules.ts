import { AppError } from '../../../shared/errors'
import { DEFAULT_RULES } from '../../../shared/health'
import type { setRulesInput } from '../../../shared/schemas/health'
import { shanghaiDate } from '../../../shared/time'
import { auditEntry } from '../../_lib/audit'
import { col, txCol } from '../../_lib/collections'
import { isDuplicateKey } from '../../_lib/errors'
import type { CallerFor, Deps, Transaction, Input } from '../../_lib/runtime'
import { rulesFor } from '../../_lib/settings'
import type { RulesDoc } from '../model'

export async function getRules(deps: Deps, caller: CallerFor) {
  return { rules: await rulesFor(deps, caller.account.scope.streetId, shanghaiDate(deps.now())) }
}

export async function setRules(deps: Deps, caller: CallerFor, input: Input<typeof setRulesInput>) {
  // The rules are the street's: a community-level admin may read them, not change them.
  if (caller.account.scope.communityId) throw new AppError('FORBIDDEN_SCOPE', '筛查规则由街道管理员设置')
  const streetId = caller.account.scope.streetId
  const { data } = await col(deps.db, 'screening_rules')
    .where({ streetId })
    .orderBy('version', 'desc')
    .limit(1)
    .get()
  const before = data[0] ?? null
  const version = (before?.version ?? DEFAULT_RULES.version) + 1
  const doc: RulesDoc = {
    _id: `${streetId}:v${version}`,
    streetId,
    version,
    ...input,
    createdBy: caller.account._id,
    createdAt: deps.now(),
  }
  try {
    await deps.db.runTransaction(async (t: Transaction) => {
      await txCol(t, 'screening_rules').add(doc)
      await txCol(t, 'audit_logs').add(
        auditEntry(caller.account, {
          action: 'rules.set',
          target: `rules:v${version}`,
          before,
          after: input,
          at: deps.now(),
        }),
      )
    })
  } catch (e) {
    if (isDuplicateKey(e)) throw new AppError('CONFLICT', '规则刚被他人修改，请刷新后再试')
    throw e
  }
  return { rules: { ...input, version } }
}
