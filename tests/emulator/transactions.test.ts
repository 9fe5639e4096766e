import { sdkCloud, type Db, type Tx } from '../helpers/sdk-cloud'

/**
 * Transactions through the real node-sdk, as CloudBase runs them on MongoDB: snapshot isolation. Reads see the
 * database as of the transaction's first operation; a write to a document another open transaction wrote, or
 * that someone changed since the snapshot, fails at once with DATABASE_TRANSACTION_CONFLICT; documents only
 * read are not checked at commit. The expectations follow MongoDB's documented transaction behaviour and
 * node-sdk's own transaction tests (messages verbatim).
 */

const cloud = sdkCloud()
let db: Db
let _: Db['command']
beforeAll(() => ({ db, _ } = cloud))
const scratch = () => cloud.scratch()

const CONFLICT = {
  code: 'DATABASE_TRANSACTION_CONFLICT',
  message:
    '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
}
const GONE = {
  code: 'DATABASE_TRANSACTION_FAIL',
  message:
    '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.',
}

/** Resolves to 'pending' if `p` has not settled after `ms`. */
async function stateAfter(p: Promise<unknown>, ms: number): Promise<'settled' | 'pending'> {
  const timeout = new Promise<'pending'>((r) => setTimeout(() => r('pending'), ms))
  return Promise.race([p.then(() => 'settled' as const), timeout])
}

