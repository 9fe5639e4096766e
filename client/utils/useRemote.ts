import { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { RemoteValue } from '../stores/remoteValue'
import { useRerender } from './useRerender'

/**
 * Loads data for a page: loading / ready / error, reloaded quietly whenever the page shows again
 * (coming back from a form, or from a notification) unless `refreshOnShow` is false (forms: picking a
 * photo hides and shows the page), and a late answer never overwrites a newer one (stores/remoteValue.ts).
 */
export function useRemote<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
  opts: { refreshOnShow?: boolean } = {},
): RemoteValue<T> {
  const refreshOnShow = opts.refreshOnShow ?? true
  const latest = useRef(load)
  latest.current = load
  const [remote] = useState(() => new RemoteValue<T>(() => latest.current()))
  useRerender(() => [remote.status, remote.data, remote.error, remote.pending], [remote])

  useEffect(() => {
    void remote.reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)

  useDidShow(() => {
    // The first show comes with the mount, which is already loading; later shows are returns to the page.
    if (!refreshOnShow || remote.pending) return
    void remote.reload(true)
  })

  return remote
}
