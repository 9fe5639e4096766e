import { randomUUID } from 'node:crypto'
import { decodeDoc, encodeDoc, type Doc } from './ejson'
import { CloudError, duplicateWrite } from './errors'
import { idKey } from './ids'
import { lockKey, Locks, type LockHolder } from './locks'
import type { Filter } from './rows'
import type { Snapshot } from './snapshot'
import type { DocView, Store } from './store'

/**
 * Transactions as CloudBase runs them on MongoDB: snapshot isolation.
 *
 *  - Reads see the database as it was at the transaction's first operation (MongoDB takes the snapshot then, not
 *    at startTransaction), plus the transaction's own writes. Whatever others commit afterwards stays invisible
 *    to it. The snapshot is a read-only SQLite connection holding a read transaction (snapshot.ts).
 *  - A write locks its document until the transaction ends. If another open transaction holds that lock, or
 *    someone changed the document since the snapshot, the write fails at once with DATABASE_TRANSACTION_CONFLICT
 *    and the transaction is aborted, as MongoDB aborts on a write conflict; node-sdk's runTransaction then runs
 *    the callback again. A write outside any transaction to a locked document waits for the lock (locks.ts).
 *  - Documents the transaction only read are not checked: others changing them does not fail its commit.
 *  - Writes are staged in memory and applied at commit, in one SQLite transaction: all of them or none. Each write
 *    is dry-run when it is made — the whole log replayed inside a SQLite transaction that is then rolled back —
 *    so a unique-index violation fails the very write that causes it, as on CloudBase.
 *
 * Requests outside the transaction never wait for its reads, and its reads never wait for anyone.
 */

/** CloudBase drops a transaction that is neither committed nor aborted within 30 seconds. */
export const TRANSACTION_LIFETIME_MS = 30_000
const MAX_OPEN = 1000

type Op =
  | { kind: 'insert'; coll: string; doc: Doc }
  | { kind: 'replace'; coll: string; doc: Doc }
  | { kind: 'remove'; coll: string; key: string }

/** CloudBase's answer for a transaction that was committed, aborted or has expired (message verbatim). */
function notExist(): CloudError {
  return new CloudError(
    'DATABASE_TRANSACTION_FAIL',
    '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.',
  )
}

/** CloudBase's answer to a write conflict (message verbatim). */
export function writeConflict(): CloudError {
  return new CloudError(
    'DATABASE_TRANSACTION_CONFLICT',
    '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
  )
}

export class Transaction implements DocView, LockHolder {
  readonly ended: Promise<void>
  private finish!: () => void
  private done = false
  private snapshot?: Snapshot
  private readonly log: Op[] = []
  /** Encoded state of each document this transaction wrote (by lock key); null once removed. */
  private readonly staged = new Map<string, string | null>()
  /** The documents this transaction locked, with their revision in its snapshot. */
  private readonly written = new Map<string, { coll: string; key: string; rev: number }>()

  constructor(
    private readonly store: Store,
    private readonly locks: Locks,
    readonly expiresAt: number,
  ) {
    this.ended = new Promise((resolve) => (this.finish = resolve))
  }

  get isOpen(): boolean {
    return !this.done
  }

  get(coll: string, key: string): Doc | undefined {
    this.store.requireCollection(coll)
    const k = lockKey(coll, key)
    if (this.staged.has(k)) {
      const text = this.staged.get(k)
      return text == null ? undefined : decodeDoc(text)
    }
    return this.base().get(coll, key)?.doc
  }

  find(coll: string, filter: Filter): Doc[] {
    this.store.requireCollection(coll)
    const out: Doc[] = []
    for (const { doc } of this.base().find(coll, filter)) {
      if (!this.staged.has(lockKey(coll, idKey(doc._id)))) out.push(doc)
    }
    const prefix = lockKey(coll, '')
    for (const [k, text] of this.staged) {
      if (text === null || !k.startsWith(prefix)) continue
      const doc = decodeDoc(text)
      if (filter.test(doc)) out.push(doc)
    }
    return out
  }

  insert(coll: string, doc: Doc): void {
    const key = idKey(doc._id)
    if (this.get(coll, key)) throw duplicateWrite(`collection: ${coll} index: _id_`)
    this.lock(coll, key)
    this.stage({ kind: 'insert', coll, doc })
  }

  replace(coll: string, doc: Doc): void {
    this.lock(coll, idKey(doc._id))
    this.stage({ kind: 'replace', coll, doc })
  }

  remove(coll: string, doc: Doc): void {
    const key = idKey(doc._id)
    this.lock(coll, key)
    this.stage({ kind: 'remove', coll, key })
  }

