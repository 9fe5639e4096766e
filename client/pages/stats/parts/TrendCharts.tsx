import { Axis, Chart, Interval, Line, Point } from '@antv/f2'
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { TREND_APPLICATION_STATES, TrendDay } from '../../../../shared/stats'
import { F2Chart, f2h, type ChartSize } from '../../../components/F2Chart'
import type { Reply } from '../../../services/api'
import { monthDay } from '../../../utils/format'
import { minutesText, num, periodText, shortDay } from './format'

type TrendView = Reply<'stats', 'trend'>

type AppState = (typeof TREND_APPLICATION_STATES)[number]

interface Series {
  key: string
  name: string
  color: string
  /** Drawn as a line (with points) rather than a column. */
  line?: boolean
}

const APP_SERIES: Record<AppState, Series> = {
  received: { key: 'received', name: '收到申请', color: '#1f6fd8' },
  approved: { key: 'approved', name: '审核通过', color: '#1f9d55' },
  reopened: { key: 'reopened', name: '已复工', color: '#0e9f94' },
  returned: { key: 'returned', name: '退回补充', color: '#e0a030' },
  rejected: { key: 'rejected', name: '未通过', color: '#d93a3a' },
  revoked: { key: 'revoked', name: '撤销复工', color: '#8a94a6' },
}
const APP_ORDER: AppState[] = ['received', 'approved', 'reopened', 'returned', 'rejected', 'revoked']

const AXIS_LABEL = { fontSize: 12, fill: '#7b8598' }
const GRID = { stroke: '#eef1f5', lineDash: null }

/** A round top for the count axis (at least 4, so an empty week still has a readable scale). */
function niceMax(max: number): number {
  if (max <= 4) return 4
  const step = Math.pow(10, Math.floor(Math.log10(max / 4)))
  // The smallest round step that fits, and a whole one, so every tick of a count axis is a whole number.
  const unit =
    [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]
      .map((m) => Math.round(m * step * 1000) / 1000)
      .filter((u) => Number.isInteger(u))
      .find((u) => u * 4 >= max) ?? step * 10
  return unit * 4
}

/** Every n-th date label, so they never overlap on a narrow screen. */
function dateFormatter(dates: string[], width: number): (d: string) => string {
  const fit = Math.max(2, Math.floor((width - 40) / 40))
  const step = Math.max(1, Math.ceil(dates.length / fit))
  const last = dates.length - 1
  return (d: string) => {
    const i = dates.indexOf(d)
    // Always label the last day (today, usually); skip its neighbour if they would touch.
    if (i === last) return shortDay(d)
    if ((last - i) % step !== 0) return ''
    return shortDay(d)
  }
}

/**
 * Stacked columns as ranges ([bottom, top] per series and day), drawn as plain intervals: F2's own `stack`
 * adjust replaces the axis range with the data's, so the top tick would be cut off or missing.
 */
function stackRows<K extends string>(
  days: TrendDay[],
  order: readonly K[],
  value: (d: TrendDay, k: K) => number,
): { date: string; type: K; range: [number, number] }[] {
  return days.flatMap((d) => {
    let acc = 0
    return order.flatMap((k) => {
      const n = value(d, k)
      if (!n) return []
      const row = { date: d.date, type: k, range: [acc, acc + n] as [number, number] }
      acc += n
      return [row]
    })
  })
}

function countAxis(field: string, max: number, position?: 'left' | 'right', unit = '') {
  return {
    scale: { min: 0, max, tickInterval: max / 4, nice: false },
    axis: f2h(Axis, {
      field,
      ...(position ? { position } : {}),
      formatter: (v: number) => `${num(v)}${unit}`,
      style: { label: AXIS_LABEL, grid: position === 'right' ? null : GRID },
    }),
  }
}

function xAxis(dates: string[], width: number) {
  return f2h(Axis, {
    field: 'date',
    formatter: dateFormatter(dates, width),
    style: { label: AXIS_LABEL, line: { stroke: '#e6eaf0' }, tickLine: null },
  })
}

function Legend({ items }: { items: { series: Series; value: string }[] }) {
  return (
    <View className="st-legend">
      {items.map(({ series, value }) => (
        <View className="st-legend__item" key={series.key}>
          <View
            className={`st-legend__mark${series.line ? ' st-legend__mark--line' : ''}`}
            style={{ background: series.color }}
          />
          <Text className="st-legend__name">{series.name}</Text>
          <Text className="st-legend__value">{value}</Text>
        </View>
      ))}
    </View>
  )
}

function ChartCard({
  title,
  unit,
  legend,
  summary,
  empty,
  emptyText,
  children,
  testId,
}: {
  title: string
  unit: string
  legend: ReactNode
  summary: string
  empty: boolean
  emptyText: string
  children: ReactNode
  testId: string
}) {
  return (
    <View className="st-chart card" data-testid={testId}>
      <View className="st-chart__head">
        <Text className="st-chart__title">{title}</Text>
        <Text className="st-chart__unit">{unit}</Text>
      </View>
      {legend}
      {empty ? <View className="st-chart__empty">{emptyText}</View> : children}
      <View className="st-chart__summary">{summary}</View>
    </View>
  )
}

