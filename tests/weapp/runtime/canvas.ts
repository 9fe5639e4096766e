/**
 * A mini-program Canvas 2D node (`<canvas type="2d">`, reached through a selector query's `fields({node})`).
 * Without a GPU or a layout engine, its context keeps a log of every drawing call instead of pixels: tests read
 * what a chart library drew — its texts, its lines, its points — which is what a person would read off the chart.
 */

export interface DrawCall {
  op: string
  args: unknown[]
  /** The fill and stroke styles in force when the call was made. */
  fillStyle: unknown
  strokeStyle: unknown
}

const DEFAULT_FONT_PX = 10

/** Roughly how wide text is drawn: CJK characters are square, Latin ones about 0.6 em. */
function textWidth(text: string, font: string): number {
  const px = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? DEFAULT_FONT_PX)
  let em = 0
  for (const ch of text) em += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.6
  return em * px
}

export class CanvasContext2D {
  readonly calls: DrawCall[] = []
  fillStyle: unknown = '#000000'
  strokeStyle: unknown = '#000000'
  font = `${DEFAULT_FONT_PX}px sans-serif`
  lineWidth = 1
  globalAlpha = 1
  textAlign = 'start'
  textBaseline = 'alphabetic'
  lineCap = 'butt'
  lineJoin = 'miter'
  lineDashOffset = 0
  private readonly stack: Record<string, unknown>[] = []
  private dash: number[] = []

  constructor(readonly canvas: CanvasNode) {
    // Every other method of CanvasRenderingContext2D is logged and does nothing else.
    return new Proxy(this, {
      get(target, key, receiver) {
        if (key in target || typeof key === 'symbol') return Reflect.get(target, key, receiver)
        return (...args: unknown[]) => target.record(String(key), args)
      },
    })
  }

  private record(op: string, args: unknown[]): void {
    this.calls.push({ op, args, fillStyle: this.fillStyle, strokeStyle: this.strokeStyle })
  }

  save(): void {
    this.stack.push({ fillStyle: this.fillStyle, strokeStyle: this.strokeStyle, font: this.font })
    this.record('save', [])
  }
  restore(): void {
    Object.assign(this, this.stack.pop() ?? {})
    this.record('restore', [])
  }
  measureText(text: string): { width: number } {
    return { width: textWidth(String(text), this.font) }
  }
  setLineDash(segments: number[]): void {
    this.dash = [...segments]
    this.record('setLineDash', [segments])
  }
  getLineDash(): number[] {
    return [...this.dash]
  }
  createLinearGradient(...args: unknown[]) {
    const stops: unknown[] = []
    this.record('createLinearGradient', args)
    return { kind: 'linearGradient', args, stops, addColorStop: (o: number, c: string) => stops.push([o, c]) }
  }
  createRadialGradient(...args: unknown[]) {
    const stops: unknown[] = []
    this.record('createRadialGradient', args)
    return { kind: 'radialGradient', args, stops, addColorStop: (o: number, c: string) => stops.push([o, c]) }
  }
  fillText(text: string, x: number, y: number): void {
    this.record('fillText', [String(text), x, y])
  }

  /** Every text drawn, in order. */
  texts(): string[] {
    return this.calls.filter((c) => c.op === 'fillText').map((c) => c.args[0] as string)
  }

  /** Full circles drawn (what chart libraries draw points with), with their fill colour. */
  circles(): { x: number; y: number; r: number; fill: unknown }[] {
    return this.calls
      .filter(
        (c) =>
          c.op === 'arc' && Math.abs((c.args[4] as number) - (c.args[3] as number)) >= Math.PI * 2 - 1e-6,
      )
      .map((c) => ({
        x: c.args[0] as number,
        y: c.args[1] as number,
        r: c.args[2] as number,
        fill: c.fillStyle,
      }))
  }

  clear(): void {
    this.calls.length = 0
  }
}

export class CanvasNode {
  /** The bitmap size (the drawing code sets it, usually to the laid-out size × pixel ratio). */
  width = 300
  height = 150
  private context?: CanvasContext2D

  /**
   * `cssWidth`/`cssHeight`: the size a selector query reports. There is no layout engine here, so a canvas is
   * given a phone-width box (the window less the page's side margins) — enough for a chart to lay itself out.
   */
  constructor(
    readonly id: string,
    readonly cssWidth = 358,
    readonly cssHeight = 200,
    private readonly timers: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout } = {
      setTimeout,
      clearTimeout,
    },
  ) {}

  getContext(type: string): CanvasContext2D | null {
    if (type !== '2d') return null
    this.context ??= new CanvasContext2D(this)
    return this.context
  }

  /** The log of what has been drawn (empty before anything was). */
  get drawn(): CanvasContext2D {
    return this.getContext('2d')!
  }

  createImage() {
    return { src: '', width: 0, height: 0, onload: null, onerror: null }
  }

  requestAnimationFrame(cb: (t: number) => void): ReturnType<typeof setTimeout> {
    return this.timers.setTimeout(() => cb(Date.now()), 16)
  }

  cancelAnimationFrame(id: ReturnType<typeof setTimeout>): void {
    this.timers.clearTimeout(id)
  }
}
