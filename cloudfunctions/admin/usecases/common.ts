/** What every admin change needs: the caller's own places and accounts, and the audit entry it writes. */
import { AppError } from '../../../shared/errors'
import { scopeContains } from '../../../shared/roles'
import type { AccountDoc } from '../../_lib/accounts'
import { col, getDoc, type CollectionName, type Collections } from '../../_lib/collections'
import type { CallerFor, Deps } from '../../_lib/runtime'
import type { CommunityDoc, GridDoc } from '../model'

const isStreetAdmin = (a: AccountDoc) => !a.scope.communityId && !a.scope.gridId

export function requireStreetAdmin(a: AccountDoc): void {
  if (!isStreetAdmin(a)) throw new AppError('FORBIDDEN_SCOPE', '只有街道管理员可以进行这个操作')
}

/** A community of the caller's street that the caller's scope contains. */
export async function ownCommunity(
  deps: Deps,
  caller: CallerFor,
  communityId: string,
): Promise<CommunityDoc> {
  const c = await getDoc(deps, 'communities', communityId)
  if (!c) throw new AppError('SCOPE_NOT_FOUND', '没有找到这个社区')
  if (!scopeContains(caller.account.scope, { streetId: c.streetId, communityId: c._id }))
    throw new AppError('FORBIDDEN_SCOPE')
  return c
}

export async function ownGrid(deps: Deps, caller: CallerFor, gridId: string): Promise<GridDoc> {
  const g = await getDoc(deps, 'grids', gridId)
  if (!g) throw new AppError('SCOPE_NOT_FOUND', '没有找到这个网格')
  if (
    !scopeContains(caller.account.scope, { streetId: g.streetId, communityId: g.communityId, gridId: g._id })
  )
    throw new AppError('FORBIDDEN_SCOPE')
  return g
}

/** Another person's account inside the caller's scope; nobody changes their own role or switches themselves off. */
export async function manageable(deps: Deps, caller: CallerFor, accountId: string): Promise<AccountDoc> {
  if (accountId === caller.account._id) throw new AppError('SELF_CHANGE_REFUSED')
  const a = await getDoc(deps, 'accounts', accountId)
  if (!a) throw new AppError('NOT_FOUND', '没有找到这个账号')
  if (!scopeContains(caller.account.scope, a.scope)) throw new AppError('FORBIDDEN_SCOPE')
  return a
}

export async function nextOrder(
  deps: Deps,
  collection: 'communities' | 'grids',
  streetId: string,
): Promise<number> {
  const { data } = await col(deps.db, collection).where({ streetId }).orderBy('order', 'desc').limit(1).get()
  return (data[0]?.order ?? 0) + 1
}

/** Every document of a query, a page of 1000 at a time (get() answers at most 1000). */
export async function all<N extends CollectionName>(
  deps: Deps,
  collection: N,
  where: object,
): Promise<Collections[N][]> {
  const out: Collections[N][] = []
  for (let skip = 0; ; skip += 1000) {
    const { data } = await col(deps.db, collection)
      .where(where)
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(1000)
      .get()
    out.push(...data)
    if (data.length < 1000) return out
  }
}
