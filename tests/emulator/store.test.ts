import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Doc } from '../../emulator/cloud/ejson'
import { ObjectId } from 'bson'
import { compileFilter, shape } from '../../emulator/cloud/query'
import { keyExpr } from '../../emulator/cloud/rows'
import { Store } from '../../emulator/cloud/store'
import { Locks } from '../../emulator/cloud/locks'
import { TRANSACTION_LIFETIME_MS, Transactions } from '../../emulator/cloud/transactions'
import { seededRandom } from '../helpers/arbitrary'

/** The store below the protocol: index pushdown, index upkeep across restarts, transaction expiry. */

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'reopen-store-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const INDEXED = [
  { name: 'items', indexes: [{ name: 'by_a_b', keys: { a: 1 as const, 'b.c': -1 as const } }] },
]

describe('pushdown', () => {
  it('gives exactly the answers of a full scan, whatever the types in the indexed fields', () => {
    const store = new Store(path.join(dir, 'db.sqlite'))
    store.declareCollections(INDEXED)
    const rnd = seededRandom(7)
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

  it('sorts, pages and counts in SQL exactly as the JS path does, and takes the SQL path for plain filters', () => {
    const store = new Store(path.join(dir, 'db.sqlite'))
    store.declareCollections(INDEXED)
    const rnd = seededRandom(11)
    // Every kind an indexed field may hold, strings whose UTF-8 and UTF-16 orders differ, and ties.
    const values: unknown[] = [
      null,
      undefined,
      0,
      1,
      1.5,
      -2,
      10,
      'a',
      'b',
      'B',
      '',
      '10',
      '\uE000',
      '\u{1F600}',
      'a\uFFFF',
      true,
      false,
    ]
    const pick = () => values[Math.floor(rnd() * values.length)]
    const ids: unknown[] = []
    for (let i = 0; i < 200; i++) {
      const kind = rnd()
      const _id = kind < 0.1 ? i * 1.5 - 40 : kind < 0.2 ? new ObjectId() : `${Math.floor(rnd() * 1e6)}-${i}`
      ids.push(_id)
      const doc: Doc = { _id: _id as Doc['_id'], n: i }
      const a = pick()
      const c = pick()
      if (a !== undefined) doc.a = a
      if (c !== undefined) doc.b = { c }
      store.insert('items', doc)
    }
    const orders: Record<string, 1 | -1>[] = [
      { a: 1 },
      { a: -1 },
      { 'b.c': 1, a: -1 },
      { a: 1, _id: 1 },
      { _id: -1 },
      { 'b.c': -1, _id: 1 },
    ]
    const queries: (Record<string, unknown> | undefined)[] = [undefined, {}]
    for (const v of values.filter((x) => x !== undefined)) {
      queries.push({ a: v }, { 'b.c': { $eq: v } }, { a: { $in: [v, 'b'] } })
      if (typeof v === 'number') queries.push({ a: { $gt: v } }, { 'b.c': { $lte: v }, a: { $gte: -5 } })
    }
    queries.push({ $and: [{ a: { $gte: 0 } }, { 'b.c': 'a' }] }, { a: { $in: [] } }, { a: { $ne: 1 } })
    const indexed = store.indexedPaths('items')
    let pushed = 0
    for (const q of queries) {
      const filter = compileFilter(q, indexed)
      const all = store.find('items', compileFilter(q, new Set())).map((s) => s.doc)
      if (!filter.where.exact) continue
      pushed++
      expect({ q, n: store.countWhere('items', filter) }).toEqual({ q, n: all.length })
      for (const order of orders) {
        for (const [offset, limit] of [
          [0, 1000],
          [3, 7],
          [150, 100],
        ] as const) {
          const sql = store.page('items', filter, order, offset, limit).map((s) => s.doc.n)
          const js = shape(all, { order, offset, limit }).map((d) => d.n)
          expect({ q, order, offset, ids: sql }).toEqual({ q, order, offset, ids: js })
        }
      }
    }
    // Booleans, 0/1, ranges and null are pushed with their guards; $in with a boolean-like value and $ne are not.
    expect(compileFilter({ a: false, 'b.c': { $gt: 1 } }, indexed).where.exact).toBe(true)
    expect(compileFilter({ a: { $in: [1, 'x'] } }, indexed).where.exact).toBe(false)
    expect(compileFilter({ a: { $ne: 1 } }, indexed).where.exact).toBe(false)
    expect(compileFilter({ a: 'x', other: 1 }, indexed).where.exact).toBe(false)
    expect(pushed).toBeGreaterThan(40)
    store.close()
  })

  it('walks an index for the page when the sort field holds numbers only, and ranks by type when it does not', () => {
    const store = new Store(path.join(dir, 'db.sqlite'))
    store.declareCollections([{ name: 'events', indexes: [{ name: 'by_s_t', keys: { s: 1, t: -1 } }] }])
    const rnd = seededRandom(5)
    // Street "n" holds numbers only (ties, 0 and 1 among them); the others each hold one odd value among numbers.
    const odd: Record<string, unknown> = {
      n: 2,
      bool: true,
      zero: false,
      text: 'x',
      missing: undefined,
      nul: null,
    }
    let n = 0
    for (const [s, v] of Object.entries(odd)) {
      for (let i = 0; i < 60; i++) {
        const t = i === 30 ? v : [0, 1, 2.5, -3][i % 4]! * Math.floor(rnd() * 5)
        const doc: Doc = { _id: `e${n}`, s, n: n++ }
        if (t !== undefined) doc.t = t
        store.insert('events', doc)
      }
    }
    const indexed = store.indexedPaths('events')
    for (const s of Object.keys(odd)) {
      const filter = compileFilter({ s }, indexed)
      const all = store.find('events', compileFilter({ s }, new Set())).map((x) => x.doc)
      for (const order of [{ t: -1 }, { t: 1 }] as const) {
        for (const [offset, limit] of [
          [0, 5],
          [20, 20],
          [0, 100],
        ] as const) {
          const sql = store.page('events', filter, order, offset, limit).map((x) => x.doc.n)
          const js = shape(all, { order, offset, limit }).map((d) => d.n)
          expect({ s, order, offset, ids: sql }).toEqual({ s, order, offset, ids: js })
        }
      }
    }
    // The statement page() runs for street "n": SQLite walks by_s_t and stops after the page, sorting nothing.
    const { where } = compileFilter({ s: 'n' }, indexed)
    const plan = store.sqlite
      .prepare(
        `EXPLAIN QUERY PLAN SELECT doc, rev FROM "c_events" WHERE ${where.sql} ORDER BY ${keyExpr('t')} DESC, rowid LIMIT ? OFFSET ?`,
      )
      .all(...where.params, 5, 0)
    expect(JSON.stringify(plan)).toContain('i:events:by_s_t')
    expect(JSON.stringify(plan)).not.toContain('TEMP B-TREE')
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

describe('documents shared with read-only callers (an aggregation that groups)', () => {
  it('are the stored documents at their latest revision, frozen, and the same as a plain read', () => {
    const store = new Store(path.join(dir, 'db.sqlite'))
    store.declareCollections(INDEXED)
    for (let i = 0; i < 20; i++) store.insert('items', { _id: `d${i}`, a: i % 3, b: { c: i }, tags: [i] })
    const filter = compileFilter({ a: 1 }, store.indexedPaths('items'))
    const plain = () => store.find('items', filter).map((s) => s.doc)
    const shared = () => store.find('items', filter, true).map((s) => s.doc)
    expect(shared()).toEqual(plain())
    // A write moves the revision: the next read sees it; a removed document is gone; a new one comes.
    store.replace('items', { _id: 'd1', a: 1, b: { c: 100 }, tags: [] })
    store.remove('items', 'd4')
    store.insert('items', { _id: 'd99', a: 1, b: { c: 99 } })
    expect(shared()).toEqual(plain())
    expect(shared().find((d) => d._id === 'd1')).toMatchObject({ b: { c: 100 } })
    // Frozen all the way down, so no caller can change what the next one reads.
    const doc = shared()[0]!
    expect(Object.isFrozen(doc) && Object.isFrozen(doc.b) && Object.isFrozen(doc.tags)).toBe(true)
    // A caller that may change what it reads gets its own copy.
    expect(Object.isFrozen(plain()[0])).toBe(false)
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
