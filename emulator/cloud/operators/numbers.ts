import { computeValue, type AccumulatorOperator, type ExpressionOperator } from 'mingo/core'
import { $push } from 'mingo/operators/accumulator'
import * as mingoUtil from 'mingo/util'
import { argList, fail, isNil } from './args'

// Bound once: a CommonJS build reaches each export of mingo/util through a getter, which the comparisons would
// otherwise call for every value they compare (fastGroup.ts calls them once per document).
const { compare } = mingoUtil

/**
 * Arithmetic, comparison and accumulators as MongoDB defines them, where mingo differs: `$trunc` of a bare
 * number; comparisons across types follow the BSON order (null < numbers < strings < …) instead of being false;
 * `$avg` of no numbers and `$stdDevSamp` of fewer than two are null, not 0 and NaN.
 */

const trunc: ExpressionOperator = (obj, expr, options) => {
  const [n, place = 0] = Array.isArray(expr)
    ? argList(obj, expr, options, '$trunc')
    : [computeValue(obj, expr, null, options)]
  if (isNil(n)) return null
  if (typeof n !== 'number') fail('$trunc only supports numeric types')
  if (typeof place !== 'number' || !Number.isInteger(place)) fail('$trunc: place must be an integer')
  if (!Number.isFinite(n)) return n
  const scale = 10 ** place
  return Math.trunc(n * scale) / scale
}

const compareWith = (test: (order: number) => boolean) => (a: unknown, b: unknown) => test(compare(a, b))

/**
 * The six order comparisons over two values already computed, in BSON order across types: the expression operators
 * below, and fastGroup.ts's compiled ones.
 */
export const NUMBER_COMPARISONS: Record<string, (a: unknown, b: unknown) => boolean> = {
  $eq: compareWith((o) => o === 0),
  $ne: compareWith((o) => o !== 0),
  $gt: compareWith((o) => o > 0),
  $gte: compareWith((o) => o >= 0),
  $lt: compareWith((o) => o < 0),
  $lte: compareWith((o) => o <= 0),
}

const comparison = (op: string, test: (a: unknown, b: unknown) => boolean): ExpressionOperator => {
  return (obj, expr, options) => {
    const args = argList(obj, expr, options, op)
    if (args.length !== 2) fail(`Expression ${op} takes exactly 2 arguments. ${args.length} were passed in.`)
    return test(args[0], args[1])
  }
}

/** The numbers among the values `expr` takes over the collection (mingo's own $push evaluates them). */
const numbersOf = (collection: unknown[], expr: unknown, options: Parameters<AccumulatorOperator>[2]) =>
  ($push(collection, expr, options) as unknown[]).filter((v): v is number => typeof v === 'number')

const avg: AccumulatorOperator = (collection, expr, options) => {
  const xs = numbersOf(collection, expr, options)
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null
}

const stdDevSamp: AccumulatorOperator = (collection, expr, options) => {
  const xs = numbersOf(collection, expr, options)
  if (xs.length < 2) return null
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length
  return Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1))
}

export const NUMBER_OPERATORS: Record<string, ExpressionOperator> = {
  $trunc: trunc,
  ...Object.fromEntries(Object.entries(NUMBER_COMPARISONS).map(([op, test]) => [op, comparison(op, test)])),
}

export const ACCUMULATORS: Record<string, AccumulatorOperator> = { $avg: avg, $stdDevSamp: stdDevSamp }