describe('atomicity', () => {
  it('a transaction sees its own writes and commits them together', async () => {
    const c = await scratch()
    const { id } = await db.collection(c).add({ balance: 10 })
    const result = await db.runTransaction(async (t: Tx) => {
      await t
        .collection(c)
        .doc(id!)
        .update({ balance: _.inc(-3) })
      const added = await t.collection(c).add({ balance: 3 })
      const mine = await t.collection(c).doc(id!).get()
      const created = await t.collection(c).doc(added.id!).get()
      const outside = await db.collection(c).doc(added.id!).get()
      const listed = await t
        .collection(c)
        .where({ balance: _.gte(0) })
        .get()
      return { mine: mine.data, created: created.data, outside: outside.data, listed: listed.data.length }
    })
    expect(result.mine).toMatchObject({ balance: 7 })
    expect(result.created).toMatchObject({ balance: 3 })
    expect(result.outside).toEqual([])
    expect(result.listed).toBe(2)
    const all = await db.collection(c).orderBy('balance', 'asc').get()
    expect(all.data.map((d) => d.balance)).toEqual([3, 7])
  })

  it('a throw inside runTransaction leaves nothing behind', async () => {
    const c = await scratch()
    const { id } = await db.collection(c).add({ v: 1 })
    await expect(
      db.runTransaction(async (t: Tx) => {
        await t.collection(c).add({ v: 2 })
        await t.collection(c).doc(id!).update({ v: 100 })
        await t.collection(c).doc(id!).remove()
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect((await db.collection(c).get()).data).toEqual([{ _id: id, v: 1 }])
  })

  it('rolls back explicitly, in runTransaction and with startTransaction', async () => {
    const c = await scratch()
    await expect(
      db.runTransaction(async (t: Tx) => {
        await t.collection(c).add({ v: 1 })
        await t.rollback('changed my mind')
      }),
    ).rejects.toBe('changed my mind')
    const t = await db.startTransaction()
    await t.collection(c).doc('d1').set({ v: 2 })
    expect((await t.collection(c).doc('d1').get()).data).toMatchObject({ v: 2 })
    await t.rollback()
    expect((await db.collection(c).count()).total).toBe(0)
  })

  it('commits with startTransaction/commit', async () => {
    const c = await scratch()
    const t = await db.startTransaction()
    await t.collection(c).doc('k').create({ v: 1 })
    await t.commit()
    expect((await db.collection(c).doc('k').get()).data).toEqual([{ _id: 'k', v: 1 }])
  })

  it('a duplicate key inside a transaction fails at that write and the transaction rolls back whole', async () => {
    await db.collection('invites').add({ code: 'TX-DUP', scope: { streetId: 's1' }, createdAt: 1 })
    await expect(
      db.runTransaction(async (t: Tx) => {
        await t.collection('invites').add({ code: 'TX-NEW', scope: { streetId: 's1' }, createdAt: 2 })
        await t.collection('invites').add({ code: 'TX-DUP', scope: { streetId: 's1' }, createdAt: 3 })
      }),
    ).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
    expect((await db.collection('invites').where({ code: 'TX-NEW' }).count()).total).toBe(0)
  })
})

describe('snapshot reads', () => {
  it('see the database as of the first operation, whatever others commit afterwards', async () => {
    const c = await scratch()
    await db.collection(c).add([
      { _id: 'a', n: 1 },
      { _id: 'b', n: 2 },
      { _id: 'gone', n: 3 },
    ])
    const t = await db.startTransaction()
    expect((await t.collection(c).doc('a').get()).data).toEqual({ _id: 'a', n: 1 })
    // Committed by others after the snapshot: a change, a new document, a removal.
    await db.collection(c).doc('a').update({ n: 10 })
    await db.collection(c).doc('b').update({ n: 20 })
    await db.collection(c).add({ _id: 'new', n: 4 })
    await db.collection(c).doc('gone').remove()

    expect((await t.collection(c).doc('a').get()).data).toEqual({ _id: 'a', n: 1 })
    expect((await t.collection(c).doc('b').get()).data).toEqual({ _id: 'b', n: 2 })
    expect((await t.collection(c).doc('new').get()).data).toBeNull()
    const listed = await t
      .collection(c)
      .where({ n: _.gte(1) })
      .orderBy('n', 'asc')
      .get()
    expect(listed.data).toEqual([
      { _id: 'a', n: 1 },
      { _id: 'b', n: 2 },
      { _id: 'gone', n: 3 },
    ])
    await t.commit()
    expect((await db.collection(c).orderBy('n', 'asc').get()).data.map((d) => d.n)).toEqual([4, 10, 20])
  })

  it('the snapshot is taken at the first operation, not at startTransaction (as in MongoDB)', async () => {
    const c = await scratch()
    const t = await db.startTransaction()
    await db.collection(c).add({ _id: 'before-first-read', n: 1 })
    expect((await t.collection(c).where({ n: 1 }).get()).data).toHaveLength(1)
    await t.commit()
  })
})

describe('write conflicts', () => {
  it('are detected at the write: a document another open transaction wrote cannot be written', async () => {
    const c = await scratch()
    await db.collection(c).add({ _id: 'd', category: 'web' })
    const t1 = await db.startTransaction()
    const t2 = await db.startTransaction()
    const seen = await t1.collection(c).doc('d').get()
    await t2.collection(c).doc('d').update({ category: 't2' })
    await expect(
      t1
        .collection(c)
        .doc('d')
        .update({ category: `${seen.data.category}+t1` }),
    ).rejects.toMatchObject(CONFLICT)
    // A write conflict aborts the transaction, as MongoDB does; t2 is unaffected.
    await expect(t1.commit()).rejects.toMatchObject(GONE)
    await t2.commit()
    expect((await db.collection(c).doc('d').get()).data[0].category).toBe('t2')
  })

  it('a document changed and committed by others since the snapshot cannot be written (read skew)', async () => {
    const c = await scratch()
    await db.collection(c).add({ _id: 'd', n: 0 })
    const t = await db.startTransaction()
    await t.collection(c).doc('d').get()
    await db.collection(c).doc('d').update({ n: 5 })
    await expect(t.collection(c).doc('d').update({ n: 1 })).rejects.toMatchObject(CONFLICT)
    expect((await db.collection(c).doc('d').get()).data[0].n).toBe(5)
  })

  it('a document only read does not fail the commit when someone else changes it (no read-set check)', async () => {
    const c = await scratch()
    await db.collection(c).add([
      { _id: 'read', n: 0 },
      { _id: 'written', n: 0 },
    ])
    let runs = 0
    await db.runTransaction(async (t: Tx) => {
      runs++
      const { data } = await t.collection(c).doc('read').get()
      await db.collection(c).doc('read').update({ n: 99 })
      await t
        .collection(c)
        .doc('written')
        .update({ n: data.n + 1 })
    })
    expect(runs).toBe(1)
    expect((await db.collection(c).orderBy('_id', 'asc').get()).data).toEqual([
      { _id: 'read', n: 99 },
      { _id: 'written', n: 1 },
    ])
  })

  it('write skew is allowed, as under snapshot isolation: two transactions each read one and write the other', async () => {
    const c = await scratch()
    await db.collection(c).add([
      { _id: '1', on: true },
      { _id: '2', on: true },
    ])
    const t1 = await db.startTransaction()
    const t2 = await db.startTransaction()
    const one = await t1.collection(c).doc('1').get()
    const two = await t2.collection(c).doc('2').get()
    await t1.collection(c).doc('2').update({ on: !one.data.on })
    await t2.collection(c).doc('1').update({ on: !two.data.on })
    await t1.commit()
    await t2.commit()
    expect((await db.collection(c).where({ on: false }).count()).total).toBe(2)
  })

  it('concurrent increments through runTransaction all land: a conflict makes it run the callback again', async () => {
    const c = await scratch()
    const { id } = await db.collection(c).add({ n: 0 })
    const increment = () =>
      db.runTransaction(async (t: Tx) => {
        const { data } = await t.collection(c).doc(id!).get()
        await t
          .collection(c)
          .doc(id!)
          .update({ n: data.n + 1 })
      })
    const results = await Promise.allSettled([increment(), increment()])
    const landed = results.filter((r) => r.status === 'fulfilled').length
    expect((await db.collection(c).doc(id!).get()).data[0].n).toBe(landed)
    expect(landed).toBeGreaterThanOrEqual(1)
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject(CONFLICT)
  })
})

describe('operations without the transaction id', () => {
  it('run outside the transaction, even inside the runTransaction callback', async () => {
    const c = await scratch()
    await expect(
      db.runTransaction(async (t: Tx) => {
        await db.collection(c).add({ _id: 'outside', n: 1 })
        await t.collection(c).add({ _id: 'inside', n: 2 })
        // Visible to everyone at once, before the transaction ends...
        expect((await db.collection(c).doc('outside').get()).data).toHaveLength(1)
        expect((await db.collection(c).doc('inside').get()).data).toHaveLength(0)
        throw new Error('give up')
      }),
    ).rejects.toThrow('give up')
    // ...and not undone by its rollback.
    expect((await db.collection(c).get()).data).toEqual([{ _id: 'outside', n: 1 }])
  })

  it('an outside write to a document the transaction read happens once, and the transaction still commits', async () => {
    const c = await scratch()
    await db.collection(c).add({ _id: 'counter', n: 0 })
    let runs = 0
    await db.runTransaction(async (t: Tx) => {
      runs++
      await t.collection(c).doc('counter').get()
      await db
        .collection(c)
        .doc('counter')
        .update({ n: _.inc(1) })
      await t.collection(c).add({ _id: `inside-${runs}` })
    })
    expect(runs).toBe(1)
    expect((await db.collection(c).orderBy('_id', 'asc').get()).data).toEqual([
      { _id: 'counter', n: 1 },
      { _id: 'inside-1' },
    ])
  })

  it('count(), where().update() and where().remove() of a transaction run outside it: node-sdk sends no id', async () => {
    const c = await scratch()
    await db.collection(c).add({ _id: 'a', n: 1 })
    const t = await db.startTransaction()
    expect((await t.collection(c).doc('a').get()).data).toEqual({ _id: 'a', n: 1 })
    await db.collection(c).add({ _id: 'b', n: 2 })
    // The snapshot does not hold b, but count() is answered outside the transaction.
    expect(
      (
        await t
          .collection(c)
          .where({ n: _.gte(1) })
          .get()
      ).data,
    ).toHaveLength(1)
    expect(
      (
        await t
          .collection(c)
          .where({ n: _.gte(1) })
          .count()
      ).total,
    ).toBe(2)
    expect((await t.collection(c).where({ _id: 'b' }).update({ n: 3 })).updated).toBe(1)
    await t.rollback()
    expect((await db.collection(c).doc('b').get()).data[0].n).toBe(3)
  })

  it('a write to a document an open transaction wrote waits for it to end, then goes ahead', async () => {
    const c = await scratch()
    await db.collection(c).add({ _id: 'd', n: 0, m: 0 })
    const t = await db.startTransaction()
    await t.collection(c).doc('d').update({ n: 1 })
    const outside = db.collection(c).doc('d').update({ m: 2 })
    expect(await stateAfter(outside, 150)).toBe('pending')
    // Reads never wait: they see the last committed state.
    expect((await db.collection(c).doc('d').get()).data[0]).toEqual({ _id: 'd', n: 0, m: 0 })
    await t.commit()
    expect((await outside).updated).toBe(1)
    expect((await db.collection(c).doc('d').get()).data[0]).toEqual({ _id: 'd', n: 1, m: 2 })
  })
})

describe('a transaction that has ended', () => {
  it('answers DATABASE_TRANSACTION_FAIL with CloudBase message after commit, rollback, or when unknown', async () => {
    const c = await scratch()
    const committed = await db.startTransaction()
    await committed.commit()
    await expect(committed.collection(c).doc('1').set({ category: 'Node.js' })).rejects.toMatchObject(GONE)
    await expect(committed.commit()).rejects.toMatchObject(GONE)

    const aborted = await db.startTransaction()
    await aborted.collection(c).add({ v: 1 })
    await aborted.rollback()
    await expect(aborted.collection(c).doc('1').get()).rejects.toMatchObject(GONE)
    await expect(aborted.collection(c).where({}).get()).rejects.toMatchObject(GONE)
    expect((await db.collection(c).count()).total).toBe(0)
  })
})
