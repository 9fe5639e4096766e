import tcb from '@cloudbase/node-sdk'
import type { RunningServer } from '../../emulator/server'
import { rawAdmin, type AdminReply } from '../helpers/admin'
import { sdkCloud, type App, type Db } from '../helpers/sdk-cloud'

/**
 * The emulator through the real @cloudbase/node-sdk, initialised exactly as a deployed function does it. Every
 * expectation here is CloudBase behaviour that function code depends on. Transactions, ids, query operators,
 * aggregation expressions and geo queries have files of their own next to this one.
 */

const cloud = sdkCloud()
let server: RunningServer
let app: App
let db: Db
let _: Db['command']
beforeAll(() => ({ server, app, db, _ } = cloud))
const scratch = () => cloud.scratch()

/** A raw request to the SDK endpoint, signed with the environment's key, for what the SDK itself never sends. */
async function admin(body: Record<string, unknown> | string): Promise<AdminReply> {
  return rawAdmin(server.url, body, { credentials: server.cloud.credentials })
}

describe('SDK setup', () => {
  it('works with tcb.init({env: SYMBOL_CURRENT_ENV}) and only the environment the server sets', async () => {
    expect(process.env.SCF_NAMESPACE).toBe('reopen-local')
    const { total } = await db.collection('streets').count()
    expect(total).toBe(0)
  })

  it('refuses another environment id, like CloudBase refuses an unknown one', async () => {
    const other = tcb.init({ env: 'someone-else' })
    await expect(other.database().collection('streets').count()).rejects.toMatchObject({
      code: 'INVALID_ENV',
    })
  })
})

