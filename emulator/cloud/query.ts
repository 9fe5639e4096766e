import { Aggregator, Query, update as mingoUpdate } from 'mingo'
import { initOptions, type Options } from 'mingo/core'
import * as booleanOperators from 'mingo/operators/expression/boolean'
import * as comparisonOperators from 'mingo/operators/expression/comparison'
import * as projectionOperators from 'mingo/operators/projection'
import * as queryOperators from 'mingo/operators/query'
import type { UpdateExpression } from 'mingo/updater'
import { isPlainObject, type Doc } from './ejson'
import { CloudError, invalidParam, requestFailed } from './errors'
import { fastGroup } from './fastGroup'
import { geoPlan } from './geo/plan'
import { MINGO_OPTIONS } from './operators'
import { idKey, isDocId } from './ids'
import { ALL, jsonPath, keyExpr, MATCH_ALL, MATCH_NONE, type Filter, type SqlFilter } from './rows'
import { NULL_KEY } from './store'

/** Mongo semantics come from mingo, with the operators where it differs from MongoDB replaced (operators/). */
const OPTIONS = MINGO_OPTIONS

/**
 * mingo's `Query` constructor copies its whole operator context (every operator table, several times over) on each
 * call: ~80 µs, more than the SQLite lookup of a query by index, for every query the local cloud answers. The
 * options it builds are the same every time, so they are built here once, exactly as that constructor builds them
 * (its `initOptions`, then the same operator tables added the same way — ours take precedence as they do there),
 * and each query is compiled by the class it extends (`QueryImpl`, its prototype), which only compiles.
 */
const QUERY_OPTIONS: Options = (() => {
  const opts = initOptions(OPTIONS)
  opts.context
    .addExpressionOps(booleanOperators)
    .addExpressionOps(comparisonOperators)
    .addProjectionOps(projectionOperators)
    .addQueryOps(queryOperators)
  return opts
})()
const QueryImpl = Object.getPrototypeOf(Query) as new (condition: object, options: Options) => Query

/** A compiled query: what `new Query(condition, OPTIONS)` gives, without rebuilding the options. */
const compileQuery = (condition: object): Query => new QueryImpl(condition, QUERY_OPTIONS)

function mingo<T>(what: string, run: () => T): T {
  try {
    return run()
  } catch (e) {
    if (e instanceof CloudError) throw e
    throw requestFailed(`${what}: ${(e as Error).message}`)
  }
}

type KeyValue = string | number | boolean | null

/** Values an indexed field can equal; only these are pushed down to SQL. */
function isKeyValue(v: unknown): v is KeyValue {
  return (
    v === null ||
    typeof v === 'string' ||
    typeof v === 'boolean' ||
    (typeof v === 'number' && Number.isFinite(v))
  )
}

const sqlValue = (v: string | number | boolean) => (typeof v === 'boolean' ? (v ? 1 : 0) : v)

const RANGE: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }

/**
 * Builds the SQL prefilter for a query: equality, `$in` and numeric ranges on indexed fields and `_id`, joined
 * by AND (top level and `$and`). Everything else is left to mingo. The result must be a *superset* of the
 * matching documents, which holds because indexed fields only ever hold scalars (see Store.checkIndexedFields):
 * SQLite then compares like MongoDB within a type, and a type mismatch can only let extra rows through
 * (booleans are 0/1, strings sort after numbers) — except for strings, whose range order differs (UTF-8 bytes
 * vs UTF-16 units), so string ranges are not pushed down. Where a type could let extra rows through (a boolean,
 * the numbers 0 and 1, a numeric range) a `json_type` guard keeps them out, so that when every condition of the
 * query was pushed the prefilter is `exact`: it matches what mingo matches, and the store may sort and page in
 * SQL (RowReader.page) without reading the rest.
 */
