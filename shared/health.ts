import { shanghai, shanghaiDate, daysBetween, minutesOf } from './time'
import dayjs from 'dayjs'

/**
 * Screening and reporting rules. The values are the street admin's (stored and versioned); the logic is
 * here so that the card on the phone and the function that enforces it agree.
 */
export const SLOTS = ['morning', 'afternoon'] as const
export type Slot = (typeof SLOTS)[number]
export const SLOT_LABELS: Record<Slot, string> = { morning: '上午', afternoon: '下午' }

export interface SlotWindow {
  /** HH:mm, Shanghai time, inclusive. */
  start: string
  /** HH:mm, Shanghai time, exclusive. */
  end: string
}

export interface RiskArea {
  province: string
  /** Absent: the whole province. */
  city?: string
}

export interface ScreeningRules {
  version: number
  /** YYYY-MM-DD (Shanghai) from which this version applies. */
  effectiveFrom: string
  /** The province the street is in; arrivals from elsewhere are out-of-province. */
  homeProvince: string
  riskAreas: RiskArea[]
  lookbackDays: number
  outOfProvinceIsKeyPerson: boolean
  quarantineDays: number
  feverThreshold: number
  slots: Record<Slot, SlotWindow>
  /** 企业一日两检 windows (shared/onsite.ts); absent: DEFAULT_ONSITE_SLOTS. */
  onsiteSlots?: Record<Slot, SlotWindow>
}

export const DEFAULT_RULES: ScreeningRules = {
  version: 1,
  effectiveFrom: '2020-01-01',
  homeProvince: '浙江省',
  riskAreas: [{ province: '湖北省' }],
  lookbackDays: 14,
  outOfProvinceIsKeyPerson: false,
  quarantineDays: 14,
  feverThreshold: 37.3,
  slots: { morning: { start: '06:00', end: '12:00' }, afternoon: { start: '12:00', end: '20:00' } },
}

/** The report slot open at a moment, with its Shanghai date; null outside both windows. */
export function slotAt(
  ms: number,
  rules: Pick<ScreeningRules, 'slots'>,
): { date: string; slot: Slot } | null {
  const t = shanghai(ms)
  const minute = t.hour() * 60 + t.minute()
  for (const slot of SLOTS) {
    const w = rules.slots[slot]
    if (minute >= minutesOf(w.start) && minute < minutesOf(w.end))
      return { date: t.format('YYYY-MM-DD'), slot }
  }
  return null
}

/** The moment (ms) a slot closes on a Shanghai date. */
export function slotClosesAt(date: string, slot: Slot, rules: Pick<ScreeningRules, 'slots'>): number {
  const [h, m] = rules.slots[slot].end.split(':').map(Number)
  return dayjs.utc(`${date}T00:00:00`).add(h!, 'hour').add(m!, 'minute').subtract(8, 'hour').valueOf()
}

export function slotOpensAt(date: string, slot: Slot, rules: Pick<ScreeningRules, 'slots'>): number {
  const [h, m] = rules.slots[slot].start.split(':').map(Number)
  return dayjs.utc(`${date}T00:00:00`).add(h!, 'hour').add(m!, 'minute').subtract(8, 'hour').valueOf()
}

/** "上午 06:00–12:00", or just "上午" without a window. */
export function slotTitle(slot: Slot, window?: SlotWindow): string {
  return window ? `${SLOT_LABELS[slot]} ${window.start}–${window.end}` : SLOT_LABELS[slot]
}

/** Both windows in one line, for the message that says when reporting is open. */
export function slotWindowsText(rules: Pick<ScreeningRules, 'slots'>): string {
  return SLOTS.map((slot) => slotTitle(slot, rules.slots[slot])).join('，')
}

/** Where a moment stands against a slot's window on a Shanghai date: before it opens, inside it, after it. */
export type SlotPhase = 'upcoming' | 'open' | 'closed'

/**
 * Judged against the configured windows themselves, so a gap between them (say 06–10 and 14–20) reads right:
 * at noon the morning slot has closed and the afternoon one has not yet opened.
 */
export function slotPhase(
  date: string,
  slot: Slot,
  now: number,
  rules: Pick<ScreeningRules, 'slots'>,
): SlotPhase {
  if (now < slotOpensAt(date, slot, rules)) return 'upcoming'
  if (now < slotClosesAt(date, slot, rules)) return 'open'
  return 'closed'
}

/** How one slot of one person reads on the board and on the person's own card. */
export type SlotState = 'ok' | 'fever' | 'abnormal' | 'missing' | 'pending' | 'upcoming' | 'notDue'

/**
 * Whether a person owes a report for a slot: not for one that had closed before their quarantine record was
 * made (an observation counted from an earlier arrival does not make the days before the declaration missed).
 * The hourly scan, the board, the card, the dashboard's 今日应报 and the daily ledger all ask this.
 */
export function slotDue(
  createdAt: number,
  date: string,
  slot: Slot,
  rules: Pick<ScreeningRules, 'slots'>,
): boolean {
  return slotClosesAt(date, slot, rules) > createdAt
}

