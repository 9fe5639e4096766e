import Database from 'better-sqlite3'
import type { CollectionDeclaration, IndexDeclaration } from '../../shared/collections'
import { decodeDoc, encodeDoc, isPlainObject, type Doc } from './ejson'
import { CloudError, collectionNotExist, duplicateWrite, invalidParam, requestFailed } from './errors'
import { asGeometry } from './geo/geometry'
import { idKey } from './ids'
import {
  CREATE_TABLE,
  keyExpr,
  RowReader,
  statementCache,
  table,
  type Filter,
  type SortOrder,
  type Stored,
} from './rows'
import { SnapshotPool, type Snapshot } from './snapshot'

/**
 * The document store: one SQLite file, one table per collection (see rows.ts). Declared indexes are SQLite
 * expression indexes over the same key expression the query planner pushes filters down to.
 *
 * WAL with synchronous=NORMAL: a committed write is in the OS page cache before the SDK gets its answer, so it
 * survives the process being killed (only an OS crash or power cut can lose the last few commits). WAL also
 * lets read-only connections keep a snapshot of the database while this one writes: transactions read there.
 */

/** Everything the database actions need; implemented directly by the store and, staged, by a transaction. */
export interface DocView {
  /** The document whose `_id` has this key (ids.ts). */
  get(coll: string, key: string): Doc | undefined
  /** Documents matching `filter`, in natural (insertion) order. */
  find(coll: string, filter: Filter): Doc[]
  insert(coll: string, doc: Doc): void
  replace(coll: string, doc: Doc): void
  remove(coll: string, doc: Doc): void
}

const NAME = /^[A-Za-z0-9_-]{1,64}$/
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/

export function isValidCollectionName(name: unknown): name is string {
  return typeof name === 'string' && NAME.test(name)
}

/** `:` cannot occur in collection or index names, so index names of different collections never clash. */
const indexName = (coll: string, index: string) => `i:${coll}:${index}`

export const NULL_KEY = "x'00'"

/** Why a value may not sit in an indexed field, or null when it may (string, finite number, boolean, null). */
function nonScalarKind(v: unknown): string | null {
  if (v === null || v === undefined || typeof v === 'string' || typeof v === 'boolean') return null
  if (typeof v === 'number') return Number.isFinite(v) ? null : String(v)
  if (Array.isArray(v)) return 'an array'
  if (v instanceof Date) return 'a Date'
  return 'an object'
}

interface IndexInfo {
  decl: IndexDeclaration
  /** Fields indexed in order (1 / -1): scalars only, in a SQLite expression index. */
  paths: string[]
  /** Fields with a `2dsphere` index: GeoJSON only, checked on write, searched by the geo operators. */
  geoPaths: string[]
}

/**
 * A 2dsphere-indexed field holds GeoJSON (or an array of GeoJSON), or nothing: MongoDB refuses the write
 * otherwise ("Can't extract geo keys"), as CloudBase does, with DATABASE_REQUEST_FAILED.
 */
function checkGeoField(coll: string, index: string, path: string, doc: Doc): void {
  const v = resolvePath(doc, path)
  if (v === undefined || v === null) return
  const values = Array.isArray(v) ? v : [v]
  if (values.length && values.every((x) => asGeometry(x))) return
  throw requestFailed(
    `Can't extract geo keys: ${coll}.${path} is indexed 2dsphere (${index}) and must hold a GeoJSON geometry`,
  )
}

function resolvePath(doc: unknown, path: string): unknown {
  let v = doc
  for (const seg of path.split('.')) v = isPlainObject(v) ? v[seg] : undefined
  return v
}

const ROLLBACK = Symbol('rollback')

export class Store {
  readonly sqlite: Database.Database
  private lastRev = 0
  private readonly collections = new Map<string, IndexInfo[]>()
  private readonly stmt: (sql: string) => Database.Statement
  private readonly rows: RowReader
  private readonly snapshots: SnapshotPool
  /** Writes made through this store per collection since it opened (see writesTo). */
  private readonly writes = new Map<string, number>()
  /** better-sqlite3's transaction wrapper, made once: making one per call cost more than a lookup by index. */
  private readonly transaction: (fn: () => unknown) => unknown

