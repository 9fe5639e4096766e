import { DEFAULT_ERRAND_SETTINGS, type ErrandSettings } from '../../shared/errand'
import { DEFAULT_RULES, type ScreeningRules } from '../../shared/health'
import { DEFAULT_RETENTION, type RetentionPolicy } from '../../shared/retention'
import { col, getDoc } from './collections'
import type { Deps } from './runtime'

/**
 * What a street's admin has set, as in force: read by the function that owns the setting and by the timers and
 * the dashboard that apply it, so each reads it the same way.
 */

/**
 * Settings change a few times in an epidemic and are read by every report, claim and scan: each function instance
 * keeps what it read for SETTINGS_CACHE_MS (wall-clock time, whatever the use case's clock says). A change made
 * through this instance is seen at once (`forgetSettings`); one made through another instance of the function,
 * within SETTINGS_CACHE_MS — as CloudBase runs several instances of a busy function, that is the delay a new
 * rule can take to reach every instance.
 */
export const SETTINGS_CACHE_MS = 30_000
const cache = new Map<string, { value: Promise<unknown>; until: number }>()

/**
 * Calls arriving while the setting is being read wait for that read instead of each making its own: at the morning
 * rush the first reports after the cache ran out would otherwise all read the rules at once. A read that fails is
 * not kept.
 */
function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const hit = cache.get(key)
  if (hit && hit.until > Date.now()) return hit.value as Promise<T>
  const value = load()
  const entry = { value, until: Date.now() + SETTINGS_CACHE_MS }
  cache.set(key, entry)
  value.catch(() => {
    if (cache.get(key) === entry) cache.delete(key)
  })
  return value
}

/** After a street's settings changed: this instance reads them afresh. */
export function forgetSettings(streetId: string): void {
  for (const key of cache.keys()) if (key.split('|')[1] === streetId) cache.delete(key)
}

/** The screening rules in force on a date: the newest version whose effectiveFrom is not after it. */
export function rulesFor(deps: Deps, streetId: string, date: string): Promise<ScreeningRules> {
  return cached(`rules|${streetId}|${date}`, () => loadRules(deps, streetId, date))
}

async function loadRules(deps: Deps, streetId: string, date: string): Promise<ScreeningRules> {
  const _ = deps.db.command
  const { data } = await col(deps.db, 'screening_rules')
    .where({ streetId, effectiveFrom: _.lte(date) })
    .orderBy('effectiveFrom', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .get()
  const doc = data[0]
  if (!doc) return DEFAULT_RULES
  const { _id: _i, streetId: _s, createdBy: _c, createdAt: _a, ...rules } = doc
  return rules
}

/** The street's errand limits, the defaults where it set none. */
export function errandSettingsFor(deps: Deps, streetId: string): Promise<ErrandSettings> {
  return cached(`errand|${streetId}`, () => loadErrandSettings(deps, streetId))
}

async function loadErrandSettings(deps: Deps, streetId: string): Promise<ErrandSettings> {
  const doc = await getDoc(deps, 'errand_settings', streetId)
  if (!doc) return DEFAULT_ERRAND_SETTINGS
  const { maxOpen, unclaimedMinutes, urgentUnclaimedMinutes, deliverWithinMinutes, communityAfterMinutes } = {
    ...DEFAULT_ERRAND_SETTINGS,
    ...doc,
  }
  return { maxOpen, unclaimedMinutes, urgentUnclaimedMinutes, deliverWithinMinutes, communityAfterMinutes }
}

/** A street's retention policy as stored (id = street id). */
export interface RetentionPolicyDoc extends RetentionPolicy {
  _id: string
  updatedBy: string
  updatedAt: number
}

/** The street's retention policy, the defaults where it set none. */
export async function retentionFor(deps: Deps, streetId: string): Promise<RetentionPolicy> {
  const doc = await getDoc(deps, 'retention_policies', streetId)
  if (!doc) return DEFAULT_RETENTION
  const { healthDays, errandDays, idNumberDays } = { ...DEFAULT_RETENTION, ...doc }
  return { healthDays, errandDays, idNumberDays }
}