/**
 * The state of a slot from its report (if any), its phase and whether it was due at all. A closed slot
 * without a report is missing even before the hourly scan has recorded it as missed.
 */
export function slotState(
  report: { status: 'reported' | 'missed'; fever: boolean; abnormal: boolean } | null | undefined,
  phase: SlotPhase,
  due = true,
): SlotState {
  if (report?.status === 'reported') return report.fever ? 'fever' : report.abnormal ? 'abnormal' : 'ok'
  if (report?.status === 'missed') return 'missing'
  if (!due) return 'notDue'
  return phase === 'open' ? 'pending' : phase === 'closed' ? 'missing' : 'upcoming'
}

/** The next report a person in quarantine owes: the slot open now (by when), or the next one to open. */
export interface NextReport {
  date: string
  slot: Slot
  /** `open`: report now, before `end`; `upcoming`: opens at `start` on `date`. */
  phase: 'open' | 'upcoming'
  start: string
  end: string
}

/**
 * What the home page says about reporting: the open slot if it is not reported yet; otherwise the next slot to
 * open, today or tomorrow — none once the quarantine ends before it (`endDate`, exclusive).
 */
export function nextReport(
  now: number,
  rules: Pick<ScreeningRules, 'slots'>,
  reported: (date: string, slot: Slot) => boolean,
  endDate: string,
): NextReport | null {
  const today = shanghaiDate(now)
  const tomorrow = dayjs.utc(today).add(1, 'day').format('YYYY-MM-DD')
  for (const date of [today, tomorrow]) {
    if (date >= endDate) return null
    for (const slot of SLOTS) {
      const phase = slotPhase(date, slot, now, rules)
      if (phase === 'closed' || reported(date, slot)) continue
      return { date, slot, phase, ...rules.slots[slot] }
    }
  }
  return null
}

export const SYMPTOMS = [
  'fever',
  'cough',
  'fatigue',
  'soreThroat',
  'shortBreath',
  'diarrhea',
  'lossOfTaste',
] as const
export type Symptom = (typeof SYMPTOMS)[number]
export const SYMPTOM_LABELS: Record<Symptom, string> = {
  fever: '发热',
  cough: '咳嗽',
  fatigue: '乏力',
  soreThroat: '咽痛',
  shortBreath: '气促',
  diarrhea: '腹泻',
  lossOfTaste: '嗅觉味觉减退',
}

/** A reading needs staff attention when it reaches the threshold or comes with any symptom. */
export function isAbnormal(
  temperature: number,
  symptoms: readonly string[],
  rules: Pick<ScreeningRules, 'feverThreshold'>,
): boolean {
  return temperature >= rules.feverThreshold || symptoms.length > 0
}

export function isFever(temperature: number, rules: Pick<ScreeningRules, 'feverThreshold'>): boolean {
  return temperature >= rules.feverThreshold
}

/** The temperatures a report accepts, in ℃: a reading outside is a typing or thermometer mistake. */
export const TEMPERATURE_RANGE = { min: 35, max: 42 } as const

/**
 * The same range in tenths of a degree, where a reading is entered (0.1 steps never drift as floats do:
 * 36.6 + 0.1 ≠ 36.7). The stepper stops at its ends and the wheel offers exactly these readings.
 */
export const TEMPERATURE_TENTHS = {
  min: TEMPERATURE_RANGE.min * 10,
  max: TEMPERATURE_RANGE.max * 10,
} as const

/** A reading in tenths, kept inside the range. */
export function clampTenths(tenths: number): number {
  return Math.min(TEMPERATURE_TENTHS.max, Math.max(TEMPERATURE_TENTHS.min, Math.round(tenths)))
}

/**
 * The readings a wheel offers, as whole degrees each with the tenths allowed under it: 35 → .0 … .9, …,
 * 42 → .0 only. Every pair is inside TEMPERATURE_RANGE, so the wheel cannot show 42.9.
 */
export function temperatureWheel(): { whole: number; tenths: number[] }[] {
  const out: { whole: number; tenths: number[] }[] = []
  for (let whole = TEMPERATURE_RANGE.min; whole <= TEMPERATURE_RANGE.max; whole++) {
    const tenths: number[] = []
    for (let t = 0; t <= 9; t++) {
      const v = whole * 10 + t
      if (v >= TEMPERATURE_TENTHS.min && v <= TEMPERATURE_TENTHS.max) tenths.push(t)
    }
    out.push({ whole, tenths })
  }
  return out
}

export interface Declaration {
  fromProvince: string
  fromCity: string
  arrivalDate: string
  /** Places stayed in the look-back window. */
  placesStayed: RiskArea[]
  contactWithCases: boolean
  symptoms: readonly string[]
}

export interface Classification {
  result: 'normal' | 'keyPerson'
  reasons: string[]
  /** What the reasons are about, for counting on dashboards. */
  flags: { riskArea: boolean; outOfProvince: boolean; contact: boolean; symptoms: boolean }
}

function inRiskArea(place: RiskArea, areas: RiskArea[]): boolean {
  return areas.some((a) => a.province === place.province && (!a.city || a.city === place.city))
}

