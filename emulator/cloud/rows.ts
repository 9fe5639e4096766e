import { AsyncLocalStorage } from 'node:async_hooks'
import type Database from 'better-sqlite3'
import { decodeDoc, type Doc } from './ejson'

/**
 * How documents sit in SQLite — one table per collection, `c_<name>` (`id` = the key of `_id`, see ids.ts;
 * `doc` = relaxed EJSON text; `rev` = a global write counter) — and the reads over it, shared by the store's own
 * connection and the read-only snapshot connections transactions read through.
 */

/** A WHERE clause over one collection table; a superset of the documents a query matches. */
export interface SqlFilter {
  sql: string
  params: (string | number)[]
}

export const MATCH_ALL: SqlFilter = { sql: '1', params: [] }
/** A query no stored document can match (e.g. an `_id` no write would accept). */
export const MATCH_NONE: SqlFilter = { sql: '0', params: [] }

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

  /** The rows matching `filter` exactly, in insertion order. */
  find(coll: string, filter: Filter): Stored[] {
    const out: Stored[] = []
    if (filter.where === MATCH_NONE) return out
    // Insertion order is restored here, not asked of SQLite: `ORDER BY rowid` makes it prefer walking the table
    // in rowid order over searching an index for a range (`createdAt < ?`), which would read every row.
    const sql = `SELECT rowid AS r, doc, rev FROM ${table(coll)} WHERE ${filter.where.sql}`
    if (this.scansTable(coll, sql, filter.where.params)) scans.record(coll, filter.query ?? '(all)')
    const rows = this.stmt(sql).iterate(...filter.where.params) as Iterable<{
      r: number
      doc: string
      rev: number
    }>
    const order: number[] = []
    for (const row of rows) {
      const doc = decodeDoc(row.doc)
      if (filter.test(doc)) {
        out.push({ doc, rev: row.rev })
        order.push(row.r)
      }
    }
    if (order.some((r, i) => i > 0 && r < order[i - 1]!)) {
      const index = out.map((_, i) => i).sort((a, b) => order[a]! - order[b]!)
      return index.map((i) => out[i]!)
    }
    return out
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

/** A per-connection cache of prepared statements. */
export function statementCache(db: Database.Database): (sql: string) => Database.Statement {
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
