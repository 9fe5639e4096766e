import { Button, Input, Loading } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useMemo, useState, type ReactNode } from 'react'

export interface Column<T> {
  key: string
  title: string
  /** Share of the free width (fr) and the narrowest the column may get, in px. */
  grow?: number
  min?: number
  align?: 'left' | 'right' | 'center'
  render: (row: T) => ReactNode
  /** The value to sort by; without it the column does not sort. */
  sortValue?: (row: T) => string | number | null | undefined
  /** The words the quick filter looks for; defaults to the sort value. */
  text?: (row: T) => string
}

type Sort = { key: string; dir: 1 | -1 } | null

interface Props<T> {
  columns: Column<T>[]
  rows: T[]
  rowKey: (row: T) => string
  onRowClick?: (row: T) => void
  /** Placeholder of the quick filter over the rows on screen; no filter box without it. */
  filterPlaceholder?: string
  /** Controls shown left of the quick filter (server-side filters). */
  toolbar?: ReactNode
  emptyText?: string
  /** A spinner over the rows while another page or filter is being read. */
  busy?: boolean
  testId?: string
}

function compare(a: string | number | null | undefined, b: string | number | null | undefined): number {
  const none = (v: unknown) => v === null || v === undefined || v === ''
  if (none(a) && none(b)) return 0
  if (none(a)) return 1
  if (none(b)) return -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a).localeCompare(String(b), 'zh-CN')
}

/**
 * The desktop (H5, wide window) form of a list: a table whose column heads sort the rows on screen
 * (ascending, descending, as loaded), with a quick filter over them. Paging and server-side filters stay with
 * the page (see TablePager).
 */
export function DataTable<T>({
  columns,
  rows,
  rowKey,
  onRowClick,
  filterPlaceholder,
  toolbar,
  emptyText = '没有符合条件的记录',
  busy,
  testId,
}: Props<T>) {
  const [sort, setSort] = useState<Sort>(null)
  const [filter, setFilter] = useState('')
  const template = columns.map((c) => `minmax(${c.min ?? 80}px, ${c.grow ?? 1}fr)`).join(' ')

  const shown = useMemo(() => {
    const words = filter.trim().toLowerCase()
    let out = rows
    if (words) {
      out = rows.filter((r) =>
        columns.some((c) => {
          const t = c.text ? c.text(r) : c.sortValue ? c.sortValue(r) : ''
          return t !== null && t !== undefined && String(t).toLowerCase().includes(words)
        }),
      )
    }
    if (sort) {
      const col = columns.find((c) => c.key === sort.key)
      if (col?.sortValue) {
        const value = col.sortValue
        out = [...out].sort((a, b) => sort.dir * compare(value(a), value(b)))
      }
    }
    return out
  }, [rows, columns, filter, sort])

  const onHead = (c: Column<T>) => {
    if (!c.sortValue) return
    setSort((s) => (s?.key !== c.key ? { key: c.key, dir: 1 } : s.dir === 1 ? { key: c.key, dir: -1 } : null))
  }

  return (
    <View className="dt" data-testid={testId}>
      {(toolbar || filterPlaceholder) && (
        <View className="dt__toolbar">
          <View className="dt__toolbar-main">{toolbar}</View>
          {filterPlaceholder && (
            <View className="dt__filter">
              <Input
                className="dt__filter-input"
                value={filter}
                placeholder={filterPlaceholder}
                clearable
                onChange={setFilter}
              />
            </View>
          )}
        </View>
      )}
      <View className="dt__table">
        <View className="dt__row dt__row--head" style={{ gridTemplateColumns: template }}>
          {columns.map((c) => {
            const on = sort?.key === c.key
            return (
              <View
                key={c.key}
                className={`dt__cell dt__cell--head dt__cell--${c.align ?? 'left'}${
                  c.sortValue ? ' dt__cell--sortable' : ''
                }${on ? ' dt__cell--sorted' : ''}`}
                onClick={() => onHead(c)}
              >
                <Text>{c.title}</Text>
                {c.sortValue && <Text className="dt__sort">{on ? (sort.dir === 1 ? '▲' : '▼') : '⇅'}</Text>}
              </View>
            )
          })}
        </View>
        {shown.map((r) => (
          <View
            key={rowKey(r)}
            className={`dt__row${onRowClick ? ' dt__row--link' : ''}`}
            style={{ gridTemplateColumns: template }}
            onClick={onRowClick ? () => onRowClick(r) : undefined}
            data-testid="dt-row"
          >
            {columns.map((c) => (
              <View key={c.key} className={`dt__cell dt__cell--${c.align ?? 'left'}`}>
                {c.render(r)}
              </View>
            ))}
          </View>
        ))}
        {shown.length === 0 && (
          <View className="dt__empty">{rows.length ? '本页没有符合筛选的记录' : emptyText}</View>
        )}
        {busy && (
          <View className="dt__busy">
            <Loading type="spinner" />
          </View>
        )}
      </View>
    </View>
  )
}

/** Pages of a desktop table: 共 N 条, 上一页 / 第 x / y 页 / 下一页. */
export function TablePager({
  list,
  unit = '条',
}: {
  /** A paged list in pages mode (stores/pagedList.ts); a failed page shows its error beside the total. */
  list: { page: number; pages: number; total: number; error: string; goTo: (page: number) => Promise<void> }
  unit?: string
}) {
  const { page, pages, total, error } = list
  const onGo = (n: number) => void list.goTo(n)
  return (
    <View className="dt-pager" data-testid="dt-pager">
      <Text className="dt-pager__total">
        共 {total} {unit}
      </Text>
      {error && <Text className="dt-pager__error">{error}</Text>}
      <View className="dt-pager__nav">
        <Button
          size="small"
          fill="outline"
          type="primary"
          disabled={page <= 1}
          onClick={() => onGo(page - 1)}
        >
          上一页
        </Button>
        <Text className="dt-pager__page">
          第 {page} / {pages} 页
        </Text>
        <Button
          size="small"
          fill="outline"
          type="primary"
          disabled={page >= pages}
          onClick={() => onGo(page + 1)}
        >
          下一页
        </Button>
      </View>
    </View>
  )
}
