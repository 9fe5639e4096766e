import { useCallback, useEffect, useRef, useState } from 'react'
import { errorMessage } from '../services/cloud'

export interface PagedList<T, P extends { items: T[]; total: number }> {
  status: 'loading' | 'ready' | 'error'
  error: string
  items: T[]
  total: number
  /** The last page read (append mode) or the page on screen (pages mode). */
  page: number
  pageSize: number
  /** The whole answer of the last page read, for extras a function sends along (e.g. the figure). */
  last: P | undefined
  hasMore: boolean
  loadingMore: boolean
  moreError: string
  /** Page count for the pager (pages mode). */
  pages: number
  /** Reads the first page again; `quiet` keeps the rows on screen meanwhile. */
  reload: (quiet?: boolean) => Promise<void>
  /** Phone: appends the next page (加载更多). */
  loadMore: () => Promise<void>
  /** Desktop: shows page `n` instead of the current one. */
  goTo: (n: number) => Promise<void>
  /** Replaces one row in place after an action answered with its new state. */
  update: (match: (row: T) => boolean, next: T) => void
}

/**
 * A paged list from a function answering `{items, total, page, pageSize}`: the phone appends pages
 * (加载更多), the desktop table shows one page at a time with a pager. A late answer never overwrites a newer
 * one; a change of `deps` (filters) starts again from page 1.
 */
export function usePagedList<T, P extends { items: T[]; total: number } = { items: T[]; total: number }>(
  fetch: (page: number, pageSize: number) => Promise<P>,
  deps: readonly unknown[],
  opts: { pageSize: number; rowKey: (row: T) => string },
): PagedList<T, P> {
  const { pageSize, rowKey } = opts
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>('loading')
  const [error, setError] = useState('')
  const [items, setItems] = useState<T[]>([])
  const [total, setTotal] = useState(0)
  const [page, setPage] = useState(0)
  const [last, setLast] = useState<P | undefined>(undefined)
  const [loadingMore, setLoadingMore] = useState(false)
  const [moreError, setMoreError] = useState('')
  const seq = useRef(0)
  const shown = useRef(0)

  // eslint-disable-next-line react-hooks/exhaustive-deps
  const fetcher = useCallback(fetch, [...deps, pageSize])

  const show = useCallback(
    async (n: number, quiet: boolean) => {
      const mine = ++seq.current
      if (!quiet || shown.current === 0) setStatus('loading')
      setError('')
      setMoreError('')
      try {
        const res = await fetcher(n, pageSize)
        if (mine !== seq.current) return
        setItems(res.items)
        setTotal(res.total)
        setPage(n)
        setLast(res)
        shown.current = res.items.length
        setStatus('ready')
      } catch (e) {
        if (mine !== seq.current) return
        setError(errorMessage(e))
        if (!quiet || shown.current === 0) setStatus('error')
      }
    },
    [fetcher, pageSize],
  )

  const reload = useCallback((quiet = false) => show(1, quiet), [show])
  const goTo = useCallback((n: number) => show(n, true), [show])

  useEffect(() => {
    shown.current = 0
    void show(1, false)
  }, [show])

  const hasMore = items.length < total && page * pageSize < total

  const loadMore = useCallback(async () => {
    if (loadingMore || status !== 'ready' || !hasMore) return
    const mine = seq.current
    setLoadingMore(true)
    setMoreError('')
    try {
      const res = await fetcher(page + 1, pageSize)
      if (mine !== seq.current) return
      setItems((xs) => {
        const seen = new Set(xs.map(rowKey))
        return [...xs, ...res.items.filter((x) => !seen.has(rowKey(x)))]
      })
      setTotal(res.total)
      setPage(page + 1)
      setLast(res)
    } catch (e) {
      if (mine === seq.current) setMoreError(errorMessage(e))
    } finally {
      setLoadingMore(false)
    }
  }, [loadingMore, status, hasMore, fetcher, page, pageSize, rowKey])

  const update = useCallback((match: (row: T) => boolean, next: T) => {
    setItems((xs) => xs.map((x) => (match(x) ? next : x)))
  }, [])

  return {
    status,
    error,
    items,
    total,
    page,
    pageSize,
    last,
    hasMore,
    loadingMore,
    moreError,
    pages: Math.max(1, Math.ceil(total / pageSize)),
    reload,
    loadMore,
    goTo,
    update,
  }
}
