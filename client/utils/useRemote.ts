import { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage } from '../services/cloud'
import type { LoadStatus } from '../stores/session'

export interface Remote<T> {
  status: LoadStatus
  data: T | undefined
  error: string
  /** Reads again; `quiet` keeps what is on screen instead of showing the skeleton. */
  reload: (quiet?: boolean) => Promise<void>
  /** Replaces the data after an action answered with the new state. */
  setData: (data: T) => void
}

/**
 * Loads data for a page: loading / ready / error, reloaded quietly whenever the page shows again
 * (coming back from a form, or from a notification) unless `refreshOnShow` is false (forms: picking a
 * photo hides and shows the page), and a late answer never overwrites a newer one.
 */
export function useRemote<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
  opts: { refreshOnShow?: boolean } = {},
): Remote<T> {
  const refreshOnShow = opts.refreshOnShow ?? true
  const [status, setStatus] = useState<LoadStatus>('loading')
  const [data, setDataState] = useState<T | undefined>(undefined)
  const [error, setError] = useState('')
  const seq = useRef(0)
  const pending = useRef(false)
  const hasData = useRef(false)

  // eslint-disable-next-line react-hooks/exhaustive-deps
  const loader = useCallback(load, deps)

  const reload = useCallback(
    async (quiet = false) => {
      const mine = ++seq.current
      pending.current = true
      if (!quiet || !hasData.current) setStatus('loading')
      setError('')
      try {
        const value = await loader()
        if (mine !== seq.current) return
        hasData.current = true
        setDataState(value)
        setStatus('ready')
      } catch (e) {
        if (mine !== seq.current) return
        setError(errorMessage(e))
        if (!quiet || !hasData.current) setStatus('error')
      } finally {
        if (mine === seq.current) pending.current = false
      }
    },
    [loader],
  )

  useEffect(() => {
    void reload()
  }, [reload])

  useDidShow(() => {
    // The first show comes with the mount, which is already loading; later shows are returns to the page.
    if (!refreshOnShow || pending.current) return
    void reload(true)
  })

  const setData = useCallback((value: T) => {
    hasData.current = true
    setDataState(value)
    setStatus('ready')
  }, [])

  return { status, data, error, reload, setData }
}