/** 重点人员 screening: the reasons are shown to the person and to staff, so they must read as sentences. */
export function classify(d: Declaration, rules: ScreeningRules, today: string): Classification {
  const reasons: string[] = []
  const withinWindow = daysBetween(d.arrivalDate, today) < rules.lookbackDays
  const fromRisk = withinWindow && inRiskArea({ province: d.fromProvince, city: d.fromCity }, rules.riskAreas)
  if (fromRisk) reasons.push(`${rules.lookbackDays}天内从风险地区（${d.fromProvince}${d.fromCity}）返回`)
  const stayed = d.placesStayed.filter((p) => inRiskArea(p, rules.riskAreas))
  if (stayed.length) {
    const places = stayed.map((p) => `${p.province}${p.city ?? ''}`).join('、')
    reasons.push(`近${rules.lookbackDays}天到过风险地区：${places}`)
  }
  const outOfProvince = withinWindow && d.fromProvince !== rules.homeProvince
  if (outOfProvince && rules.outOfProvinceIsKeyPerson) reasons.push(`${rules.lookbackDays}天内从省外返回`)
  if (d.contactWithCases) reasons.push('与确诊或疑似病例有过接触')
  if (d.symptoms.length) reasons.push('申报时有症状')
  return {
    result: reasons.length ? 'keyPerson' : 'normal',
    reasons,
    flags: {
      riskArea: fromRisk || stayed.length > 0,
      outOfProvince,
      contact: d.contactWithCases,
      symptoms: d.symptoms.length > 0,
    },
  }
}

export type QuarantineStatus = 'active' | 'pendingDecision' | 'released'
/** The states in which a quarantine still binds the person: reporting, errands, a staff decision pending. */
export const OPEN_QUARANTINE_STATES: QuarantineStatus[] = ['active', 'pendingDecision']

export const QUARANTINE_STATUS_LABELS: Record<QuarantineStatus, string> = {
  active: '隔离中',
  pendingDecision: '期满待处理',
  released: '已解除',
}

/** A report's id names its slot: one report per person per slot, by construction and by the unique index. */
export function reportId(quarantineId: string, date: string, slot: Slot): string {
  return `${quarantineId}:${date}:${slot}`
}

/**
 * Why the reading of the slot in progress is replaced: the person mistyped it (once a slot), or a fever came
 * on later in the same half-day (once a slot). The slot keeps one record holding the latest reading, so every
 * count reads it once; the reading it replaced is kept in a revision document whose id names the slot and the
 * reason — the unique id is what allows each kind only once, even on a double tap.
 */
export const REVISION_REASONS = ['mistake', 'fever'] as const
export type RevisionReason = (typeof REVISION_REASONS)[number]
export const REVISION_LABELS: Record<RevisionReason, string> = { mistake: '更正', fever: '又发热' }

export function revisionId(slotReportId: string, reason: RevisionReason): string {
  return `${slotReportId}:${reason}`
}

/** Quarantine runs whole Shanghai days: start day is day 1, `days` later (exclusive) is the release date. */
export function quarantineEnd(startDate: string, days: number): string {
  return dayjs.utc(startDate).add(days, 'day').format('YYYY-MM-DD')
}

/**
 * When a key person's home observation runs, in whole Shanghai days (end exclusive): `quarantineDays` from the
 * day they arrived — the day they left the risk area behind — not from the day they happen to declare. The
 * screening's look-back counts from the same arrival, so with the usual rules (14 and 14) the two agree: a
 * traveller is a key person exactly while their observation still runs, and someone declaring 14 days after
 * arriving is neither.
 *
 * Contact with a case and symptoms carry no date on the form, so those observations start on the declaration
 * day; so does a stay in a risk area declared with an arrival older than the look-back (the stay was recent,
 * when it ended is unknown). Null when nothing is left to observe: not a key person, or the observation since
 * the arrival has already run out.
 */
export function observationPeriod(
  d: Pick<Declaration, 'arrivalDate'>,
  c: Pick<Classification, 'result' | 'flags'>,
  rules: Pick<ScreeningRules, 'lookbackDays' | 'quarantineDays'>,
  today: string,
): { startDate: string; endDate: string } | null {
  if (c.result !== 'keyPerson') return null
  const sinceArrival = daysBetween(d.arrivalDate, today)
  const fromToday =
    c.flags.contact || c.flags.symptoms || sinceArrival < 0 || sinceArrival >= rules.lookbackDays
  const startDate = fromToday ? today : d.arrivalDate
  const endDate = quarantineEnd(startDate, rules.quarantineDays)
  return endDate > today ? { startDate, endDate } : null
}

export function quarantineDay(startDate: string, today: string): number {
  return daysBetween(startDate, today) + 1
}

/** Released automatically at the end date only if the last two days had no fever. */
export function canAutoRelease(
  lastTwoDaysTemperatures: number[],
  rules: Pick<ScreeningRules, 'feverThreshold'>,
): boolean {
  return lastTwoDaysTemperatures.every((t) => !isFever(t, rules))
}

export { shanghaiDate }