describe('documents', () => {
  it('add returns a 32-hex id; doc().get returns an array, empty when missing', async () => {
    const { id } = await db.collection('streets').add({ name: '东湖街道', order: 1 })
    expect(id).toMatch(/^[0-9a-f]{32}$/)
    const found = await db.collection('streets').doc(id!).get()
    expect(found.data).toEqual([{ _id: id, name: '东湖街道', order: 1 }])
    const missing = await db.collection('streets').doc('no-such-id').get()
    expect(missing.data).toEqual([])
  })

  it('adds an array of documents and honours a given _id', async () => {
    const c = await scratch()
    const res = await db.collection(c).add([{ n: 1 }, { _id: 'fixed', n: 2 }])
    expect(res.ids).toHaveLength(2)
    expect(res.ids![1]).toBe('fixed')
    await expect(db.collection(c).add({ _id: 'fixed', n: 3 })).rejects.toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
    })
  })

  it('writes and reads fail on a collection that was never created', async () => {
    await expect(db.collection('never_created').add({ a: 1 })).rejects.toMatchObject({
      code: 'DATABASE_COLLECTION_NOT_EXIST',
    })
    await expect(db.collection('never_created').where({}).get()).rejects.toMatchObject({
      code: 'DATABASE_COLLECTION_NOT_EXIST',
    })
    await expect(db.collection('never_created').doc('x').update({ a: 1 })).rejects.toMatchObject({
      code: 'DATABASE_COLLECTION_NOT_EXIST',
    })
  })

  it('createCollection makes a collection writable once; a second create fails', async () => {
    const c = await scratch()
    await db.collection(c).add({ ok: true })
    await expect(db.createCollection(c)).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_ALREADY_EXIST' })
  })

  it('update of a missing document answers updated: 0 without an error', async () => {
    const res = await db.collection('streets').doc('missing').update({ name: 'x' })
    expect(res.updated).toBe(0)
  })

  it('update merges nested objects; _.set replaces them; an unchanged value counts as not updated', async () => {
    const c = await scratch()
    const { id } = await db.collection(c).add({ profile: { name: 'a', phone: '1' }, tags: ['x'] })
    expect(
      (
        await db
          .collection(c)
          .doc(id!)
          .update({ profile: { name: 'b' } })
      ).updated,
    ).toBe(1)
    expect((await db.collection(c).doc(id!).get()).data[0].profile).toEqual({ name: 'b', phone: '1' })
    await db
      .collection(c)
      .doc(id!)
      .update({ profile: _.set({ name: 'c' }) })
    expect((await db.collection(c).doc(id!).get()).data[0].profile).toEqual({ name: 'c' })
    expect(
      (
        await db
          .collection(c)
          .doc(id!)
          .update({ profile: { name: 'c' } })
      ).updated,
    ).toBe(0)
  })

  it('supports the update commands', async () => {
    const c = await scratch()
    const { id } = await db
      .collection(c)
      .add({ n: 5, m: 2, lo: 5, hi: 5, gone: 1, arr: [1, 2, 3], set: ['a'], q: [1, 2, 3] })
    await db
      .collection(c)
      .doc(id!)
      .update({
        n: _.inc(2),
        m: _.mul(3),
        lo: _.min(1),
        hi: _.max(9),
        gone: _.remove(),
        arr: _.push(4, 5),
        set: _.addToSet('a'),
        q: _.pull(2),
        fresh: _.push('x'),
      })
    const [doc] = (await db.collection(c).doc(id!).get()).data
    expect(doc).toEqual({
      _id: id,
      n: 7,
      m: 6,
      lo: 1,
      hi: 9,
      arr: [1, 2, 3, 4, 5],
      set: ['a'],
      q: [1, 3],
      fresh: ['x'],
    })
    await db
      .collection(c)
      .doc(id!)
      .update({ arr: _.pop(), q: _.shift(), set: _.unshift('z'), absent: _.pull(1) })
    const [after] = (await db.collection(c).doc(id!).get()).data
    expect(after).toMatchObject({ arr: [1, 2, 3, 4], q: [3], set: ['z', 'a'] })
    expect(after).not.toHaveProperty('absent')
  })

  it('refuses updates MongoDB refuses', async () => {
    const c = await scratch()
    const { id } = await db.collection(c).add({ s: 'text', a: { b: 1 } })
    await expect(
      db
        .collection(c)
        .doc(id!)
        .update({ s: _.inc(1) }),
    ).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' })
    await expect(
      db
        .collection(c)
        .doc(id!)
        .update({ s: _.push(1) }),
    ).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' })
    const raw = await admin({
      action: 'database.modifyDocument',
      collectionName: c,
      query: JSON.stringify({ _id: id }),
      data: JSON.stringify({ $set: { a: 1, 'a.b': 2 } }),
      multi: false,
      merge: true,
    })
    expect(raw.json.code).toBe('DATABASE_REQUEST_FAILED')
  })

  it('set replaces a document, or creates it when missing', async () => {
    const c = await scratch()
    const { id } = await db.collection(c).add({ a: 1, b: 2 })
    const replaced = await db.collection(c).doc(id!).set({ c: 3 })
    expect(replaced.updated).toBe(1)
    expect((await db.collection(c).doc(id!).get()).data).toEqual([{ _id: id, c: 3 }])
    const created = await db.collection(c).doc('new-doc').set({ d: 4 })
    expect(created).toMatchObject({ updated: 0, upsertedId: 'new-doc' })
    expect((await db.collection(c).doc('new-doc').get()).data).toEqual([{ _id: 'new-doc', d: 4 }])
  })

  it('removes one document, or every match of where()', async () => {
    const c = await scratch()
    const { ids } = await db.collection(c).add([{ k: 'a' }, { k: 'b' }, { k: 'b' }, { k: 'c' }])
    expect((await db.collection(c).doc(ids![0]!).remove()).deleted).toBe(1)
    expect((await db.collection(c).doc(ids![0]!).remove()).deleted).toBe(0)
    expect((await db.collection(c).where({ k: 'b' }).remove()).deleted).toBe(2)
    expect((await db.collection(c).count()).total).toBe(1)
  })

  it('where().update updates every match and reports the count (the atomic-claim pattern)', async () => {
    const c = await scratch()
    const { ids } = await db.collection(c).add([{ status: 'open' }, { status: 'open' }, { status: 'done' }])
    expect((await db.collection(c).where({ status: 'open' }).update({ status: 'claimed' })).updated).toBe(2)
    expect(
      (await db.collection(c).where({ _id: ids![0], status: 'open' }).update({ status: 'x' })).updated,
    ).toBe(0)
    expect((await db.collection(c).where({ status: 'claimed' }).count()).total).toBe(2)
  })

  it('round-trips Dates, and db.serverDate() becomes the server clock', async () => {
    const c = await scratch()
    const when = new Date('2020-02-03T04:05:06.789Z')
    const before = Date.now()
    const { id } = await db
      .collection(c)
      .add({ when, at: db.serverDate(), later: db.serverDate({ offset: 60_000 }) })
    const [doc] = (await db.collection(c).doc(id!).get()).data
    expect(doc.when).toEqual(when)
    expect(doc.at).toBeInstanceOf(Date)
    expect(doc.at.getTime()).toBeGreaterThanOrEqual(before - 5)
    expect(doc.later.getTime() - doc.at.getTime()).toBe(60_000)
    expect(
      (
        await db
          .collection(c)
          .where({ when: _.lt(db.serverDate()) })
          .count()
      ).total,
    ).toBe(1)
    expect(
      (
        await db
          .collection(c)
          .where({ when: _.gt(new Date('2021-01-01')) })
          .count()
      ).total,
    ).toBe(0)
  })
})

