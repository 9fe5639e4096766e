import { col, type CollectionName, type Collections } from './collections'
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
export async function pageOf<N extends CollectionName>(
  db: Database,
  collection: N,
  where: object,
  sort: Sort[],
  req: PageRequest,
): Promise<Page<Collections[N]>> {
  let query = col(db, collection).where(where)
  for (const [field, direction] of sort) query = query.orderBy(field, direction)
  const [{ total }, { data }] = await Promise.all([
    col(db, collection).where(where).count(),
    query
      .skip((req.page - 1) * req.pageSize)
      .limit(req.pageSize)
      .get(),
  ])
  return { items: data, total: total ?? 0, page: req.page, pageSize: req.pageSize }
}

/**
 * Every document matching `where`, a page at a time in `_id` order (get() answers at most 1000 rows). Each page
 * starts after the last id of the one before, so a long run costs the same per page however far it goes.
 */
export async function* eachDoc<N extends CollectionName>(
  db: Database,
  collection: N,
  where: Record<string, unknown>,
  pageSize = 500,
): AsyncGenerator<Collections[N]> {
  const _ = db.command
  let lastId = ''
  for (;;) {
    const { data } = await col(db, collection)
      .where({ ...where, _id: _.gt(lastId) })
      .orderBy('_id', 'asc')
      .limit(pageSize)
      .get()
    yield* data
    if (data.length < pageSize) return
    lastId = data[data.length - 1]!._id
  }
}

/** A user's search text as a literal inside a regular expression (a name with "(" must not break the query). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
