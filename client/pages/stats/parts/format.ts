import { formatShanghai } from '../../../../shared/time'
import { monthDay } from '../../../utils/format'
import type { FigureBasis, FigureInfo } from '../../../../shared/stats'

/** 12345 → "12,345"; 3.5 → "3.5"; null → "—". No toLocaleString: some mini-program runtimes lack ICU. */
export function num(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—'
  const fixed = Math.abs(n).toFixed(digits)
  const [int, frac] = fixed.split('.')
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${n < 0 ? '-' : ''}${grouped}${frac && Number(frac) !== 0 ? `.${frac}` : ''}`
}

/** A figure's value as shown on a tile: averages keep one decimal, counts and sums are whole. */
export function figureValue(info: FigureInfo, value: number | null | undefined): string {
  return num(value, info.measure === 'average' ? 1 : 0)
}

/** "3/16" for chart axes. */
export function shortDay(date: string): string {
  return `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`
}

export function daysIn(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
}

/** "3月14日 — 3月20日（7天）", or "3月20日" for one day, with 今天 when it is today. */
export function periodText(from: string, to: string, today?: string): string {
  if (from === to) return `${monthDay(from)}${from === today ? '（今天）' : ''}`
  const year = from.slice(0, 4) !== to.slice(0, 4)
  const a = year ? `${from.slice(0, 4)}年${monthDay(from)}` : monthDay(from)
  const b = year ? `${to.slice(0, 4)}年${monthDay(to)}` : monthDay(to)
  return `${a} — ${b}（${daysIn(from, to)}天）`
}

/** A moment on the Shanghai clock: "3月16日 09:30"; "" for nothing. */
export function when(ms: number | null | undefined): string {
  return ms ? formatShanghai(ms, 'M月D日 HH:mm') : ''
}

/** A moment with the year, for tables a PC user may export or compare across years. */
export function whenFull(ms: number | null | undefined): string {
  return ms ? formatShanghai(ms, 'YYYY-MM-DD HH:mm') : ''
}

export const BASIS_TEXT: Record<FigureBasis, string> = {
  now: '当前',
  today: '今日',
  period: '期间',
}

export function minutesText(m: number | null | undefined): string {
  if (m === null || m === undefined) return '—'
  if (m < 60) return `${num(m, m < 10 ? 1 : 0)}分钟`
  const h = Math.floor(m / 60)
  const rest = Math.round(m % 60)
  return rest ? `${h}小时${rest}分` : `${h}小时`
}

export function yuan(fen: number | null | undefined): string {
  return fen === null || fen === undefined ? '—' : `¥${(fen / 100).toFixed(2)}`
}
