/**
 * Every page path the app opens, for both sides: the client navigates with these, and the functions put them
 * in the links of notices and QR codes. Each must be a page of client/app.config.ts (tests/unit/routes.test.ts
 * holds them to it), so renaming a page breaks the build, not a link in someone's inbox.
 */

/**
 * The tabs (home, messages, profile) and login (H5 only) are the main package; setup, profile editing,
 * invitations and their redemption are small subpackages of their own (client/app.config.ts).
 */
export const PAGES = {
  home: '/pages/index/index',
  messages: '/pages/messages/index',
  profile: '/pages/profile/index',
  login: '/pages/login/index',
  setup: '/pages/setup/index',
  profileEdit: '/pages/account/edit',
  /** H5 only: change the password (我的), and set a new one with a reset code (from the login page). */
  passwordChange: '/pages/account/password',
  passwordReset: '/pages/account/reset',
  /** 我的数据: what is held about me, download, delete my account. */
  myData: '/pages/account/my-data',
  redeem: '/pages/invite/redeem',
  adminInvites: '/pages/admin/invites',
} as const

/** The health subpackage: declaration, the quarantine card, the butler's board, a person's history, rules. */
export const HEALTH_PAGES = {
  declare: '/pages/health/declare',
  card: '/pages/health/card',
  board: '/pages/health/board',
  history: '/pages/health/history',
  staff: '/pages/health/staff',
  keyPersons: '/pages/health/key-persons',
  rules: '/pages/health/rules',
} as const

/** The reopening-application subpackage, and the public plate check. */
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
  /** 健康证 — owner and employee: mine, and uploading a new one (with the subpackage's photo upload). */
  certificates: '/pages/application/certificates',
  /** 健康证 — a shop's staff and who may work; the grid worker's certificates to verify. */
  certificateStaff: '/pages/application/certificate-staff',
  /** Public (its own subpackage): the QR on the plate opens it without login; the mini-program can also scan. */
  verify: '/pages/verify/index',
} as const

/** The errand subpackage. */
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

/** The street's console: dashboard and ledgers (subpackage `pages/stats`). */
export const STATS_PAGES = {
  dashboard: '/pages/stats/dashboard',
  list: '/pages/stats/list',
  ledger: '/pages/stats/ledger',
  /** 区级汇总: one row per street of a day's figures, for district staff. */
  district: '/pages/stats/district',
} as const

/** Administration of places, accounts, the audit log and the message outbox (subpackage `pages/manage`). */
export const MANAGE_PAGES = {
  index: '/pages/manage/index',
  places: '/pages/manage/places',
  accounts: '/pages/manage/accounts',
  audit: '/pages/manage/audit',
  /** Subscribe messages WeChat accepted (the local cloud's outbox), for street admins. */
  outbox: '/pages/manage/outbox',
  /** Backups, retention policy and the daily export's API keys, for street admins. */
  data: '/pages/manage/data',
  /** The district's streets: created and renamed by district staff. */
  streets: '/pages/manage/streets',
  /** The district's API keys and daily push (数据上报), for district staff. */
  reporting: '/pages/manage/reporting',
} as const

/** 防疫物资 and 健康证 (subpackage `pages/supplies`). */
export const SUPPLY_PAGES = {
  /**
   * 防疫物资 — grid worker and admin: the street's stock, receiving, handing out; owner: supplies handed to my
   * enterprises (confirm receipt), and asking the street to help buy.
   */
  stock: '/pages/supplies/stock',
  /** Grid worker and admin: enterprises' purchase requests, and what was procured. */
  purchases: '/pages/supplies/purchases',
} as const

/** 企业一日两检 (subpackage `pages/onsite`): a person's own checks, and the enterprise's board. */
export const ONSITE_PAGES = {
  mine: '/pages/onsite/mine',
  board: '/pages/onsite/board',
} as const

type Values<T> = T[keyof T]
export type PagePath =
  | Values<typeof PAGES>
  | Values<typeof HEALTH_PAGES>
  | Values<typeof APP_PAGES>
  | Values<typeof ERRAND_PAGES>
  | Values<typeof STATS_PAGES>
  | Values<typeof MANAGE_PAGES>
  | Values<typeof SUPPLY_PAGES>
  | Values<typeof ONSITE_PAGES>

/** `pageUrl(APP_PAGES.detail, {id})` → "/pages/application/detail?id=…"; empty values are left out. */
export function pageUrl(path: PagePath, query: Record<string, string | undefined> = {}): string {
  const qs = Object.entries(query)
    .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')
  return qs ? `${path}?${qs}` : path
}
