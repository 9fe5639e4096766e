import { DEFAULT_ERRAND_SETTINGS, type ErrandSettings } from '../../shared/errand'
import { DEFAULT_RULES, type ScreeningRules } from '../../shared/health'
import { DEFAULT_RETENTION, type RetentionPolicy } from '../../shared/retention'
import { col, getDoc } from './collections'
import type { Deps } from './runtime'

/**
 * What a street's admin has set, as in force: read by the function that owns the setting and by the timers and
 * the dashboard that apply it, so each reads it the same way.
 */

/** The screening rules in force on a date: the newest version whose effectiveFrom is not after it. */
export async function rulesFor(deps: Deps, streetId: string, date: string): Promise<ScreeningRules> {
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
export async function errandSettingsFor(deps: Deps, streetId: string): Promise<ErrandSettings> {
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