describe('queries', () => {
  let c: string
  beforeAll(async () => {
    c = await scratch()
    await db.collection(c).add([
      {
        name: 'Alice',
        age: 30,
        city: { name: 'Wuhan', zone: 1 },
        tags: ['a', 'b'],
        items: [{ k: 1 }, { k: 2 }],
      },
      { name: 'bob', age: 25, city: { name: 'Beijing', zone: 2 }, tags: ['b'], items: [{ k: 3 }] },
      { name: 'Carol', age: 35, tags: [], items: [] },
      { name: 'dave', age: 40, city: { name: 'Wuhan', zone: 3 }, tags: ['c', 'a', 'd'] },
    ])
  })
  const names = async (q: Record<string, unknown> | ReturnType<Db['command']['or']>) =>
    (
      await db
        .collection(c)
        .where(q as Record<string, unknown>)
        .orderBy('name', 'asc')
        .get()
    ).data.map((d) => d.name)

  it('supports the comparison and logic commands', async () => {
    expect(await names({ age: _.eq(30) })).toEqual(['Alice'])
    expect(await names({ age: _.neq(30) })).toEqual(['Carol', 'bob', 'dave'])
    expect(await names({ age: _.gt(30) })).toEqual(['Carol', 'dave'])
    expect(await names({ age: _.gte(30).and(_.lte(35)) })).toEqual(['Alice', 'Carol'])
    expect(await names({ age: _.lt(30) })).toEqual(['bob'])
    expect(await names({ age: _.in([25, 40]) })).toEqual(['bob', 'dave'])
    expect(await names({ age: _.nin([25, 40]) })).toEqual(['Alice', 'Carol'])
    expect(await names(_.or([{ age: 25 }, { name: 'Carol' }]))).toEqual(['Carol', 'bob'])
    expect(await names({ age: _.or(_.lt(26), _.gt(39)) })).toEqual(['bob', 'dave'])
    expect(await names({ city: _.exists(false) })).toEqual(['Carol'])
  })

  it('supports nested paths, arrays, elemMatch, size and regular expressions', async () => {
    expect(await names({ city: { name: 'Wuhan' } })).toEqual(['Alice', 'dave'])
    expect(await names({ 'city.zone': _.gte(2) })).toEqual(['bob', 'dave'])
    expect(await names({ tags: 'a' })).toEqual(['Alice', 'dave'])
    expect(await names({ items: _.elemMatch({ k: _.gt(1) }) })).toEqual(['Alice', 'bob'])
    expect(await names({ tags: _.size(0) })).toEqual(['Carol'])
    expect(await names({ name: db.RegExp({ regexp: '^[ab]', options: 'i' }) })).toEqual(['Alice', 'bob'])
    expect(await names({ name: /^d/ })).toEqual(['dave'])
  })

  it('drops undefined keys client-side, so where({k: undefined, ...}) matches as if k were absent', async () => {
    expect(await names({ name: undefined, age: 25 })).toEqual(['bob'])
    expect(() => db.collection(c).where({ name: undefined })).toThrow()
  })

  it('pages with orderBy, skip, limit and projects with field()', async () => {
    const page = await db
      .collection(c)
      .where({})
      .orderBy('age', 'desc')
      .skip(1)
      .limit(2)
      .field({ name: true })
      .get()
    expect(page.data).toEqual([
      { _id: expect.any(String), name: 'Carol' },
      { _id: expect.any(String), name: 'Alice' },
    ])
    const twoKeys = await db
      .collection(c)
      .where({})
      .orderBy('city.name', 'asc')
      .orderBy('age', 'desc')
      .field({ age: 1 })
      .get()
    expect(twoKeys.data.map((d) => d.age)).toEqual([35, 25, 40, 30])
  })

  it('counts matches', async () => {
    expect(
      (
        await db
          .collection(c)
          .where({ age: _.gte(30) })
          .count()
      ).total,
    ).toBe(3)
    expect((await db.collection(c).count()).total).toBe(4)
  })
})

