import { AppError } from '../../../shared/errors'
import { onsiteStaffId } from '../../../shared/onsite'
import { ONSITE_PAGES, pageUrl } from '../../../shared/routes'
import type { setOfficerInput, setOnSiteInput } from '../../../shared/schemas/onsite'
import { allow } from '../../_lib/access'
import { auditEntry } from '../../_lib/audit'
import { txCol, txGet } from '../../_lib/collections'
import { notify } from '../../_lib/notify'
import type { CallerFor, Deps, Input, Transaction } from '../../_lib/runtime'
import type { EnterpriseDoc } from '../../application/model'
import type { OnsiteEnterpriseDoc, OnsiteStaffDoc } from '../model'
import { loadEnterprise, memberOf, placeOfEnterprise, requireApproved } from './common'

function freshEnterprise(e: EnterpriseDoc, now: number): OnsiteEnterpriseDoc {
  return {
    _id: e._id,
    enterpriseId: e._id,
    enterpriseName: e.name,
    ...placeOfEnterprise(e),
    officerId: null,
    officerName: null,
    openCases: 0,
    flagged: false,
    updatedAt: now,
  }
}

/** The enterprise's 一日两检 record inside a transaction, made when it has none yet. */
async function txEnterprise(t: Transaction, e: EnterpriseDoc, now: number): Promise<OnsiteEnterpriseDoc> {
  const found = await txGet(t, 'onsite_enterprises', e._id)
  if (found) return found
  const made = freshEnterprise(e, now)
  await txCol(t, 'onsite_enterprises').add(made)
  return made
}

/** The owner names the safety officer: one of the enterprise's people. Audit logged; the officer is told. */
export async function setOfficer(deps: Deps, caller: CallerFor, input: Input<typeof setOfficerInput>) {
  const { e } = await loadEnterprise(deps, input.enterpriseId)
  allow(caller, { people: [e.ownerId, ...e.managerIds], scope: placeOfEnterprise(e) })
  await requireApproved(deps, e)
  const member = await memberOf(deps, e, input.accountId)
  if (!member) throw new AppError('ONSITE_NOT_STAFF')
  const now = deps.now()
  let before: string | null = null
  await deps.db.runTransaction(async (t: Transaction) => {
    const doc = await txEnterprise(t, e, now)
    before = doc.officerId
    await txCol(t, 'onsite_enterprises')
      .doc(e._id)
      .update({ officerId: member.accountId, officerName: member.name, updatedAt: now })
    await txCol(t, 'audit_logs').add({
      _id: deps.newId(),
      ...auditEntry(caller.account, {
        action: 'onsite.setOfficer',
        target: `enterprise:${e._id}`,
        before: { officerId: before },
        after: { officerId: member.accountId },
        at: now,
        streetId: e.streetId,
        communityId: e.communityId,
      }),
    })
  })
  if (before !== member.accountId && member.accountId !== caller.account._id)
    await notify(deps, {
      accountId: member.accountId,
      title: '您已被指定为企业安全员',
      body: `${e.name}指定您为安全员，负责在岗职工每天两次的体温、抗原检测（一日两检）。`,
      link: pageUrl(ONSITE_PAGES.board, { enterpriseId: e._id }),
    })
  return { officerId: member.accountId, officerName: member.name }
}

/** Puts one person on site (in the closed loop) or takes them off. Audit logged. */
export async function setOnSite(deps: Deps, caller: CallerFor, input: Input<typeof setOnSiteInput>) {
  const { e, people } = await loadEnterprise(deps, input.enterpriseId)
  allow(caller, { people, scope: placeOfEnterprise(e) })
  await requireApproved(deps, e)
  const member = await memberOf(deps, e, input.accountId)
  if (!member) throw new AppError('ONSITE_NOT_STAFF')
  const now = deps.now()
  const id = onsiteStaffId(e._id, member.accountId)
  let after: OnsiteStaffDoc | undefined
  await deps.db.runTransaction(async (t: Transaction) => {
    await txEnterprise(t, e, now)
    const found = await txGet(t, 'onsite_staff', id)
    const onSiteSince = input.onSite ? (found?.onSite ? found.onSiteSince : now) : null
    after = {
      _id: id,
      enterpriseId: e._id,
      ...placeOfEnterprise(e),
      accountId: member.accountId,
      name: member.name,
      onSite: input.onSite,
      onSiteSince,
      stopped: found?.stopped ?? false,
      stoppedCaseId: found?.stoppedCaseId ?? null,
      updatedAt: now,
    }
    const { _id, ...body } = after
    if (found) await txCol(t, 'onsite_staff').doc(id).set(body)
    else await txCol(t, 'onsite_staff').add(after)
    await txCol(t, 'audit_logs').add({
      _id: deps.newId(),
      ...auditEntry(caller.account, {
        action: 'onsite.setOnSite',
        target: `onsite:${id}`,
        before: { onSite: found?.onSite ?? false },
        after: { onSite: input.onSite },
        at: now,
        streetId: e.streetId,
        communityId: e.communityId,
      }),
    })
  })
  return {
    accountId: after!.accountId,
    name: after!.name,
    onSite: after!.onSite,
    stopped: after!.stopped,
  }
}
