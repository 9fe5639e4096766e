import { COLLECTIONS } from '../../shared/collections'
import { sdkCloud, type Db } from '../helpers/sdk-cloud'

/**
 * Geo queries through the real node-sdk, on GeoJSON fields with a 2dsphere index declared the way the app
 * declares its indexes: the `_.geoNear` command ($nearSphere), the `geoNear` aggregation stage, `geoWithin` with
 * a geometry or `centerSphere`, `geoIntersects`, and `$nearSphere` written raw. Distances are in metres on
 * MongoDB's sphere (radius 6378.1 km); the expected ones are computed here independently (haversine).
 */

const cloud = sdkCloud({
  collections: [
    ...COLLECTIONS,
    {
      name: 'places',
      indexes: [
        { name: 'by_location', keys: { location: '2dsphere' } },
        { name: 'by_kind', keys: { kind: 1 } },
      ],
    },
    { name: 'zones', indexes: [{ name: 'by_area', keys: { area: '2dsphere' } }] },
  ],
})
let db: Db
let _: Db['command']
/** The SDK's Geo constructors (its typings declare only Point). */
interface GeoShapes {
  LineString: new (points: unknown[]) => object
  Polygon: new (lines: unknown[]) => object
  MultiPolygon: new (polygons: unknown[]) => object
}
const Geo = () => db.Geo as unknown as GeoShapes

const R = 6378.1 * 1000
function haversine([lng1, lat1]: number[], [lng2, lat2]: number[]): number {
  const rad = Math.PI / 180
  const h =
    Math.sin(((lat2! - lat1!) * rad) / 2) ** 2 +
    Math.cos(lat1! * rad) * Math.cos(lat2! * rad) * Math.sin(((lng2! - lng1!) * rad) / 2) ** 2
  return 2 * R * Math.asin(Math.sqrt(h))
}

const A = [114.4, 30.55] // 东湖
const B = [114.41, 30.55] // ~960 m east of A
const C = [114.45, 30.55] // ~4.8 km east of A
const D = [121.47, 31.23] // 上海
const box = (w: number, s: number, e: number, n: number) => [
  [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ],
]

beforeAll(async () => {
  ;({ db, _ } = cloud)
  const P = (p: number[]) => new db.Geo.Point(p[0]!, p[1]!)
  await db.collection('places').add([
    { _id: 'A', kind: 'shop', location: P(A) },
    { _id: 'B', kind: 'shop', location: P(B) },
    { _id: 'C', kind: 'clinic', location: P(C) },
    { _id: 'D', kind: 'shop', location: P(D) },
    { _id: 'E', kind: 'shop' },
  ])
  await db.collection('zones').add([
    { _id: 'east-lake', area: { type: 'Polygon', coordinates: box(114.39, 30.54, 114.42, 30.56) } },
    { _id: 'shanghai', area: { type: 'Polygon', coordinates: box(121.4, 31.2, 121.5, 31.3) } },
    { _id: 'road', area: { type: 'LineString', coordinates: [C, [114.46, 30.56]] } },
  ])
})

const ids = (r: { data: { _id: string }[] }) => r.data.map((d) => d._id)
/** A lng/lat box as the SDK's Polygon. */
const boxPolygon = (w: number, s: number, e: number, n: number) =>
  new (Geo().Polygon)([new (Geo().LineString)(box(w, s, e, n)[0]!.map(([x, y]) => new db.Geo.Point(x!, y!)))])
/** The ids of the documents of `coll` whose `field` meets `cond`, in id order. */
const matching = async (coll: string, field: string, cond: unknown) =>
  ids(
    await db
      .collection(coll)
      .where({ [field]: cond })
      .orderBy('_id', 'asc')
      .get(),
  )

describe('stored geometries', () => {
  it('read back as the SDK’s Geo objects', async () => {
    const { data } = await db.collection('places').doc('A').get()
    expect(data[0].location).toMatchObject({ longitude: A[0], latitude: A[1] })
    const zone = (await db.collection('zones').doc('east-lake').get()).data[0]
    expect(zone.area).toBeInstanceOf(Geo().Polygon)
  })

  it('a 2dsphere-indexed field must hold GeoJSON', async () => {
    await expect(db.collection('places').add({ location: [114.4, 30.55] })).rejects.toMatchObject({
      code: 'DATABASE_REQUEST_FAILED',
    })
    await expect(
      db.collection('places').add({ location: { type: 'Point', coordinates: [200, 0] } }),
    ).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' })
  })

  it('geo queries need a 2dsphere index on the field, as CloudBase documents', async () => {
    const c = await cloud.scratch()
    await db.collection(c).add({ location: new db.Geo.Point(A[0]!, A[1]!) })
    await expect(
      db
        .collection(c)
        .where({ location: _.geoNear({ geometry: new db.Geo.Point(A[0]!, A[1]!) }) })
        .get(),
    ).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' })
  })
})

