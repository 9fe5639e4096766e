import { randomUUID } from 'node:crypto'
import { ObjectId } from 'bson'
import { invalidParam } from './errors'

/**
 * Document ids. CloudBase generates 32-hex-digit strings, and accepts a given `_id` that is a string, a number or
 * an ObjectId (`db.ObjectId({id})`). The store keys each document by a text form of its id in which the three
 * kinds can never collide: a string is its own key, a number or an ObjectId gets a prefix no string id may hold
 * (string ids with control characters are refused).
 */
export type DocId = string | number | ObjectId

const NUMBER_KEY = '\u0001n:'
const OBJECT_ID_KEY = '\u0001o:'
const CONTROL = /[\u0000-\u001f]/
const HEX24 = /^[0-9a-f]{24}$/

export function isObjectId(v: unknown): v is ObjectId {
  return v instanceof ObjectId
}

/** Whether `v` can be a document id (the kinds CloudBase accepts, within the emulator's limits). */
export function isDocId(v: unknown): v is DocId {
  if (typeof v === 'string') return v.length > 0 && v.length <= 128 && !CONTROL.test(v)
  if (typeof v === 'number') return Number.isFinite(v)
  return isObjectId(v)
}

export function checkDocId(v: unknown): DocId {
  if (!isDocId(v)) {
    throw invalidParam(
      '_id must be a string of 1 to 128 characters without control characters, a finite number or an ObjectId',
    )
  }
  return v
}

/** The store's key for an id. Numbers compare as MongoDB compares them: 1 and 1.0 are one id. */
export function idKey(id: DocId): string {
  if (typeof id === 'string') return id
  if (typeof id === 'number') return NUMBER_KEY + String(id)
  return OBJECT_ID_KEY + id.toHexString()
}

/** The key of the ObjectId a 24-hex-digit string spells, for `doc(<hex string>)` (see database.ts). */
export function objectIdKeyOf(hex: string): string | undefined {
  return HEX24.test(hex) ? OBJECT_ID_KEY + hex : undefined
}

/** A new CloudBase-style id: 32 hex digits. */
export function newId(): string {
  return randomUUID().replace(/-/g, '')
}

/** How an id goes back to the SDK in `insertedIds`/`upsert_id`: an ObjectId as its hex string, as CloudBase does. */
export function replyId(id: DocId): string | number {
  return isObjectId(id) ? id.toHexString() : id
}
