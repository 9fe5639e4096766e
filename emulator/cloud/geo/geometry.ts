/**
 * GeoJSON on the sphere, as MongoDB's 2dsphere index sees it: coordinates are [longitude, latitude] in degrees,
 * lines between points are great-circle arcs, distances are in metres on a sphere of MongoDB's Earth radius.
 * Polygons are assumed smaller than a hemisphere (MongoDB needs a custom CRS for bigger ones).
 */

export type Position = [number, number]

export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] }

/** MongoDB's radius of the Earth, in metres (used to turn radians into metres and back). */
export const EARTH_RADIUS_M = 6378.1 * 1000

type Vec = [number, number, number]

const RAD = Math.PI / 180
const EPSILON = 1e-12

function isPosition(p: unknown): p is Position {
  return (
    Array.isArray(p) &&
    p.length >= 2 &&
    typeof p[0] === 'number' &&
    typeof p[1] === 'number' &&
    Math.abs(p[0]) <= 180 &&
    Math.abs(p[1]) <= 90
  )
}

const isLine = (l: unknown): l is Position[] => Array.isArray(l) && l.length >= 2 && l.every(isPosition)

function isRing(r: unknown): r is Position[] {
  if (!Array.isArray(r) || r.length < 4 || !r.every(isPosition)) return false
  const [a, b] = [r[0]!, r[r.length - 1]!]
  return a[0] === b[0] && a[1] === b[1]
}

const isPolygon = (p: unknown): p is Position[][] => Array.isArray(p) && p.length >= 1 && p.every(isRing)

/** The value as a GeoJSON geometry MongoDB would index, or null. */
export function asGeometry(v: unknown): Geometry | null {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null
  const { type, coordinates: c } = v as { type?: unknown; coordinates?: unknown }
  switch (type) {
    case 'Point':
      return isPosition(c) ? { type, coordinates: c } : null
    case 'LineString':
      return isLine(c) ? { type, coordinates: c } : null
    case 'Polygon':
      return isPolygon(c) ? { type, coordinates: c } : null
    case 'MultiPoint':
      return Array.isArray(c) && c.length > 0 && c.every(isPosition) ? { type, coordinates: c } : null
    case 'MultiLineString':
      return Array.isArray(c) && c.length > 0 && c.every(isLine) ? { type, coordinates: c } : null
    case 'MultiPolygon':
      return Array.isArray(c) && c.length > 0 && c.every(isPolygon) ? { type, coordinates: c } : null
    default:
      return null
  }
}

function vec([lng, lat]: Position): Vec {
  const [λ, φ] = [lng * RAD, lat * RAD]
  return [Math.cos(φ) * Math.cos(λ), Math.cos(φ) * Math.sin(λ), Math.sin(φ)]
}

const dot = (a: Vec, b: Vec) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
const cross = (a: Vec, b: Vec): Vec => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
]
const norm = (a: Vec) => Math.sqrt(dot(a, a))
const scale = (a: Vec, k: number): Vec => [a[0] * k, a[1] * k, a[2] * k]
/** The angle between two unit vectors, in radians (robust for small and large angles). */
const angle = (a: Vec, b: Vec) => Math.atan2(norm(cross(a, b)), dot(a, b))

/** Great-circle distance in radians. */
export function distanceRad(a: Position, b: Position): number {
  return angle(vec(a), vec(b))
}

/** Every vertex of a geometry. */
export function positionsOf(g: Geometry): Position[] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates]
    case 'LineString':
    case 'MultiPoint':
      return g.coordinates
    case 'Polygon':
    case 'MultiLineString':
      return g.coordinates.flat()
    case 'MultiPolygon':
      return g.coordinates.flat(2)
  }
}

/** Every edge (consecutive vertices of lines and rings). */
function edgesOf(g: Geometry): [Position, Position][] {
  const lines: Position[][] =
    g.type === 'LineString'
      ? [g.coordinates]
      : g.type === 'Polygon' || g.type === 'MultiLineString'
        ? g.coordinates
        : g.type === 'MultiPolygon'
          ? g.coordinates.flat()
          : []
  return lines.flatMap((line) => line.slice(1).map((p, i) => [line[i]!, p] as [Position, Position]))
}

const polygonsOf = (g: Geometry): Position[][][] =>
  g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []

/** The signed turn of the ring around p (±2π when p is inside, 0 outside), summing the angles of each edge. */
function winding(p: Vec, ring: Position[]): number {
  let total = 0
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = cross(p, vec(ring[i]!))
    const b = cross(p, vec(ring[i + 1]!))
    total += Math.atan2(dot(cross(a, b), p), dot(a, b))
  }
  return total
}

const insideRing = (p: Vec, ring: Position[]) => Math.abs(winding(p, ring)) > Math.PI

