import { AppError } from '../../shared/errors'
import type { AccountDoc } from './accounts'
import type { Database } from './runtime'

export interface PageRequest {
  page: number
  pageSize: number
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

type Sort = [field: string, direction: 'asc' | 'desc']

/**
 * One page of a query and the total it pages through, fetched together. Lists always page: CloudBase's
 * get() answers 100 rows by default and 1000 at most, so an unpaged list silently loses rows.
 */
export async function pageOf<T = unknown>(
  db: Database,
  collection: string,
  where: object,
  sort: Sort[],
  req: PageRequest,
): Promise<Page<T>> {
  let query = db.collection(collection).where(where)
  for (const [field, direction] of sort) query = query.orderBy(field, direction)
  const [{ total }, { data }] = await Promise.all([
    db.collection(collection).where(where).count(),
    query
      .skip((req.page - 1) * req.pageSize)
      .limit(req.pageSize)
      .get(),
  ])
  return { items: data as T[], total: total ?? 0, page: req.page, pageSize: req.pageSize }
}

/**
 * The filter that keeps a staff member inside their scope (street, community, grid), narrowed to one grid
 * when asked — and refused when that grid is outside a grid-level scope.
 */
export function scopeWhere(account: AccountDoc, gridId?: string): Record<string, unknown> {
  const where: Record<string, unknown> = { streetId: account.scope.streetId }
  if (account.scope.communityId) where.communityId = account.scope.communityId
  if (account.scope.gridId) where.gridId = account.scope.gridId
  if (gridId) {
    if (account.scope.gridId && account.scope.gridId !== gridId) throw new AppError('FORBIDDEN_SCOPE')
    where.gridId = gridId
  }
  return where
}
