import { ANTIGEN_LABELS, type AntigenResult, type CheckState } from '../../../../shared/onsite'

/** How a window reads on the board and on the person's own card: its words and its tone. */
export const STATE_LOOK: Record<
  CheckState,
  { text: string; tone: 'ok' | 'danger' | 'warn' | 'wait' | 'off' }
> = {
  positive: { text: '抗原阳性', tone: 'danger' },
  fever: { text: '发热', tone: 'danger' },
  missing: { text: '漏检', tone: 'danger' },
  unconfirmed: { text: '待确认', tone: 'warn' },
  pending: { text: '待检测', tone: 'wait' },
  upcoming: { text: '未开始', tone: 'off' },
  ok: { text: '正常', tone: 'ok' },
  notDue: { text: '无需检测', tone: 'off' },
}

export function temp(t: number | null | undefined): string {
  return typeof t === 'number' ? `${t.toFixed(1)}℃` : ''
}

/** 「36.5℃ · 抗原阴性 · 已采核酸」 */
export function checkSummary(c: {
  temperature: number | null
  antigen: AntigenResult | null
  pcrSampled: boolean | null
}): string {
  return [
    temp(c.temperature),
    c.antigen ? `抗原${ANTIGEN_LABELS[c.antigen]}` : '',
    c.pcrSampled ? '已采核酸' : '',
  ]
    .filter(Boolean)
    .join(' · ')
}