/** Inside the shell and outside every hole (points on the boundary count as inside). */
function inPolygon(p: Position, polygon: Position[][]): boolean {
  if (polygon.some((ring) => ring.slice(1).some((b, i) => onArc(vec(p), vec(ring[i]!), vec(b))))) return true
  const v = vec(p)
  const [shell, ...holes] = polygon
  return insideRing(v, shell!) && !holes.some((h) => insideRing(v, h))
}

function onArc(p: Vec, a: Vec, b: Vec): boolean {
  return Math.abs(angle(a, p) + angle(p, b) - angle(a, b)) < 1e-9
}

/** The points where the great circles through AB and CD meet that lie on both arcs. */
function crossings(A: Vec, B: Vec, C: Vec, D: Vec): Vec[] {
  const n = cross(cross(A, B), cross(C, D))
  const len = norm(n)
  if (len < EPSILON) return []
  const i = scale(n, 1 / len)
  return [i, scale(i, -1)].filter((x) => onArc(x, A, B) && onArc(x, C, D))
}

/** Whether the great-circle arcs AB and CD cross or touch. */
function arcsIntersect(a: Position, b: Position, c: Position, d: Position): boolean {
  const [A, B, C, D] = [vec(a), vec(b), vec(c), vec(d)]
  if (onArc(C, A, B) || onArc(D, A, B) || onArc(A, C, D) || onArc(B, C, D)) return true
  return crossings(A, B, C, D).length > 0
}

/** Whether the arcs cross at a point that is an end of neither (touching does not count). */
function arcsCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const ends = [vec(a), vec(b), vec(c), vec(d)] as const
  return crossings(...ends).some((x) => ends.every((e) => angle(x, e) > 1e-9))
}

function bordersMeet(g: Geometry, h: Geometry): boolean {
  const he = edgesOf(h)
  return edgesOf(g).some(([a, b]) => he.some(([c, d]) => arcsIntersect(a, b, c, d)))
}

const coveredBy = (p: Position, region: Geometry) => polygonsOf(region).some((poly) => inPolygon(p, poly))

/** `$geoWithin` a Polygon or MultiPolygon: every point of g inside, and no edge of g leaving it. */
export function within(g: Geometry, region: Geometry): boolean {
  if (!polygonsOf(region).length) throw new Error('$geoWithin needs a Polygon or MultiPolygon')
  if (!positionsOf(g).every((p) => coveredBy(p, region))) return false
  // An edge between two inside points can still cross out and back in (a concave region or a hole).
  const boundary = edgesOf({ type: 'MultiLineString', coordinates: polygonsOf(region).flat() })
  return !edgesOf(g).some(([a, b]) => boundary.some(([c, d]) => arcsCross(a, b, c, d)))
}

/** `$geoWithin: {$centerSphere: [[lng, lat], radians]}`: every point within the cap (a cap is convex). */
export function withinCap(g: Geometry, center: Position, radians: number): boolean {
  return positionsOf(g).every((p) => distanceRad(p, center) <= radians)
}

/** `$geoIntersects`: the two share at least one point. */
export function intersects(g: Geometry, h: Geometry): boolean {
  if (positionsOf(g).some((p) => coveredBy(p, h) || onGeometry(p, h))) return true
  if (positionsOf(h).some((p) => coveredBy(p, g) || onGeometry(p, g))) return true
  return bordersMeet(g, h)
}

function onGeometry(p: Position, g: Geometry): boolean {
  const v = vec(p)
  if (positionsOf(g).some((q) => distanceRad(p, q) < 1e-12)) return true
  return edgesOf(g).some(([a, b]) => onArc(v, vec(a), vec(b)))
}

/** Distance in radians from p to the nearest point of arc AB. */
function distanceToArc(p: Vec, a: Vec, b: Vec): number {
  const n = cross(a, b)
  const len = norm(n)
  if (len > EPSILON) {
    // The point of the great circle through A and B closest to p, if it lies on the arc.
    const unit = scale(n, 1 / len)
    const foot = cross(unit, cross(p, unit))
    const footLen = norm(foot)
    if (footLen > EPSILON) {
      const f = scale(foot, 1 / footLen)
      if (onArc(f, a, b)) return angle(p, f)
    }
  }
  return Math.min(angle(p, a), angle(p, b))
}

/** Distance in metres from a point to the nearest point of a geometry (0 inside a polygon). */
export function distanceTo(p: Position, g: Geometry): number {
  if (polygonsOf(g).some((poly) => inPolygon(p, poly))) return 0
  const v = vec(p)
  const toVertices = Math.min(...positionsOf(g).map((q) => distanceRad(p, q)))
  const toEdges = edgesOf(g).map(([a, b]) => distanceToArc(v, vec(a), vec(b)))
  return Math.min(toVertices, ...toEdges) * EARTH_RADIUS_M
}
