import Taro from '@tarojs/taro'

export const PAGES = {
  home: '/pages/index/index',
  messages: '/pages/messages/index',
  profile: '/pages/profile/index',
  login: '/pages/login/index',
  setup: '/pages/setup/index',
  profileEdit: '/pages/account/edit',
  redeem: '/pages/invite/redeem',
  adminInvites: '/pages/admin/invites',
  /** Public check of a reopening plate (its QR opens it; in the mini-program it can also scan). */
  verify: '/pages/verify/index',
} as const

const TAB_PAGES: string[] = [PAGES.home, PAGES.messages, PAGES.profile]

const ignore = () => undefined

/** Opens a page: tab pages are switched to, others pushed on the stack. */
export function openPage(url: string): void {
  const path = url.split('?')[0]!
  if (TAB_PAGES.includes(path)) Taro.switchTab({ url: path }).catch(ignore)
  else Taro.navigateTo({ url }).catch(() => Taro.redirectTo({ url }).catch(ignore))
}

/** Clears the stack and starts over at `url` (after login, setup, logout). */
export function restartAt(url: string): void {
  Taro.reLaunch({ url }).catch(ignore)
}

/** Goes back, or home when there is nothing to go back to (e.g. a page opened from a link). */
export function goBack(): void {
  if (Taro.getCurrentPages().length > 1) Taro.navigateBack().catch(() => restartAt(PAGES.home))
  else restartAt(PAGES.home)
}

/** The health subpackage (pages/health). Notifications link to history and card with these paths too. */
export const HEALTH_PAGES = {
  declare: '/pages/health/declare',
  card: '/pages/health/card',
  board: '/pages/health/board',
  history: '/pages/health/history',
  staff: '/pages/health/staff',
  keyPersons: '/pages/health/key-persons',
  rules: '/pages/health/rules',
} as const
