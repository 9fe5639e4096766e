/**
 * Temperature line chart with the fever threshold, drawn by AntV F2 v4 on a Canvas 2D node.
 * weapp: the node comes from a selector query; H5: Taro's <Canvas> is a web component holding a
 * <canvas>, read once it has rendered. F2 elements are built with its own `h()` (not React's).
 */
import { Axis, Canvas as F2Canvas, Chart, Line, LineGuide, Point, TextGuide, jsx } from '@antv/f2'
import { Canvas, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import { IS_H5 } from '../../../services/cloud'
import type { Reading } from '../../../services/health'

const BLUE = '#1f6fd8'
const RED = '#d93a3a'
let seq = 0

/** F2's element factory, typed loosely: its own typings do not fit class components with required props. */
const h = jsx as unknown as (
  type: unknown,
  props: Record<string, unknown>,
  ...children: unknown[]
) => { props: ConstructorParameters<typeof F2Canvas>[0] }

interface CanvasNode {
  width: number
  height: number
  getContext(type: '2d'): CanvasRenderingContext2D | null
}

interface Found {
  node: CanvasNode
  width: number
  height: number
}

function pixelRatio(): number {
  if (IS_H5) return window.devicePixelRatio || 2
  try {
    return Taro.getWindowInfo().pixelRatio || 2
  } catch {
    return 2
  }
}

async function findCanvas(id: string): Promise<Found | null> {
  if (IS_H5) {
    const el = document.getElementById(id) as (HTMLElement & { componentOnReady?: () => Promise<unknown> }) | null
    if (!el) return null
    // The web component sizes its <canvas> on render: draw after that, or the drawing is wiped.
    await el.componentOnReady?.()
    const node = el.querySelector('canvas')
    const rect = el.getBoundingClientRect()
    return node && rect.width > 0 ? { node, width: rect.width, height: rect.height } : null
  }
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res: Array<{ node?: CanvasNode; width: number; height: number } | null>) => {
        const r = res?.[0]
        resolve(r?.node ? { node: r.node, width: r.width, height: r.height } : null)
      })
  })
}

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

export function TempChart({ readings, threshold, days = 7 }: Props) {
  const id = useMemo(() => `temp-chart-${++seq}`, [])
  const data = useMemo(() => toData(readings, days), [readings, days])
  const [failed, setFailed] = useState(false)
  const dataKey = JSON.stringify(data)

  useEffect(() => {
    if (!data.length) return
    let disposed = false
    let chart: F2Canvas | null = null
    const draw = async () => {
      const found = await findCanvas(id)
      if (disposed) return
      if (!found) return setFailed(true)
      const dpr = pixelRatio()
      const { node, width, height } = found
      node.width = Math.round(width * dpr)
      node.height = Math.round(height * dpr)
      const temps = data.map((d) => d.temperature)
      const min = Math.floor(Math.min(35.5, ...temps) * 2) / 2
      const max = Math.ceil(Math.max(38.5, threshold + 0.5, ...temps) * 2) / 2
      const firstOfDay = new Set<string>()
      const labelFor = new Map<string, string>()
      for (const d of data) {
        if (!firstOfDay.has(d.label)) labelFor.set(d.key, d.label)
        firstOfDay.add(d.label)
      }
      const context = node.getContext('2d')
      if (!context) return setFailed(true)
      const element = h(
        F2Canvas,
        {
          context,
          pixelRatio: dpr,
          width,
          height,
          animate: false,
          // Sizes below are in screen px: F2's default px2hd assumes a 750px design.
          px2hd: (v: number) => v / 2,
          padding: [12, 14, 6, 6],
        },
        h(
          Chart,
          {
            data,
            scale: {
              key: { type: 'cat', range: data.length > 1 ? [0.04, 0.96] : [0.5, 0.5] },
              temperature: { min, max, tickInterval: max - min > 4 ? 1 : 0.5, nice: false },
            },
          },
          h(Axis, {
            field: 'key',
            formatter: (k: string) => labelFor.get(k) ?? '',
            style: { label: { fontSize: 12, fill: '#7b8598' }, line: { stroke: '#e6eaf0' } },
          }),
          h(Axis, {
            field: 'temperature',
            formatter: (v: number) => v.toFixed(1),
            style: {
              label: { fontSize: 12, fill: '#7b8598' },
              grid: { stroke: '#eef1f5', lineDash: null },
            },
          }),
          h(LineGuide, {
            records: [
              { key: 'min', temperature: threshold },
              { key: 'max', temperature: threshold },
            ],
            style: { stroke: RED, lineWidth: 1.5, lineDash: [5, 4] },
          }),
          h(TextGuide, {
            records: [{ key: 'min', temperature: threshold }],
            content: `发热线 ${threshold.toFixed(1)}℃`,
            offsetX: 2,
            offsetY: -9,
            style: { fill: RED, fontSize: 12, textAlign: 'start', textBaseline: 'middle' },
          }),
          h(Line, { x: 'key', y: 'temperature', color: BLUE, style: { lineWidth: 2.5 } }),
          h(Point, {
            x: 'key',
            y: 'temperature',
            size: 4,
            color: { field: 'fever', callback: (fever: boolean) => (fever ? RED : BLUE) },
            style: { stroke: '#ffffff', lineWidth: 1.5 },
          }),
        ),
      )
      chart = new F2Canvas(element.props)
      chart.render()
    }
    // The canvas exists once this render is committed to the page.
    Taro.nextTick(() => {
      draw().catch(() => {
        if (!disposed) setFailed(true)
      })
    })
    return () => {
      disposed = true
      chart?.destroy()
    }
    // dataKey stands for `data`: redraw only when the readings really change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, dataKey, threshold])

  if (!data.length) {
    return <View className="temp-chart temp-chart--empty">还没有体温记录，报备后这里会画出体温曲线</View>
  }
  return (
    <View className="temp-chart" data-testid="temp-chart">
      {failed ? (
        <View className="temp-chart--empty">体温曲线暂时无法显示</View>
      ) : (
        <Canvas type="2d" id={id} canvasId={id} className="temp-chart__canvas" />
      )}
    </View>
  )
}