describe('limits', () => {
  it('get() returns 100 documents by default and at most 1000', async () => {
    const c = await scratch()
    await db.collection(c).add(Array.from({ length: 1100 }, (_x, i) => ({ i })))
    expect((await db.collection(c).get()).data).toHaveLength(100)
    expect((await db.collection(c).limit(1000).get()).data).toHaveLength(1000)
    expect((await db.collection(c).limit(5000).get()).data).toHaveLength(1000)
    // The SDK clamps too; the server clamps on its own for anyone who does not.
    const raw = await admin({ action: 'database.getDocument', collectionName: c, limit: 5000 })
    expect((raw.json.data as { list: unknown[] }).list).toHaveLength(1000)
    expect((await db.collection(c).skip(1000).limit(1000).get()).data).toHaveLength(100)
  })
})

describe('indexes', () => {
  it('a unique index refuses a second document with the same key, also under concurrency', async () => {
    await db.collection('invites').add({ code: 'ABC123', scope: { streetId: 's1' }, createdAt: 1 })
    await expect(
      db.collection('invites').add({ code: 'ABC123', scope: { streetId: 's1' }, createdAt: 2 }),
    ).rejects.toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
      message: expect.stringContaining('collection: invites index: by_code'),
    })
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_x, i) =>
        db.collection('invites').add({ code: 'RACE', scope: { streetId: 's1' }, createdAt: i }),
      ),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const { id } = await db
      .collection('invites')
      .add({ code: 'OTHER', scope: { streetId: 's1' }, createdAt: 3 })
    await expect(db.collection('invites').doc(id!).update({ code: 'ABC123' })).rejects.toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
    })
  })

  it('like MongoDB, a unique index lets only one document lack the field', async () => {
    await db.collection('accounts').add({ phone: '1', role: 'owner', scope: { streetId: 's1' } })
    await expect(
      db.collection('accounts').add({ phone: '2', role: 'owner', scope: { streetId: 's1' } }),
    ).rejects.toMatchObject({
      code: 'DATABASE_DUPLICATE_WRITE',
    })
  })

  it('refuses an array, object or Date in an indexed field', async () => {
    await expect(db.collection('communities').add({ streetId: ['s1'] })).rejects.toMatchObject({
      code: 'INVALID_PARAM',
    })
    await expect(db.collection('communities').add({ streetId: { id: 's1' } })).rejects.toMatchObject({
      code: 'INVALID_PARAM',
    })
    await expect(db.collection('audit_logs').add({ streetId: 's1', at: new Date() })).rejects.toMatchObject({
      code: 'INVALID_PARAM',
    })
    const { id } = await db.collection('communities').add({ streetId: 's1' })
    await expect(
      db
        .collection('communities')
        .doc(id!)
        .update({ streetId: _.push('x') }),
    ).rejects.toBeDefined()
  })

  it('queries on indexed fields give the same answers as full scans', async () => {
    await db
      .collection('audit_logs')
      .add([
        { streetId: 'sA', at: 10, ok: true },
        { streetId: 'sA', at: 20, ok: false },
        { streetId: 'sB', at: 30 },
        { at: 40 },
        { streetId: null, at: '50' },
        { streetId: true, at: 60 },
      ])
    const ats = async (q: Record<string, unknown>) =>
      (await db.collection('audit_logs').where(q).orderBy('at', 'asc').get()).data.map((d) => d.at)
    expect(await ats({ streetId: 'sA' })).toEqual([10, 20])
    expect(await ats({ streetId: _.in(['sB', null]) })).toEqual([30, 40, '50'])
    expect(await ats({ streetId: null })).toEqual([40, '50'])
    expect(await ats({ streetId: true })).toEqual([60])
    expect(await ats({ at: _.gt(15).and(_.lte(40)) })).toEqual([20, 30, 40])
    expect(await ats({ at: _.gte(50) })).toEqual([60])
    expect(await ats({ streetId: 'sA', at: _.lt(15) })).toEqual([10])
    expect(await ats({ streetId: _.in([]) })).toEqual([])
  })
})

