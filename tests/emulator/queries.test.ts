import { sdkCloud, type Db } from '../helpers/sdk-cloud'

/**
 * Query operators through the real node-sdk where the query library in use (mingo) differs from MongoDB:
 * `$elemMatch` over arrays of plain values, `$mod` over non-numbers, and `$jsonSchema`, which it leaves to its
 * user. Each expectation is MongoDB's documented behaviour.
 */

const cloud = sdkCloud()
let db: Db
let _: Db['command']
beforeAll(() => ({ db, _ } = cloud))
/** `_.mod([divisor, remainder])` (node-sdk's typings declare it without parameters). */
const mod = (divisor: number, remainder: number) =>
  (_.mod as unknown as (v: number[]) => ReturnType<Db['command']['eq']>)([divisor, remainder])

describe('$elemMatch', () => {
  let c: string
  beforeAll(async () => {
    c = await cloud.scratch()
    await db.collection(c).add([
      { _id: 'numbers', a: [1, 2, 3] },
      { _id: 'strings', a: ['x', 'abc'] },
      { _id: 'docs', a: [{ k: 1 }, { k: 4, tag: 'x' }] },
      { _id: 'mixed', a: [5, { k: 2 }] },
      { _id: 'nulls', a: [null] },
      { _id: 'not-array', a: { k: 1 } },
    ])
  })
  const ids = async (cond: unknown) =>
    (await db.collection(c).where({ a: cond }).orderBy('_id', 'asc').get()).data.map((d) => d._id)

  it('with field conditions matches only arrays holding a document that satisfies them', async () => {
    expect(await ids(_.elemMatch({ k: _.gt(1) }))).toEqual(['docs', 'mixed'])
    expect(await ids(_.elemMatch({ k: _.neq(1) }))).toEqual(['docs', 'mixed'])
    expect(await ids(_.elemMatch({ k: _.nin([1]) }))).toEqual(['docs', 'mixed'])
    expect(await ids(_.elemMatch({ tag: _.exists(false) }))).toEqual(['docs', 'mixed'])
    expect(await ids(_.elemMatch({ length: 3 }))).toEqual([])
  })

  it('$exists and $mod inside it behave the same way', async () => {
    expect(await ids(_.elemMatch({ k: _.exists(true) }))).toEqual(['docs', 'mixed'])
    expect(await ids(_.elemMatch({ k: mod(2, 0) }))).toEqual(['docs', 'mixed'])
  })

  it('with operator conditions applies to the elements themselves', async () => {
    expect(await ids(_.elemMatch(_.lt(2)))).toEqual(['numbers'])
    expect(await ids(_.elemMatch(_.eq('abc')))).toEqual(['strings'])
    expect(await ids(_.elemMatch(mod(5, 0)))).toEqual(['mixed'])
  })
})

describe('$mod', () => {
  it('matches numbers only, a fraction truncated; never strings, booleans, null or a missing field', async () => {
    const c = await cloud.scratch()
    await db
      .collection(c)
      .add([
        { _id: 'four', n: 4 },
        { _id: 'four-and-a-half', n: 4.5 },
        { _id: 'five', n: 5 },
        { _id: 'string', n: '4' },
        { _id: 'true', n: true },
        { _id: 'null', n: null },
        { _id: 'missing' },
        { _id: 'array', n: [3, 6] },
      ])
    const ids = async (q: unknown) =>
      (await db.collection(c).where({ n: q }).orderBy('_id', 'asc').get()).data.map((d) => d._id)
    expect(await ids(mod(2, 0))).toEqual(['array', 'four', 'four-and-a-half'])
    expect(await ids(mod(2, 1))).toEqual(['array', 'five'])
    await expect(ids(mod(0, 1))).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' })
  })
})

describe('$jsonSchema', () => {
  let c: string
  beforeAll(async () => {
    c = await cloud.scratch()
    await db.collection(c).add([
      { _id: 'ok', name: '张伟', age: 30, phone: '13800000001', tags: ['a'] },
      { _id: 'young', name: '李娜', age: 16, phone: '13800000011' },
      { _id: 'no-phone', name: '王强', age: 40 },
      { _id: 'bad-phone', name: '刘洋', age: 41, phone: '123' },
      { _id: 'age-string', name: '陈静', age: '30', phone: '13800000021' },
      { _id: 'extra', name: '赵磊', age: 50, phone: '13800000031', tags: ['a', 'a'] },
      { _id: 'at', name: '孙丽', age: 33, phone: '13800000041', at: new Date('2020-02-10T00:00:00Z') },
    ])
  })
  const schema = {
    bsonType: 'object',
    required: ['name', 'age', 'phone'],
    properties: {
      name: { bsonType: 'string', minLength: 2, maxLength: 4 },
      age: { bsonType: 'int', minimum: 18, maximum: 120 },
      phone: { bsonType: 'string', pattern: '^1\\d{10}$' },
      tags: { bsonType: 'array', items: { enum: ['a', 'b'] }, uniqueItems: true },
      at: { bsonType: 'date' },
    },
  }
  const ids = async (q: Record<string, unknown>) =>
    (await db.collection(c).where(q).orderBy('_id', 'asc').get()).data.map((d) => d._id)

  it('selects the documents that satisfy the schema', async () => {
    expect(await ids({ $jsonSchema: schema })).toEqual(['at', 'ok'])
  })

  it('under $nor selects the documents that do not', async () => {
    expect(await ids(_.nor([{ $jsonSchema: schema }]) as unknown as Record<string, unknown>)).toEqual([
      'age-string',
      'bad-phone',
      'extra',
      'no-phone',
      'young',
    ])
  })

  it('supports MongoDB’s draft-4 forms: type, exclusive bounds, additionalProperties, dependencies', async () => {
    expect(
      await ids({
        $jsonSchema: {
          type: 'object',
          properties: { age: { type: 'number', minimum: 30, exclusiveMinimum: true } },
          required: ['age'],
        },
      }),
    ).toEqual(['at', 'bad-phone', 'extra', 'no-phone'])
    expect(
      await ids({
        $jsonSchema: { additionalProperties: false, properties: { _id: {}, name: {}, age: {} } },
      }),
    ).toEqual(['no-phone'])
    expect(await ids({ $jsonSchema: { dependencies: { tags: ['at'] } } })).toEqual([
      'age-string',
      'at',
      'bad-phone',
      'no-phone',
      'young',
    ])
  })

  it('refuses keywords MongoDB does not support', async () => {
    await expect(ids({ $jsonSchema: { $ref: '#/x' } })).rejects.toMatchObject({
      code: 'DATABASE_REQUEST_FAILED',
    })
    await expect(ids({ $jsonSchema: { type: 'integer' } })).rejects.toMatchObject({
      code: 'DATABASE_REQUEST_FAILED',
    })
  })
})
