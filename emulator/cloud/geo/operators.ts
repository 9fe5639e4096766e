import type { QueryOperator } from 'mingo/core'
import { resolve } from 'mingo/util'
import {
  asGeometry,
  distanceTo,
  intersects,
  within,
  withinCap,
  type Geometry,
  type Position,
} from './geometry'

/**
 * The geospatial query operators node-sdk sends (`_.geoNear` → `$nearSphere`, `_.geoWithin` → `$geoWithin` with
 * `$geometry` or `$centerSphere`, `_.geoIntersects` → `$geoIntersects`), plus `$near` in its GeoJSON form, over
 * GeoJSON fields. Distances are in metres. A document whose field holds no GeoJSON never matches.
 */

export const GEO_QUERY_OPERATORS = ['$geoWithin', '$geoIntersects', '$near', '$nearSphere'] as const

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

function geometryArg(arg: unknown, op: string): Geometry {
  const g = isObject(arg) ? asGeometry(arg.$geometry) : null
  if (!g) throw new Error(`${op} needs {$geometry: <a valid GeoJSON geometry>}`)
  if (
    isObject((arg as Record<string, unknown>).$geometry) &&
    'crs' in ((arg as Record<string, unknown>).$geometry as object)
  )
    throw new Error(`${op}: custom coordinate reference systems (big polygons) are not supported`)
  return g
}

/** The geometries a document holds at `selector` (a field may hold one, or an array of them). */
function geometriesAt(doc: Record<string, unknown>, selector: string): Geometry[] {
  const value = resolve(doc, selector)
  const values = Array.isArray(value) && !asGeometry(value) ? value : [value]
  return values.map(asGeometry).filter((g): g is Geometry => g !== null)
}

export interface NearSpec {
  point: Position
  min: number
  max: number
}

/** `{$geometry: Point, $minDistance?, $maxDistance?}` of `$near`/`$nearSphere`. */
export function nearSpec(arg: unknown, op: string): NearSpec {
  const g = geometryArg(arg, op)
  if (g.type !== 'Point') throw new Error(`${op} needs a GeoJSON Point`)
  const { $minDistance: min = 0, $maxDistance: max = Infinity } = arg as Record<string, unknown>
  if (typeof min !== 'number' || typeof max !== 'number' || min < 0 || max < 0)
    throw new Error(`${op}: $minDistance and $maxDistance must be non-negative numbers (metres)`)
  return { point: g.coordinates, min, max }
}

/** Distance in metres from the point to the nearest of the document's geometries; undefined if it has none. */
export function distanceOf(
  doc: Record<string, unknown>,
  selector: string,
  point: Position,
): number | undefined {
  const gs = geometriesAt(doc, selector)
  return gs.length ? Math.min(...gs.map((g) => distanceTo(point, g))) : undefined
}

const near =
  (op: string): QueryOperator =>
  (selector, arg) => {
    const { point, min, max } = nearSpec(arg, op)
    return (doc) => {
      const d = distanceOf(doc, selector, point)
      return d !== undefined && d >= min && d <= max
    }
  }

const geoWithin: QueryOperator = (selector, arg) => {
  if (isObject(arg) && Array.isArray(arg.$centerSphere)) {
    const [center, radians] = arg.$centerSphere as [unknown, unknown]
    const c = asGeometry({ type: 'Point', coordinates: center })
    if (!c || typeof radians !== 'number' || radians < 0)
      throw new Error('$centerSphere needs [[longitude, latitude], radius in radians]')
    return (doc) => {
      const gs = geometriesAt(doc, selector)
      return gs.length > 0 && gs.some((g) => withinCap(g, c.coordinates as Position, radians))
    }
  }
  const region = geometryArg(arg, '$geoWithin')
  if (region.type !== 'Polygon' && region.type !== 'MultiPolygon')
    throw new Error('$geoWithin $geometry must be a Polygon or MultiPolygon')
  return (doc) => geometriesAt(doc, selector).some((g) => within(g, region))
}

const geoIntersects: QueryOperator = (selector, arg) => {
  const shape = geometryArg(arg, '$geoIntersects')
  return (doc) => geometriesAt(doc, selector).some((g) => intersects(g, shape))
}

export const GEO_OPERATORS: Record<string, QueryOperator> = {
  $near: near('$near'),
  $nearSphere: near('$nearSphere'),
  $geoWithin: geoWithin,
  $geoIntersects: geoIntersects,
}
