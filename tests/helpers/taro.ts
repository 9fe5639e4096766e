/**
 * The few Taro APIs the client's stores and services touch, for unit tests in Node (jest maps
 * `@tarojs/taro` here in the `unit` project). Storage is a Map; the tab-bar badge calls are recorded so a
 * test can read what the inbox showed.
 */
// The client runs as its H5 build here (a session is a stored token), as the browser tests run it.
process.env.TARO_ENV ??= 'h5'

const storage = new Map<string, unknown>()

export const badgeCalls: { index: number; text?: string }[] = []

const resolved = () => Promise.resolve({ errMsg: 'ok' })

const Taro = {
  getStorageSync: (key: string) => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  getCurrentPages: () => [] as { route?: string }[],
  reLaunch: resolved,
  navigateTo: resolved,
  navigateBack: resolved,
  redirectTo: resolved,
  switchTab: resolved,
  setTabBarBadge: (o: { index: number; text: string }) => {
    badgeCalls.push(o)
    return resolved()
  },
  removeTabBarBadge: (o: { index: number }) => {
    badgeCalls.push({ index: o.index })
    return resolved()
  },
  cloud: {},
}

export default Taro
export const useDidShow = (): void => undefined
export const useDidHide = (): void => undefined
