// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { FIGURES, type FigureKey } from '../../../shared/stats'
import { shanghaiDate } from '../../../shared/time'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { statsApi } from '../../services/stats'
import { statsFilter } from '../../stores/staff'
import { STATS_PAGES } from '../../utils/consolePages'
import { addDays } from '../../utils/format'
import { openPage } from '../../utils/nav'
import { pageUrl } from '../../utils/applicationPages'
import { useRemote } from '../../utils/useRemote'
import { figureValue } from './parts/format'
import './stats.scss'

/** The figures each street's row shows; the rest are one tap away (the street's own figures page). */
export const SUMMARY_FIGURES: readonly FigureKey[] = [
  'enterprises.total',
  'applications.approved',
  'quarantine.active',
  'reports.missed',
  'reports.fever',
  'difficulties.open',
]

/** 区级汇总: one row per street of one day's figures — the numbers each street's dashboard shows for that day. */
function DistrictSummary() {
  const today = shanghaiDate(Date.now())
  const [date, setDate] = useState(today)
  const summary = useRemote(() => statsApi.districtSummary(date), [date])
  usePullDownRefresh(() => {
    summary.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  const streets = summary.data?.streets ?? []
  const total = (k: FigureKey) => streets.reduce((n, s) => n + (s.figures[k] ?? 0), 0)

  return (
    <View className="ds-page">
      <View className="ds-day">
        <Text className="ds-day__step" data-testid="day-before" onClick={() => setDate(addDays(date, -1))}>
          ‹ 前一天
        </Text>
        <Text className="ds-day__date" data-testid="summary-date">
          {date === today ? `今天 ${date}` : date}
        </Text>
        <Text
          className={`ds-day__step${date >= today ? ' ds-day__step--off' : ''}`}
          onClick={() => date < today && setDate(addDays(date, 1))}
        >
          后一天 ›
        </Text>
      </View>
      {summary.status === 'loading' ? (
        <LoadingBlock cards={3} rows={3} />
      ) : summary.status === 'error' ? (
        <ErrorBlock message={summary.error} onRetry={() => void summary.reload()} />
      ) : streets.length === 0 ? (
        <EmptyBlock title="还没有街道" description="在「街道管理」中新建街道后，各街道的数据会汇总在这里。" />
      ) : (
        <View>
          <View className="card ds-total" data-testid="district-total">
            <View className="ds-total__title">全区合计（{streets.length} 个街道）</View>
            <View className="ds-figs">
              {SUMMARY_FIGURES.map((k) => (
                <View className="ds-fig" key={k}>
                  <Text className="ds-fig__value">{figureValue(FIGURES[k], total(k))}</Text>
                  <Text className="ds-fig__label">{FIGURES[k].label}</Text>
                </View>
              ))}
            </View>
          </View>
          {streets.map((s) => (
            <View
              className="card ds-street"
              key={s.streetId}
              data-testid="district-street"
              onClick={() => {
                // The street's dashboard opens on this day, the whole street.
                statsFilter.setScope('', '')
                if (date === today) statsFilter.setPreset('today')
                else statsFilter.setCustom(date, date)
                openPage(pageUrl(STATS_PAGES.dashboard, { street: s.streetId }))
              }}
            >
              <View className="ds-street__head">
                <Text className="ds-street__name">{s.streetName || '（未命名街道）'}</Text>
                <Text className="ds-street__more">数据看板 ›</Text>
              </View>
              <View className="ds-figs">
                {SUMMARY_FIGURES.map((k) => (
                  <View className="ds-fig" key={k}>
                    <Text
                      className={`ds-fig__value${
                        (k === 'reports.fever' || k === 'reports.missed') && (s.figures[k] ?? 0) > 0
                          ? ' ds-fig__value--alert'
                          : ''
                      }`}
                    >
                      {figureValue(FIGURES[k], s.figures[k])}
                    </Text>
                    <Text className="ds-fig__label">{FIGURES[k].label}</Text>
                  </View>
                ))}
              </View>
            </View>
          ))}
          <View className="ds-note">
            数字与各街道数据看板当天显示的一致；区级只能查看汇总数字，不能查看个人信息。
          </View>
        </View>
      )}
    </View>
  )
}

function DistrictPage() {
  return (
    <PageShell className="st-page">
      <AccountGate action={['stats', 'districtSummary']}>{() => <DistrictSummary />}</AccountGate>
    </PageShell>
  )
}

export default DistrictPage
