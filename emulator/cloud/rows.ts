import { AsyncLocalStorage } from 'node:async_hooks'
import type Database from 'better-sqlite3'
import { decodeDoc, isPlainObject, type Doc } from './ejson'

/**
 * How documents sit in SQLite — one table per collection, `c_<name>` (`id` = the key of `_id`, see ids.ts;
 * `doc` = relaxed EJSON text; `rev` = a global write counter) — and the reads over it, shared by the store's own
 * connection and the read-only snapshot connections transactions read through.
 */

/** A WHERE clause over one collection table; a superset of the documents a query matches. */
export interface SqlFilter {
  sql: string
  params: (string | number)[]
  /** The clause matches exactly the documents the query matches (not only a superset): see query.ts pushdown. */
  exact?: boolean
}

export const MATCH_ALL: SqlFilter = { sql: '1', params: [], exact: true }
/** A query no stored document can match (e.g. an `_id` no write would accept). */
export const MATCH_NONE: SqlFilter = { sql: '0', params: [], exact: true }

/** The SQLite JSON path of a dotted field path: `a.b` → `$."a"."b"`. */
export const jsonPath = (path: string) =>
  '$.' +
  path
    .split('.')
    .map((s) => `"${s}"`)
    .join('.')

/**
 * The SQL key of an indexed field. An index and a pushed-down filter must use the very same expression for
 * SQLite to use the index. A missing or null field becomes x'00' (a blob, never equal to any JSON value), so a
 * unique index lets only one document lack the field, which is how MongoDB (and so CloudBase) behaves.
 */
export function keyExpr(path: string): string {
  return `coalesce(json_extract(doc, '${jsonPath(path)}'), x'00')`
}

/**
 * How the JS path (mingo) orders the values an indexed field may hold, as SQL: missing and null first (equal), then
 * numbers, strings, booleans (false < true); strings by UTF-16 code units (`utf16_order`), as JavaScript compares
 * them, where SQLite would compare UTF-8 bytes. Only for indexed fields, which hold nothing but these.
 */
function sortTerms(path: string, dir: 1 | -1): string {
  const d = dir === 1 ? 'ASC' : 'DESC'
  if (path === '_id') {
    // Store keys (ids.ts): a string id is its own key, numbers and ObjectIds carry a prefix after \u0001.
    const kind = `CASE WHEN substr(id, 1, 1) <> char(1) THEN 2 WHEN substr(id, 2, 1) = 'n' THEN 1 ELSE 3 END`
    const value = `CASE WHEN substr(id, 1, 1) <> char(1) THEN utf16_order(id) WHEN substr(id, 2, 1) = 'n' THEN CAST(substr(id, 4) AS REAL) ELSE substr(id, 4) END`
    return `${kind} ${d}, ${value} ${d}`
  }
  const p = jsonPath(path)
  const rank = `CASE json_type(doc, '${p}') WHEN 'integer' THEN 1 WHEN 'real' THEN 1 WHEN 'text' THEN 2 WHEN 'true' THEN 3 WHEN 'false' THEN 3 ELSE 0 END`
  return `${rank} ${d}, utf16_order(json_extract(doc, '${p}')) ${d}`
}

/**
 * A string whose UTF-8 byte order is the UTF-16 code unit order of `v`: units from U+D800 up (surrogates and
 * U+E000–U+FFFF) move up by 0x800, so surrogates stay below U+E000… and those above all astral characters.
 */
function utf16Order(v: unknown): unknown {
  if (typeof v !== 'string' || !/[\uD800-\uFFFF]/.test(v)) return v
  let out = ''
  for (let i = 0; i < v.length; i++) {
    const unit = v.charCodeAt(i)
    out += unit >= 0xd800 ? String.fromCodePoint(unit + 0x800) : v[i]
  }
  return out
}

/** A sort as `get()` receives it: field paths with their direction, in order of precedence. */
export type SortOrder = Record<string, 1 | -1>

/** A query compiled for the store: the SQL prefilter plus the exact (mingo) predicate. */
export interface Filter {
  where: SqlFilter
  test(doc: Doc): boolean
  /** Set when the query has `$near`/`$nearSphere`: the distance that orders matches, nearest first. */
  nearest?: (doc: Doc) => number
  /** The query's shape (values left out), to name it when it scans (ScanLog). */
  query?: string
}

export const ALL: Filter = { where: MATCH_ALL, test: () => true }

export interface Stored {
  doc: Doc
  rev: number
}

export const table = (coll: string) => `"c_${coll}"`

export const CREATE_TABLE = (coll: string) =>
  `CREATE TABLE ${table(coll)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL, rev INTEGER NOT NULL)`

