import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Doc } from '../../emulator/cloud/ejson'
import { compileFilter } from '../../emulator/cloud/query'
import { Store } from '../../emulator/cloud/store'
import { Locks } from '../../emulator/cloud/locks'
import { TRANSACTION_LIFETIME_MS, Transactions } from '../../emulator/cloud/transactions'

/** The store below the protocol: index pushdown, index upkeep across restarts, transaction expiry. */

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'reopen-store-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const INDEXED = [
  { name: 'items', indexes: [{ name: 'by_a_b', keys: { a: 1 as const, 'b.c': -1 as const } }] },
]

/** A small deterministic generator, so a failure is reproducible. */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed / 2 ** 31
  }
}

describe('pushdown', () => {
  it('gives exactly the answers of a full scan, whatever the types in the indexed fields', () => {
    const store = new Store(path.join(dir, 'db.sqlite'))
    store.declareCollections(INDEXED)
    const rnd = random(7)
    const values: unknown[] = [null, undefined, 0, 1, 1.5, -2, 10, 'a', 'b', '', '10', true, false]
    const pick = () => values[Math.floor(rnd() * values.length)]
    for (let i = 0; i < 300; i++) {
      const doc: Doc = { _id: `d${i}` }
      const a = pick()
      const c = pick()
      if (a !== undefined) doc.a = a
      if (c !== undefined) doc.b = { c }
      store.insert('items', doc)
    }
    const queries: Record<string, unknown>[] = []
    for (const v of values.filter((x) => x !== undefined)) {
      queries.push({ a: v }, { 'b.c': v }, { a: { $eq: v } }, { a: { $in: [v, 'b'] } }, { a: { $ne: v } })
      if (typeof v === 'number') {
        for (const op of ['$gt', '$gte', '$lt', '$lte'])
          queries.push({ a: { [op]: v } }, { 'b.c': { [op]: v }, a: { $exists: true } })
      }
    }
    queries.push(
      { $and: [{ a: { $gte: 0 } }, { 'b.c': 'a' }] },
      { _id: { $in: ['d1', 'd2', 'nope'] } },
      { a: { $in: [] } },
    )
    const indexed = store.indexedPaths('items')
    for (const q of queries) {
      const pushed = store.find('items', compileFilter(q, indexed)).map((s) => s.doc._id)
      const scanned = store.find('items', compileFilter(q, new Set())).map((s) => s.doc._id)
      expect({ q, ids: pushed }).toEqual({ q, ids: scanned })
    }
    store.close()
  })

  it('uses the index for an equality on an indexed field', () => {
    const store = new Store(path.join(dir, 'db.sqlite'))
    store.declareCollections(INDEXED)
    const { where } = compileFilter({ a: 'x' }, store.indexedPaths('items'))
    const plan = store.sqlite
      .prepare(`EXPLAIN QUERY PLAN SELECT doc FROM "c_items" WHERE ${where.sql}`)
      .all(...where.params)
    expect(JSON.stringify(plan)).toContain('i:items:by_a_b')
    store.close()
  })
})

describe('index upkeep', () => {
  it('keeps data across restarts, rebuilds changed indexes and refuses one the stored data violates', () => {
    const file = path.join(dir, 'db.sqlite')
    let store = new Store(file)
    store.declareCollections(INDEXED)
    store.insert('items', { _id: '1', a: 'x', tags: ['t'] })
    store.insert('items', { _id: '2', a: 'x', tags: 'u' })
    store.close()

    store = new Store(file)
    expect(() =>
      store.declareCollections([
        { name: 'items', indexes: [{ name: 'by_a', keys: { a: 1 }, unique: true }] },
      ]),
    ).toThrow(/cannot build index by_a/)
    expect(() =>
      store.declareCollections([{ name: 'items', indexes: [{ name: 'by_tags', keys: { tags: 1 } }] }]),
    ).toThrow(/must hold a string, number or boolean, not an array/)
    store.declareCollections([
      { name: 'items', indexes: [{ name: 'by_id_copy', keys: { a: 1, _id: 1 }, unique: true }] },
    ])
    const indexes = store.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'i:%'")
      .all()
    expect(indexes).toEqual([{ name: 'i:items:by_id_copy' }])
    expect(store.count('items')).toBe(2)
    store.close()
  })
})

describe('transactions', () => {
  it('expire after 30 seconds without commit or abort', () => {
    const store = new Store(path.join(dir, 'db.sqlite'))
    store.declareCollections(INDEXED)
    let now = 1_000_000
    const transactions = new Transactions(store, new Locks(), () => now)
    const id = transactions.start()
    transactions.get(id).insert('items', { _id: 'late', a: 'x' })
    now += TRANSACTION_LIFETIME_MS
    expect(() => transactions.commit(id)).toThrow(
      expect.objectContaining({ code: 'DATABASE_TRANSACTION_FAIL' }),
    )
    expect(store.get('items', 'late')).toBeUndefined()
    store.close()
  })
})
