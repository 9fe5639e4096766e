/**
 * Routes of the street's console: the dashboard and ledgers (subpackage `pages/stats`) and administration
 * (subpackage `pages/manage`). Invitations and screening rules have their own pages (PAGES.adminInvites,
 * HEALTH_PAGES.rules).
 */
export const STATS_PAGES = {
  dashboard: '/pages/stats/dashboard',
  list: '/pages/stats/list',
  ledger: '/pages/stats/ledger',
} as const

export const MANAGE_PAGES = {
  index: '/pages/manage/index',
  places: '/pages/manage/places',
  accounts: '/pages/manage/accounts',
  audit: '/pages/manage/audit',
  outbox: '/pages/manage/outbox',
} as const
