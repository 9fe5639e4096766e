import { isPlainObject, type Doc } from './ejson'
import { ALL, type Filter } from './rows'

/**
 * The foreign collections of a pipeline's `$lookup` stages, read through SQL where a stage allows it.
 *
 * mingo joins against a whole collection (its `collectionResolver` gets only a name). A `$lookup` whose own
 * `pipeline` opens with a `$match` of constants — no `$expr`, no `$$variable` — keeps only what that `$match`
 * admits, whatever the outer document: such a stage reads just those documents here (an index search, as a `get()`
 * with the same filter would), under a name of its own, and mingo runs the stage's pipeline — the `$match` again,
 * then its sort and limit — over them. Any other `$lookup` reads the whole collection, as before.
 */
export interface LookupSources {
  /** The pipeline to run: pushed-down stages name their prepared source instead of the collection. */
  stages: Record<string, unknown>[]
  resolve(name: string): Doc[]
}

/** A name no collection can have (collection names are `[A-Za-z0-9_-]`). */
const sourceName = (i: number) => `lookup:${i}`

function uncorrelated(match: unknown): boolean {
  if (!isPlainObject(match)) return false
  const text = JSON.stringify(match)
  return !text.includes('"$expr"') && !text.includes('"$$')
}

export function lookupSources(
  pipeline: Record<string, unknown>[],
  read: {
    hasCollection(name: string): boolean
    find(name: string, filter: Filter): Doc[]
    filterFor(name: string, query: unknown): Filter
  },
): LookupSources {
  const prepared = new Map<string, Doc[]>()
  const stages = pipeline.map((stage, i) => {
    const lookup = stage.$lookup
    if (!isPlainObject(lookup) || typeof lookup.from !== 'string' || !Array.isArray(lookup.pipeline))
      return stage
    const first = lookup.pipeline[0] as unknown
    if (!isPlainObject(first) || !('$match' in first) || !uncorrelated(first.$match)) return stage
    if (lookup.localField !== undefined || lookup.foreignField !== undefined) return stage
    const from = lookup.from
    prepared.set(
      sourceName(i),
      read.hasCollection(from) ? read.find(from, read.filterFor(from, first.$match)) : [],
    )
    return { $lookup: { ...lookup, from: sourceName(i) } }
  })
  return {
    stages,
    resolve: (name) => prepared.get(name) ?? (read.hasCollection(name) ? read.find(name, ALL) : []),
  }
}
