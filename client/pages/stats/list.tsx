import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { useEffect } from 'react'
import {
  FIGURES,
  FIGURE_GROUPS,
  FIGURE_KEYS,
  HEALTH_LISTS,
  type FigureKey,
  type ListKind,
  type ListRows,
} from '../../../shared/stats'
import { AccountGate } from '../../components/AccountGate'
import { DataTable, TablePager, type Column } from '../../components/DataTable'
import { ListFoot } from '../../components/ListFoot'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { accountApi } from '../../services/account'
import { statsApi } from '../../services/stats'
import type { AccountView as Account } from '../../../shared/account'
import { usePagedList } from '../../utils/usePagedList'
import { useRemote } from '../../utils/useRemote'
import { useWideLayout } from '../../utils/useWideLayout'
import { canReadHealth, HEALTH_LOCKED } from './parts/access'
import { KIND_VIEWS, type KindView, type RowCard } from './parts/columns'
import { GROUP_TINTS } from './parts/FigureBoard'
import { BASIS_TEXT, figureValue, num, periodText } from './parts/format'
import { scopeName } from './parts/scope'
import './stats.scss'

type Row = ListRows[ListKind]

const PHONE_PAGE = 20
const DESK_PAGE = 50

function Card({ card }: { card: RowCard }) {
  return (
    <View className="st-row" data-testid="list-row">
      <View className="st-row__main">
        <View className="st-row__top">
          <Text className="st-row__title">{card.title}</Text>
          {card.tag && <Text className={`st-pill st-pill--${card.tag.tone}`}>{card.tag.text}</Text>}
        </View>
        {card.lines.map((l, i) => (
          <View className="st-row__line" key={i}>
            {l}
          </View>
        ))}
      </View>
      {card.side && (
        <Text className={`st-row__side st-row__side--${card.sideTone ?? 'info'}`}>{card.side}</Text>
      )}
    </View>
  )
}

function FigureList({ account, figure }: { account: Account; figure: FigureKey }) {
  const router = useRouter()
  const p = router.params
  const wide = useWideLayout()
  const info = FIGURES[figure]
  const view = KIND_VIEWS[info.list] as unknown as KindView<Row>
  const scope =
    p.c || p.g
      ? {
          streetId: account.scope.streetId,
          ...(p.c ? { communityId: p.c } : {}),
          ...(p.g ? { gridId: p.g } : {}),
        }
      : undefined
  const period = { ...(p.from ? { from: p.from } : {}), ...(p.to ? { to: p.to } : {}) }
  const pageSize = wide ? DESK_PAGE : PHONE_PAGE
  const list = usePagedList(
    (page: number, size: number) => statsApi.list({ figure, scope, period, page, pageSize: size }),
    [figure, p.c, p.g, p.from, p.to],
    { pageSize, rowKey: view.rowKey },
  )
  const scopes = useRemote(() => accountApi.scopes(), [], { refreshOnShow: false })

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: `${info.label} · 明细` })
  }, [info.label])
  usePullDownRefresh(() => {
    list.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (!wide) void list.loadMore()
  })

  const from = list.last?.from ?? p.from ?? ''
  const to = list.last?.to ?? p.to ?? ''
  const figureNumber = p.v !== undefined && p.v !== '' ? Number(p.v) : null
  const place = scopeName(account, scopes.data, p.c ?? '', p.g ?? '')
  const when =
    info.basis === 'period' ? (from ? periodText(from, to) : '') : info.basis === 'today' ? '今天' : '当前'

  const headline = () => {
    if (list.status !== 'ready') return null
    if (info.measure === 'count')
      return (
        <Text>
          共{' '}
          <Text className="st-head__num" data-testid="list-total">
            {num(list.total)}
          </Text>{' '}
          {info.unit}
        </Text>
      )
    const prefix = info.measure === 'sum' ? '合计' : '平均'
    return (
      <Text>
        {figureNumber !== null && (
          <Text>
            {prefix} <Text className="st-head__num">{figureValue(info, figureNumber)}</Text> {info.unit}，
          </Text>
        )}
        来自 <Text data-testid="list-total">{num(list.total)}</Text> 条记录
      </Text>
    )
  }

  const columns = view.columns as Column<Row>[]

  return (
    <View className={`st-list${wide ? ' st-wide' : ''}`}>
      <View className="st-head card">
        <View className="st-head__group">
          <View className="st-group__bar" style={{ background: GROUP_TINTS[info.group] }} />
          <Text>{FIGURE_GROUPS[info.group]}</Text>
        </View>
        <View className="st-head__title">{info.label}</View>
        <View className="st-head__def">{info.definition}</View>
        <View className="st-head__chips">
          <Text className="st-chip">{place}</Text>
          <Text className="st-chip">{when || BASIS_TEXT[info.basis]}</Text>
        </View>
        <View className="st-head__total">{headline()}</View>
      </View>

      {list.status === 'loading' ? (
        <LoadingBlock cards={3} rows={2} />
      ) : list.status === 'error' ? (
        <ErrorBlock message={list.error} onRetry={() => void list.reload()} />
      ) : list.items.length === 0 ? (
        <EmptyBlock title="没有记录" description={`${when || '这段时间'}没有符合“${info.label}”的记录。`} />
      ) : wide ? (
        <View className="card st-table-card">
          <DataTable
            testId="figure-table"
            columns={columns}
            rows={list.items}
            rowKey={view.rowKey}
            filterPlaceholder={view.filterPlaceholder}
            toolbar={
              <Text className="st-table-card__hint">
                点击表头排序；筛选只在本页 {list.items.length} 条中查找
              </Text>
            }
          />
          <TablePager list={list} />
        </View>
      ) : (
        <View>
          <View className="card st-rows">
            {list.items.map((r) => (
              <Card key={view.rowKey(r)} card={view.card(r)} />
            ))}
          </View>
          <ListFoot list={list} endText={`已显示全部 ${list.total} 条`} />
        </View>
      )}
    </View>
  )
}

function Guarded({ account }: { account: Account }) {
  const { params } = useRouter()
  const figure = params.figure as FigureKey | undefined
  if (!figure || !FIGURE_KEYS.includes(figure))
    return <EmptyBlock title="没有这项统计" description="请从数据看板点击一个数字查看明细。" />
  if (HEALTH_LISTS.includes(FIGURES[figure].list) && !canReadHealth(account))
    return <EmptyBlock title="暂无权限" description={HEALTH_LOCKED} />
  return <FigureList account={account} figure={figure} />
}

function FigureListPage() {
  return (
    <PageShell className="st-page">
      <AccountGate action={['stats', 'list']}>{(account) => <Guarded account={account} />}</AccountGate>
    </PageShell>
  )
}

export default FigureListPage
