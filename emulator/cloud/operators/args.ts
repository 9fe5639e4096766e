import { computeValue, type Options } from 'mingo/core'
import type { AnyObject } from 'mingo/types'

/**
 * Argument handling shared by the expression operators the local cloud defines over mingo's. MongoDB accepts an
 * operator's single argument bare or in a one-element array (`{$year: "$d"}` or `{$year: ["$d"]}`).
 */

export function fail(message: string): never {
  throw new Error(message)
}

/** The evaluated arguments of an operator that takes a list. */
export function argList(obj: AnyObject, expr: unknown, options: Options, op: string): unknown[] {
  if (!Array.isArray(expr)) fail(`${op} takes an array of arguments`)
  return expr.map((e) => computeValue(obj, e, null, options))
}

/** The evaluated argument of an operator that takes one. */
export function oneArg(obj: AnyObject, expr: unknown, options: Options, op: string): unknown {
  if (Array.isArray(expr)) {
    if (expr.length !== 1) fail(`Expression ${op} takes exactly 1 arguments. ${expr.length} were passed in.`)
    return computeValue(obj, expr[0], null, options)
  }
  return computeValue(obj, expr, null, options)
}

export const isNil = (v: unknown): v is null | undefined => v === null || v === undefined

export function nonNegativeInteger(v: unknown, op: string, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    fail(`${op} requires ${what} to be a non-negative integer`)
  return v
}
