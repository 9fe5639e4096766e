/**
 * The scope half of the access policy, as the use cases apply it: the runtime has already checked who may call
 * the action; here the action's rule (shared/policy.ts RULES, named in its row) is applied to the record the use
 * case loaded. A rule is written once, in shared/policy.ts; a use case only states the facts of its record.
 */
import { AppError } from '../../shared/errors'
import { refusal, type RuleName, type Target } from '../../shared/policy'
import type { Scope } from '../../shared/roles'
import type { AccountDoc } from './accounts'
import { getDoc } from './collections'
import type { Deps } from './runtime'

interface Caller {
  account: AccountDoc | undefined
  rule: RuleName
}

/** Refuses (FORBIDDEN_SCOPE, CONFLICT_OF_INTEREST …, with the rule's own words) unless the rule admits `target`. */
export function allow(caller: Caller, target: Target): void {
  if (!caller.account) throw new AppError('ACCOUNT_NOT_SET_UP')
  const r = refusal(caller.rule, caller.account, target)
  if (r) throw new AppError(r.code, r.message)
}

/** The same question, answered: for choosing a view or filtering a list rather than refusing. */
export function allows(caller: Caller, target: Target): boolean {
  return Boolean(caller.account) && !refusal(caller.rule, caller.account!, target)
}

/** Allows with another rule than the action's own: for a second record an action touches in passing. */
export function allowAs(rule: RuleName, caller: Caller, target: Target): void {
  allow({ ...caller, rule }, target)
}

/** Where a record lies, from the copies of street, community and grid ids it carries. */
export function placeOf(doc: {
  streetId: string
  communityId?: string | null
  gridId?: string | null
}): Scope {
  return {
    streetId: doc.streetId,
    ...(doc.communityId ? { communityId: doc.communityId } : {}),
    ...(doc.gridId ? { gridId: doc.gridId } : {}),
  }
}

/** A grid as a place: refuses one that does not exist (SCOPE_NOT_FOUND). */
export async function gridPlace(deps: Pick<Deps, 'db'>, gridId: string): Promise<Scope> {
  const g = await getDoc(deps, 'grids', gridId)
  if (!g) throw new AppError('SCOPE_NOT_FOUND', '没有找到这个网格')
  return { streetId: g.streetId, communityId: g.communityId, gridId: g._id }
}

/**
 * The filter that keeps a list inside the caller's scope (street, community, grid), narrowed to one grid when
 * asked — after the action's rule has admitted that grid.
 */
export async function scopedWhere(
  deps: Pick<Deps, 'db'>,
  caller: Caller & { account: AccountDoc },
  gridId?: string,
): Promise<Record<string, unknown>> {
  if (gridId) {
    const place = await gridPlace(deps, gridId)
    allow(caller, { scope: place })
    // Records keep the community they were made in; a grid moved since is found by the grid itself.
    return { streetId: place.streetId, gridId }
  }
  return scopeFilter(caller.account)
}

/** The filter of everything within an account's own scope: its street, community or grid. */
export function scopeFilter(account: { scope: Scope }): Record<string, unknown> {
  const scope = account.scope
  const where: Record<string, unknown> = { streetId: scope.streetId }
  if (scope.communityId) where.communityId = scope.communityId
  if (scope.gridId) where.gridId = scope.gridId
  return where
}
