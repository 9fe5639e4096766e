/** Who may see and act on an enterprise or an application, and the event record every change writes. */
import type { ApplicationState } from '../../../shared/application'
import { AppError } from '../../../shared/errors'
import { scopeContains, type Scope } from '../../../shared/roles'
import type { AccountDoc } from '../../_lib/accounts'
import { getDoc } from '../../_lib/collections'
import type { CallerFor, Deps } from '../../_lib/runtime'
import type { ApplicationDoc, ApplicationEventDoc, EnterpriseDoc } from '../model'

export function scopeOf(doc: { streetId: string; communityId: string; gridId: string }): Scope {
  return { streetId: doc.streetId, communityId: doc.communityId, gridId: doc.gridId }
}

export function ownsEnterprise(account: AccountDoc, e: EnterpriseDoc): boolean {
  return e.ownerId === account._id || e.managerIds.includes(account._id)
}

/** Staff see what is inside their scope; owners see their own enterprises. */
export function canSee(
  account: AccountDoc,
  e: { ownerId: string } & Parameters<typeof scopeOf>[0],
  managerIds: string[] = [],
): boolean {
  if (account.role === 'owner') return e.ownerId === account._id || managerIds.includes(account._id)
  if (['admin', 'reviewer', 'gridWorker', 'butler'].includes(account.role))
    return scopeContains(account.scope, scopeOf(e))
  return false
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

export async function checkScopeInStreet(
  deps: Deps,
  streetId: string,
  communityId: string,
  gridId: string,
): Promise<void> {
  const grid = await getDoc(deps, 'grids', gridId)
  if (!grid || grid.communityId !== communityId || grid.streetId !== streetId) {
    throw new AppError('SCOPE_NOT_FOUND', '所选社区或网格不属于本街道，请重新选择')
  }
}

export async function ownEnterprise(
  deps: Deps,
  caller: CallerFor,
  enterpriseId: string,
): Promise<EnterpriseDoc> {
  const e = await getDoc(deps, 'enterprises', enterpriseId)
  if (!e) throw new AppError('NOT_FOUND', '没有找到这家企业')
  if (!ownsEnterprise(caller.account, e)) throw new AppError('FORBIDDEN_SCOPE', '只能操作自己名下的企业')
  return e
}
