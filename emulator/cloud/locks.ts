import type { Doc } from './ejson'
import { idKey } from './ids'
import type { Filter } from './rows'
import type { DocView, Store } from './store'

/**
 * Document locks held by open transactions, as MongoDB holds them: a transaction that writes a document keeps it
 * locked until it commits or aborts. Another transaction's write to it fails at once with a write conflict (see
 * transactions.ts); a write outside any transaction waits until the lock is released, then goes ahead.
 */

export interface LockHolder {
  /** Settles when the holder commits, aborts or expires, releasing all its locks. */
  readonly ended: Promise<void>
}

/** Thrown by a write outside any transaction that hit a locked document; the request waits and runs again. */
export class Locked extends Error {
  constructor(readonly holder: LockHolder) {
    super('the document is locked by an open transaction')
  }
}

export const lockKey = (coll: string, key: string) => `${coll}\u0000${key}`

export class Locks {
  private readonly held = new Map<string, LockHolder>()

  holder(coll: string, key: string): LockHolder | undefined {
    return this.held.get(lockKey(coll, key))
  }

  take(coll: string, key: string, holder: LockHolder): void {
    this.held.set(lockKey(coll, key), holder)
  }

  release(coll: string, key: string, holder: LockHolder): void {
    const k = lockKey(coll, key)
    if (this.held.get(k) === holder) this.held.delete(k)
  }
}

/** The store as requests outside any transaction see it: reads never wait; writes wait on transactions' locks. */
export class StoreView implements DocView {
  constructor(
    private readonly store: Store,
    private readonly locks: Locks,
  ) {}

  get(coll: string, key: string): Doc | undefined {
    return this.store.get(coll, key)?.doc
  }

  find(coll: string, filter: Filter): Doc[] {
    return this.store.find(coll, filter).map((s) => s.doc)
  }

  insert(coll: string, doc: Doc): void {
    this.unlocked(coll, idKey(doc._id))
    this.store.insert(coll, doc)
  }

  replace(coll: string, doc: Doc): void {
    this.unlocked(coll, idKey(doc._id))
    this.store.replace(coll, doc)
  }

  remove(coll: string, doc: Doc): void {
    const key = idKey(doc._id)
    this.unlocked(coll, key)
    this.store.remove(coll, key)
  }

  private unlocked(coll: string, key: string): void {
    const holder = this.locks.holder(coll, key)
    if (holder) throw new Locked(holder)
  }
}
