/**
 * The temperature line of the last days with the fever threshold, drawn by AntV F2 through the shared
 * F2Chart (a Canvas 2D node in the mini-program and in H5).
 */
import { Axis, Chart, Line, LineGuide, Point, TextGuide } from '@antv/f2'
import { View } from '@tarojs/components'
import { useMemo } from 'react'
import { F2Chart, f2h } from '../../../components/F2Chart'
import type { Reply } from '../../../services/api'

type Reading = Reply<'health', 'myStatus'>['readings'][number]

const BLUE = '#1f6fd8'
const RED = '#d93a3a'

interface Datum {
  key: string
  label: string
  temperature: number
  fever: boolean
}

function toData(readings: Reading[], days: number): Datum[] {
  const dates = [...new Set(readings.map((r) => r.date))].sort().slice(-days)
  return readings
    .filter((r) => r.temperature !== null && dates.includes(r.date))
    .sort((a, b) => a.at - b.at)
    .map((r) => ({
      key: `${r.date}:${r.slot}`,
      // One date label per day, under its first reading.
      label: `${Number(r.date.slice(5, 7))}/${Number(r.date.slice(8, 10))}`,
      temperature: r.temperature!,
      fever: r.fever,
    }))
}

interface Props {
  readings: Reading[]
  threshold: number
  /** How many of the latest days to show. */
  days?: number
}

function buildChart(data: Datum[], threshold: number) {
  const temps = data.map((d) => d.temperature)
  const min = Math.floor(Math.min(35.5, ...temps) * 2) / 2
  const max = Math.ceil(Math.max(38.5, threshold + 0.5, ...temps) * 2) / 2
  // One date label per day, under its first reading.
  const labelFor = new Map<string, string>()
  const seen = new Set<string>()
  for (const d of data) {
    if (!seen.has(d.label)) labelFor.set(d.key, d.label)
    seen.add(d.label)
  }
  return f2h(
    Chart,
    {
      data,
      scale: {
        key: { type: 'cat', range: data.length > 1 ? [0.04, 0.96] : [0.5, 0.5] },
        temperature: { min, max, tickInterval: max - min > 4 ? 1 : 0.5, nice: false },
      },
    },
    f2h(Axis, {
      field: 'key',
      formatter: (k: string) => labelFor.get(k) ?? '',
      style: { label: { fontSize: 12, fill: '#7b8598' }, line: { stroke: '#e6eaf0' } },
    }),
    f2h(Axis, {
      field: 'temperature',
      formatter: (v: number) => v.toFixed(1),
      style: { label: { fontSize: 12, fill: '#7b8598' }, grid: { stroke: '#eef1f5', lineDash: null } },
    }),
    f2h(LineGuide, {
      records: [
        { key: 'min', temperature: threshold },
        { key: 'max', temperature: threshold },
      ],
      style: { stroke: RED, lineWidth: 1.5, lineDash: [5, 4] },
    }),
    f2h(TextGuide, {
      records: [{ key: 'min', temperature: threshold }],
      content: `发热线 ${threshold.toFixed(1)}℃`,
      offsetX: 2,
      offsetY: -9,
      style: { fill: RED, fontSize: 12, textAlign: 'start', textBaseline: 'middle' },
    }),
    f2h(Line, { x: 'key', y: 'temperature', color: BLUE, style: { lineWidth: 2.5 } }),
    f2h(Point, {
      x: 'key',
      y: 'temperature',
      size: 4,
      color: { field: 'fever', callback: (fever: boolean) => (fever ? RED : BLUE) },
      style: { stroke: '#ffffff', lineWidth: 1.5 },
    }),
  )
}

export function TempChart({ readings, threshold, days = 7 }: Props) {
  const data = useMemo(() => toData(readings, days), [readings, days])
  if (!data.length) {
    return <View className="temp-chart temp-chart--empty">还没有体温记录，报备后这里会画出体温曲线</View>
  }
  return (
    <F2Chart
      className="temp-chart"
      testId="temp-chart"
      dataKey={`${threshold}|${JSON.stringify(data)}`}
      build={() => buildChart(data, threshold)}
      fallback={<View className="temp-chart--empty">体温曲线暂时无法显示</View>}
    />
  )
}