describe('geoNear command (_.geoNear → $nearSphere)', () => {
  const near = (opts: Record<string, unknown>) =>
    db
      .collection('places')
      .where({ location: _.geoNear({ geometry: new db.Geo.Point(A[0]!, A[1]!), ...opts }) })
      .get()

  it('orders by distance, nearest first, and leaves out documents without a location', async () => {
    expect(ids(await near({}))).toEqual(['A', 'B', 'C', 'D'])
  })

  it('keeps within maxDistance and beyond minDistance (metres)', async () => {
    expect(ids(await near({ maxDistance: 2000 }))).toEqual(['A', 'B'])
    expect(ids(await near({ minDistance: 500, maxDistance: 5000 }))).toEqual(['B', 'C'])
  })

  it('combines with other conditions; an explicit orderBy takes precedence', async () => {
    const shops = await db
      .collection('places')
      .where({ kind: 'shop', location: _.geoNear({ geometry: new db.Geo.Point(D[0]!, D[1]!) }) })
      .get()
    expect(ids(shops)).toEqual(['D', 'B', 'A'])
    const ordered = await db
      .collection('places')
      .where({ location: _.geoNear({ geometry: new db.Geo.Point(A[0]!, A[1]!) }) })
      .orderBy('_id', 'desc')
      .get()
    expect(ids(ordered)).toEqual(['D', 'C', 'B', 'A'])
  })

  it('$nearSphere written raw behaves the same', async () => {
    const raw = await db
      .collection('places')
      .options({ raw: true })
      .where({
        location: { $nearSphere: { $geometry: { type: 'Point', coordinates: C }, $maxDistance: 5000 } },
      })
      .get()
    expect(ids(raw)).toEqual(['C', 'B', 'A'])
  })
})

describe('geoWithin', () => {
  it('with a Polygon or MultiPolygon geometry', async () => {
    const lake = boxPolygon(114.39, 30.54, 114.42, 30.56)
    expect(await matching('places', 'location', _.geoWithin({ geometry: lake }))).toEqual(['A', 'B'])
    const multi = new (Geo().MultiPolygon)([lake, boxPolygon(121.4, 31.2, 121.5, 31.3)])
    expect(await matching('places', 'location', _.geoWithin({ geometry: multi }))).toEqual(['A', 'B', 'D'])
  })

  it('with centerSphere: a radius in radians around a point', async () => {
    const around = _.geoWithin({ centerSphere: [new db.Geo.Point(A[0]!, A[1]!), 2000 / R] })
    expect(await matching('places', 'location', around)).toEqual(['A', 'B'])
    const asArray = _.geoWithin({ centerSphere: [A, haversine(A, C) / R + 1e-6] })
    expect(await matching('places', 'location', asArray)).toEqual(['A', 'B', 'C'])
  })

  it('a line or polygon is within only when wholly inside', async () => {
    const region = boxPolygon(114.3, 30.5, 114.455, 30.6)
    // The road starts inside (at C) and leaves the region: not within.
    expect(await matching('zones', 'area', _.geoWithin({ geometry: region }))).toEqual(['east-lake'])
  })
})

describe('geoIntersects', () => {
  it('finds the geometries that share a point with the given one', async () => {
    const atB = _.geoIntersects({ geometry: new db.Geo.Point(B[0]!, B[1]!) })
    expect(await matching('zones', 'area', atB)).toEqual(['east-lake'])
    // A line from outside the lake zone to outside it, crossing it, and crossing the road.
    const line = new (Geo().LineString)([new db.Geo.Point(114.38, 30.55), new db.Geo.Point(114.47, 30.555)])
    expect(await matching('zones', 'area', _.geoIntersects({ geometry: line }))).toEqual([
      'east-lake',
      'road',
    ])
  })
})

describe('geoNear aggregation stage', () => {
  const nearA = (spec: Record<string, unknown>) =>
    db
      .collection('places')
      .aggregate()
      .geoNear({ near: new db.Geo.Point(A[0]!, A[1]!), spherical: true, ...spec })

  it('orders by distance and adds it (metres) with the location, after the query', async () => {
    const { data } = await nearA({
      distanceField: 'distance',
      includeLocs: 'at',
      maxDistance: 5000,
      query: { kind: 'shop' },
    })
      .project({ kind: 0 })
      .end()
    expect(data.map((d: { _id: string }) => d._id)).toEqual(['A', 'B'])
    expect(data[0].distance).toBeCloseTo(0, 6)
    expect(data[1].distance).toBeCloseTo(haversine(A, B), 0)
    // Aggregation results come back as GeoJSON: node-sdk turns only get() results into Geo objects.
    expect(data[1].at).toEqual({ type: 'Point', coordinates: B })
  })

  it('applies distanceMultiplier (e.g. metres to kilometres)', async () => {
    const { data } = await nearA({ distanceField: 'km', distanceMultiplier: 0.001 }).limit(10).end()
    expect(data.map((d: { _id: string }) => d._id)).toEqual(['A', 'B', 'C', 'D'])
    expect(data[3].km).toBeCloseTo(haversine(A, D) / 1000, 3)
  })

  it('must be the first stage, and $near is not allowed in $match', async () => {
    await expect(
      db
        .collection('places')
        .aggregate()
        .match({ kind: 'shop' })
        .geoNear({ near: new db.Geo.Point(A[0]!, A[1]!), spherical: true, distanceField: 'd' })
        .end(),
    ).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' })
    await expect(
      db
        .collection('places')
        .aggregate()
        .match({ location: _.geoNear({ geometry: new db.Geo.Point(A[0]!, A[1]!) }) })
        .end(),
    ).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' })
  })
})
