import {
  ComputeOptions,
  getOperator,
  initOptions,
  OpType,
  type AccumulatorOperator,
  type Options,
} from 'mingo/core'
import * as EXPRESSIONS from 'mingo/operators/expression'
import { $max, $min, $sum } from 'mingo/operators/accumulator'
import * as mingoUtil from 'mingo/util'
import type { Doc } from './ejson'
import { NUMBER_COMPARISONS, NUMBER_OPERATORS } from './operators/numbers'

// Bound once: a CommonJS build reaches each export of mingo/util through a getter, which the closures below would
// otherwise call for every value of every document.
const {
  compare,
  groupBy,
  isArray,
  isDate,
  isEqual,
  isNumber,
  isNil,
  isObject,
  isOperator,
  resolve,
  truthy,
  typeOf,
} = mingoUtil

/**
 * A `$group` stage evaluated with its expressions compiled once into closures, instead of mingo interpreting the
 * expression tree anew for every document (which is most of what a dashboard's aggregation cost the local cloud:
 * ~2.5 µs per operator per document, most of it spent building mingo's per-call options).
 *
 * Exactly mingo's answer, by construction: documents are partitioned by mingo's own `groupBy` with the compiled
 * `_id`, and each accumulator is mingo's own (looked up in the same context) applied to the values the compiled
 * expression gives — the values mingo's `$push` would have computed. Only operators whose implementation in the
 * context is the one mirrored here are compiled ($cond, $ifNull, $and, $or, $not, $in, $add, $subtract, $size,
 * $filter and the local cloud's comparisons); anything else, and any value where mingo would raise an error or
 * take a rarer branch (dates in arithmetic, a non-array `$in`), answers `undefined` and the caller runs the stage
 * in mingo. tests/emulator/fastGroup.test.ts holds the two to the same results on random documents and pipelines.
 */

/** Thrown while evaluating when a value leaves the cases compiled here: the stage then runs in mingo. */
class Bail extends Error {}

type Env = Record<string, unknown>
type Compiled = (doc: Doc, env: Env) => unknown

/** What the compiled operators mirror: if the context maps an operator elsewhere, it is not compiled. */
const MIRRORED: Record<string, unknown> = {
  ...Object.fromEntries(
    ['$add', '$and', '$cond', '$filter', '$ifNull', '$in', '$not', '$or', '$size', '$subtract'].map((op) => [
      op,
      (EXPRESSIONS as Record<string, unknown>)[op],
    ]),
  ),
  ...NUMBER_OPERATORS,
}

/** Accumulators that reduce the values mingo's `$push` computes, and nothing else of the group. */
const ACCUMULATORS = new Set(['$sum', '$max', '$min', '$avg', '$push', '$addToSet'])

/**
 * mingo's `resolve(obj, path)` for one path, split once: objects are walked field by field as mingo's does; where
 * a field names into an array (mingo then collects the field from every element) mingo's own resolve answers.
 */
function resolver(path: string): (obj: unknown) => unknown {
  const fields = path.split('.')
  const indexes = fields.map((f) => /^\d+$/.test(f))
  return (obj) => {
    let value = obj
    for (let i = 0; i < fields.length; i++) {
      if (isArray(value) && !indexes[i]) return resolve(obj as Env, path)
      value =
        value !== null && (typeof value === 'object' || typeof value === 'function')
          ? (value as Env)[fields[i]!]
          : undefined
      if (value === undefined) break
    }
    return value
  }
}

