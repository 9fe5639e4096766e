import Taro from '@tarojs/taro'
import { HEALTH_PAGES, PAGES } from '../../shared/routes'

export { HEALTH_PAGES, PAGES }

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

/**
 * Goes back — or, when there is nothing to go back to (a page opened from a link or a notification), on to
 * `fallback` instead of this page, or home.
 */
export function goBack(fallback?: string): void {
  const elsewhere = () => {
    if (fallback) Taro.redirectTo({ url: fallback }).catch(ignore)
    else restartAt(PAGES.home)
  }
  if (Taro.getCurrentPages().length > 1) Taro.navigateBack().catch(elsewhere)
  else elsewhere()
}
