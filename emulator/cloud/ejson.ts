import { BSONRegExp, EJSON, ObjectId } from 'bson'
import { invalidParam } from './errors'
import type { DocId } from './ids'

/** A stored document. */
export type Doc = { _id: DocId } & Record<string, unknown>

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/** `db.serverDate({offset})` reaches the server as this marker; CloudBase replaces it with its own clock. */
const SERVER_DATE = '$tcb_server_date'

/** A number as canonical EJSON writes it (`{"$numberInt": "5"}`) or as a plain JSON number. */
function ejsonNumber(v: unknown): number {
  if (typeof v === 'number') return v
  if (isPlainObject(v)) {
    const raw = v.$numberInt ?? v.$numberLong ?? v.$numberDouble
    if (typeof raw === 'string') return Number(raw)
  }
  return Number.NaN
}

function resolveServerDates(v: unknown, now: number): unknown {
  if (Array.isArray(v)) return v.map((item) => resolveServerDates(item, now))
  if (!isPlainObject(v)) return v
  const keys = Object.keys(v)
  if (keys.length === 1 && keys[0] === SERVER_DATE) {
    const spec = v[SERVER_DATE]
    const offset = isPlainObject(spec) ? ejsonNumber(spec.offset ?? 0) : Number.NaN
    if (!Number.isFinite(offset)) throw invalidParam('serverDate offset must be a number')
    return { $date: { $numberLong: String(Math.trunc(now + offset)) } }
  }
  const out: Record<string, unknown> = {}
  for (const k of keys) out[k] = resolveServerDates(v[k], now)
  return out
}

/** BSON regex options JavaScript can honour; `x` (extended) and `l` (locale) have no JS equivalent. */
const JS_REGEX_OPTIONS = /^[imsu]*$/

/** mingo evaluates JS RegExps only, so `db.RegExp(...)` and regex literals (BSON regexes on the wire) are converted. */
function toNativeRegExps(v: unknown): unknown {
  if (v instanceof BSONRegExp) {
    if (!JS_REGEX_OPTIONS.test(v.options))
      throw invalidParam(`unsupported regular expression options "${v.options}"`)
    try {
      return new RegExp(v.pattern, v.options)
    } catch (e) {
      throw invalidParam(`invalid regular expression: ${(e as Error).message}`)
    }
  }
  if (Array.isArray(v)) return v.map(toNativeRegExps)
  if (!isPlainObject(v)) return v
  const out: Record<string, unknown> = {}
  for (const [k, item] of Object.entries(v)) out[k] = toNativeRegExps(item)
  return out
}

/**
 * Decodes an EJSON string the SDK sent (a query, update, document or pipeline stage). `now` is the request's
 * clock, so every `serverDate()` in one request gets the same instant, as on CloudBase.
 */
export function decodeRequest(text: unknown, now: number, what: string): unknown {
  if (typeof text !== 'string') throw invalidParam(`${what} must be an EJSON string`)
  let tree: unknown
  try {
    tree = JSON.parse(text)
  } catch {
    throw invalidParam(`${what} is not valid JSON`)
  }
  let value: unknown
  try {
    value = EJSON.deserialize(resolveServerDates(tree, now) as Record<string, unknown>, { relaxed: true })
  } catch (e) {
    throw invalidParam(`${what} is not valid EJSON: ${(e as Error).message}`)
  }
  return toNativeRegExps(value)
}

/** Relaxed EJSON: plain JSON for strings, numbers and booleans (what the SQLite indexes read), tagged Dates. */
export function encodeDoc(value: unknown): string {
  return EJSON.stringify(value as Record<string, unknown>, { relaxed: true })
}

function objectIdsAsHex(v: unknown): unknown {
  if (v instanceof ObjectId) return v.toHexString()
  if (Array.isArray(v)) return v.map(objectIdsAsHex)
  if (!isPlainObject(v)) return v
  const out: Record<string, unknown> = {}
  for (const [k, item] of Object.entries(v)) out[k] = objectIdsAsHex(item)
  return out
}

/**
 * A document as it goes back to node-sdk. ObjectIds (in `_id` or any other field) are sent as their hex string,
 * which is what the SDK hands the caller: node-sdk has no reader for an ObjectId in a result (it would turn one
 * into an empty object), and CloudBase documents its ids as strings.
 */
export function encodeReply(value: unknown): string {
  const text = encodeDoc(value)
  return text.includes('"$oid"') ? encodeDoc(objectIdsAsHex(value)) : text
}

/**
 * Parses a stored document. Only text with a `"$` in it can hold an EJSON type, so everything else takes the
 * plain JSON path, which is several times faster on large scans.
 */
export function decodeDoc(text: string): Doc {
  return (text.includes('"$') ? EJSON.parse(text, { relaxed: true }) : JSON.parse(text)) as Doc
}
