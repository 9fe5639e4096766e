import { useDidHide, useDidShow } from '@tarojs/taro'
import { useEffect, useRef } from 'react'

/**
 * Calls `tick` every `ms` while the page is on screen (stops when another page covers it or the app goes to
 * the background): live status without a socket.
 */
export function usePolling(tick: () => void, ms: number, enabled = true): void {
  const latest = useRef(tick)
  latest.current = tick
  const shown = useRef(true)
  useDidShow(() => {
    shown.current = true
  })
  useDidHide(() => {
    shown.current = false
  })
  useEffect(() => {
    if (!enabled) return undefined
    const id = setInterval(() => {
      if (shown.current) latest.current()
    }, ms)
    return () => clearInterval(id)
  }, [ms, enabled])
}
