// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Refresh } from '@nutui/icons-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { MAX_TREND_DAYS, type FigureKey } from '../../../shared/stats'
import { formatShanghai } from '../../../shared/time'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { accountApi } from '../../services/account'
import { statsApi } from '../../services/stats'
import type { AccountView as Account } from '../../../shared/account'
import { PERIOD_PRESETS, statsFilter } from '../../stores/staff'
import { STATS_PAGES } from '../../utils/consolePages'
import { openPage } from '../../utils/nav'
import { pageUrl } from '../../utils/applicationPages'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import { useWideLayout } from '../../utils/useWideLayout'
import { canReadHealth, HEALTH_LOCKED } from './parts/access'
import { FigureBoard } from './parts/FigureBoard'
import { daysIn, periodText } from './parts/format'
import { addDays } from '../../utils/format'
import { PeriodBar } from './parts/PeriodBar'
import { ScopeButton } from './parts/ScopeButton'
import { TrendCharts } from './parts/TrendCharts'
import './stats.scss'

/** The days the charts cover: the period, a week when the period is one day, the last 92 days of a long one. */
function trendRange(from: string, to: string): { from: string; to: string; note: string } {
  if (from === to) return { from: addDays(to, -6), to, note: '（显示近7天的变化）' }
  if (daysIn(from, to) > MAX_TREND_DAYS)
    return { from: addDays(to, -(MAX_TREND_DAYS - 1)), to, note: `（趋势图显示最近${MAX_TREND_DAYS}天）` }
  return { from, to, note: '' }
}

/** District staff read a street's figures only: the lists behind them name people and stay with the street. */
export const READ_ONLY = '区级只读查看统计数字，明细名单请联系街道查看'

/**
 * The dashboard of the caller's own scope, or — for district staff (区级), `street` given — of that street, read-only:
 * the same figures, places, periods and trend the street's admin sees, without the lists behind them.
 */
const Dashboard = observer(function Dashboard({ account, street }: { account: Account; street?: string }) {
  const wide = useWideLayout()
  const scopes = useRemote(() => accountApi.scopes(street), [street], { refreshOnShow: false })
  // District staff look as the street's admin would (its places to choose from), read-only.
  const viewer: Account = street
    ? { ...account, scope: { streetId: street }, scopeNames: { street: scopes.data?.street.name ?? '' } }
    : account
  const scope = statsFilter.scopeFor(viewer.scope.streetId) ?? (street ? { streetId: street } : undefined)
  const period = statsFilter.period
  const scopeKey = JSON.stringify(scope ?? null)
  const periodKey = JSON.stringify(period)
  const dash = useRemote(() => statsApi.dashboard(scope, period), [scopeKey, periodKey])
  const range = statsFilter.range
  const tr = trendRange(range.from, range.to)
  const trend = useRemote(() => statsApi.trend(scope, tr.from, tr.to), [scopeKey, tr.from, tr.to])

  const serverToday = dash.data?.today
  useEffect(() => {
    if (serverToday) statsFilter.setToday(serverToday)
  }, [serverToday])

  usePullDownRefresh(() => {
    Promise.all([dash.reload(true), trend.reload(true)]).finally(() => Taro.stopPullDownRefresh())
  })

  const view = dash.data
  const presetLabel = PERIOD_PRESETS.find((p) => p.value === statsFilter.preset)?.label ?? '期间'
  const periodLabel = statsFilter.preset === 'custom' ? '期间' : presetLabel

  const open = (figure: FigureKey) => {
    if (!view) return
    if (street) return toast.info(READ_ONLY)
    openPage(
      pageUrl(STATS_PAGES.list, {
        figure,
        from: view.from,
        to: view.to,
        c: view.scope.communityId,
        g: view.scope.gridId,
        v: view.figures[figure] === null ? undefined : String(view.figures[figure]),
      }),
    )
  }

  return (
    <View className={`st-dash${wide ? ' st-wide' : ''}`}>
      <View className="st-hero">
        <View className="st-hero__top">
          <View className="st-hero__titles">
            <Text className="st-hero__title">
              {street ? `${scopes.data?.street.name ?? ''} 数据看板` : '数据看板'}
            </Text>
            <Text className="st-hero__sub">
              {view ? `数据更新于 ${formatShanghai(view.generatedAt, 'HH:mm')}` : '正在统计…'}
            </Text>
          </View>
          <View
            className="st-hero__refresh"
            onClick={() => {
              void dash.reload(true)
              void trend.reload(true)
            }}
          >
            <Refresh size={14} color="#ffffff" />
            <Text className="st-hero__refresh-text">刷新</Text>
          </View>
        </View>
        <View className="st-hero__filters">
          <ScopeButton
            light
            centred={wide}
            account={viewer}
            scopes={scopes.data}
            communityId={statsFilter.communityId}
            gridId={statsFilter.gridId}
            onChange={statsFilter.setScope}
          />
          <PeriodBar light />
        </View>
        <View className="st-hero__period" data-testid="period-text">
          统计期间：
          {periodText(view?.from ?? range.from, view?.to ?? range.to, view?.today ?? statsFilter.today)}
          <View className="st-hero__hint">
            {street
              ? '区级只读：可切换社区、网格和统计期间，不显示个人名单'
              : '标“当前”“今日”的数字不随统计期间变化；点数字查看明细'}
          </View>
        </View>
      </View>

      {dash.status === 'loading' || !view ? (
        dash.status === 'error' ? (
          <ErrorBlock message={dash.error} onRetry={() => void dash.reload()} />
        ) : (
          <LoadingBlock cards={3} rows={3} />
        )
      ) : (
        <FigureBoard
          view={view}
          wide={wide}
          healthReader={Boolean(street) || canReadHealth(account)}
          periodLabel={periodLabel}
          onOpen={open}
          onLocked={() => toast.info(HEALTH_LOCKED)}
        />
      )}

      <View className="section-title st-section">
        变化趋势
        <Text className="section-title__extra">每天的数量</Text>
      </View>
      {trend.status === 'error' ? (
        <ErrorBlock message={trend.error} onRetry={() => void trend.reload()} />
      ) : trend.data ? (
        <TrendCharts
          trend={trend.data}
          note={tr.note}
          dueToday={
            view && trend.data.to === view.today ? (view.figures['reports.due'] ?? undefined) : undefined
          }
        />
      ) : (
        <LoadingBlock cards={2} rows={4} />
      )}
    </View>
  )
})

function DashboardPage() {
  const { params } = useRouter()
  return (
    <PageShell className="st-page">
      <AccountGate action={['stats', 'dashboard']}>
        {(account) =>
          account.role !== 'district' ? (
            <Dashboard account={account} />
          ) : params.street ? (
            <Dashboard account={account} street={params.street} />
          ) : (
            <EmptyBlock
              title="请选择街道"
              description="区级在「全区汇总」中点开一个街道，查看它的数据看板。"
            />
          )
        }
      </AccountGate>
    </PageShell>
  )
}

export default DashboardPage
