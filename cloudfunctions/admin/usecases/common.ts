/** What every admin change needs: the caller's own places and the accounts it may change. */
import { AppError } from '../../../shared/errors'
import { allow, allowAs } from '../../_lib/access'
import type { AccountDoc } from '../../_lib/accounts'
import { col, getDoc, type CollectionName, type Collections } from '../../_lib/collections'
import type { CallerFor, Deps } from '../../_lib/runtime'
import type { CommunityDoc, GridDoc } from '../model'

/** A community the caller's scope contains (also for actions whose own rule is about something else). */
export async function ownCommunity(
  deps: Deps,
  caller: CallerFor,
  communityId: string,
): Promise<CommunityDoc> {
  const c = await getDoc(deps, 'communities', communityId)
  if (!c) throw new AppError('SCOPE_NOT_FOUND', '没有找到这个社区')
  allowAs('scope', caller, { scope: { streetId: c.streetId, communityId: c._id } })
  return c
}

export async function ownGrid(deps: Deps, caller: CallerFor, gridId: string): Promise<GridDoc> {
  const g = await getDoc(deps, 'grids', gridId)
  if (!g) throw new AppError('SCOPE_NOT_FOUND', '没有找到这个网格')
  allowAs('scope', caller, { scope: { streetId: g.streetId, communityId: g.communityId, gridId: g._id } })
  return g
}

/** Another person's account inside the caller's scope (rule 'others': nobody changes their own). */
export async function manageable(deps: Deps, caller: CallerFor, accountId: string): Promise<AccountDoc> {
  const a = await getDoc(deps, 'accounts', accountId)
  if (!a) throw new AppError('NOT_FOUND', '没有找到这个账号')
  allow(caller, { scope: a.scope, people: [a._id] })
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