  constructor(file: string) {
    this.sqlite = new Database(file)
    this.transaction = this.sqlite.transaction((fn: () => unknown) => fn())
    this.stmt = statementCache(this.sqlite)
    this.rows = new RowReader(this.stmt)
    this.snapshots = new SnapshotPool(file)
    this.sqlite.pragma('journal_mode = WAL')
    this.sqlite.pragma('synchronous = NORMAL')
    this.sqlite.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)')
    const tables = this.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c\\_%' ESCAPE '\\'")
      .all() as { name: string }[]
    for (const { name } of tables) {
      const coll = name.slice(2)
      this.collections.set(coll, [])
      const { rev } = this.sqlite.prepare(`SELECT max(rev) AS rev FROM ${table(coll)}`).get() as {
        rev: number | null
      }
      this.lastRev = Math.max(this.lastRev, rev ?? 0)
    }
  }

  close(): void {
    this.snapshots.close()
    this.sqlite.close()
  }

  /** A read-only view of the database as it is now, kept while this connection goes on writing. */
  openSnapshot(): Snapshot {
    return this.snapshots.open()
  }

  meta(key: string): string | undefined {
    const row = this.stmt('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined
    return row?.value
  }

  setMeta(key: string, value: string): void {
    this.stmt(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ).run(key, value)
  }

  hasCollection(coll: string): boolean {
    return this.collections.has(coll)
  }

  requireCollection(coll: string): void {
    if (!this.collections.has(coll)) throw collectionNotExist(coll)
  }

  /** Creates an undeclared collection (the SDK's `createCollection`); it has no indexes. */
  createCollection(coll: string): void {
    if (!isValidCollectionName(coll)) throw invalidParam(`invalid collection name "${String(coll)}"`)
    if (this.collections.has(coll)) {
      throw new CloudError(
        'DATABASE_COLLECTION_ALREADY_EXIST',
        `[ResourceInUse] collection ${coll} already exists`,
      )
    }
    this.sqlite.exec(CREATE_TABLE(coll))
    this.collections.set(coll, [])
  }

  /**
   * Makes the collections and indexes match the declarations: creates what is missing, rebuilds an index whose
   * definition changed and drops indexes no longer declared (also on collections that are no longer declared,
   * which keep their data). A new index is only built once every stored document satisfies it, so the
   * pushdown's "indexed fields are scalars" assumption always holds.
   */
  declareCollections(declarations: CollectionDeclaration[]): void {
    for (const c of declarations) this.declareCollection(c.name, c.indexes)
    const declared = new Set(declarations.map((c) => c.name))
    for (const coll of this.collections.keys()) if (!declared.has(coll)) this.syncIndexes(coll, [])
  }

  private declareCollection(coll: string, indexes: IndexDeclaration[]): void {
    if (!isValidCollectionName(coll)) throw new Error(`invalid collection name "${coll}"`)
    if (!this.collections.has(coll)) this.sqlite.exec(CREATE_TABLE(coll))
    const infos: IndexInfo[] = indexes.map((decl) => {
      if (!NAME.test(decl.name)) throw new Error(`${coll}: invalid index name "${decl.name}"`)
      for (const [p, kind] of Object.entries(decl.keys)) {
        if (!FIELD_PATH.test(p)) throw new Error(`${coll}.${decl.name}: invalid field path "${p}"`)
        if (kind !== 1 && kind !== -1 && kind !== '2dsphere')
          throw new Error(`${coll}.${decl.name}: "${p}" must be 1, -1 or '2dsphere'`)
      }
      const keys = Object.keys(decl.keys)
      return {
        decl,
        paths: keys.filter((p) => decl.keys[p] !== '2dsphere'),
        geoPaths: keys.filter((p) => decl.keys[p] === '2dsphere'),
      }
    })
    this.syncIndexes(coll, infos)
  }

  private syncIndexes(coll: string, infos: IndexInfo[]): void {
    this.collections.set(coll, infos)
    const existing = new Map(
      (
        this.sqlite
          .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?")
          .all(`c_${coll}`) as {
          name: string
          sql: string | null
        }[]
      ).map((r) => [r.name, r.sql]),
    )
    for (const info of infos) {
      const name = indexName(coll, info.decl.name)
      const columns = info.paths
        .map((p) => `${keyExpr(p)} ${info.decl.keys[p] === -1 ? 'DESC' : 'ASC'}`)
        .join(', ')
      // A 2dsphere-only index has nothing for SQLite to index; a marker in `meta` records what was checked.
      const sql = columns
        ? `CREATE ${info.decl.unique ? 'UNIQUE ' : ''}INDEX "${name}" ON ${table(coll)} (${columns})`
        : null
      const marker = `index:${name}`
      const spec = JSON.stringify(info.decl)
      if ((existing.get(name) ?? null) === sql && this.meta(marker) === spec) continue
      if (existing.has(name)) this.sqlite.exec(`DROP INDEX "${name}"`)
      try {
        for (const row of this.stmt(`SELECT doc FROM ${table(coll)}`).iterate() as Iterable<{
          doc: string
        }>) {
          this.checkIndexedFields(coll, decodeDoc(row.doc))
        }
        if (sql) this.sqlite.exec(sql)
        this.setMeta(marker, spec)
      } catch (e) {
        throw new Error(
          `${coll}: cannot build index ${info.decl.name} over the stored documents: ${(e as Error).message}`,
        )
      }
    }
    const declared = new Set(infos.map((i) => indexName(coll, i.decl.name)))
    for (const name of existing.keys()) {
      if (name.startsWith(indexName(coll, '')) && !declared.has(name))
        this.sqlite.exec(`DROP INDEX "${name}"`)
    }
    this.stmt(
      "DELETE FROM meta WHERE key LIKE ? ESCAPE '\\' AND NOT key IN (SELECT value FROM json_each(?))",
    ).run(
      `index:${indexName(coll, '').replace(/[%_\\]/g, '\\$&')}%`,
      JSON.stringify([...declared].map((n) => `index:${n}`)),
    )
  }

  /** Field paths covered by a declared index; filters on them may be pushed down to SQL. */
  indexedPaths(coll: string): Set<string> {
    return new Set((this.collections.get(coll) ?? []).flatMap((i) => i.paths))
  }

  /** Field paths with a declared 2dsphere index: the only ones geo queries may search. */
  geoPaths(coll: string): Set<string> {
    return new Set((this.collections.get(coll) ?? []).flatMap((i) => i.geoPaths))
  }

  /** Refuses arrays, objects (Dates included) and non-finite numbers in indexed fields, and arrays on the way to them. */
  checkIndexedFields(coll: string, doc: Doc): void {
    for (const info of this.collections.get(coll) ?? []) {
      for (const path of info.paths) {
        let v: unknown = doc
        for (const seg of path.split('.')) {
          if (Array.isArray(v)) {
            throw invalidParam(
              `${coll}: field "${path}" is indexed (${info.decl.name}) and may not pass through an array`,
            )
          }
          v = isPlainObject(v) ? v[seg] : undefined
        }
        const kind = nonScalarKind(v)
        if (kind) {
          throw invalidParam(
            `${coll}: field "${path}" is indexed (${info.decl.name}) and must hold a string, number or boolean, not ${kind}`,
          )
        }
      }
      for (const path of info.geoPaths) checkGeoField(coll, info.decl.name, path, doc)
    }
  }

  get(coll: string, key: string): Stored | undefined {
    this.requireCollection(coll)
    return this.rows.get(coll, key)
  }

  /** The rows matching `filter` exactly, in insertion order; `readOnly`: frozen and shared (RowReader.find). */
  find(coll: string, filter: Filter, readOnly = false): Stored[] {
    this.requireCollection(coll)
    return this.rows.find(coll, filter, readOnly)
  }

  count(coll: string): number {
    this.requireCollection(coll)
    return this.rows.count(coll)
  }

  /** A sorted page of the documents an exact filter matches, sorted and paged by SQLite (RowReader.page). */
  page(coll: string, filter: Filter, order: SortOrder, offset: number, limit: number): Stored[] {
    this.requireCollection(coll)
    return this.rows.page(coll, filter, order, offset, limit)
  }

  /** How many documents an exact filter matches, counted by SQLite. */
  countWhere(coll: string, filter: Filter): number {
    this.requireCollection(coll)
    return this.rows.countWhere(coll, filter)
  }

  /** The current revision of a document, 0 when it does not exist. */
  revOf(coll: string, key: string): number {
    return this.rows.revOf(coll, key)
  }

  /**
   * How many writes this store has made to `colls` since it opened, rolled back ones included: a number that
   * changes whenever what they hold may have, so a reader in this process can keep what it read while it stays the
   * same. Every write of the local cloud goes through this store (insert, replace, remove; a transaction's when it
   * commits); the count is taken and bumped synchronously, so no write slips between a read and its count.
   */
  writesTo(colls: readonly string[]): number {
    let n = 0
    for (const coll of colls) n += this.writes.get(coll) ?? 0
    return n
  }

  private wrote(coll: string): void {
    this.writes.set(coll, (this.writes.get(coll) ?? 0) + 1)
  }

  insert(coll: string, doc: Doc): void {
    this.requireCollection(coll)
    this.checkIndexedFields(coll, doc)
    this.wrote(coll)
    this.write(coll, () =>
      this.stmt(`INSERT INTO ${table(coll)} (id, doc, rev) VALUES (?, ?, ?)`).run(
        idKey(doc._id),
        encodeDoc(doc),
        ++this.lastRev,
      ),
    )
  }

  replace(coll: string, doc: Doc): void {
    this.requireCollection(coll)
    this.checkIndexedFields(coll, doc)
    this.wrote(coll)
    this.write(coll, () =>
      this.stmt(`UPDATE ${table(coll)} SET doc = ?, rev = ? WHERE id = ?`).run(
        encodeDoc(doc),
        ++this.lastRev,
        idKey(doc._id),
      ),
    )
  }

  remove(coll: string, key: string): boolean {
    this.requireCollection(coll)
    this.wrote(coll)
    return this.stmt(`DELETE FROM ${table(coll)} WHERE id = ?`).run(key).changes > 0
  }

  /** Runs `fn` in one SQLite transaction: all of its writes land, or none. */
  atomically<T>(fn: () => T): T {
    return this.transaction(fn) as T
  }

  /** Runs `fn` in a transaction that is always rolled back: a dry run that surfaces constraint violations. */
  dryRun(fn: () => void): void {
    try {
      this.sqlite.transaction(() => {
        fn()
        throw ROLLBACK
      })()
    } catch (e) {
      if (e !== ROLLBACK) throw e
    }
  }

  private write(coll: string, run: () => unknown): void {
    try {
      run()
    } catch (e) {
      const code = (e as { code?: unknown }).code
      if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
        const m = /index '([^']+)'/.exec((e as Error).message)
        const index = m ? m[1]!.slice(indexName(coll, '').length) : '_id_'
        throw duplicateWrite(`collection: ${coll} index: ${index}`)
      }
      throw e
    }
  }
}
