import { randomUUID } from 'node:crypto'
import { decodeDoc, encodeDoc, type Doc } from './ejson'
import { CloudError, duplicateWrite } from './errors'
import type { DocView, Filter, Store } from './store'

/**
 * Transactions are staged in memory and applied at commit (optimistic concurrency control).
 *
 * Why not keep a SQLite transaction open per transaction id: better-sqlite3 has one synchronous connection, so
 * an open transaction would take in every other request's writes too; a second connection would block the
 * event loop on SQLite's write lock while the transaction's own next request waits behind it.
 *
 * Instead a transaction keeps, in memory:
 *  - the log of its writes, in order, and the resulting state of each document it wrote, which its own reads
 *    see (read-your-writes);
 *  - the revision (Store `rev`) of every document it read or wrote, as first seen.
 * Every write is dry-run — the whole log replayed inside a SQLite transaction that is then rolled back — so a
 * unique-index violation fails the very write that causes it, as on CloudBase. Commit checks, inside one SQLite
 * transaction, that every seen revision is still current and replays the log: the transaction takes effect
 * atomically at commit or not at all. A changed revision fails the commit with DATABASE_TRANSACTION_CONFLICT,
 * on which node-sdk's runTransaction re-runs the callback. Rollback drops the staged state; nothing was ever
 * written. Requests outside the transaction never wait for it.
 *
 * Deliberate limit: the read set holds documents, not predicates, so a document inserted elsewhere that would
 * have matched a transactional where().get() is no conflict (MongoDB's snapshot isolation allows that too).
 */

/** CloudBase drops a transaction that is neither committed nor aborted within 30 seconds. */
export const TRANSACTION_LIFETIME_MS = 30_000
const MAX_OPEN = 1000

type Op =
  | { kind: 'insert'; coll: string; doc: Doc }
  | { kind: 'replace'; coll: string; doc: Doc }
  | { kind: 'remove'; coll: string; id: string }

const keyOf = (coll: string, id: string) => `${coll}\u0000${id}`

function notExist(): CloudError {
  return new CloudError(
    'DATABASE_TRANSACTION_FAIL',
    '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds.',
  )
}

export class Transaction implements DocView {
  private readonly log: Op[] = []
  /** Encoded state of each document this transaction wrote; null once removed. */
  private readonly staged = new Map<string, string | null>()
  private readonly seen = new Map<string, { coll: string; id: string; rev: number }>()

  constructor(
    private readonly store: Store,
    readonly expiresAt: number,
  ) {}

  get(coll: string, id: string): Doc | undefined {
    this.store.requireCollection(coll)
    const key = keyOf(coll, id)
    if (this.staged.has(key)) {
      const text = this.staged.get(key)
      return text == null ? undefined : decodeDoc(text)
    }
    const stored = this.store.get(coll, id)
    if (!this.seen.has(key)) this.seen.set(key, { coll, id, rev: stored?.rev ?? 0 })
    return stored?.doc
  }

  find(coll: string, filter: Filter): Doc[] {
    const out: Doc[] = []
    for (const { doc, rev } of this.store.find(coll, filter)) {
      const key = keyOf(coll, doc._id)
      if (this.staged.has(key)) continue
      if (!this.seen.has(key)) this.seen.set(key, { coll, id: doc._id, rev })
      out.push(doc)
    }
    const prefix = keyOf(coll, '')
    for (const [key, text] of this.staged) {
      if (text === null || !key.startsWith(prefix)) continue
      const doc = decodeDoc(text)
      if (filter.test(doc)) out.push(doc)
    }
    return out
  }

  insert(coll: string, doc: Doc): void {
    if (this.get(coll, doc._id)) throw duplicateWrite(`collection: ${coll} index: _id_`)
    this.stage({ kind: 'insert', coll, doc })
  }

  replace(coll: string, doc: Doc): void {
    this.get(coll, doc._id)
    this.stage({ kind: 'replace', coll, doc })
  }

  remove(coll: string, id: string): void {
    this.get(coll, id)
    this.stage({ kind: 'remove', coll, id })
  }

  private stage(op: Op): void {
    const id = op.kind === 'remove' ? op.id : op.doc._id
    const key = keyOf(op.coll, id)
    const had = this.staged.has(key)
    const previous = this.staged.get(key)
    let text: string | null = null
    if (op.kind !== 'remove') {
      this.store.checkIndexedFields(op.coll, op.doc)
      text = encodeDoc(op.doc)
      // The log keeps its own copy: the caller's object may change after this call.
      op = { ...op, doc: decodeDoc(text) }
    }
    this.log.push(op)
    this.staged.set(key, text)
    try {
      this.store.dryRun(() => this.replay())
    } catch (e) {
      this.log.pop()
      if (had) this.staged.set(key, previous!)
      else this.staged.delete(key)
      throw e
    }
  }

  private replay(): void {
    for (const op of this.log) {
      if (op.kind === 'insert') this.store.insert(op.coll, op.doc)
      else if (op.kind === 'replace') this.store.replace(op.coll, op.doc)
      else this.store.remove(op.coll, op.id)
    }
  }

  commit(): void {
    this.store.atomically(() => {
      for (const { coll, id, rev } of this.seen.values()) {
        if (this.store.revOf(coll, id) !== rev) {
          throw new CloudError(
            'DATABASE_TRANSACTION_CONFLICT',
            `[FailedOperation.TransactionConflict] document ${id} in ${coll} was changed by another request during the transaction`,
          )
        }
      }
      this.replay()
    })
  }
}

/** Open transactions by id. */
export class Transactions {
  private readonly open = new Map<string, Transaction>()

  constructor(
    private readonly store: Store,
    private readonly clock: () => number = Date.now,
  ) {}

  start(): string {
    const now = this.clock()
    for (const [id, t] of this.open) if (t.expiresAt <= now) this.open.delete(id)
    if (this.open.size >= MAX_OPEN)
      throw new CloudError('DATABASE_TRANSACTION_FAIL', '[LimitExceeded] too many open transactions')
    const id = randomUUID().replace(/-/g, '')
    this.open.set(id, new Transaction(this.store, now + TRANSACTION_LIFETIME_MS))
    return id
  }

  get(id: unknown): Transaction {
    const t = typeof id === 'string' ? this.open.get(id) : undefined
    if (!t) throw notExist()
    if (t.expiresAt <= this.clock()) {
      this.open.delete(id as string)
      throw notExist()
    }
    return t
  }

  /** Commits and forgets the transaction, whatever the outcome: a failed commit cannot be retried, only re-run. */
  commit(id: unknown): void {
    const t = this.get(id)
    this.open.delete(id as string)
    t.commit()
  }

  abort(id: unknown): void {
    this.get(id)
    this.open.delete(id as string)
  }
}
