import Taro from '@tarojs/taro'
import { observable } from 'mobx'

/**
 * Large type (大字模式): remembered on this device, read by every page's root (components/PageShell.tsx), which
 * then carries `.page--large` — the CSS in app.scss does the rest. `asked` remembers the one-time offer made after
 * a declaration shows the person is 60 or older (shared/age.ts).
 */
const KEY = 'largeType'
const ASKED = 'largeTypeAsked'

function stored(key: string): boolean {
  try {
    return Taro.getStorageSync(key) === true
  } catch {
    return false
  }
}

export const largeType = observable.box(stored(KEY))

export function setLargeType(on: boolean): void {
  Taro.setStorageSync(KEY, on)
  largeType.set(on)
}

/** True the first time only: whether to offer large type now. */
export function offerLargeTypeOnce(): boolean {
  if (largeType.get() || stored(ASKED)) return false
  Taro.setStorageSync(ASKED, true)
  return true
}
