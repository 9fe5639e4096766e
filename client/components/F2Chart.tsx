/**
 * A chart drawn by AntV F2 v4 on a Canvas 2D node, for the mini-program and H5 alike.
 *   weapp: the node comes from a selector query;
 *   H5:    Taro's <Canvas> is a web component holding a <canvas>, read once it has rendered.
 * The caller builds the F2 element tree with `f2h` (F2's own element factory, not React's) for the size the
 * canvas has on screen; the chart is redrawn when `dataKey` changes or, in H5, when the window is resized.
 */
import { Canvas as F2Canvas, jsx } from '@antv/f2'
import { Canvas, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useMemo, useState, type ReactNode } from 'react'
import { IS_H5 } from '../services/cloud'

let seq = 0

export type F2Element = { props: Record<string, unknown> }

/** F2's element factory, typed loosely: its own typings do not fit class components with required props. */
export const f2h = jsx as unknown as (
  type: unknown,
  props: Record<string, unknown>,
  ...children: unknown[]
) => F2Element

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
    const el = document.getElementById(id) as
      (HTMLElement & { componentOnReady?: () => Promise<unknown> }) | null
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

/** Bumps on window resize (H5 only), debounced, so charts fit a resized browser window. */
function useResizeTick(): number {
  const [tick, setTick] = useState(0)
  useEffect(() => {
    if (!IS_H5) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const onResize = () => {
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => setTick((t) => t + 1), 200)
    }
    window.addEventListener('resize', onResize)
    return () => {
      if (timer) clearTimeout(timer)
      window.removeEventListener('resize', onResize)
    }
  }, [])
  return tick
}

export interface ChartSize {
  width: number
  height: number
}

interface Props {
  /** The F2 <Chart> (and its children) for the canvas size in screen px. */
  build: (size: ChartSize) => F2Element
  /** Stands for the data: the chart is drawn again only when it changes. */
  dataKey: string
  className?: string
  testId?: string
  /** Shown instead of the canvas when drawing fails. */
  fallback?: ReactNode
  /** Space around the plot in px: top, right, bottom, left. */
  padding?: [number, number, number, number]
}

/** By default, room above the top tick's label, which sits centred on the plot's top edge. */
const PADDING: [number, number, number, number] = [16, 10, 6, 6]

export function F2Chart({ build, dataKey, className, testId, fallback, padding = PADDING }: Props) {
  const id = useMemo(() => `f2-chart-${++seq}`, [])
  const [failed, setFailed] = useState(false)
  const tick = useResizeTick()

  useEffect(() => {
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
      const context = node.getContext('2d')
      if (!context) return setFailed(true)
      const element = f2h(
        F2Canvas,
        {
          context,
          pixelRatio: dpr,
          width,
          height,
          animate: false,
          // Sizes are in screen px: F2's default px2hd assumes a 750px design.
          px2hd: (v: number) => v / 2,
          padding,
        },
        build({ width, height }),
      )
      chart = new F2Canvas(element.props as unknown as ConstructorParameters<typeof F2Canvas>[0])
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
    // dataKey stands for `build`'s data: redraw only when it really changes (or the window is resized).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, dataKey, tick])

  return (
    <View className={`f2-chart${className ? ` ${className}` : ''}`} data-testid={testId}>
      {failed ? (
        (fallback ?? <View className="f2-chart__failed">图表暂时无法显示</View>)
      ) : (
        <Canvas type="2d" id={id} canvasId={id} className="f2-chart__canvas" />
      )}
    </View>
  )
}