/** Who made the /admin request being answered: function code (node-sdk inside a function) or anyone else. */
export const requestOrigin = new AsyncLocalStorage<{ fromFunction: boolean }>()

/**
 * The queries functions make that read a whole collection: SQLite's plan for them scans its table instead of
 * searching one of the declared indexes. Every reader of the process records here (the plan of each distinct
 * statement is asked once); tests fail on any (tests/helpers/cloud.ts). Scripts' and tests' own queries do
 * not count.
 */
export class ScanLog {
  private readonly seen = new Map<string, { collection: string; query: string; count: number }>()

  record(collection: string, query: string): void {
    if (!requestOrigin.getStore()?.fromFunction) return
    const key = `${collection} ${query}`
    const row = this.seen.get(key) ?? { collection, query, count: 0 }
    row.count++
    this.seen.set(key, row)
  }

  /** What was recorded since the last call, and forgets it. */
  take(): { collection: string; query: string; count: number }[] {
    const out = [...this.seen.values()]
    this.seen.clear()
    return out
  }
}

export const scans = new ScanLog()

/** Reads documents through one connection's prepared statements. */
export class RowReader {
  /** Per statement text: whether SQLite's plan scans the collection's table. */
  private readonly plans = new Map<string, boolean>()

  constructor(private readonly stmt: (sql: string) => Database.Statement) {}

