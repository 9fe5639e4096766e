import { checkFieldNames, newDoc, replacement } from './documents'
import { decodeRequest, encodeDoc, encodeReply, isPlainObject, type Doc } from './ejson'
import { invalidParam, requestFailed } from './errors'
import { geoNearStage, runGeoNear } from './geo/stage'
import { idKey, isDocId, objectIdKeyOf, replyId, type DocId } from './ids'
import { Locked, StoreView } from './locks'
import { lookupSources } from './lookup'
import { aggregate, applyUpdate, compileFilter, groupsOnly, shape } from './query'
import { ALL } from './rows'
import { isValidCollectionName, type DocView, type Store } from './store'
import type { Transactions } from './transactions'

/** `get()` answers 100 documents unless told otherwise and never more than 1000, like CloudBase. */
const DEFAULT_LIMIT = 100
const MAX_LIMIT = 1000

type Params = Record<string, unknown>
/** Answers one SDK action; the result is merged into the response next to `requestId`. */
export type ActionHandler = (
  params: Params,
  now: number,
) => Record<string, unknown> | Promise<Record<string, unknown>>

function collectionOf(p: Params): string {
  if (!isValidCollectionName(p.collectionName)) throw invalidParam('collectionName is missing or invalid')
  return p.collectionName
}

function nonNegativeInt(v: unknown, name: string, fallback: number): number {
  if (v === undefined || v === null) return fallback
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    throw invalidParam(`${name} must be a non-negative integer`)
  return v
}

/**
 * The id a query names when it is exactly `{_id: <id>}` (what `doc(id)` sends), so it needs no scan, with the
 * store keys to look it up by. `doc()` with the hex string of an ObjectId id finds that document: CloudBase hands
 * ObjectId ids back as hex strings (see ids.ts), and code passes them back to `doc()`.
 */
function idOf(query: unknown): { id: DocId; keys: string[] } | undefined {
  if (!isPlainObject(query)) return undefined
  const keys = Object.keys(query)
  if (keys.length !== 1 || !isDocId(query._id)) return undefined
  const id = query._id
  const asObjectId = typeof id === 'string' ? objectIdKeyOf(id) : undefined
  return { id, keys: asObjectId ? [idKey(id), asObjectId] : [idKey(id)] }
}

/** `$near`/`$nearSphere` order matches nearest first (an explicit orderBy, applied later, takes precedence). */
function sortByDistance(docs: Doc[], distance: (doc: Doc) => number): void {
  const d = new Map(docs.map((doc) => [doc, distance(doc)]))
  docs.sort((a, b) => d.get(a)! - d.get(b)!)
}

function order(value: unknown): Record<string, 1 | -1> {
  if (!isPlainObject(value)) throw invalidParam('order must be an object')
  for (const [field, dir] of Object.entries(value)) {
    if (dir !== 1 && dir !== -1) throw invalidParam(`order of ${field} must be 1 or -1`)
  }
  return value as Record<string, 1 | -1>
}

/**
 * A write outside any transaction that meets a document an open transaction has written waits for that
 * transaction to end, then runs again from the start (see locks.ts); its SQLite transaction was rolled back.
 */
function waitingForLocks(handler: ActionHandler): ActionHandler {
  return async (p, now) => {
    for (;;) {
      try {
        return await handler(p, now)
      } catch (e) {
        if (!(e instanceof Locked)) throw e
        await e.holder.ended
      }
    }
  }
}

/**
 * The `database.*` actions of node-sdk. Each runs in one SQLite transaction (a multi-document update lands
 * whole or not at all); with a `transactionId` it runs against that transaction's snapshot and staged writes.
 */
