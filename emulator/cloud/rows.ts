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

/** A query compiled for the store: the SQL prefilter plus the exact (mingo) predicate. */
export interface Filter {
  where: SqlFilter
  test(doc: Doc): boolean
  /** Set when the query has `$near`/`$nearSphere`: the distance that orders matches, nearest first. */
  nearest?: (doc: Doc) => number
}

export const ALL: Filter = { where: MATCH_ALL, test: () => true }

export interface Stored {
  doc: Doc
  rev: number
}

export const table = (coll: string) => `"c_${coll}"`

export const CREATE_TABLE = (coll: string) =>
  `CREATE TABLE ${table(coll)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL, rev INTEGER NOT NULL)`

/** Reads documents through one connection's prepared statements. */
export class RowReader {
  constructor(private readonly stmt: (sql: string) => Database.Statement) {}

  get(coll: string, key: string): Stored | undefined {
    const row = this.stmt(`SELECT doc, rev FROM ${table(coll)} WHERE id = ?`).get(key) as
      { doc: string; rev: number } | undefined
    return row && { doc: decodeDoc(row.doc), rev: row.rev }
  }

  /** The rows matching `filter` exactly, in insertion order. */
  find(coll: string, filter: Filter): Stored[] {
    const out: Stored[] = []
    const rows = this.stmt(
      `SELECT doc, rev FROM ${table(coll)} WHERE ${filter.where.sql} ORDER BY rowid`,
    ).iterate(...filter.where.params) as Iterable<{ doc: string; rev: number }>
    for (const row of rows) {
      const doc = decodeDoc(row.doc)
      if (filter.test(doc)) out.push({ doc, rev: row.rev })
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
