import type { AccountView as Account } from '../../../../shared/account'

/** Who opens the dashboard and exports ledgers (the `stats` function's VIEWERS). */
export const STATS_ROLES = ['admin', 'reviewer', 'gridWorker'] as const

/** People's health (key persons, quarantine, reports): not for the economy and safety reviewers. */
export function canReadHealth(account: Account): boolean {
  return account.role !== 'reviewer' || account.department === 'epidemic'
}

export const HEALTH_LOCKED = '健康信息仅防疫专业队伍、网格员和管理员可以查看'
