import type { ExpressionOperator } from 'mingo/core'
import { argList, fail, isNil, nonNegativeInteger, oneArg } from './args'

/**
 * String operators as MongoDB defines them, where mingo differs: MongoDB counts UTF-8 bytes (`*Bytes`) or Unicode
 * code points (`*CP`), never JavaScript's UTF-16 units, so 寿司 is 6 bytes and 🍕 one code point; `$indexOfCP`
 * is missing from mingo; `$substrBytes` takes a negative length as "to the end" and answers "" past the end.
 */

const utf8 = (s: string) => Buffer.from(s, 'utf8')
const codePoints = (s: string) => Array.from(s)

/** The first index at which `needle` occurs in `hay` wholly within [from, to), or -1. */
function search(hay: ArrayLike<unknown>, needle: ArrayLike<unknown>, from: number, to: number): number {
  for (let i = from; i + needle.length <= to; i++) {
    let j = 0
    while (j < needle.length && hay[i + j] === needle[j]) j++
    if (j === needle.length) return i
  }
  return -1
}

/** `[string, substring, start?, end?]` → the index of the first match within [start, end), in `units`. */
function indexOf(op: string, units: (s: string) => ArrayLike<unknown>): ExpressionOperator {
  return (obj, expr, options) => {
    const [s, sub, start, end] = argList(obj, expr, options, op)
    if (isNil(s)) return null
    if (typeof s !== 'string') fail(`${op} requires a string as the first argument`)
    if (typeof sub !== 'string') fail(`${op} requires a string as the second argument`)
    const hay = units(s)
    const from = start === undefined ? 0 : nonNegativeInteger(start, op, 'the starting index')
    const to =
      end === undefined ? hay.length : Math.min(hay.length, nonNegativeInteger(end, op, 'the ending index'))
    return search(hay, units(sub), from, to)
  }
}

/** A continuation byte (10xxxxxx) cannot start or end a UTF-8 substring. */
const isContinuation = (buf: Buffer, i: number) => i < buf.length && (buf[i]! & 0xc0) === 0x80

const substrBytes: ExpressionOperator = (obj, expr, options) => {
  const [s, start, length] = argList(obj, expr, options, '$substrBytes')
  if (isNil(s)) return ''
  const text = typeof s === 'string' ? s : String(s)
  if (typeof start !== 'number' || typeof length !== 'number')
    fail('$substrBytes: starting index and length must be numbers')
  const buf = utf8(text)
  if (start < 0 || start >= buf.length) return ''
  const from = Math.trunc(start)
  const to = length < 0 ? buf.length : Math.min(buf.length, from + Math.trunc(length))
  if (isContinuation(buf, from))
    fail('$substrBytes: Invalid range, starting index is a UTF-8 continuation byte.')
  if (isContinuation(buf, to))
    fail('$substrBytes: Invalid range, ending index is in the middle of a UTF-8 character.')
  return buf.subarray(from, to).toString('utf8')
}

const substrCP: ExpressionOperator = (obj, expr, options) => {
  const [s, start, count] = argList(obj, expr, options, '$substrCP')
  if (isNil(s)) return ''
  const cps = codePoints(typeof s === 'string' ? s : String(s))
  const from = nonNegativeInteger(start, '$substrCP', 'the starting index')
  const n = nonNegativeInteger(count, '$substrCP', 'the length')
  return cps.slice(from, from + n).join('')
}

const strLenCP: ExpressionOperator = (obj, expr, options) => {
  const s = oneArg(obj, expr, options, '$strLenCP')
  if (typeof s !== 'string')
    fail(`$strLenCP requires a string argument, found: ${s === null ? 'null' : typeof s}`)
  return codePoints(s).length
}

const strLenBytes: ExpressionOperator = (obj, expr, options) => {
  const s = oneArg(obj, expr, options, '$strLenBytes')
  if (typeof s !== 'string')
    fail(`$strLenBytes requires a string argument, found: ${s === null ? 'null' : typeof s}`)
  return utf8(s).length
}

export const STRING_OPERATORS: Record<string, ExpressionOperator> = {
  $indexOfBytes: indexOf('$indexOfBytes', utf8),
  $indexOfCP: indexOf('$indexOfCP', codePoints),
  $substrBytes: substrBytes,
  // Deprecated in MongoDB, and an alias of $substrBytes there.
  $substr: substrBytes,
  $substrCP: substrCP,
  $strLenCP: strLenCP,
  $strLenBytes: strLenBytes,
}
