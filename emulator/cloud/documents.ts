import { isPlainObject, type Doc } from './ejson'
import { invalidParam, requestFailed } from './errors'
import { checkDocId, newId, type DocId } from './ids'

/**
 * What may be stored. CloudBase (MongoDB 4 underneath) refuses a field name that starts with `$` anywhere in a
 * document — it would read as an operator — with DATABASE_REQUEST_FAILED; so does the local cloud, for inserted
 * documents, replacements and the result of every update.
 */
export function checkFieldNames(value: unknown, path = ''): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkFieldNames(item, `${path}.${i}`))
    return
  }
  if (!isPlainObject(value)) return
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key
    if (key.startsWith('$'))
      throw requestFailed(`The dollar ($) prefixed field '${key}' in '${at}' is not valid for storage.`)
    checkFieldNames(item, at)
  }
}

/** A new document from an insert: `_id` (generated when absent) first. */
export function newDoc(value: unknown): Doc {
  if (!isPlainObject(value)) throw invalidParam('a document must be an object')
  checkFieldNames(value)
  const { _id, ...rest } = value
  return { _id: _id === undefined ? newId() : checkDocId(_id), ...rest }
}

/** `doc(id).set(data)`: the whole document replaced, `_id` kept. */
export function replacement(id: DocId, data: unknown): Doc {
  if (!isPlainObject(data)) throw invalidParam('data must be an object')
  checkFieldNames(data)
  const { _id, ...rest } = data
  if (_id !== undefined && !sameId(_id, id)) throw invalidParam('_id may not be changed')
  return { _id: id, ...rest }
}

function sameId(a: unknown, b: DocId): boolean {
  return typeof a === typeof b && String(a) === String(b)
}
