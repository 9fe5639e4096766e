import { AppError } from '../../shared/errors'
import { scopeLevel, type Scope, type ScopeLevel } from '../../shared/roles'
import { daysBetween, shanghaiDate, startOfShanghaiDay } from '../../shared/time'
import { allow, allowAs } from '../_lib/access'
import type { ScopeNames } from '../_lib/accounts'
import { col, getDoc } from '../_lib/collections'
import type { CallerFor, Database, Deps } from '../_lib/runtime'

const DAY = 86_400_000

/** The street, community or grid a request is about, checked against the caller's own scope. */
export interface StatsScope {
  scope: Scope
  level: ScopeLevel
  /** The grids a community has now (records are located by their grid); null at street level. */
  gridIds: string[] | null
  names: ScopeNames
}

/**
 * Resolves the requested scope (default: the caller's own) and refuses with the action's rule (shared/policy.ts:
 * 'scope', or 'statsScope' for health figures) anything the caller's scope does not contain: another grid for a
 * grid worker, another community for a community admin, another street for anyone — judged on the scope the ids
 * resolve to (a grid alone names its community). Another street is refused before anything is read.
 */
export async function resolveScope(
  deps: Deps,
  caller: CallerFor,
  requested: { streetId: string; communityId?: string; gridId?: string } | undefined,
  health = false,
): Promise<StatsScope> {
  const own = caller.account.scope
  // District staff (the `figures` rule) read any street's figures, and name the street: they have none of their own.
  const district = caller.account.role === 'district'
  if (district && !requested) throw new AppError('INVALID_INPUT', '请选择要查看的街道')
  const want = requested ?? own
  // Another street, or health figures for a reviewer outside the epidemic team: refused before any read.
  allow(caller, { scope: own, health })
  if (!district) allowAs('street', caller, { scope: want })

  const streetId = want.streetId
  let communityId = want.communityId
  const gridId = want.gridId
  const street = await getDoc(deps, 'streets', streetId)
  if (district && !street) throw new AppError('SCOPE_NOT_FOUND', '所选街道不存在，请返回全区汇总重新选择')
  let communityName: string | undefined
  let gridName: string | undefined
  if (gridId) {
    const grid = await getDoc(deps, 'grids', gridId)
    if (!grid) throw new AppError('SCOPE_NOT_FOUND')
    if (grid.streetId !== streetId) throw new AppError('FORBIDDEN_SCOPE')
    if (communityId && communityId !== grid.communityId) throw new AppError('SCOPE_NOT_FOUND')
    communityId = grid.communityId
    gridName = grid.name
  }
  if (communityId) {
    const community = await getDoc(deps, 'communities', communityId)
    if (!community) throw new AppError('SCOPE_NOT_FOUND')
    if (community.streetId !== streetId) throw new AppError('FORBIDDEN_SCOPE')
    communityName = community.name
  }
  const scope: Scope = { streetId, ...(communityId ? { communityId } : {}), ...(gridId ? { gridId } : {}) }
  allow(caller, { scope, health })
  const level = scopeLevel(scope)
  let gridIds: string[] | null = null
  if (level === 'grid') gridIds = [gridId!]
  if (level === 'community') {
    const { data } = await col(deps.db, 'grids')
      .where({ streetId, communityId })
      .field({ _id: true })
      .limit(1000)
      .get()
    gridIds = (data as { _id: string }[]).map((g) => g._id)
  }
  return {
    scope,
    level,
    gridIds,
    names: { street: street?.name ?? '', community: communityName, grid: gridName },
  }
}

/** The condition that keeps a query inside the scope. The street is always named, whatever else is. */
export function scopeWhere(db: Database, s: StatsScope): Record<string, unknown> {
  const streetId = s.scope.streetId
  if (s.level === 'street') return { streetId }
  if (s.level === 'grid') return { streetId, gridId: s.scope.gridId }
  return { streetId, gridId: db.command.in(s.gridIds!) }
}

/**
 * Difficulties carry no grid: below street level they are found through the enterprises the scope holds
 * (a grid has tens of enterprises, a community a few hundred; their ids are read a page at a time).
 */
export async function difficultyWhere(deps: Deps, s: StatsScope): Promise<Record<string, unknown>> {
  const streetId = s.scope.streetId
  if (s.level === 'street') return { streetId }
  const ids: string[] = []
  for (let skip = 0; ; skip += 1000) {
    const { data } = await col(deps.db, 'enterprises')
      .where(scopeWhere(deps.db, s))
      .field({ _id: true })
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(1000)
      .get()
    ids.push(...(data as { _id: string }[]).map((e) => e._id))
    if (data.length < 1000) break
  }
  return { streetId, enterpriseId: deps.db.command.in(ids) }
}

/** A period of Shanghai days, inclusive, with its bounds in ms (`toMs` exclusive). */
export interface Period {
  from: string
  to: string
  today: string
  fromMs: number
  toMs: number
  /** Every day of the period, for `date` fields matched with $in. */
  dates: string[]
}

export function periodOf(now: number, from?: string, to?: string): Period {
  const today = shanghaiDate(now)
  const end = to ?? (from && from > today ? from : today)
  const start = from ?? end
  const fromMs = startOfShanghaiDay(start)
  const n = daysBetween(start, end) + 1
  const dates = Array.from({ length: Math.max(0, n) }, (_, i) => shanghaiDate(fromMs + i * DAY + DAY / 2))
  return { from: start, to: end, today, fromMs, toMs: startOfShanghaiDay(end) + DAY, dates }
}

/** Names of the street's communities and grids, for rows and ledgers. */
export interface Places {
  community(id: string | undefined): string
  grid(id: string | undefined): string
}

export async function loadPlaces(deps: Deps, streetId: string): Promise<Places> {
  const [{ data: communities }, { data: grids }] = await Promise.all([
    col(deps.db, 'communities').where({ streetId }).limit(1000).get(),
    col(deps.db, 'grids').where({ streetId }).limit(1000).get(),
  ])
  const names = new Map<string, string>()
  for (const p of [...communities, ...grids]) names.set(p._id, p.name)
  return {
    community: (id) => (id ? (names.get(id) ?? '') : ''),
    grid: (id) => (id ? (names.get(id) ?? '') : ''),
  }
}