function pushdown(query: Record<string, unknown>, indexed: Set<string>): SqlFilter {
  const parts: string[] = []
  const params: (string | number)[] = []
  let exact = true

  /** SQLite reads true/false as 1/0: values that a boolean (or a number) could equal need their JSON type checked. */
  const guarded = (v: string | number | boolean) => typeof v === 'boolean' || v === 0 || v === 1
  const typeGuard = (path: string, types: string[]) =>
    `json_type(doc, '${jsonPath(path)}') IN (${types.map((t) => `'${t}'`).join(', ')})`
  const typesOf = (v: string | number | boolean) =>
    typeof v === 'boolean' ? [String(v)] : typeof v === 'number' ? ['integer', 'real'] : ['text']

  const equals = (path: string | null, expr: string, v: KeyValue) => {
    if (v === null) parts.push(`${expr} = ${NULL_KEY}`)
    else {
      parts.push(`${expr} = ?`)
      params.push(sqlValue(v))
      if (path !== null && guarded(v)) parts.push(typeGuard(path, typesOf(v)))
    }
  }
  const within = (path: string | null, expr: string, values: KeyValue[]) => {
    const present = values.filter((v): v is string | number | boolean => v !== null)
    const options: string[] = []
    if (values.length > present.length) options.push(`${expr} = ${NULL_KEY}`)
    if (present.length) {
      options.push(`${expr} IN (SELECT value FROM json_each(?))`)
      params.push(JSON.stringify(present))
    }
    parts.push(options.length ? `(${options.join(' OR ')})` : '0')
    // `$in: [true, 2]` would let a 1 or a false through: left to mingo rather than spelled out per type.
    if (path !== null && present.some(guarded)) exact = false
  }
  const field = (path: string, cond: unknown) => {
    const expr = keyExpr(path)
    if (isKeyValue(cond)) return equals(path, expr, cond)
    if (!isPlainObject(cond) || !Object.keys(cond).every((k) => k.startsWith('$'))) {
      exact = false
      return
    }
    for (const [op, arg] of Object.entries(cond)) {
      if (op === '$eq' && isKeyValue(arg)) equals(path, expr, arg)
      else if (op === '$in' && Array.isArray(arg) && arg.every(isKeyValue)) within(path, expr, arg)
      else if (RANGE[op] && typeof arg === 'number' && Number.isFinite(arg)) {
        parts.push(`${expr} ${RANGE[op]} ?`, typeGuard(path, ['integer', 'real']))
        params.push(arg)
      } else exact = false
    }
  }
  /** `_id` conditions compare store keys (ids.ts): equality and `$in` only, whatever the kind of id. */
  const idField = (cond: unknown) => {
    // ObjectId ids and their hex strings share no key: `_id` conditions stay a prefilter, checked by mingo.
    exact = false
    if (isDocId(cond)) return equals(null, 'id', idKey(cond))
    // No stored document has such an _id (writes refuse it): the query matches nothing, without reading.
    if (!isPlainObject(cond)) {
      parts.push(MATCH_NONE.sql)
      return
    }
    if (!isPlainObject(cond) || !Object.keys(cond).every((k) => k.startsWith('$'))) return
    for (const [op, arg] of Object.entries(cond)) {
      if (op === '$eq' && isDocId(arg)) equals(null, 'id', idKey(arg))
      else if (op === '$in' && Array.isArray(arg) && arg.every(isDocId)) within(null, 'id', arg.map(idKey))
    }
  }
  const visit = (q: Record<string, unknown>) => {
    for (const [key, cond] of Object.entries(q)) {
      if (key === '$and' && Array.isArray(cond)) {
        for (const sub of cond) {
          if (isPlainObject(sub)) visit(sub)
          else exact = false
        }
      } else if (key === '_id') idField(cond)
      else if (indexed.has(key)) field(key, cond)
      else exact = false
    }
  }
  visit(query)
  if (parts.includes(MATCH_NONE.sql)) return MATCH_NONE
  if (parts.length) return { sql: parts.join(' AND '), params, exact }
  return exact ? MATCH_ALL : { ...MATCH_ALL, exact }
}

