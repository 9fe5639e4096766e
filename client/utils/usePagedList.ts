import { useDidShow } from '@tarojs/taro'
import { useEffect, useMemo, useRef } from 'react'
import { PagedList, type PagedListOptions, type PageOf } from '../stores/pagedList'
import { useRerender } from './useRerender'

/**
 * A page's own paged list (stores/pagedList.ts) from a function answering `{items, total, page, pageSize}`:
 * the phone appends pages (加载更多), the desktop table shows one page at a time with a pager. A change of
 * `deps` (filters) or of the page size starts again from page 1; a late answer never overwrites a newer one.
 */
export function usePagedList<P extends PageOf>(
  fetch: (page: number, pageSize: number) => Promise<P>,
  deps: readonly unknown[],
  opts: Omit<PagedListOptions<NoInfer<P>>, 'fetch' | 'status'> & {
    /** Reads the list again, quietly, whenever the page shows again (back from a detail page). */
    refreshOnShow?: boolean
  },
): PagedList<P> {
  const latest = useRef(fetch)
  latest.current = fetch
  const list = useMemo(
    () => new PagedList<P>({ ...opts, fetch: (page, size) => latest.current(page, size), status: 'loading' }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [opts.pageSize],
  )
  useRerender(
    () => [
      list.status,
      list.error,
      list.items,
      list.total,
      list.page,
      list.last,
      list.loadingMore,
      list.moreError,
    ],
    [list],
  )

  useEffect(() => {
    list.clear()
    void list.reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [list, ...deps])

  useDidShow(() => {
    if (opts.refreshOnShow && list.status === 'ready') void list.reload(true)
  })

  return list
}