function compiler(options: ComputeOptions) {
  const strict = options.useStrictMode
  const isTrue = (v: unknown) => truthy(v, strict)

  const compile = (expr: unknown, vars: Set<string>): Compiled | undefined => {
    if (typeof expr === 'string') {
      if (!expr.startsWith('$')) return () => expr
      if (expr.startsWith('$$')) {
        const [head, ...rest] = expr.slice(2).split('.')
        if (head === 'ROOT' || head === 'CURRENT') {
          // In $push the root and the current document are both the document.
          const path = rest.join('.')
          const get = resolver(path)
          return path ? (doc) => get(doc) : (doc) => doc
        }
        if (!vars.has(head!)) return undefined
        const get = resolver(expr.slice(2))
        return (_doc, env) => get({ [head!]: env[head!] })
      }
      const path = expr.slice(1)
      if (path === '') return undefined
      const get = resolver(path)
      return (doc) => get(doc)
    }
    if (isArray(expr)) {
      const items = expr.map((e) => compile(e, vars))
      if (items.some((f) => !f)) return undefined
      const fs = items as Compiled[]
      return (doc, env) => fs.map((f) => f(doc, env))
    }
    if (isObject(expr)) {
      const entries = Object.entries(expr as Record<string, unknown>)
      if (entries.some(([k]) => isOperator(k))) {
        if (entries.length !== 1) return undefined
        return compileOperator(entries[0]![0], entries[0]![1], vars)
      }
      const fields = entries.map(([k, v]) => [k, compile(v, vars)] as const)
      if (fields.some(([, f]) => !f)) return undefined
      return (doc, env) => {
        const out: Record<string, unknown> = {}
        for (const [k, f] of fields) out[k] = f!(doc, env)
        return out
      }
    }
    // Numbers, booleans, null, undefined, and values such as dates that mingo takes as they are.
    return () => expr
  }

  const args = (expr: unknown, vars: Set<string>, n?: number): Compiled[] | undefined => {
    if (!isArray(expr) || (n !== undefined && expr.length !== n)) return undefined
    const fs = expr.map((e) => compile(e, vars))
    return fs.some((f) => !f) ? undefined : (fs as Compiled[])
  }

  const compileOperator = (op: string, arg: unknown, vars: Set<string>): Compiled | undefined => {
    if (!(op in MIRRORED) || getOperator(OpType.EXPRESSION, op, options) !== MIRRORED[op]) return undefined
    const test = NUMBER_COMPARISONS[op]
    if (test) {
      const fs = args(arg, vars, 2)
      if (!fs) return undefined
      const [a, b] = fs as [Compiled, Compiled]
      return (doc, env) => test(a(doc, env), b(doc, env))
    }
    switch (op) {
      case '$cond': {
        const parts = isArray(arg)
          ? arg.length === 3
            ? arg
            : undefined
          : isObject(arg) && Object.keys(arg as object).length === 3
            ? [(arg as Env).if, (arg as Env).then, (arg as Env).else]
            : undefined
        const fs = parts && args(parts, vars, 3)
        if (!fs) return undefined
        const [c, t, e] = fs as [Compiled, Compiled, Compiled]
        return (doc, env) => (isTrue(c(doc, env)) ? t(doc, env) : e(doc, env))
      }
      case '$ifNull': {
        const fs = args(arg, vars)
        if (!fs || fs.length === 0) return undefined
        return (doc, env) => {
          const values = fs.map((f) => f(doc, env))
          return values.find((v) => !isNil(v)) ?? values[values.length - 1]
        }
      }
      case '$and':
      case '$or': {
        const fs = args(arg, vars)
        if (!fs) return undefined
        return op === '$and'
          ? (doc, env) => fs.map((f) => f(doc, env)).every(isTrue)
          : (doc, env) => fs.map((f) => f(doc, env)).some(isTrue)
      }
      case '$not': {
        const fs = args(isArray(arg) ? arg : [arg], vars)
        if (!fs || fs.length !== 1) return undefined
        return (doc, env) => !fs[0]!(doc, env)
      }
      case '$in': {
        const fs = args(arg, vars, 2)
        if (!fs) return undefined
        return (doc, env) => {
          const item = fs[0]!(doc, env)
          const list = fs[1]!(doc, env)
          if (!isArray(list)) throw new Bail()
          return list.some((v) => isEqual(v, item))
        }
      }
      case '$add': {
        const fs = args(arg, vars)
        if (!fs) return undefined
        return (doc, env) => {
          let sum = 0
          for (const f of fs) {
            const n = f(doc, env)
            if (isDate(n)) throw new Bail()
            sum += +(n as number)
          }
          return sum
        }
      }
      case '$subtract': {
        const fs = args(arg, vars, 2)
        if (!fs) return undefined
        return (doc, env) => {
          const a = fs[0]!(doc, env)
          const b = fs[1]!(doc, env)
          if (typeOf(a) !== 'number' || typeOf(b) !== 'number') throw new Bail()
          return (a as number) - (b as number)
        }
      }
      case '$size': {
        const f = compile(arg, vars)
        if (!f) return undefined
        return (doc, env) => {
          const v = f(doc, env)
          return isArray(v) ? v.length : undefined
        }
      }
      case '$filter': {
        if (!isObject(arg)) return undefined
        const spec = arg as Env
        if (Object.keys(spec).some((k) => !['input', 'as', 'cond'].includes(k))) return undefined
        const name = spec.as ?? 'this'
        if (typeof name !== 'string' || name === '') return undefined
        const input = compile(spec.input, vars)
        const cond = compile(spec.cond, new Set([...vars, name]))
        if (!input || !cond) return undefined
        return (doc, env) => {
          const list = input(doc, env)
          if (isNil(list)) return null
          if (!isArray(list)) throw new Bail()
          const inner: Env = { ...env }
          return list.filter((item) => {
            inner[name] = item
            return isTrue(cond(doc, inner))
          })
        }
      }
    }
    return undefined
  }
  return compile
}

