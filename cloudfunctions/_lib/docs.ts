import type { Database, Deps, Transaction } from './runtime'

/** One document by id, or undefined. `doc().get()` answers an array, even for one id. */
export async function getDoc<T>(
  deps: { db: Database } | Deps,
  collection: string,
  id: string,
): Promise<T | undefined> {
  const { data } = await deps.db.collection(collection).doc(id).get()
  return data[0] as T | undefined
}

/** The same inside a transaction, where CloudBase answers `{data: doc}` and the emulator `{data: [doc]}`. */
export async function txGet<T>(t: Transaction, collection: string, id: string): Promise<T | undefined> {
  const { data } = (await t.collection(collection).doc(id).get()) as { data: unknown }
  return (Array.isArray(data) ? data[0] : data) as T | undefined
}