describe('aggregate', () => {
  it('runs pipelines with $match, $group, $sort, $project, $addFields, $unwind, $lookup, $skip, $limit and $count', async () => {
    const people = await scratch()
    const cities = await scratch()
    await db.collection(cities).add([
      { _id: 'wh', label: '武汉' },
      { _id: 'bj', label: '北京' },
    ])
    await db.collection(people).add([
      { city: 'wh', score: 3, tags: ['x', 'y'] },
      { city: 'wh', score: 5, tags: ['y'] },
      { city: 'bj', score: 4, tags: [] },
    ])
    const $ = db.command.aggregate
    const grouped = await db
      .collection(people)
      .aggregate()
      .match({ score: _.gte(3) })
      .group({ _id: '$city', total: $.sum('$score'), n: $.sum(1) })
      .sort({ total: -1 })
      .lookup({ from: cities, localField: '_id', foreignField: '_id', as: 'city' })
      .addFields({ label: $.arrayElemAt(['$city.label', 0]) })
      .project({ _id: 0, label: 1, total: 1, n: 1 })
      .end()
    expect(grouped.data).toEqual([
      { label: '武汉', total: 8, n: 2 },
      { label: '北京', total: 4, n: 1 },
    ])
    const tags = await db.collection(people).aggregate().unwind('$tags').sortByCount('$tags').end()
    expect(tags.data[0]).toEqual({ _id: 'y', count: 2 })
    const counted = await db
      .collection(people)
      .aggregate()
      .match({ city: 'wh' })
      .skip(1)
      .limit(5)
      .count('n')
      .end()
    expect(counted.data).toEqual([{ n: 1 }])
  })

  it('joins with $lookup sub-pipelines: uncorrelated ($match of constants, then sort and limit) and correlated (let, $expr)', async () => {
    const owners = await scratch()
    const items = await scratch()
    await db.collection(owners).add([{ _id: 'o1', name: '甲' }])
    await db.collection(items).add([
      { owner: 'o1', at: 3, kind: 'a' },
      { owner: 'o1', at: 1, kind: 'b' },
      { owner: 'o1', at: 2, kind: 'a' },
      { owner: 'o2', at: 4, kind: 'a' },
    ])
    const $ = db.command.aggregate
    const { data } = await db
      .collection(owners)
      .aggregate()
      .match({ _id: 'o1' })
      .lookup({
        from: items,
        pipeline: $.pipeline()
          .match({ owner: 'o1', kind: _.in(['a']) })
          .sort({ at: -1 })
          .limit(1)
          .project({ _id: 0, at: 1 })
          .done(),
        as: 'latest',
      })
      .lookup({
        from: items,
        let: { id: '$_id' },
        pipeline: $.pipeline()
          .match(_.expr($.eq(['$owner', '$$id'])))
          .count('n')
          .done(),
        as: 'mine',
      })
      .lookup({ from: items, pipeline: $.pipeline().match({ owner: 'nobody' }).done(), as: 'none' })
      .end()
    expect(data).toEqual([{ _id: 'o1', name: '甲', latest: [{ at: 3 }], mine: [{ n: 3 }], none: [] }])
  })

  it('returns 20 results when the pipeline has no $limit, as CloudBase does', async () => {
    const c = await scratch()
    await db.collection(c).add(Array.from({ length: 30 }, (_x, i) => ({ i })))
    expect((await db.collection(c).aggregate().match({}).end()).data).toHaveLength(20)
    expect((await db.collection(c).aggregate().match({}).limit(30).end()).data).toHaveLength(30)
  })
})

