import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage } from '../../../services/cloud'
import type { LoadStatus } from '../../../stores/session'

export interface Paged<T, P extends { items: T[]; total: number }> {
  status: LoadStatus
  error: string
  items: T[]
  total: number
  /** The last first-page answer (for extra fields such as totals or eligibility). */
  head: P | undefined
  hasMore: boolean
  loadingMore: boolean
  moreError: string
  /** First page again; `quiet` keeps the list on screen (polling, pull-down refresh, back from a page). */
  reload: (quiet?: boolean) => Promise<void>
  loadMore: () => Promise<void>
}

/**
 * A paged list with loading / ready / error, 加载更多, and quiet reloads that keep as many rows as are on
 * screen (so polling does not collapse a list someone scrolled). A late answer never overwrites a newer one.
 */
export function usePaged<T extends { _id: string }, P extends { items: T[]; total: number }>(
  fetch: (page: number, pageSize: number) => Promise<P>,
  deps: readonly unknown[],
  pageSize = 20,
): Paged<T, P> {
  const [status, setStatus] = useState<LoadStatus>('loading')
  const [error, setError] = useState('')
  const [items, setItems] = useState<T[]>([])
  const [total, setTotal] = useState(0)
  const [head, setHead] = useState<P | undefined>(undefined)
  const [page, setPage] = useState(0)
  const [loadingMore, setLoadingMore] = useState(false)
  const [moreError, setMoreError] = useState('')
  const seq = useRef(0)
  const shown = useRef(0)
  shown.current = items.length

  // eslint-disable-next-line react-hooks/exhaustive-deps
  const fetcher = useCallback(fetch, deps)

  const reload = useCallback(
    async (quiet = false) => {
      const mine = ++seq.current
      if (!quiet) setStatus('loading')
      setError('')
      // Keep what is on screen: up to 50 rows at once, the function's page limit.
      const size = quiet ? Math.min(50, Math.max(pageSize, shown.current)) : pageSize
      try {
        const res = await fetcher(1, size)
        if (mine !== seq.current) return
        setItems(res.items)
        setTotal(res.total)
        setHead(res)
        setPage(Math.ceil(res.items.length / pageSize) || 1)
        setStatus('ready')
        setMoreError('')
      } catch (e) {
        if (mine !== seq.current) return
        setError(errorMessage(e))
        setStatus((s) => (quiet && s === 'ready' ? s : 'error'))
      }
    },
    [fetcher, pageSize],
  )

  useEffect(() => {
    setItems([])
    void reload()
  }, [reload])

  const loadMore = useCallback(async () => {
    if (loadingMore || items.length >= total || status !== 'ready') return
    const mine = seq.current
    setLoadingMore(true)
    setMoreError('')
    try {
      const res = await fetcher(page + 1, pageSize)
      if (mine !== seq.current) return
      setItems((old) => {
        const seen = new Set(old.map((i) => i._id))
        return [...old, ...res.items.filter((i) => !seen.has(i._id))]
      })
      setTotal(res.total)
      setPage(page + 1)
    } catch (e) {
      setMoreError(errorMessage(e))
    } finally {
      setLoadingMore(false)
    }
  }, [fetcher, items.length, loadingMore, page, pageSize, status, total])

  return {
    status,
    error,
    items,
    total,
    head,
    hasMore: items.length < total,
    loadingMore,
    moreError,
    reload,
    loadMore,
  }
}