/**
 * Compiles a decoded `where` query; an absent query matches every document. `indexed` are the fields with an
 * ordered index (pushed down to SQL), `geo` those with a 2dsphere index (the only ones geo conditions may name).
 */
export function compileFilter(query: unknown, indexed: Set<string>, geo: Set<string> = new Set()): Filter {
  if (query === undefined) return ALL
  if (!isPlainObject(query)) throw invalidParam('query must be an object')
  if (Object.keys(query).length === 0) return ALL
  const where = pushdown(query, indexed)
  // A query SQL matches exactly is never tested per document (RowReader): mingo compiles it only if asked to.
  // Anything else is compiled now, so that an invalid query is refused even when no document is read.
  const compile = () => mingo('invalid query', () => compileQuery(query))
  let q = where.exact ? undefined : compile()
  const { nearest } = mingo('invalid query', () => geoPlan(query, geo))
  return { where, test: (doc) => (q ??= compile()).test(doc), nearest, query: shapeText(query) }
}

/** A query with its values left out — `{"status":{"$in":"?"},"gridId":"?"}` — to name it in reports. */
function shapeText(query: unknown): string {
  const shape = (v: unknown): unknown =>
    isPlainObject(v)
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)]))
      : Array.isArray(v) && v.some((x) => isPlainObject(x))
        ? v.map(shape)
        : '?'
  return JSON.stringify(shape(query))
}

interface Shape {
  order?: Record<string, 1 | -1>
  offset: number
  limit: number
  projection?: Record<string, unknown>
}

/** Sorts, pages and projects matched documents as a CloudBase `get()` does. */
export function shape(docs: Doc[], { order, offset, limit, projection }: Shape): Record<string, unknown>[] {
  const sorted = order && Object.keys(order).length > 0
  // Nothing to sort or project (a lookup by id, a page SQL already sorted): the page is the documents themselves.
  if (!sorted && projection === undefined) return docs.slice(offset, offset + limit)
  return mingo('invalid orderBy or field()', () => {
    let cursor = compileQuery({}).find<Record<string, unknown>>(docs, projection)
    if (sorted) cursor = cursor.sort(order)
    return cursor.skip(offset).limit(limit).all()
  })
}

const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$bit',
  '$push',
  '$addToSet',
  '$pull',
  '$pullAll',
  '$pop',
])
/** Array operators that MongoDB treats as a no-op on a missing field. */
const NOOP_WHEN_MISSING = new Set(['$pull', '$pullAll', '$pop'])
const ARRAY_OPERATORS = new Set(['$push', '$addToSet', '$pull', '$pullAll', '$pop'])

function resolve(doc: unknown, path: string): unknown {
  let v = doc
  for (const seg of path.split('.')) {
    if (Array.isArray(v) && /^\d+$/.test(seg)) v = v[Number(seg)]
    else if (isPlainObject(v)) v = v[seg]
    else return undefined
  }
  return v
}

/** MongoDB refuses an update that touches a path twice or a path and its parent ("would create a conflict"). */
function checkPaths(update: Record<string, Record<string, unknown>>): void {
  const paths: string[] = []
  for (const [op, fields] of Object.entries(update)) {
    for (const [path, arg] of Object.entries(fields)) {
      paths.push(path)
      if (op === '$rename') {
        if (typeof arg !== 'string') throw requestFailed(`$rename target of "${path}" must be a string`)
        paths.push(arg)
      }
    }
  }
  for (const path of paths) {
    if (path === '_id' || path.startsWith('_id.')) {
      throw requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'")
    }
    if (path.split('.').some((seg) => seg === '' || seg.startsWith('$'))) {
      throw requestFailed(
        `unsupported update path "${path}" (positional operators are not supported by the emulator)`,
      )
    }
  }
  paths.forEach((a, i) => {
    for (const b of paths.slice(i + 1)) {
      if (a === b || b.startsWith(a + '.') || a.startsWith(b + '.')) {
        throw requestFailed(`Updating the path '${b}' would create a conflict at '${a}'`)
      }
    }
  })
}