const sum = (days: TrendDay[], pick: (d: TrendDay) => number) => days.reduce((s, d) => s + pick(d), 0)

/**
 * A chart over the days of the period: the date axis below, and what `draw` puts on it (axes, marks).
 * `scale` adds to the date scale; `dateRange` pads the first and the last day.
 */
function DaysChart({
  rows,
  dates,
  scale,
  draw,
  dataKey = JSON.stringify(rows),
  dateRange,
}: {
  rows: object[]
  dates: string[]
  scale: Record<string, unknown>
  draw: () => unknown[]
  dataKey?: string
  dateRange?: [number, number]
}) {
  const date = { type: 'cat', values: dates, ...(dateRange ? { range: dateRange } : {}) }
  return (
    <F2Chart
      className="st-chart__canvas"
      dataKey={dataKey}
      build={({ width }: ChartSize) =>
        f2h(Chart, { data: rows, scale: { date, ...scale } }, xAxis(dates, width), ...draw())
      }
    />
  )
}

/** Columns per day, the series of `order` stacked from the bottom in `colors`. */
function StackedColumns<K extends string>({
  days,
  order,
  value,
  colors,
}: {
  days: TrendDay[]
  order: readonly K[]
  value: (d: TrendDay, k: K) => number
  colors: string[]
}) {
  const dates = days.map((d) => d.date)
  const rows = stackRows(days, order, value)
  const y = countAxis(
    'range',
    niceMax(Math.max(0, ...days.map((d) => order.reduce((s, k) => s + value(d, k), 0)))),
  )
  return (
    <DaysChart
      rows={rows}
      dates={dates}
      scale={{ range: y.scale, type: { type: 'cat', values: order } }}
      draw={() => [
        y.axis,
        f2h(Interval, {
          x: 'date',
          y: 'range',
          color: { field: 'type', range: colors },
          style: { widthRatio: 0.6 },
        }),
      ]}
    />
  )
}

/** A line through the days (`width`) with a dot on each (`size`, a white `ring` round it). */
function lineWithPoints(y: string, color: string, px: { width: number; size: number; ring: number }) {
  return [
    f2h(Line, { x: 'date', y, color, style: { lineWidth: px.width } }),
    f2h(Point, { x: 'date', y, size: px.size, color, style: { stroke: '#ffffff', lineWidth: px.ring } }),
  ]
}

function ApplicationsChart({ days }: { days: TrendDay[] }) {
  const totals = Object.fromEntries(APP_ORDER.map((k) => [k, sum(days, (d) => d.applications[k])])) as Record<
    AppState,
    number
  >
  return (
    <ChartCard
      testId="chart-applications"
      title="复工申请办理"
      unit="单位：份 / 天"
      empty={Object.values(totals).every((n) => n === 0)}
      emptyText="这段时间没有申请提交或办结"
      legend={<Legend items={APP_ORDER.map((k) => ({ series: APP_SERIES[k], value: num(totals[k]) }))} />}
      summary={`共收到申请 ${num(totals.received)} 份，审核通过 ${num(totals.approved)} 份，复工 ${num(
        totals.reopened,
      )} 家；退回 ${num(totals.returned)} 份，未通过 ${num(totals.rejected)} 份。`}
    >
      <StackedColumns
        days={days}
        order={APP_ORDER}
        value={(d, k) => d.applications[k]}
        colors={APP_ORDER.map((k) => APP_SERIES[k].color)}
      />
    </ChartCard>
  )
}

const REPORTED: Series = { key: 'received', name: '按时报备', color: '#1f9d55' }
const MISSED: Series = { key: 'missed', name: '漏报', color: '#e07a2e' }
const FEVER: Series = { key: 'fever', name: '发热人次', color: '#d93a3a', line: true }

/**
 * Reports as recorded: on time, and missed once a slot has closed. A slot still open has no record yet, so the
 * chart never says nobody is due: today's due count is the 今日应报 figure, named here when there is one.
 */
function ReportsChart({ days, dueToday }: { days: TrendDay[]; dueToday?: number }) {
  const received = sum(days, (d) => d.reports.received)
  const missed = sum(days, (d) => d.reports.missed)
  const recorded = received + missed
  const today = dueToday ? `今日应报 ${num(dueToday)} 人次，报备或时段结束后计入。` : ''
  return (
    <ChartCard
      testId="chart-reports"
      title="体温报备：按时与漏报"
      unit="单位：人次 / 天"
      empty={recorded === 0}
      emptyText={`这段时间还没有报备记录。${today}`}
      legend={
        <Legend
          items={[
            { series: REPORTED, value: num(received) },
            { series: MISSED, value: num(missed) },
          ]}
        />
      }
      summary={
        recorded
          ? `已有记录 ${num(recorded)} 人次：按时报备 ${num(received)}，漏报 ${num(missed)}，报备率 ${((received / recorded) * 100).toFixed(1)}%。${today}`
          : today || '这段时间没有人需要报备。'
      }
    >
      <StackedColumns
        days={days}
        order={['received', 'missed'] as const}
        value={(d, k) => d.reports[k]}
        colors={[REPORTED.color, MISSED.color]}
      />
    </ChartCard>
  )
}

