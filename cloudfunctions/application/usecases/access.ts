/** The facts the policy's rules need about an enterprise, and the event record every change writes. */
import type { ApplicationState } from '../../../shared/application'
import { AppError } from '../../../shared/errors'
import { enterpriseSeer, shown, type View } from '../../../shared/mask'
import type { Principal } from '../../../shared/policy'
import type { Scope } from '../../../shared/roles'
import { allow } from '../../_lib/access'
import type { AccountDoc } from '../../_lib/accounts'
import { col, getDoc } from '../../_lib/collections'
import type { CallerFor, Deps } from '../../_lib/runtime'
import type { ApplicationDoc, ApplicationEventDoc, EnterpriseDoc } from '../model'

export function scopeOf(doc: { streetId: string; communityId: string; gridId: string }): Scope {
  return { streetId: doc.streetId, communityId: doc.communityId, gridId: doc.gridId }
}

/** Whose enterprise it is: its owner and the managers the owner named. */
export function peopleOf(e: Pick<EnterpriseDoc, 'ownerId' | 'managerIds'>): string[] {
  return [e.ownerId, ...e.managerIds]
}

/**
 * Everyone with a stake in the enterprise that `account` might have: its owner and managers, and the account
 * itself when it has declared its health as one of the enterprise's employees. A reviewer among them must
 * stand aside (rules 'review' and 'decide' in shared/policy.ts).
 */
export async function membersOf(deps: Deps, account: AccountDoc, e: EnterpriseDoc): Promise<string[]> {
  const people = peopleOf(e)
  if (people.includes(account._id)) return people
  const { total } = await col(deps.db, 'declarations')
    .where({ accountId: account._id, enterpriseId: e._id })
    .count()
  return total ? [...people, account._id] : people
}

/** The enterprises `account` owns, manages or has declared as its employer: the ones it must not decide on. */
export async function enterprisesOf(deps: Deps, account: AccountDoc): Promise<Set<string>> {
  const _ = deps.db.command
  const [{ data: held }, { data: declared }] = await Promise.all([
    col(deps.db, 'enterprises')
      .where(_.or([{ ownerId: account._id }, { managerIds: account._id }]))
      .field({ _id: true })
      .limit(1000)
      .get(),
    col(deps.db, 'declarations')
      .where({ accountId: account._id, enterpriseId: _.neq(null) })
      .field({ enterpriseId: true })
      .limit(1000)
      .get(),
  ])
  return new Set([
    ...held.map((e) => e._id),
    ...declared.map((d) => d.enterpriseId).filter((id): id is string => Boolean(id)),
  ])
}

/** An enterprise as `viewer` sees it: the contact's phone by the masking policy (shared/mask.ts). */
export function enterpriseView(e: EnterpriseDoc, viewer: Principal, view: View = 'record'): EnterpriseDoc {
  return { ...e, contactPhone: shown('enterprisePhone', view, enterpriseSeer(viewer, e), e.contactPhone) }
}

/** An application as `viewer` sees it: the safety officer's phone by the masking policy. */
export function applicationView<T extends ApplicationDoc>(
  app: T,
  viewer: Principal,
  view: View = 'record',
): T {
  const officer = app.form.safetyOfficer
  if (!officer) return app
  const phone = shown('enterprisePhone', view, enterpriseSeer(viewer, app), officer.phone)
  return { ...app, form: { ...app.form, safetyOfficer: { ...officer, phone } } }
}

export function event(
  deps: Deps,
  caller: CallerFor,
  app: Pick<ApplicationDoc, '_id' | 'round'>,
  type: ApplicationEventDoc['type'],
  from: ApplicationState | null,
  to: ApplicationState,
  extra: Partial<ApplicationEventDoc> = {},
): ApplicationEventDoc {
  return {
    _id: deps.newId(),
    applicationId: app._id,
    type,
    from,
    to,
    actorId: caller.account._id,
    actorName: caller.account.name,
    actorRole: caller.account.role,
    round: app.round,
    at: deps.now(),
    ...extra,
  }
}

/** The grid an enterprise names, which must exist and belong to the community it names. */
export async function enterprisePlace(deps: Deps, communityId: string, gridId: string): Promise<Scope> {
  const grid = await getDoc(deps, 'grids', gridId)
  if (!grid || grid.communityId !== communityId)
    throw new AppError('SCOPE_NOT_FOUND', '所选社区或网格不存在，请重新选择')
  return { streetId: grid.streetId, communityId, gridId }
}

/** An enterprise the action's rule admits the caller to ('own': the owner and managers). */
export async function ownEnterprise(
  deps: Deps,
  caller: CallerFor,
  enterpriseId: string,
): Promise<EnterpriseDoc> {
  const e = await getDoc(deps, 'enterprises', enterpriseId)
  if (!e) throw new AppError('NOT_FOUND', '没有找到这家企业')
  allow(caller, { people: peopleOf(e) })
  return e
}
