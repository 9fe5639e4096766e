import { Query } from 'mingo'
import type { QueryOperator } from 'mingo/core'
import { resolve } from 'mingo/util'

/**
 * Query operators as MongoDB defines them, where mingo differs:
 *  - `$elemMatch` with field conditions (`{items: {$elemMatch: {k: {$gt: 1}}}}`) only looks at elements that are
 *    documents (or arrays): `$ne`, `$nin`, `$not` or `$exists: false` on a field of a plain number or string is
 *    no match in MongoDB, and a match in mingo.
 *  - `$mod` matches numbers only, truncating a fraction (5.5 is 5), never a string, boolean or null (mingo's
 *    `x % d` coerces `'4'`, `true` and `null`).
 */

const BOOLEAN_OPERATORS = new Set(['$and', '$or', '$nor'])
const isOperatorForm = (criteria: Record<string, unknown>) =>
  Object.keys(criteria).every((k) => k.startsWith('$') && !BOOLEAN_OPERATORS.has(k))

const isDocument = (v: unknown) =>
  v !== null && typeof v === 'object' && !(v instanceof Date) && !(v instanceof RegExp)

/** The values at `selector`, arrays through the path unwrapped one level, as mingo's own query operators see them. */
const valuesAt = (doc: Record<string, unknown>, selector: string) =>
  resolve(doc, selector, { unwrapArray: true })

const elemMatch: QueryOperator = (selector, criteria, options) => {
  if (criteria === null || typeof criteria !== 'object' || Array.isArray(criteria))
    throw new Error('$elemMatch needs an Object')
  const operatorForm = isOperatorForm(criteria as Record<string, unknown>)
  const query = new Query(operatorForm ? { v: criteria } : (criteria as Record<string, unknown>), options)
  return (doc) => {
    const value = valuesAt(doc, selector)
    if (!Array.isArray(value)) return false
    return value.some((el) =>
      operatorForm ? query.test({ v: el }) : isDocument(el) && query.test(el as Record<string, unknown>),
    )
  }
}

const mod: QueryOperator = (selector, arg, _options) => {
  if (!Array.isArray(arg) || arg.length !== 2)
    throw new Error('malformed mod, needs to be an array of 2 numbers')
  const [divisor, remainder] = arg.map(Number) as [number, number]
  if (!Number.isFinite(divisor) || !Number.isFinite(remainder))
    throw new Error('malformed mod, not enough elements')
  const d = Math.trunc(divisor)
  if (d === 0) throw new Error('divisor cannot be 0')
  const r = Math.trunc(remainder)
  const test = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && Math.trunc(x) % d === r
  return (doc) => {
    const value = valuesAt(doc, selector)
    return Array.isArray(value) ? value.some(test) : test(value)
  }
}

export const QUERY_OPERATORS: Record<string, QueryOperator> = { $elemMatch: elemMatch, $mod: mod }