function FeverChart({ days }: { days: TrendDay[] }) {
  const dates = days.map((d) => d.date)
  const rows = days.map((d) => ({ date: d.date, n: d.reports.fever }))
  const total = sum(days, (d) => d.reports.fever)
  const peak = rows.reduce((best, r) => (r.n > best.n ? r : best), { date: '', n: 0 })
  const y = countAxis('n', niceMax(peak.n))
  return (
    <ChartCard
      testId="chart-fever"
      title="发热人次"
      unit="单位：人次 / 天"
      empty={false}
      emptyText=""
      legend={<Legend items={[{ series: FEVER, value: num(total) }]} />}
      summary={
        total
          ? `共发现发热 ${num(total)} 人次，最多的一天是 ${monthDay(peak.date)}（${num(peak.n)} 人次）。`
          : '这段时间没有发热报备。'
      }
    >
      <DaysChart
        rows={rows}
        dates={dates}
        dateRange={[0.04, 0.96]}
        scale={{ n: y.scale }}
        draw={() => [y.axis, ...lineWithPoints('n', FEVER.color, { width: 2.5, size: 3.5, ring: 1.5 })]}
      />
    </ChartCard>
  )
}

const ASKED: Series = { key: 'asked', name: '发起需求', color: '#0e9f94' }
const DELIVERED: Series = { key: 'delivered', name: '已送达', color: '#1f6fd8' }
const MINUTES: Series = { key: 'minutes', name: '平均送达用时', color: '#e07a2e', line: true }

function ErrandsChart({ days }: { days: TrendDay[] }) {
  const dates = days.map((d) => d.date)
  const order = ['asked', 'delivered'] as const
  // One data set for both: F2 builds scales (and draws the line) from the chart's rows. Days without a
  // delivery have no average (null): the line has a gap there.
  const rows = days.flatMap((d) =>
    order.map((k) => ({ date: d.date, type: k, n: d.errands[k], minutes: d.errands.avgDeliverMinutes })),
  )
  const lineRows = days.map((d) => ({ date: d.date, minutes: d.errands.avgDeliverMinutes }))
  const asked = sum(days, (d) => d.errands.asked)
  const delivered = sum(days, (d) => d.errands.delivered)
  const weighted = sum(days, (d) => (d.errands.avgDeliverMinutes ?? 0) * d.errands.delivered)
  const avg = delivered ? weighted / delivered : null
  const maxMinutes = Math.max(0, ...lineRows.map((r) => r.minutes ?? 0))
  const y = countAxis(
    'n',
    niceMax(Math.max(0, ...days.map((d) => Math.max(d.errands.asked, d.errands.delivered)))),
  )
  const m = countAxis('minutes', niceMax(maxMinutes), 'right', '分')
  return (
    <ChartCard
      testId="chart-errands"
      title="跑腿代购与送达用时"
      unit="左轴：单 / 天　右轴：分钟"
      empty={asked === 0 && delivered === 0}
      emptyText="这段时间没有跑腿代购需求"
      legend={
        <Legend
          items={[
            { series: ASKED, value: num(asked) },
            { series: DELIVERED, value: num(delivered) },
            { series: MINUTES, value: minutesText(avg === null ? null : Math.round(avg)) },
          ]}
        />
      }
      summary={`共发起 ${num(asked)} 单，送达 ${num(delivered)} 单${
        avg === null ? '' : `，从发起到送达平均 ${minutesText(Math.round(avg))}`
      }。`}
    >
      <DaysChart
        rows={rows}
        dates={dates}
        dataKey={JSON.stringify([rows, lineRows])}
        scale={{ n: y.scale, minutes: m.scale, type: { type: 'cat', values: order } }}
        draw={() => [
          y.axis,
          m.axis,
          f2h(Interval, {
            x: 'date',
            y: 'n',
            color: { field: 'type', range: [ASKED.color, DELIVERED.color] },
            adjust: { type: 'dodge', marginRatio: 0.1 },
            style: { widthRatio: 0.7 },
          }),
          ...(maxMinutes > 0 ? lineWithPoints('minutes', MINUTES.color, { width: 2, size: 3, ring: 1 }) : []),
        ]}
      />
    </ChartCard>
  )
}

/** The four trend charts of the dashboard: what happened each day of the period. */
export function TrendCharts({
  trend,
  note,
  dueToday,
}: {
  trend: TrendView
  note?: string
  /** The dashboard's 今日应报, when the charts reach today. */
  dueToday?: number
}) {
  return (
    <View className="st-trends">
      <View className="st-trends__period">
        {periodText(trend.from, trend.to)}
        {note ? `　${note}` : ''}
      </View>
      <View className="st-trends__grid">
        <ApplicationsChart days={trend.days} />
        <ReportsChart days={trend.days} dueToday={dueToday} />
        <FeverChart days={trend.days} />
        <ErrandsChart days={trend.days} />
      </View>
    </View>
  )
}
