import {
  SLOT_LABELS,
  SYMPTOM_LABELS,
  type Slot,
  type SlotWindow,
  type Symptom,
} from '../../../../shared/health'
import type { Reply } from '../../../services/api'

type CellState = Reply<'health', 'board'>['rows'][number]['cells'][Slot]['state']
type QuarantineStatus = NonNullable<Reply<'health', 'myStatus'>['quarantine']>['status']

export const HEALTH_DIR = 'health-certificates'

export function slotTitle(slot: Slot, window?: SlotWindow): string {
  return window ? `${SLOT_LABELS[slot]} ${window.start}–${window.end}` : SLOT_LABELS[slot]
}

export function symptomText(symptoms: readonly string[]): string {
  return symptoms.map((s) => SYMPTOM_LABELS[s as Symptom] ?? s).join('、')
}

export function temp(t: number | null | undefined): string {
  return typeof t === 'number' ? `${t.toFixed(1)}℃` : ''
}

export const STATUS_LABELS: Record<QuarantineStatus, string> = {
  active: '隔离中',
  pendingDecision: '期满待处理',
  released: '已解除',
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