export function databaseActions(store: Store, transactions: Transactions): Record<string, ActionHandler> {
  const direct = new StoreView(store, transactions.locks)
  const viewOf = (p: Params): DocView =>
    p.transactionId === undefined ? direct : transactions.get(p.transactionId)
  const queryOf = (p: Params, now: number) =>
    p.query === undefined ? undefined : decodeRequest(p.query, now, 'query')
  const requiredQuery = (p: Params, now: number) => {
    if (p.query === undefined) throw invalidParam('query is required')
    return decodeRequest(p.query, now, 'query')
  }
  const filterFor = (coll: string, query: unknown) =>
    compileFilter(query, store.indexedPaths(coll), store.geoPaths(coll))
  const matching = (view: DocView, coll: string, query: unknown, multi: boolean): Doc[] => {
    const named = idOf(query)
    if (named) {
      for (const key of named.keys) {
        const doc = view.get(coll, key)
        if (doc) return [doc]
      }
      return []
    }
    const filter = filterFor(coll, query)
    const docs = view.find(coll, filter)
    if (filter.nearest) sortByDistance(docs, filter.nearest)
    return multi ? docs : docs.slice(0, 1)
  }
  /**
   * Outside a transaction, a sorted `get()` whose filter SQL expresses exactly (query.ts pushdown) and whose sort
   * fields hold only scalars (indexed fields, `_id`) is sorted and paged by SQLite: only the page is read and
   * decoded, however many documents match. Anything else (undefined here) takes the JS path: every match is
   * read, then sorted and paged by mingo (shape), which is the reference the SQL path is tested against.
   */
  const sortedPage = (
    coll: string,
    query: unknown,
    sort: Record<string, 1 | -1> | undefined,
    offset: number,
    limit: number,
  ): Doc[] | undefined => {
    if (!sort || Object.keys(sort).length === 0 || idOf(query)) return undefined
    const indexed = store.indexedPaths(coll)
    if (!Object.keys(sort).every((path) => path === '_id' || indexed.has(path))) return undefined
    const filter = filterFor(coll, query)
    if (!filter.where.exact || filter.nearest) return undefined
    return store.page(coll, filter, sort, offset, limit).map((s) => s.doc)
  }
  /** Applies the update to `doc` in place; true when the document actually changed. */
  const changedBy = (doc: Doc, data: unknown): boolean => {
    const before = encodeDoc(doc)
    applyUpdate(doc, data)
    checkFieldNames(doc)
    return encodeDoc(doc) !== before
  }

  return {
    'database.addCollection': (p) => {
      store.createCollection(collectionOf(p))
      return {}
    },

    'database.getDocument': (p, now) =>
      store.atomically(() => {
        const coll = collectionOf(p)
        const limit = Math.min(nonNegativeInt(p.limit, 'limit', DEFAULT_LIMIT) || DEFAULT_LIMIT, MAX_LIMIT)
        const offset = nonNegativeInt(p.offset, 'offset', 0)
        const query = queryOf(p, now)
        const sort = p.order === undefined ? undefined : order(decodeRequest(p.order, now, 'order'))
        const projection =
          p.projection === undefined
            ? undefined
            : (decodeRequest(p.projection, now, 'projection') as Record<string, unknown>)
        const paged = p.transactionId === undefined ? sortedPage(coll, query, sort, offset, limit) : undefined
        const list = (
          paged
            ? shape(paged, { projection, offset: 0, limit })
            : shape(matching(viewOf(p), coll, query, true), { order: sort, projection, offset, limit })
        ).map(encodeReply)
        return { data: { list, limit, offset } }
      }),

    'database.calculateDocument': (p, now) =>
      store.atomically(() => {
        const coll = collectionOf(p)
        const query = queryOf(p, now)
        const empty = query === undefined || (isPlainObject(query) && Object.keys(query).length === 0)
        const exact = p.transactionId === undefined && !idOf(query) ? filterFor(coll, query) : undefined
        const total =
          empty && p.transactionId === undefined
            ? store.count(coll)
            : exact?.where.exact && !exact.nearest
              ? store.countWhere(coll, exact)
              : matching(viewOf(p), coll, query, true).length
        return { data: { total } }
      }),

    'database.insertDocument': waitingForLocks((p, now) =>
      store.atomically(() => {
        const coll = collectionOf(p)
        const view = viewOf(p)
        if (!Array.isArray(p.data) || p.data.length === 0)
          throw invalidParam('data must be a non-empty array')
        const docs = p.data.map((text) => newDoc(decodeRequest(text, now, 'data')))
        for (const doc of docs) view.insert(coll, doc)
        return { data: { insertedIds: docs.map((d) => replyId(d._id)) } }
      }),
    ),

    'database.modifyDocument': waitingForLocks((p, now) =>
      store.atomically(() => {
        const coll = collectionOf(p)
        const view = viewOf(p)
        const query = requiredQuery(p, now)
        const data = decodeRequest(p.data, now, 'data')
        const merge = p.merge !== false
        let updated = 0
        const targets = matching(view, coll, query, p.multi === true)
        for (const doc of targets) {
          const next = merge ? doc : replacement(doc._id, data)
          if (merge ? changedBy(doc, data) : encodeDoc(next) !== encodeDoc(doc)) {
            view.replace(coll, next)
            updated++
          }
        }
        if (targets.length === 0 && p.upsert === true) {
          const named = idOf(query)
          if (!named) throw invalidParam('upsert needs a query by _id')
          const doc: Doc = merge ? { _id: named.id } : replacement(named.id, data)
          if (merge) changedBy(doc, data)
          view.insert(coll, doc)
          return { data: { updated: 0, upsert_id: replyId(named.id) } }
        }
        return { data: { updated } }
      }),
    ),

    // updateAndReturn: CloudBase counts the matched document as updated even when the update changed nothing.
    'database.modifyAndReturnDoc': waitingForLocks((p, now) =>
      store.atomically(() => {
        const coll = collectionOf(p)
        const view = viewOf(p)
        const [doc] = matching(view, coll, requiredQuery(p, now), false)
        if (!doc) return { data: { updated: 0, doc: null } }
        if (changedBy(doc, decodeRequest(p.data, now, 'data'))) view.replace(coll, doc)
        return { data: { updated: 1, doc: encodeReply(doc) } }
      }),
    ),

    'database.removeDocument': waitingForLocks((p, now) =>
      store.atomically(() => {
        const coll = collectionOf(p)
        const view = viewOf(p)
        const targets = matching(view, coll, requiredQuery(p, now), p.multi === true)
        for (const doc of targets) view.remove(coll, doc)
        return { data: { deleted: targets.length } }
      }),
    ),

    'database.aggregateDocuments': (p, now) =>
      store.atomically(() => {
        const coll = collectionOf(p)
        store.requireCollection(coll)
        if (!Array.isArray(p.stages)) throw invalidParam('stages must be an array')
        const pipeline = p.stages.map((stage: unknown) => {
          if (!isPlainObject(stage) || typeof stage.stageKey !== 'string')
            throw invalidParam('each stage needs a stageKey and a stageValue')
          return { [stage.stageKey]: decodeRequest(stage.stageValue, now, stage.stageKey) }
        })
        // A leading $geoNear or $match is the scan itself, so its indexed conditions reach SQL.
        const first = pipeline[0]
        const geoNear =
          first && '$geoNear' in first ? geoNearStage(first.$geoNear, store.geoPaths(coll)) : undefined
        const leadQuery = geoNear ? geoNear.query : first && '$match' in first ? first.$match : undefined
        const lead = geoNear || leadQuery !== undefined ? filterFor(coll, leadQuery) : ALL
        const rest = geoNear || leadQuery !== undefined ? pipeline.slice(1) : pipeline
        let source = store.find(coll, lead, !geoNear && groupsOnly(rest)).map((s) => s.doc)
        if (geoNear) source = runGeoNear(geoNear, source)
        if (rest.some((stage) => '$geoNear' in stage))
          throw requestFailed('$geoNear is only valid as the first stage in a pipeline')
        const matchesNear = (stage: Record<string, unknown>) =>
          '$match' in stage && /"\$near(Sphere)?"/.test(JSON.stringify(stage.$match))
        if ((!geoNear && lead.nearest) || rest.some(matchesNear))
          throw requestFailed('$near is not allowed inside of a $match aggregation expression, use $geoNear')
        const joined = lookupSources(rest, {
          hasCollection: (name) => store.hasCollection(name),
          find: (name, filter) => store.find(name, filter).map((s) => s.doc),
          filterFor,
        })
        return { data: { list: aggregate(joined.stages, source, joined.resolve).map(encodeReply) } }
      }),

    'database.startTransaction': () => ({ transactionId: transactions.start() }),

    'database.commitTransaction': (p) => {
      transactions.commit(p.transactionId)
      return {}
    },

    'database.abortTransaction': (p) => {
      transactions.abort(p.transactionId)
      return {}
    },
  }
}
