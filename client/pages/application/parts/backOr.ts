import Taro from '@tarojs/taro'

/** Back to the previous page, or — when this page was opened from a link — on to `url` instead. */
export function backOr(url: string): void {
  if (Taro.getCurrentPages().length > 1) Taro.navigateBack().catch(() => Taro.redirectTo({ url }))
  else Taro.redirectTo({ url }).catch(() => undefined)
}