  private scansTable(coll: string, sql: string, params: unknown[]): boolean {
    let scan = this.plans.get(sql)
    if (scan === undefined) {
      const plan = this.stmt(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]
      const name = table(coll).replace(/"/g, '')
      scan = plan.some((row) => new RegExp(`^SCAN "?${name}"?( |$)`).test(row.detail))
      this.plans.set(sql, scan)
    }
    return scan
  }

  get(coll: string, key: string): Stored | undefined {
    const row = this.stmt(`SELECT doc, rev FROM ${table(coll)} WHERE id = ?`).get(key) as
      { doc: string; rev: number } | undefined
    return row && { doc: decodeDoc(row.doc), rev: row.rev }
  }

  /** Documents decoded for callers that only read them, by collection and rowid, with their revision (`find`). */
  private readonly decoded = new Map<string, Map<number, Stored>>()

  /**
   * The rows matching `filter` exactly, in insertion order. A caller that never changes the documents it gets
   * (`readOnly`: an aggregation's $group) gets them frozen, and shared: a document decoded before at the same
   * revision is not read and parsed again — the revision, a global write counter, changes with every write.
   */
  find(coll: string, filter: Filter, readOnly = false): Stored[] {
    const out: Stored[] = []
    if (filter.where === MATCH_NONE) return out
    // Insertion order is restored here, not asked of SQLite: `ORDER BY rowid` makes it prefer walking the table
    // in rowid order over searching an index for a range (`createdAt < ?`), which would read every row.
    const sql = `SELECT rowid AS r, ${readOnly ? '' : 'doc, '}rev FROM ${table(coll)} WHERE ${filter.where.sql}`
    if (this.scansTable(coll, sql, filter.where.params)) scans.record(coll, filter.query ?? '(all)')
    const rows = this.stmt(sql).iterate(...filter.where.params) as Iterable<{
      r: number
      doc: string
      rev: number
    }>
    const order: number[] = []
    // An exact clause already is the query (page and countWhere rely on it too): no second test per document.
    const exact = filter.where.exact === true
    for (const { r, doc: text, rev } of readOnly ? this.shared(coll, rows) : rows) {
      const doc = typeof text === 'string' ? decodeDoc(text) : text
      if (exact || filter.test(doc)) {
        out.push({ doc, rev })
        order.push(r)
      }
    }
    if (order.some((r, i) => i > 0 && r < order[i - 1]!)) {
      const index = out.map((_, i) => i).sort((a, b) => order[a]! - order[b]!)
      return index.map((i) => out[i]!)
    }
    return out
  }

  /** The rows' documents from the cache of decoded documents, reading and decoding those it lacks at their revision. */
  private shared(
    coll: string,
    rows: Iterable<{ r: number; rev: number }>,
  ): { r: number; doc: Doc; rev: number }[] {
    let cache = this.decoded.get(coll)
    if (!cache) this.decoded.set(coll, (cache = new Map()))
    const list = [...rows]
    const stale = list.filter((row) => cache.get(row.r)?.rev !== row.rev).map((row) => row.r)
    if (cache.size + stale.length > MAX_DECODED) cache.clear()
    if (stale.length) {
      const sql = `SELECT rowid AS r, doc, rev FROM ${table(coll)} WHERE rowid IN (SELECT value FROM json_each(?))`
      for (const row of this.stmt(sql).iterate(JSON.stringify(stale)) as Iterable<{
        r: number
        doc: string
        rev: number
      }>)
        cache.set(row.r, { doc: deepFreeze(decodeDoc(row.doc)), rev: row.rev })
    }
    return list.map(({ r }) => ({ r, ...cache.get(r)! }))
  }

  /**
   * The page `offset`…`offset + limit` of the documents matching an `exact` filter, sorted by `order` (fields whose
   * values are scalars: indexed ones) with ties in insertion order — what the JS path (find, then shape) answers,
   * with SQLite sorting and paging instead of every matching document being decoded and sorted here.
   */
  page(coll: string, filter: Filter, order: SortOrder, offset: number, limit: number): Stored[] {
    const { where } = filter
    if (!where.exact) throw new Error('page() needs an exact filter')
    if (where === MATCH_NONE) return []
    const paths = Object.keys(order)
    // When the sort fields hold only numbers among the matches, SQLite's own order of the index keys is mingo's,
    // and an index that serves the filter and the sort (`{streetId: 1, createdAt: -1}`) is walked for the page
    // alone. Otherwise every match is ranked by type (sortTerms).
    const byIndex = !paths.includes('_id') && paths.every((path) => this.numbersOnly(coll, where, path))
    const terms = Object.entries(order).map(([path, dir]) =>
      byIndex ? `${keyExpr(path)} ${dir === 1 ? 'ASC' : 'DESC'}` : sortTerms(path, dir),
    )
    const sql = `SELECT doc, rev FROM ${table(coll)} WHERE ${where.sql} ORDER BY ${[...terms, 'rowid'].join(', ')} LIMIT ? OFFSET ?`
    const params = [...where.params, limit, offset]
    if (this.scansTable(coll, sql, params)) scans.record(coll, filter.query ?? '(all)')
    const rows = this.stmt(sql).all(...params) as { doc: string; rev: number }[]
    return rows.map((row) => ({ doc: decodeDoc(row.doc), rev: row.rev }))
  }

  /**
   * Whether `path` holds a number (not a boolean) in every document `where` matches: no key at or above '' (SQLite
   * puts text, and the blob of a missing field, after every number), and no 0 or 1 that is a boolean. Both are
   * seeks in an index on the filter's fields and `path`.
   */
  private numbersOnly(coll: string, where: SqlFilter, path: string): boolean {
    const key = keyExpr(path)
    const none = (cond: string) =>
      this.stmt(`SELECT 1 FROM ${table(coll)} WHERE ${where.sql} AND ${cond} LIMIT 1`).get(
        ...where.params,
      ) === undefined
    return (
      none(`${key} >= ''`) &&
      none(`${key} IN (0, 1) AND json_type(doc, '${jsonPath(path)}') IN ('true', 'false')`)
    )
  }

  /** How many documents an `exact` filter matches, counted by SQLite. */
  countWhere(coll: string, filter: Filter): number {
    const { where } = filter
    if (!where.exact) throw new Error('countWhere() needs an exact filter')
    if (where === MATCH_NONE) return 0
    const sql = `SELECT count(*) AS n FROM ${table(coll)} WHERE ${where.sql}`
    if (this.scansTable(coll, sql, where.params)) scans.record(coll, filter.query ?? '(all)')
    return (this.stmt(sql).get(...where.params) as { n: number }).n
  }

  /** The current revision of a document, 0 when it does not exist. */
  revOf(coll: string, key: string): number {
    const row = this.stmt(`SELECT rev FROM ${table(coll)} WHERE id = ?`).get(key) as
      { rev: number } | undefined
    return row?.rev ?? 0
  }

  count(coll: string): number {
    return (this.stmt(`SELECT count(*) AS n FROM ${table(coll)}`).get() as { n: number }).n
  }
}

/** Decoded documents kept per collection, at most (a few KB each): past it the collection's cache starts again. */
const MAX_DECODED = 50_000

/** Freezes plain objects and arrays all the way down (values such as dates and ids, being values, are left be). */
function deepFreeze<T>(v: T): T {
  if (Array.isArray(v) || isPlainObject(v)) {
    Object.freeze(v)
    for (const item of Object.values(v)) deepFreeze(item)
  }
  return v
}

/** A per-connection cache of prepared statements. */
export function statementCache(db: Database.Database): (sql: string) => Database.Statement {
  // The connection's statements may sort by it (RowReader.page); every connection gets one cache.
  db.function('utf16_order', { deterministic: true }, utf16Order)
  const statements = new Map<string, Database.Statement>()
  return (sql) => {
    let s = statements.get(sql)
    if (!s) {
      s = db.prepare(sql)
      statements.set(sql, s)
    }
    return s
  }
}
