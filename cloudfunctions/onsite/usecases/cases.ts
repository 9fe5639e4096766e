import { AppError } from '../../../shared/errors'
import { ONSITE_PAGES, pageUrl } from '../../../shared/routes'
import type { closeCaseInput } from '../../../shared/schemas/onsite'
import { allow, placeOf } from '../../_lib/access'
import { auditEntry } from '../../_lib/audit'
import { getDoc, txCol, txGet } from '../../_lib/collections'
import { notify } from '../../_lib/notify'
import type { CallerFor, Deps, Input, Transaction } from '../../_lib/runtime'

/**
 * The epidemic team closes a case with what became of it (PCR negative, sent for treatment, …): the person may
 * work again, and the enterprise is no longer flagged once it has no open case. One transaction with its audit
 * entry; the officer and the person are told.
 */
export async function closeCase(deps: Deps, caller: CallerFor, input: Input<typeof closeCaseInput>) {
  const c = await getDoc(deps, 'onsite_cases', input.caseId)
  if (!c) throw new AppError('NOT_FOUND', '没有找到这个情况')
  allow(caller, { scope: placeOf(c) })
  if (c.status === 'closed') throw new AppError('CASE_CLOSED')
  const now = deps.now()
  const by = { accountId: caller.account._id, name: caller.account.name }
  let officerId: string | null = null
  await deps.db.runTransaction(async (t: Transaction) => {
    const open = await txGet(t, 'onsite_cases', c._id)
    if (open?.status !== 'open') throw new AppError('CASE_CLOSED')
    await txCol(t, 'onsite_cases')
      .doc(c._id)
      .update({ status: 'closed', closedAt: now, closedBy: by, note: input.note })
    const staff = await txGet(t, 'onsite_staff', c.staffId)
    if (staff?.stoppedCaseId === c._id)
      await txCol(t, 'onsite_staff')
        .doc(c.staffId)
        .update({ stopped: false, stoppedCaseId: null, updatedAt: now })
    const ent = await txGet(t, 'onsite_enterprises', c.enterpriseId)
    officerId = ent?.officerId ?? null
    const openCases = Math.max(0, (ent?.openCases ?? 1) - 1)
    await txCol(t, 'onsite_enterprises')
      .doc(c.enterpriseId)
      .update({ openCases, flagged: openCases > 0, updatedAt: now })
    await txCol(t, 'audit_logs').add({
      _id: deps.newId(),
      ...auditEntry(caller.account, {
        action: 'onsite.closeCase',
        target: `onsite:${c.staffId}`,
        before: { status: 'open', stopped: true },
        after: { status: 'closed', stopped: false, note: input.note },
        at: now,
        streetId: c.streetId,
        communityId: c.communityId,
      }),
    })
  })
  const e = await getDoc(deps, 'enterprises', c.enterpriseId)
  for (const to of new Set([c.accountId, officerId ?? e?.ownerId].filter((x): x is string => Boolean(x))))
    await notify(deps, {
      accountId: to,
      title: '一日两检情况已结案',
      body: `${c.enterpriseName}的${c.name}的情况已由防疫专业队伍结案：${input.note}。可以恢复检测和上岗。`,
      link: pageUrl(ONSITE_PAGES.board, { enterpriseId: c.enterpriseId }),
    })
  return { caseId: c._id, status: 'closed' as const, note: input.note }
}
