import { sdkCloud, type Db, type Tx } from '../helpers/sdk-cloud'

/**
 * What a document may hold and how it comes back, through the real node-sdk: ids that are numbers or
 * ObjectIds, ObjectIds in other fields, `$`-prefixed field names (refused), and updateAndReturn's count.
 */

const cloud = sdkCloud()
let db: Db
let _: Db['command']
beforeAll(() => ({ db, _ } = cloud))
const scratch = () => cloud.scratch()

const HEX = '5f1d7c9e8b3a4c2d1e0f1a2b'

describe('ids', () => {
  it('a number _id is kept as that number: add returns it and doc(number) finds, updates and removes it', async () => {
    const c = await scratch()
    const added = await db.collection(c).add({ _id: 123, name: 'n' })
    expect(added.id).toBe(123)
    expect((await db.collection(c).doc(123).get()).data).toEqual([{ _id: 123, name: 'n' }])
    // The number and the string are different ids, as in MongoDB.
    expect((await db.collection(c).doc('123').get()).data).toEqual([])
    await db.collection(c).add({ _id: '123', name: 's' })
    expect(
      (
        await db
          .collection(c)
          .where({ _id: _.in([123, '123']) })
          .count()
      ).total,
    ).toBe(2)
    expect((await db.collection(c).doc(123).update({ name: 'm' })).updated).toBe(1)
    await expect(db.collection(c).add({ _id: 123 })).rejects.toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
    })
    expect((await db.collection(c).doc(123).remove()).deleted).toBe(1)
    expect((await db.collection(c).get()).data).toEqual([{ _id: '123', name: 's' }])
  })

  it('an ObjectId _id: add returns its hex string, and doc(hex) finds it', async () => {
    const c = await scratch()
    const added = await db.collection(c).add({ _id: db.ObjectId({ id: HEX }), name: 'o' })
    expect(added.id).toBe(HEX)
    expect((await db.collection(c).doc(HEX).get()).data).toEqual([{ _id: HEX, name: 'o' }])
    expect(
      (
        await db
          .collection(c)
          .where({ _id: db.ObjectId({ id: HEX }) })
          .get()
      ).data,
    ).toHaveLength(1)
    expect((await db.collection(c).doc(HEX).update({ name: 'p' })).updated).toBe(1)
    await expect(db.collection(c).add({ _id: db.ObjectId({ id: HEX }) })).rejects.toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
    })
  })

  it('numbers and ObjectIds as ids inside a transaction', async () => {
    const c = await scratch()
    const id = Date.now()
    await db.runTransaction(async (t: Tx) => {
      const res = await t.collection(c).add({ _id: id, n: 1 })
      expect(res.id).toBe(id)
      await t.collection(c).add({ _id: db.ObjectId({ id: HEX }), n: 2 })
      expect((await t.collection(c).doc(id).get()).data).toEqual({ _id: id, n: 1 })
      expect((await t.collection(c).doc(id).remove()).deleted).toBe(1)
    })
    expect((await db.collection(c).get()).data).toEqual([{ _id: HEX, n: 2 }])
  })

  it('refuses ids MongoDB refuses (arrays) and the kinds the local cloud does not store', async () => {
    const c = await scratch()
    await expect(db.collection(c).add({ _id: [1] })).rejects.toMatchObject({ code: 'INVALID_PARAM' })
    await expect(db.collection(c).add({ _id: { a: 1 } })).rejects.toMatchObject({ code: 'INVALID_PARAM' })
  })
})

describe('ObjectIds in other fields', () => {
  it('are stored as ObjectIds (found by ObjectId) and read back as their hex string', async () => {
    const c = await scratch()
    const { id } = await db
      .collection(c)
      .add({ ref: db.ObjectId({ id: HEX }), refs: [db.ObjectId({ id: HEX })] })
    const [doc] = (await db.collection(c).doc(id!).get()).data
    expect(doc).toEqual({ _id: id, ref: HEX, refs: [HEX] })
    expect(
      (
        await db
          .collection(c)
          .where({ ref: db.ObjectId({ id: HEX }) })
          .count()
      ).total,
    ).toBe(1)
    // A string is not an ObjectId, as in MongoDB.
    expect((await db.collection(c).where({ ref: HEX }).count()).total).toBe(0)
    const projected = await db.collection(c).where({}).field({ ref: true }).get()
    expect(projected.data).toEqual([{ _id: id, ref: HEX }])
    const aggregated = await db.collection(c).aggregate().project({ _id: 0, ref: 1 }).end()
    expect(aggregated.data).toEqual([{ ref: HEX }])
  })
})

describe('field names', () => {
  it('a field name starting with $ is refused with DATABASE_REQUEST_FAILED, at any depth and on every write', async () => {
    const c = await scratch()
    const refused = { code: 'DATABASE_REQUEST_FAILED' }
    await expect(db.collection(c).add({ $where: 1 })).rejects.toMatchObject(refused)
    await expect(db.collection(c).add({ a: { $bad: 1 } })).rejects.toMatchObject(refused)
    await expect(db.collection(c).add({ a: [{ $bad: 1 }] })).rejects.toMatchObject(refused)
    const { id } = await db.collection(c).add({ a: 1 })
    await expect(db.collection(c).doc(id!).set({ $x: 1 })).rejects.toMatchObject(refused)
    await expect(
      db
        .collection(c)
        .doc(id!)
        .update({ a: _.set({ $x: 1 }) }),
    ).rejects.toMatchObject(refused)
    await expect(
      db
        .collection(c)
        .doc(id!)
        .update({ list: _.push({ $x: 1 }) }),
    ).rejects.toMatchObject(refused)
    expect((await db.collection(c).get()).data).toEqual([{ _id: id, a: 1 }])
    // Inside a transaction too, and the transaction keeps nothing.
    await expect(
      db.runTransaction(async (t: Tx) => {
        await t.collection(c).add({ ok: true })
        await t.collection(c).add({ nested: { $ref: 'x' } })
      }),
    ).rejects.toMatchObject(refused)
    expect((await db.collection(c).count()).total).toBe(1)
  })
})

describe('updateAndReturn', () => {
  it('counts the matched document as updated even when nothing changed, as CloudBase counts matches', async () => {
    const c = await scratch()
    await db.collection(c).add({ _id: 'x', status: 'open', n: 1 })
    const same = await db.collection(c).where({ _id: 'x' }).updateAndReturn({ status: 'open' })
    expect(same).toMatchObject({ updated: 1, doc: { _id: 'x', status: 'open', n: 1 } })
    const changed = await db
      .collection(c)
      .where({ status: 'open' })
      .updateAndReturn({ n: _.inc(1) })
    expect(changed).toMatchObject({ updated: 1, doc: { _id: 'x', n: 2 } })
    const none = await db.collection(c).where({ status: 'closed' }).updateAndReturn({ n: 0 })
    expect(none).toMatchObject({ updated: 0, doc: null })
  })
})