/**
 * Applies an update — node-sdk already sends MongoDB operators: `update({a: {b: 1}})` arrives as
 * `{$set: {'a.b': 1}}`, `_.set(obj)` as `{$set: {a: obj}}`, `_.remove()` as `{$unset: {a: ''}}` — to `doc`
 * in place. Operators run in mingo; the checks here are the MongoDB errors mingo does not raise itself.
 */
export function applyUpdate(doc: Doc, update: unknown): void {
  if (!isPlainObject(update)) throw invalidParam('update data must be an object')
  for (const [op, fields] of Object.entries(update)) {
    if (!UPDATE_OPERATORS.has(op)) throw requestFailed(`unknown update operator ${op}`)
    if (!isPlainObject(fields)) throw requestFailed(`${op} needs an object of field paths`)
  }
  const ops = update as Record<string, Record<string, unknown>>
  checkPaths(ops)
  for (const [op, fields] of Object.entries(ops)) {
    const args: Record<string, unknown> = {}
    for (const [path, arg] of Object.entries(fields)) {
      const current = resolve(doc, path)
      if (ARRAY_OPERATORS.has(op) && current !== undefined && !Array.isArray(current)) {
        throw requestFailed(`Cannot apply ${op} to a non-array field "${path}"`)
      }
      if (current === undefined && NOOP_WHEN_MISSING.has(op)) continue
      args[path] = arg
    }
    if (Object.keys(args).length)
      mingo(op, () => mingoUpdate(doc, { [op]: args } as unknown as UpdateExpression))
  }
}

/**
 * Whether a pipeline only reads its source documents: its first stage groups them without handing any on whole
 * (`$$ROOT`, `$$CURRENT`), so every later stage sees new objects. Its source may then be shared (RowReader.find).
 */
export function groupsOnly(stages: Record<string, unknown>[]): boolean {
  const group = stages[0]
  return !!group && '$group' in group && !/"\$\$(ROOT|CURRENT)\b/.test(JSON.stringify(group.$group))
}

/** Stages with side effects or no CloudBase counterpart. */
const REFUSED_STAGES = new Set(['$out', '$merge', '$documents'])

/** CloudBase returns 20 aggregation results when the pipeline has no `$limit` stage. */
const AGGREGATE_DEFAULT_LIMIT = 20

export function aggregate(
  pipeline: Record<string, unknown>[],
  source: Doc[],
  resolveCollection: (name: string) => Doc[],
  /** False runs every stage in mingo: the reference the fast path is tested against. */
  fast = true,
): Record<string, unknown>[] {
  for (const stage of pipeline) {
    const keys = Object.keys(stage)
    if (keys.length !== 1 || !keys[0]!.startsWith('$'))
      throw invalidParam('each aggregation stage needs exactly one $operator')
    if (REFUSED_STAGES.has(keys[0]!)) throw invalidParam(`aggregation stage ${keys[0]} is not supported`)
  }
  const stages = pipeline.some((s) => '$limit' in s)
    ? pipeline
    : [...pipeline, { $limit: AGGREGATE_DEFAULT_LIMIT }]
  const options = { ...OPTIONS, collectionResolver: resolveCollection }
  return mingo('aggregate', () => {
    // Each $group whose expressions compile runs in fastGroup.ts; the stages between run in mingo, as one pipeline.
    let docs: Record<string, unknown>[] = source
    let pending: Record<string, unknown>[] = []
    const flush = () => {
      if (pending.length) docs = new Aggregator(pending, options).run<Record<string, unknown>>(docs)
      pending = []
    }
    for (const stage of stages) {
      const grouped =
        fast && '$group' in stage ? (flush(), fastGroup(stage.$group, docs as Doc[], options)) : undefined
      if (grouped) docs = grouped
      else pending.push(stage)
    }
    flush()
    return docs
  })
}
