import {
  isFever,
  slotAt,
  slotPhase,
  SLOTS,
  type ScreeningRules,
  type Slot,
  type SlotPhase,
  type SlotWindow,
} from './health'

/**
 * 企业一日两检: on-site staff of a reopened enterprise under closed-loop management are checked twice a day —
 * temperature, an antigen test (with an optional photo of the cassette), whether a PCR sample was taken. The two
 * windows are the street's (stored with its screening rules, `onsiteSlots`), on the Shanghai clock, and reuse the
 * report slots' names and arithmetic (`slotAt`, `slotPhase`): 上午 / 下午. The fever threshold is the street's one
 * threshold (`feverThreshold`), the same as for home quarantine reports.
 */

/** The windows when a street has not set its own: checks happen at work, so later than home reports start. */
export const DEFAULT_ONSITE_SLOTS: Record<Slot, SlotWindow> = {
  morning: { start: '08:00', end: '12:00' },
  afternoon: { start: '14:00', end: '18:00' },
}

/** The street's 一日两检 windows in force: its own, or the defaults. */
export function onsiteSlotsOf(rules: Pick<ScreeningRules, 'onsiteSlots'>): Record<Slot, SlotWindow> {
  return rules.onsiteSlots ?? DEFAULT_ONSITE_SLOTS
}

/** The check window open at a moment (with its Shanghai date), or null between and outside the windows. */
export function onsiteWindowAt(
  ms: number,
  rules: Pick<ScreeningRules, 'onsiteSlots'>,
): { date: string; slot: Slot } | null {
  return slotAt(ms, { slots: onsiteSlotsOf(rules) })
}

export function onsitePhase(
  date: string,
  slot: Slot,
  now: number,
  rules: Pick<ScreeningRules, 'onsiteSlots'>,
): SlotPhase {
  return slotPhase(date, slot, now, { slots: onsiteSlotsOf(rules) })
}

export const ANTIGEN_RESULTS = ['negative', 'positive', 'invalid'] as const
export type AntigenResult = (typeof ANTIGEN_RESULTS)[number]
export const ANTIGEN_LABELS: Record<AntigenResult, string> = {
  negative: '阴性',
  positive: '阳性',
  invalid: '无效',
}

/** What a check found that stops the person working: a positive antigen, a fever, or both. */
export interface CheckFinding {
  fever: boolean
  positive: boolean
}

export function findingOf(
  temperature: number,
  antigen: AntigenResult,
  rules: Pick<ScreeningRules, 'feverThreshold'>,
): CheckFinding {
  return { fever: isFever(temperature, rules), positive: antigen === 'positive' }
}

/** A positive antigen or a fever: the person is marked 不得上岗 and the epidemic team is alerted at once. */
export function stopsWork(f: CheckFinding): boolean {
  return f.fever || f.positive
}

/** 「抗原阳性、体温 37.8℃」 */
export function findingText(f: CheckFinding, temperature: number | null): string {
  const parts: string[] = []
  if (f.positive) parts.push('抗原阳性')
  if (f.fever && temperature !== null) parts.push(`体温 ${temperature.toFixed(1)}℃`)
  return parts.join('、')
}

/** One person's staff record in one enterprise: `<enterpriseId>:<accountId>`. */
export function onsiteStaffId(enterpriseId: string, accountId: string): string {
  return `${enterpriseId}:${accountId}`
}

/** A check's id names the person, the day and the window: one check per person per window, by construction. */
export function checkId(staffId: string, date: string, slot: Slot): string {
  return `${staffId}:${date}:${slot}`
}

/** How one window of one person reads on the officer's board. */
export type CheckState =
  'positive' | 'fever' | 'missing' | 'unconfirmed' | 'pending' | 'upcoming' | 'ok' | 'notDue'

export const CHECK_STATE_LABELS: Record<CheckState, string> = {
  positive: '抗原阳性',
  fever: '发热',
  missing: '漏检',
  unconfirmed: '待确认',
  pending: '待检测',
  upcoming: '未开始',
  ok: '正常',
  notDue: '无需检测',
}

/** Problems first, as on the butler's board: what needs the officer now, then what is still to do. */
export const CHECK_STATE_RANK: Record<CheckState, number> = {
  positive: 0,
  fever: 1,
  missing: 2,
  unconfirmed: 3,
  pending: 4,
  upcoming: 5,
  ok: 6,
  notDue: 7,
}

/**
 * The state of a window from its check (if any) and the window's phase. A check the person recorded themselves
 * waits for the officer's confirmation; one the officer recorded is confirmed by that. A closed window without a
 * check is missing even before the timer has recorded it as missed.
 */
export function checkState(
  check:
    | { status: 'done' | 'missed'; fever: boolean; positive: boolean; confirmedAt: number | null }
    | null
    | undefined,
  phase: SlotPhase,
  due = true,
): CheckState {
  if (check?.status === 'done') {
    if (check.positive) return 'positive'
    if (check.fever) return 'fever'
    return check.confirmedAt === null ? 'unconfirmed' : 'ok'
  }
  if (check?.status === 'missed') return 'missing'
  if (!due) return 'notDue'
  return phase === 'open' ? 'pending' : phase === 'closed' ? 'missing' : 'upcoming'
}

/**
 * Whether an on-site person owes a check in a window: not when they are stopped from working (不得上岗), nor for a
 * window that had closed before they were put on site. The timer, the board and the dashboard all ask this.
 */
export function checkDue(
  staff: { onSite: boolean; stopped: boolean; onSiteSince: number | null },
  closesAt: number,
): boolean {
  return staff.onSite && !staff.stopped && staff.onSiteSince !== null && staff.onSiteSince < closesAt
}

/** 今日应检 of one person: the sum over today's windows of checkDue (the dashboard's figure adds these up). */
export function checksDueToday(
  staff: { onSite: boolean; stopped: boolean; onSiteSince: number | null },
  closes: Record<Slot, number>,
): number {
  return SLOTS.filter((slot) => checkDue(staff, closes[slot])).length
}

export const CASE_STATUS_LABELS = { open: '处置中', closed: '已结案' } as const
export type CaseStatus = keyof typeof CASE_STATUS_LABELS
