import { setValue } from 'mingo/util'
import { isPlainObject, type Doc } from '../ejson'
import { requestFailed } from '../errors'
import { asGeometry } from './geometry'
import { distanceOf } from './operators'

/**
 * The `$geoNear` aggregation stage (node-sdk's `aggregate().geoNear({...})`): the documents nearest a point
 * first, each with its distance in metres (times `distanceMultiplier`) in `distanceField`, within
 * `minDistance`/`maxDistance`, filtered by `query`. As in MongoDB it must be the first stage and searches a
 * 2dsphere-indexed field — the one named by `key`, or the collection's only one.
 */
export interface GeoNearStage {
  spec: Record<string, unknown>
  /** The field searched. */
  key: string
  /** The stage's `query`, to filter the collection with before measuring. */
  query: unknown
}

export function geoNearStage(spec: unknown, geoPaths: Set<string>): GeoNearStage {
  if (!isPlainObject(spec)) throw requestFailed('$geoNear needs an object')
  if (typeof spec.distanceField !== 'string' || !spec.distanceField)
    throw requestFailed('$geoNear requires a distanceField')
  let key = spec.key
  if (key === undefined) {
    if (geoPaths.size === 0)
      throw requestFailed('$geoNear requires a 2d or 2dsphere index, but none were found')
    if (geoPaths.size > 1)
      throw requestFailed('There is more than one 2dsphere index; unsure which to use for $geoNear')
    key = [...geoPaths][0]
  }
  if (typeof key !== 'string' || !geoPaths.has(key))
    throw requestFailed(`$geoNear: no 2dsphere index on "${String(key)}"`)
  return { spec, key, query: spec.query }
}

/** Measures, filters, orders and annotates the documents the stage's query matched. */
export function runGeoNear({ spec, key }: GeoNearStage, docs: Doc[]): Doc[] {
  const near = asGeometry(spec.near)
  if (!near || near.type !== 'Point') throw requestFailed('$geoNear: near must be a GeoJSON Point')
  const min = spec.minDistance === undefined ? 0 : Number(spec.minDistance)
  const max = spec.maxDistance === undefined ? Infinity : Number(spec.maxDistance)
  const multiplier = spec.distanceMultiplier === undefined ? 1 : Number(spec.distanceMultiplier)
  if (![min, max, multiplier].every((n) => !Number.isNaN(n) && n >= 0))
    throw requestFailed(
      '$geoNear: minDistance, maxDistance and distanceMultiplier must be non-negative numbers',
    )
  const measured: { doc: Doc; distance: number }[] = []
  for (const doc of docs) {
    const distance = distanceOf(doc, key, near.coordinates)
    if (distance !== undefined && distance >= min && distance <= max) measured.push({ doc, distance })
  }
  measured.sort((a, b) => a.distance - b.distance)
  return measured.map(({ doc, distance }) => {
    setValue(doc, spec.distanceField as string, distance * multiplier)
    if (typeof spec.includeLocs === 'string') setValue(doc, spec.includeLocs, location(doc, key))
    return doc
  })
}

function location(doc: Doc, key: string): unknown {
  let v: unknown = doc
  for (const seg of key.split('.')) v = isPlainObject(v) ? v[seg] : undefined
  return v
}
