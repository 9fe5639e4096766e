import { SYMPTOM_LABELS, type SlotState, type Symptom } from '../../../../shared/health'

export { QUARANTINE_STATUS_LABELS as STATUS_LABELS, slotTitle } from '../../../../shared/health'

export const HEALTH_DIR = 'health-certificates'

export function symptomText(symptoms: readonly string[]): string {
  return symptoms.map((s) => SYMPTOM_LABELS[s as Symptom] ?? s).join('、')
}

export function temp(t: number | null | undefined): string {
  return typeof t === 'number' ? `${t.toFixed(1)}℃` : ''
}

/** How a board cell reads: its words and its tone. */
export const CELL_LABELS: Record<
  SlotState,
  { text: string; tone: 'ok' | 'danger' | 'warn' | 'wait' | 'off' }
> = {
  ok: { text: '', tone: 'ok' },
  fever: { text: '发热', tone: 'danger' },
  abnormal: { text: '有症状', tone: 'warn' },
  missing: { text: '漏报', tone: 'danger' },
  pending: { text: '待报', tone: 'wait' },
  upcoming: { text: '未开始', tone: 'off' },
  // Closed before the person was registered: nothing was owed.
  notDue: { text: '无需报', tone: 'off' },
}

export const CHANGE_LABELS: Record<string, string> = {
  extend: '延长隔离',
  release: '解除隔离',
  autoRelease: '期满自动解除',
  pendingDecision: '期满待处理',
}
