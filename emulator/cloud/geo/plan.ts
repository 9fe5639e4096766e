import type { Doc } from '../ejson'
import { isPlainObject } from '../ejson'
import { requestFailed } from '../errors'
import { distanceOf, GEO_QUERY_OPERATORS, nearSpec } from './operators'

/**
 * What a query's geo conditions need beyond matching: CloudBase searches only fields with a 2dsphere index
 * ("要使用地理位置查询功能时,必须建立地理位置索引"), so a geo condition on any other field is refused, as MongoDB
 * refuses `$near` without one; and `$near`/`$nearSphere` order the results nearest first.
 */
export interface GeoPlan {
  /** Distance in metres by which `$near`/`$nearSphere` orders the matches, nearest first. */
  nearest?: (doc: Doc) => number
}

const NEAR = new Set(['$near', '$nearSphere'])
const GEO = new Set<string>(GEO_QUERY_OPERATORS)

export function geoPlan(query: Record<string, unknown>, geoPaths: Set<string>): GeoPlan {
  const plan: GeoPlan = {}
  const visit = (q: Record<string, unknown>, topLevel: boolean) => {
    for (const [key, cond] of Object.entries(q)) {
      if (key === '$and' || key === '$or' || key === '$nor') {
        if (Array.isArray(cond))
          for (const sub of cond) if (isPlainObject(sub)) visit(sub, topLevel && key === '$and')
        continue
      }
      if (!isPlainObject(cond)) continue
      for (const op of Object.keys(cond)) {
        if (!GEO.has(op)) continue
        if (!geoPaths.has(key))
          throw requestFailed(`unable to find index for ${op} query: "${key}" has no 2dsphere index`)
        if (!NEAR.has(op)) continue
        if (!topLevel) throw requestFailed(`${op} is not allowed inside $or or $nor`)
        if (plan.nearest) throw requestFailed('Too many geoNear expressions')
        const { point } = nearSpec(cond[op], op)
        plan.nearest = (doc) => distanceOf(doc, key, point) ?? Infinity
      }
    }
  }
  visit(query, true)
  return plan
}