describe('storage', () => {
  it('uploads, hands out expiring signed URLs, downloads and deletes', async () => {
    const content = Buffer.from('hello 复工通')
    const { fileID } = await app.uploadFile({ cloudPath: 'docs/说明.txt', fileContent: content })
    expect(fileID).toMatch(/^cloud:\/\/reopen-local\.[\w-]+\/docs\/说明\.txt$/)

    const { fileList } = await app.getTempFileURL({
      fileList: [fileID, { fileID: `${fileID}.missing`, maxAge: 60 }],
    })
    expect(fileList[0]!.code).toBe('SUCCESS')
    expect(fileList[1]!.code).toBe('STORAGE_FILE_NONEXIST')
    const url = encodeURI(fileList[0]!.tempFileURL)
    const res = await fetch(url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/plain')
    expect(Buffer.from(await res.arrayBuffer())).toEqual(content)

    expect((await fetch(url.replace(/sign=\w+/, `sign=${'0'.repeat(40)}`))).status).toBe(403)
    expect((await fetch(url.replace(/t=\d+/, 't=9999999999'))).status).toBe(403)
    const expired = await server.cloud.storage.tempUrl(fileID, -1)
    expect((await fetch(encodeURI(expired))).status).toBe(403)

    const downloaded = await app.downloadFile({ fileID })
    expect(downloaded.fileContent).toEqual(content)

    const deleted = await app.deleteFile({ fileList: [fileID] })
    expect(deleted.fileList[0]!.code).toBe('SUCCESS')
    expect((await fetch(url)).status).toBe(404)
    expect((await app.getTempFileURL({ fileList: [fileID] })).fileList[0]!.code).toBe('STORAGE_FILE_NONEXIST')
  })

  it('stores files put by the gateway with their content type', async () => {
    const fileID = await server.cloud.storage.put(
      'uploads/u1/a.png',
      Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      'image/png',
    )
    const res = await fetch(encodeURI(await server.cloud.storage.tempUrl(fileID, 60)))
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(res.headers.get('content-security-policy')).toBe('sandbox')
  })

  it('refuses unsafe cloud paths, and a path that is both a file and a folder', async () => {
    await expect(
      app.uploadFile({ cloudPath: '../escape.txt', fileContent: Buffer.from('x') }),
    ).rejects.toMatchObject({ code: 'INVALID_PARAM' })
    await app.uploadFile({ cloudPath: 'clash/a', fileContent: Buffer.from('x') })
    await expect(
      app.uploadFile({ cloudPath: 'clash/a/b', fileContent: Buffer.from('y') }),
    ).rejects.toMatchObject({
      code: 'STORAGE_REQUEST_FAIL',
    })
  })
})

describe('functions', () => {
  it('callFunction runs a hosted function with a CloudBase-shaped context', async () => {
    await db.collection('grids').add({ streetId: 's1', communityId: 'c1' })
    const res = await app.callFunction({ name: 'echo', data: { hello: 'world', countCollection: 'grids' } })
    const result = res.result as {
      event: Record<string, unknown>
      env: Record<string, unknown>
      count: number
    }
    expect(result.event).toEqual({ hello: 'world', countCollection: 'grids' })
    expect(result.env).toMatchObject({ TCB_ENV: 'reopen-local', TCB_SOURCE: 'server' })
    expect(result.count).toBe(1)
  })

  it('an unknown function and a throwing function fail with CloudBase codes', async () => {
    await expect(app.callFunction({ name: 'nope', data: {} })).rejects.toMatchObject({
      code: 'FUNCTION_NOT_FOUND',
    })
    await expect(app.callFunction({ name: 'echo', data: { fail: 'kaput' } })).rejects.toMatchObject({
      code: 'FUNCTIONS_EXECUTE_FAIL',
      message: expect.stringContaining('kaput'),
    })
  })
})

describe('/admin endpoint', () => {
  it('answers malformed requests with CloudBase-style errors', async () => {
    expect((await admin('not json')).json).toMatchObject({
      code: 'INVALID_PARAM',
      requestId: expect.any(String),
    })
    expect((await admin('[1]')).json.code).toBe('INVALID_PARAM')
    expect((await admin({ action: 'database.nothing' })).json.code).toBe('INVALID_ACTION')
    expect((await admin({ action: 'database.getDocument' })).json.code).toBe('INVALID_PARAM')
    expect(
      (await admin({ action: 'database.getDocument', collectionName: 'streets', query: '{bad' })).json.code,
    ).toBe('INVALID_PARAM')
    expect(
      (await admin({ action: 'database.getDocument', collectionName: 'streets', limit: -1 })).json.code,
    ).toBe('INVALID_PARAM')
    expect(
      (await admin({ action: 'database.insertDocument', collectionName: 'streets', data: ['{"_id":[1]}'] }))
        .json.code,
    ).toBe('INVALID_PARAM')
    expect((await admin({ action: 'database.removeDocument', collectionName: 'streets' })).json.code).toBe(
      'INVALID_PARAM',
    )
    expect((await admin({ action: 'database.commitTransaction', transactionId: 'nope' })).json.code).toBe(
      'DATABASE_TRANSACTION_FAIL',
    )
    const get = await fetch(`${server.url}/admin`)
    expect(get.status).toBe(405)
  })
})