/**
 * mingo's own `$max` and `$min` (mingo/operators/accumulator) written out over values already computed — the same
 * steps in the same order, without evaluating `$$CURRENT` once per value (`$sum` is added up in fastGroup itself).
 * Used only when the context's accumulator is mingo's own.
 */
const extreme = (keep: (order: number) => boolean) => (items: unknown[]) => {
  if (items.length === 0) return null
  let best = items[0]
  for (const n of items) {
    if (isNil(n) || isNaN(n as number)) continue
    if (keep(compare(n, best))) best = n
  }
  return best
}
const REDUCTIONS = new Map<unknown, (values: unknown[]) => unknown>([
  [$max, extreme((o) => o >= 0)],
  [$min, extreme((o) => o <= 0)],
])

/** No variables are bound at the top of an expression (`$filter` binds its own in a copy). */
const NO_VARS: Env = Object.freeze({})

/**
 * The output of `{$group: spec}` over `docs`, or undefined when the stage is not one compiled here (the caller
 * then runs it in mingo).
 */
export function fastGroup(spec: unknown, docs: Doc[], opts: Partial<Options>): Doc[] | undefined {
  if (!isObject(spec) || !('_id' in (spec as object))) return undefined
  const options = ComputeOptions.init(initOptions(opts as Options))
  const compile = compiler(options)
  const none = new Set<string>()
  const { _id: idExpr, ...fields } = spec as Env
  const id = compile(idExpr, none)
  if (!id) return undefined
  const accumulators: [string, (group: Doc[], o: ComputeOptions) => unknown][] = []
  for (const [key, expr] of Object.entries(fields)) {
    if (!isObject(expr)) return undefined
    const entries = Object.entries(expr as Env)
    if (entries.length !== 1) return undefined
    const [op, arg] = entries[0]!
    if (!ACCUMULATORS.has(op) || getOperator(OpType.EXPRESSION, op, options)) return undefined
    const acc = getOperator(OpType.ACCUMULATOR, op, options) as AccumulatorOperator | null
    if (!acc) return undefined
    // A constant is handed to mingo's accumulator as it is (`$sum: 1` counts): there is nothing to evaluate.
    if (typeof arg === 'number') {
      accumulators.push([key, (group, o) => acc(group, arg, o)])
      continue
    }
    const f = compile(arg, none)
    if (!f) return undefined
    const reduce = REDUCTIONS.get(acc)
    accumulators.push([
      key,
      acc === $sum
        ? (group) => {
            // mingo's $sum (the numbers among the values, added up) as the values come: no list of them is built.
            let total = 0
            for (const d of group) {
              const v = f(d, NO_VARS)
              if (isNumber(v)) total += v as number
            }
            return total
          }
        : reduce
          ? (group) => reduce(group.map((d) => f(d, NO_VARS)))
          : (group, o) =>
              acc(
                group.map((d) => f(d, NO_VARS)),
                '$$CURRENT',
                o,
              ),
    ])
  }
  try {
    const partitions = groupBy(docs, (doc) => id(doc as Doc, NO_VARS), options.hashFunction)
    const out: Doc[] = []
    for (const [groupId, group] of partitions) {
      const obj: Doc = {} as Doc
      if (groupId !== undefined) obj._id = groupId as Doc['_id']
      // The group's id, for an accumulator that reads it: set once per group, not once per accumulator.
      const groupOptions = options.update(null, { groupId })
      for (const [key, run] of accumulators) (obj as Env)[key] = run(group as Doc[], groupOptions)
      out.push(obj)
    }
    return out
  } catch (e) {
    if (e instanceof Bail) return undefined
    throw e
  }
}
