import { AppError } from '../../../shared/errors'
import { onsiteSlotsOf } from '../../../shared/onsite'
import type { ScreeningRules } from '../../../shared/health'
import { slotWindowsText } from '../../../shared/health'
import { col, getDoc } from '../../_lib/collections'
import type { Deps } from '../../_lib/runtime'
import type { EnterpriseDoc } from '../../application/model'
import type { OnsiteCheckDoc, OnsiteEnterpriseDoc } from '../model'

/** An enterprise with its 一日两检 record (absent until its officer or first on-site person is set). */
export interface Loaded {
  e: EnterpriseDoc
  onsite: OnsiteEnterpriseDoc | undefined
  /** Who acts for the enterprise in 一日两检: owner, managers and the safety officer. */
  people: string[]
}

export async function loadEnterprise(deps: Deps, enterpriseId: string): Promise<Loaded> {
  const [e, onsite] = await Promise.all([
    getDoc(deps, 'enterprises', enterpriseId),
    getDoc(deps, 'onsite_enterprises', enterpriseId),
  ])
  if (!e) throw new AppError('NOT_FOUND', '没有找到这家企业')
  const people = [e.ownerId, ...e.managerIds, ...(onsite?.officerId ? [onsite.officerId] : [])]
  return { e, onsite, people }
}

export const placeOfEnterprise = (e: EnterpriseDoc) => ({
  streetId: e.streetId,
  communityId: e.communityId,
  gridId: e.gridId,
})

/** 一日两检 is for enterprises whose reopening the three reviewers approved. */
export async function requireApproved(deps: Deps, e: EnterpriseDoc): Promise<void> {
  const { total } = await col(deps.db, 'applications')
    .where({ enterpriseId: e._id, status: deps.db.command.in(['approved', 'reopened']) })
    .count()
  if (!total) throw new AppError('APPLICATION_NOT_REOPENED', '复工申请通过三方审核后，企业才开展一日两检')
}

/**
 * A person of the enterprise, with the name to show: its owner or a manager, or someone who declared their health
 * with its join code. Undefined for anyone else.
 */
export async function memberOf(
  deps: Deps,
  e: EnterpriseDoc,
  accountId: string,
): Promise<{ accountId: string; name: string } | undefined> {
  const { data } = await col(deps.db, 'declarations')
    .where({ accountId, enterpriseId: e._id })
    .orderBy('createdAt', 'desc')
    .limit(1)
    .get()
  if (data[0]) return { accountId, name: data[0].name }
  if (accountId !== e.ownerId && !e.managerIds.includes(accountId)) return undefined
  const account = await getDoc(deps, 'accounts', accountId)
  return account ? { accountId, name: account.name } : undefined
}

/** "上午 08:00–12:00，下午 14:00–18:00" for the 一日两检 windows. */
export function windowsText(rules: Pick<ScreeningRules, 'onsiteSlots'>): string {
  return slotWindowsText({ slots: onsiteSlotsOf(rules) })
}

/** A check as the board, the person's card and the record answer show it. */
export function checkView(c: OnsiteCheckDoc) {
  return {
    _id: c._id,
    accountId: c.accountId,
    name: c.name,
    date: c.date,
    slot: c.slot,
    status: c.status,
    temperature: c.temperature,
    antigen: c.antigen,
    photo: c.photo,
    pcrSampled: c.pcrSampled,
    fever: c.fever,
    positive: c.positive,
    recordedBy: c.recordedBy?.name ?? null,
    confirmedBy: c.confirmedBy?.name ?? null,
    confirmedAt: c.confirmedAt,
    at: c.at,
  }
}
