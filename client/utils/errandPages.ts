/**
 * Routes of the errand pages (subpackage `pages/errand`). Notifications sent by the `errand` function link
 * to `detail?id=`, `new` and `ledger`: keep those paths.
 */
export const ERRAND_PAGES = {
  /** Resident: ask for groceries, medicine, daily goods or someone to talk to. */
  new: '/pages/errand/new',
  /** Resident: my requests, with live status and the handoff code. */
  mine: '/pages/errand/mine',
  /** Anyone involved: one request, with what this person may do next. */
  detail: '/pages/errand/detail',
  /** Butler (shopping) or grid worker (psychological support): claim, and my work in progress. */
  queue: '/pages/errand/queue',
  /** Butler, grid worker, admin: money advanced by butlers, settled by the street. */
  ledger: '/pages/errand/ledger',
  /** Grid worker and admin: late and unclaimed requests, every request, households that need help. */
  grid: '/pages/errand/grid',
} as const

export function errandDetailUrl(id: string): string {
  return `${ERRAND_PAGES.detail}?id=${encodeURIComponent(id)}`
}
