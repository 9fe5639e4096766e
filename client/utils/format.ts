import dayjs from 'dayjs'
import type { AccountView } from '../../shared/account'
import { shanghai } from '../../shared/time'

/** "刚刚", "5分钟前", "今天 09:30", "昨天 18:02", "3月5日 10:00", "2023年3月5日". */
export function friendlyTime(ts: number, now = Date.now()): string {
  const d = dayjs(ts)
  const n = dayjs(now)
  const diff = now - ts
  if (diff >= 0 && diff < 60_000) return '刚刚'
  if (diff >= 0 && diff < 3_600_000) return `${Math.floor(diff / 60_000)}分钟前`
  if (d.isSame(n, 'day')) return `今天 ${d.format('HH:mm')}`
  if (d.isSame(n.subtract(1, 'day'), 'day')) return `昨天 ${d.format('HH:mm')}`
  if (d.isSame(n, 'year')) return d.format('M月D日 HH:mm')
  return d.format('YYYY年M月D日')
}

export function dateTime(ts: number): string {
  return dayjs(ts).format('YYYY年M月D日 HH:mm')
}

/** "东湖街道 · 幸福社区 · 第三网格" — only the levels that are present. */
export function scopeText(names: AccountView['scopeNames'] | undefined): string {
  if (!names) return ''
  return [names.street, names.community, names.grid].filter(Boolean).join(' · ')
}

/** Within one street the street name is noise: "幸福里社区 · 第一网格", or "东湖街道（全街道）". */
export function scopeShort(names: AccountView['scopeNames'] | undefined): string {
  if (!names) return ''
  if (names.community) return [names.community, names.grid].filter(Boolean).join(' · ')
  return `${names.street}（全街道）`
}

/** "3月16日" from YYYY-MM-DD, read as a calendar date (no time zone involved). */
export function monthDay(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`
}

/** The calendar day `days` after YYYY-MM-DD (before, when negative). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10)
}

/** A YYYY-MM-DD day as the local Date NutUI's DatePicker shows. */
export function pickerDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(y!, m! - 1, d!)
}

/** The YYYY-MM-DD day NutUI's DatePicker confirmed (its values: year, month, day). */
export function pickedDate(values: readonly unknown[]): string {
  const [y, m, d] = values.map((x) => String(Number(x)).padStart(2, '0'))
  return `${y}-${m}-${d}`
}

/** The character shown in a round avatar. */
export function avatarText(name: string): string {
  const trimmed = name.trim()
  if (!trimmed) return '?'
  // For Chinese names the family name is the first character; use it, as ID cards and badges do.
  return trimmed.slice(0, 1).toUpperCase()
}

/** "还剩 2天3小时" / "已过期". */
export function remaining(expiresAt: number, now = Date.now()): string {
  const ms = expiresAt - now
  if (ms <= 0) return '已过期'
  const hours = Math.floor(ms / 3_600_000)
  if (hours >= 24) return `还剩${Math.floor(hours / 24)}天${hours % 24 ? `${hours % 24}小时` : ''}`
  if (hours >= 1) return `还剩${hours}小时`
  return `还剩${Math.max(1, Math.floor(ms / 60_000))}分钟`
}

/** Invite codes: upper-case, drop the spaces and dashes people type when copying from a chat. */
export function normaliseCode(raw: string): string {
  return raw
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, 8)
}

/**
 * The home page's hello for the hour in Shanghai (where the street is, whatever zone the phone is set to):
 * 夜深了 only after midnight until 05:00 — an early riser at 05:30 gets 早上好.
 */
export function greeting(ms: number): string {
  const h = shanghai(ms).hour()
  if (h < 5) return '夜深了'
  if (h < 9) return '早上好'
  if (h < 11) return '上午好'
  if (h < 13) return '中午好'
  if (h < 18) return '下午好'
  return '晚上好'
}