  commit(): void {
    this.assertOpen()
    try {
      this.store.atomically(() => {
        // Locks keep everyone else's writes out, so this holds unless a lock expired underneath: be sure.
        for (const { coll, key, rev } of this.written.values()) {
          if (this.store.revOf(coll, key) !== rev) throw writeConflict()
        }
        this.replay()
      })
    } finally {
      this.end()
    }
  }

  /** Drops everything staged and releases the snapshot and the locks. Safe to call twice. */
  end(): void {
    if (this.done) return
    this.done = true
    this.snapshot?.release()
    for (const { coll, key } of this.written.values()) this.locks.release(coll, key, this)
    this.finish()
  }

  private assertOpen(): void {
    if (this.done) throw notExist()
  }

  /** The snapshot, taken at the transaction's first operation. */
  private base(): Snapshot {
    this.assertOpen()
    this.snapshot ??= this.store.openSnapshot()
    return this.snapshot
  }

  /** Takes the document's lock, or fails — and aborts the transaction — on a write conflict. */
  private lock(coll: string, key: string): void {
    const k = lockKey(coll, key)
    if (this.written.has(k)) return
    const rev = this.base().revOf(coll, key)
    const holder = this.locks.holder(coll, key)
    if ((holder && holder !== this) || this.store.revOf(coll, key) !== rev) {
      this.end()
      throw writeConflict()
    }
    this.locks.take(coll, key, this)
    this.written.set(k, { coll, key, rev })
  }

  private stage(op: Op): void {
    const k = lockKey(op.coll, op.kind === 'remove' ? op.key : idKey(op.doc._id))
    const had = this.staged.has(k)
    const previous = this.staged.get(k)
    let text: string | null = null
    if (op.kind !== 'remove') {
      this.store.checkIndexedFields(op.coll, op.doc)
      text = encodeDoc(op.doc)
      // The log keeps its own copy: the caller's object may change after this call.
      op = { ...op, doc: decodeDoc(text) }
    }
    this.log.push(op)
    this.staged.set(k, text)
    try {
      this.store.dryRun(() => this.replay())
    } catch (e) {
      this.log.pop()
      if (had) this.staged.set(k, previous!)
      else this.staged.delete(k)
      throw e
    }
  }

  private replay(): void {
    for (const op of this.log) {
      if (op.kind === 'insert') this.store.insert(op.coll, op.doc)
      else if (op.kind === 'replace') this.store.replace(op.coll, op.doc)
      else this.store.remove(op.coll, op.key)
    }
  }
}

/** Open transactions by id. */
export class Transactions {
  private readonly open = new Map<string, Transaction>()

  constructor(
    private readonly store: Store,
    readonly locks: Locks = new Locks(),
    private readonly clock: () => number = Date.now,
  ) {}

  start(): string {
    this.sweep()
    if (this.open.size >= MAX_OPEN)
      throw new CloudError('DATABASE_TRANSACTION_FAIL', '[LimitExceeded] too many open transactions')
    const id = randomUUID().replace(/-/g, '')
    const t = new Transaction(this.store, this.locks, this.clock() + TRANSACTION_LIFETIME_MS)
    this.open.set(id, t)
    // An abandoned transaction must not hold its locks (and its snapshot) for ever.
    const timer = setTimeout(() => this.forget(id), TRANSACTION_LIFETIME_MS)
    timer.unref()
    void t.ended.then(() => clearTimeout(timer))
    return id
  }

  get(id: unknown): Transaction {
    const t = typeof id === 'string' ? this.open.get(id) : undefined
    if (!t || !t.isOpen || t.expiresAt <= this.clock()) {
      if (typeof id === 'string') this.forget(id)
      throw notExist()
    }
    return t
  }

  /** Commits and forgets the transaction, whatever the outcome: a failed commit cannot be retried, only re-run. */
  commit(id: unknown): void {
    const t = this.get(id)
    try {
      t.commit()
    } finally {
      this.open.delete(id as string)
    }
  }

  abort(id: unknown): void {
    this.get(id)
    this.forget(id as string)
  }

  /** Ends every open transaction (when the cloud shuts down). */
  close(): void {
    for (const id of [...this.open.keys()]) this.forget(id)
  }

  private forget(id: string): void {
    this.open.get(id)?.end()
    this.open.delete(id)
  }

  private sweep(): void {
    const now = this.clock()
    for (const [id, t] of this.open) if (t.expiresAt <= now || !t.isOpen) this.forget(id)
  }
}
