import { AppError } from '../../shared/errors'
import { getDoc, type CollectionName, type Collections } from './collections'
import { isDuplicateKey } from './errors'
import type { Deps } from './runtime'

/**
 * Idempotent creation. A create action's input may carry a `requestId` (shared/schemas/common.ts), set once per
 * submission by the client and sent again with every retry of it. The record the request creates — or, where a
 * record's id already means something (an invitation's code, a rules version), the audit entry written in the
 * same transaction — takes the id `onceId(account, requestId)`. A retry or a double tap computes the same id, the
 * store's unique `_id` refuses the second write, and the use case answers from what the first one made
 * (`createOnce`). Purposes that must hold whatever the requestId (one account per identity, one open
 * quarantine per person, one report per slot) have their own unique ids or indexes.
 */
export function onceId(account: { _id: string }, requestId: string | undefined, fresh: () => string): string {
  return requestId ? `${account._id}-${requestId}` : fresh()
}

/**
 * Runs `create` once per requestId: first asks `replay` whether the request was carried out already (a retry),
 * and asks again when `create` fails on a duplicate id (a double tap that lost the race). Without a requestId,
 * `create` simply runs.
 */
export async function createOnce<T>(
  requestId: string | undefined,
  create: () => Promise<T>,
  replay: () => Promise<T | undefined>,
): Promise<T> {
  if (requestId) {
    const again = await replay()
    if (again !== undefined) return again
  }
  try {
    return await create()
  } catch (e) {
    if (requestId && isDuplicateKey(e)) {
      const again = await replay()
      if (again !== undefined) return again
      // The id is taken by something this request did not make: the same requestId sent for other content.
      throw new AppError('CONFLICT', '这次提交与之前的提交编号相同但内容不同，请刷新后重试')
    }
    throw e
  }
}

/**
 * `createOnce` for a record whose own id is `onceId(…)`: a repeat finds that record — when `mine` says it is the
 * caller's — and answers with `answer(record)`.
 */
export function createDocOnce<N extends CollectionName, T>(
  deps: Pick<Deps, 'db'>,
  collection: N,
  id: string,
  requestId: string | undefined,
  create: () => Promise<T>,
  answer: (made: Collections[N]) => T,
  mine: (made: Collections[N]) => boolean = () => true,
): Promise<T> {
  return createOnce(requestId, create, async () => {
    const made = await getDoc(deps, collection, id)
    return made && mine(made) ? answer(made) : undefined
  })
}
