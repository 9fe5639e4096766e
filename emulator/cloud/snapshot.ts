import Database from 'better-sqlite3'
import { RowReader, statementCache, type Filter, type Stored } from './rows'

/**
 * A read-only view of the database frozen at the moment it was opened: a second SQLite connection holding a read
 * transaction. In WAL mode SQLite keeps serving such a reader the pages as they were when its transaction began,
 * while the store's own connection goes on committing — which is exactly MongoDB's snapshot read, the isolation
 * CloudBase transactions read with.
 */
export interface Snapshot {
  get(coll: string, key: string): Stored | undefined
  find(coll: string, filter: Filter): Stored[]
  revOf(coll: string, key: string): number
  /** Ends the read transaction; the snapshot must not be used afterwards. */
  release(): void
}

/** Idle connections kept for the next transactions; more are opened when needed and closed when released. */
const IDLE_CONNECTIONS = 8

interface Connection {
  db: Database.Database
  rows: RowReader
}

/** A collection created after the snapshot was taken has no table in it: it was empty then. */
function isMissingTable(e: unknown): boolean {
  return (e as { code?: unknown }).code === 'SQLITE_ERROR' && /no such table/.test((e as Error).message)
}

export class SnapshotPool {
  private readonly idle: Connection[] = []
  private closed = false

  constructor(private readonly file: string) {}

  open(): Snapshot {
    if (this.closed) throw new Error('the store is closed')
    const conn = this.idle.pop() ?? this.connect()
    conn.db.exec('BEGIN')
    // A read transaction takes its snapshot at its first read, not at BEGIN: read now.
    conn.db.prepare('SELECT count(*) FROM sqlite_master').get()
    let released = false
    const guard = <T>(read: () => T, empty: T): T => {
      if (released) throw new Error('snapshot used after release')
      try {
        return read()
      } catch (e) {
        if (isMissingTable(e)) return empty
        throw e
      }
    }
    return {
      get: (coll, key) => guard(() => conn.rows.get(coll, key), undefined),
      find: (coll, filter) => guard(() => conn.rows.find(coll, filter), []),
      revOf: (coll, key) => guard(() => conn.rows.revOf(coll, key), 0),
      release: () => {
        if (released) return
        released = true
        conn.db.exec('COMMIT')
        if (!this.closed && this.idle.length < IDLE_CONNECTIONS) this.idle.push(conn)
        else conn.db.close()
      },
    }
  }

  close(): void {
    this.closed = true
    for (const conn of this.idle.splice(0)) conn.db.close()
  }

  private connect(): Connection {
    const db = new Database(this.file, { readonly: true, fileMustExist: true })
    return { db, rows: new RowReader(statementCache(db)) }
  }
}
