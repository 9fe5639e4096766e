/**
 * Routes of the reopening-application pages (subpackage `pages/application`) and the public plate check.
 * Notifications sent by the `application` function link to `detail?id=` and `plate?id=`: keep those paths.
 */
export const APP_PAGES = {
  enterprises: '/pages/application/enterprises',
  enterpriseForm: '/pages/application/enterprise-form',
  enterprise: '/pages/application/enterprise',
  list: '/pages/application/list',
  form: '/pages/application/form',
  detail: '/pages/application/detail',
  queue: '/pages/application/queue',
  review: '/pages/application/review',
  commit: '/pages/application/commit',
  plate: '/pages/application/plate',
  inspect: '/pages/application/inspect',
  difficulties: '/pages/application/difficulties',
  find: '/pages/application/find',
  /** Public, main package: the QR on the plate opens it without login. */
  verify: '/pages/verify/index',
} as const

/** `APP_PAGES.detail` + `{id}` → "/pages/application/detail?id=…". */
export function pageUrl(path: string, query: Record<string, string | undefined> = {}): string {
  const qs = Object.entries(query)
    .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')
  return qs ? `${path}?${qs}` : path
}
