import { SYMPTOM_LABELS, type Symptom } from '../../../../shared/health'
import type { CellState } from '../../../services/health'

export { QUARANTINE_STATUS_LABELS as STATUS_LABELS, slotTitle } from '../../../../shared/health'

export const HEALTH_DIR = 'health-certificates'

export function symptomText(symptoms: readonly string[]): string {
  return symptoms.map((s) => SYMPTOM_LABELS[s as Symptom] ?? s).join('、')
}

export function temp(t: number | null | undefined): string {
  return typeof t === 'number' ? `${t.toFixed(1)}℃` : ''
}

/** "3月16日" from YYYY-MM-DD, read as a calendar date (no time zone involved). */
export function monthDay(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number)
  const t = new Date(Date.UTC(y!, m! - 1, d! + days))
  return t.toISOString().slice(0, 10)
}

/** How a board cell reads: its words and its tone. */
export const CELL_LABELS: Record<
  CellState,
  { text: string; tone: 'ok' | 'danger' | 'warn' | 'wait' | 'off' }
> = {
  ok: { text: '', tone: 'ok' },
  fever: { text: '发热', tone: 'danger' },
  abnormal: { text: '有症状', tone: 'warn' },
  missing: { text: '漏报', tone: 'danger' },
  pending: { text: '待报', tone: 'wait' },
  upcoming: { text: '未开始', tone: 'off' },
}

export const CHANGE_LABELS: Record<string, string> = {
  extend: '延长隔离',
  release: '解除隔离',
  autoRelease: '期满自动解除',
  pendingDecision: '期满待处理',
}
