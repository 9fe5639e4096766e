import { AppError } from '../../../shared/errors'
import type { createStreetInput, renameStreetInput } from '../../../shared/schemas/admin'
import { auditEntry } from '../../_lib/audit'
import { col, getDoc, txCol, txGet } from '../../_lib/collections'
import { isDuplicateKey } from '../../_lib/errors'
import { createDocOnce, onceId } from '../../_lib/once'
import type { CallerFor, Deps, Input, Transaction } from '../../_lib/runtime'
import type { StreetDoc } from '../model'

const NAME_TAKEN = '已有同名的街道，请换一个名称'
const STREET_MISSING = '所选街道不存在，请刷新后重试'

/**
 * Street names are unique (the streets' unique `by_name` index): a write that another street of the same name
 * refused becomes a clear refusal; any other duplicate (this very street, written by a double tap) goes on to
 * `createOnce`, which answers what the first tap made.
 */
async function nameTaken<T>(deps: Deps, id: string, name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (e) {
    if (!isDuplicateKey(e)) throw e
    const { data } = await col(deps.db, 'streets').where({ name }).limit(1).get()
    if (data[0] && data[0]._id !== id) throw new AppError('CONFLICT', NAME_TAKEN)
    throw e
  }
}

/**
 * A district admin adds a street (区级新建街道). Safe to retry: the street's id comes from the requestId, and a
 * repeat answers the street the first call made; a different street of the same name is refused by the index.
 */
export async function createStreet(deps: Deps, caller: CallerFor, input: Input<typeof createStreetInput>) {
  const id = onceId(caller.account, input.requestId, deps.newId)
  return createDocOnce(
    deps,
    'streets',
    id,
    input.requestId,
    () =>
      nameTaken(deps, id, input.name, async () => {
        const doc: StreetDoc = { _id: id, name: input.name, createdAt: deps.now() }
        await deps.db.runTransaction(async (t: Transaction) => {
          await txCol(t, 'streets').add(doc)
          await txCol(t, 'audit_logs').add(
            auditEntry(caller.account, {
              action: 'street.create',
              target: `street:${id}`,
              before: null,
              after: { name: doc.name },
              at: doc.createdAt,
              streetId: id,
            }),
          )
        })
        return { street: doc }
      }),
    (street) => ({ street }),
  )
}

/** A district admin renames a street; the audit entry records the name as it was inside the transaction. */
export async function renameStreet(deps: Deps, caller: CallerFor, input: Input<typeof renameStreetInput>) {
  const street = await getDoc(deps, 'streets', input.streetId)
  if (!street) throw new AppError('SCOPE_NOT_FOUND', STREET_MISSING)
  const now = deps.now()
  await nameTaken(deps, street._id, input.name, () =>
    deps.db.runTransaction(async (t: Transaction) => {
      const fresh = await txGet(t, 'streets', street._id)
      if (!fresh) throw new AppError('SCOPE_NOT_FOUND', STREET_MISSING)
      await txCol(t, 'streets').doc(street._id).update({ name: input.name })
      await txCol(t, 'audit_logs').add(
        auditEntry(caller.account, {
          action: 'street.rename',
          target: `street:${street._id}`,
          before: { name: fresh.name },
          after: { name: input.name },
          at: now,
          streetId: street._id,
        }),
      )
    }),
  )
  return { street: { ...street, name: input.name } }
}
