import type { AccountView as Account } from '../../../../shared/account'
import { CHECKS, mayDo } from '../../../../shared/policy'

/**
 * People's health (key persons, quarantine, reports): the `statsScope` rule of shared/policy.ts keeps them from
 * the economy and safety reviewers. Asked of the caller's own scope: the question is the kind of data, not where.
 */
export function canReadHealth(account: Account): boolean {
  return mayDo(account, ['stats', 'list'], { scope: account.scope, health: true })
}

export const HEALTH_LOCKED = CHECKS.healthData.message
