import {
  ERRAND_CATEGORY_LABELS,
  formatYuan,
  type ErrandCategory,
  type ErrandState,
} from '../../../../shared/errand'
import type { Errand } from '../../../services/errand'

type ErrandItem = Errand['items'][number]

export { formatYuan }

/** Colour of a status: waiting (orange), under way (blue), at the door (teal), done (green), off (grey). */
export const STATE_TONES: Record<ErrandState, { color: string; background: string }> = {
  open: { color: '#b8620f', background: '#fff3e3' },
  claimed: { color: '#1f6fd8', background: '#e8f1fc' },
  purchasing: { color: '#1f6fd8', background: '#e8f1fc' },
  delivering: { color: '#0b7f76', background: '#e3f6f4' },
  delivered: { color: '#0b7f76', background: '#e3f6f4' },
  confirmed: { color: '#1a7f46', background: '#e6f5ec' },
  cancelled: { color: '#6b7487', background: '#eef1f5' },
}

export const CATEGORY_TINTS: Record<ErrandCategory, string> = {
  groceries: '#1f9d55',
  medicine: '#d93a3a',
  daily: '#1f6fd8',
  other: '#6b7487',
  psych: '#8a5cd6',
}

/** What a requester may pick, in the order of the form. */
export const CATEGORY_HINTS: Record<ErrandCategory, string> = {
  groceries: '米面粮油、蔬菜肉蛋',
  medicine: '常用药、慢性病用药',
  daily: '纸巾、清洁用品等',
  other: '其他需要代办的事',
  psych: '想找人聊聊心里话',
}

export const categoryLabel = (c: ErrandCategory) => ERRAND_CATEGORY_LABELS[c]

/** "大米 ×1袋" */
export function itemText(i: ErrandItem): string {
  return `${i.name} ×${i.quantity}${i.unit ?? ''}`
}

/** "大米 ×1袋、鸡蛋 ×2盒 等5样" — for list cards. */
export function itemsSummary(items: ErrandItem[], max = 3): string {
  if (!items.length) return ''
  const shown = items.slice(0, max).map(itemText).join('、')
  return items.length > max ? `${shown} 等${items.length}样` : shown
}

/** The card's one line about what is wanted. */
export function wantText(e: Pick<Errand, 'items' | 'category' | 'note'>): string {
  if (e.category === 'psych') return e.note || '需要心理疏导'
  return itemsSummary(e.items)
}

/** Preferred delivery windows offered on the form (Shanghai time of day). */
export const WINDOWS: { key: string; label: string; window?: { start: string; end: string } }[] = [
  { key: 'asap', label: '尽快送达' },
  { key: 'morning', label: '上午 9–12点', window: { start: '09:00', end: '12:00' } },
  { key: 'noon', label: '中午 12–14点', window: { start: '12:00', end: '14:00' } },
  { key: 'afternoon', label: '下午 14–18点', window: { start: '14:00', end: '18:00' } },
  { key: 'evening', label: '晚上 18–21点', window: { start: '18:00', end: '21:00' } },
]

export function windowKey(w: { start: string; end: string } | null | undefined): string {
  if (!w) return 'asap'
  return WINDOWS.find((x) => x.window?.start === w.start && x.window.end === w.end)?.key ?? 'asap'
}

export function windowText(w: { start: string; end: string } | null | undefined): string {
  return w ? `${w.start}–${w.end}` : '尽快送达'
}

/**
 * "86.5" → 8650 fen; empty → undefined; anything that is not money (or has more than two decimals) → NaN,
 * so the shared schema answers with its own message ("…必须是数字").
 */
export function yuanToFen(text: string): number | undefined {
  const t = text.trim()
  if (!t) return undefined
  if (!/^\d{1,6}(\.\d{0,2})?$/.test(t)) return Number.NaN
  return Math.round(Number(t) * 100)
}

/** Address as the assignee reads it: "3栋 1001". */
export function addressText(e: Pick<Errand, 'building' | 'room'>): string {
  return e.room ? `${e.building}栋 ${e.room}` : `${e.building}栋`
}

/** "等待 12 分钟" / "等待 1小时5分钟". */
export function waitedText(minutes: number): string {
  if (minutes < 1) return '刚刚发起'
  if (minutes < 60) return `已等待 ${minutes} 分钟`
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return `已等待 ${h} 小时${m ? `${m} 分钟` : ''}`
}

/** The assignee's one next-step button, by state. */
export function nextStepLabel(e: Pick<Errand, 'status' | 'category'>): string | undefined {
  if (e.category === 'psych') {
    if (e.status === 'claimed') return '已完成疏导'
    return undefined
  }
  switch (e.status) {
    case 'claimed':
      return '开始采购'
    case 'purchasing':
      return '开始配送'
    case 'delivering':
      return '已送达'
    default:
      return undefined
  }
}
