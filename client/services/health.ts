/** Typed calls to the `health` cloud function: screening, home quarantine, temperature reports. */
import type { z } from 'zod'
import type {
  Classification,
  QuarantineStatus,
  RiskArea,
  ScreeningRules,
  Slot,
  SlotState,
  SlotWindow,
} from '../../shared/health'
import type { declareInput, setRulesInput } from '../../shared/schemas/health'
import { callFunction } from './cloud'
import type { Page } from './types'

const call = <T>(action: string, input: Record<string, unknown> = {}) =>
  callFunction<T>('health', { action, ...input })

export type { Classification, QuarantineStatus, RiskArea, ScreeningRules, Slot, SlotWindow }

export interface Quarantine {
  _id: string
  name: string
  kind: 'home' | 'designated'
  reasons: string[]
  startDate: string
  endDate: string
  status: QuarantineStatus
  /** Day of the quarantine today, 1-based. */
  day: number
  totalDays: number
  building: string
  room: string
  gridId: string
}

export interface SlotReport {
  status: 'reported' | 'missed'
  temperature: number | null
  fever: boolean
  at: number
}

export interface Reading {
  date: string
  slot: Slot
  temperature: number | null
  fever: boolean
  at: number
}

export interface MyStatus {
  declaration: { classification: Classification; createdAt: number; idNumber: string } | null
  quarantine: Quarantine | null
  /** The slot open now on the functions' clock; null between windows. */
  currentSlot: { date: string; slot: Slot } | null
  /** Today (Asia/Shanghai) on the functions' clock: never take "today" from the phone. */
  today: string
  /** `state` is the server's reading of each slot now, the same rule as the board's. */
  todaySlots: { slot: Slot; window: SlotWindow; state: SlotState; report: SlotReport | null }[]
  feverThreshold: number
  /** Oldest first. */
  readings: Reading[]
}

export interface ReportView {
  date: string
  slot: Slot
  status: 'reported' | 'missed'
  temperature: number | null
  symptoms: string[]
  fever: boolean
  abnormal: boolean
  at: number
  recordedBy: string | null
}

export interface QuarantineChange {
  type: 'extend' | 'release' | 'autoRelease' | 'pendingDecision'
  by: string
  byName: string
  reason: string
  at: number
  days?: number
}

export interface History {
  quarantine: Quarantine & { phone: string; changes: QuarantineChange[] }
  /** Masked unless the reader is the person or the admin. */
  idNumber: string | null
  /** Oldest first. */
  reports: ReportView[]
}

export type CellState = SlotState

export interface BoardCell {
  state: CellState
  temperature: number | null
}

export interface BoardRow {
  quarantineId: string
  name: string
  building: string
  room: string
  day: number
  endDate: string
  status: QuarantineStatus
  cells: Record<Slot, BoardCell>
}

export interface Board {
  grid: { _id: string; name: string }
  date: string
  feverThreshold: number
  counts: {
    people: number
    reported: number
    fever: number
    abnormal: number
    missing: number
    pending: number
  }
  /** Problems first (fever, symptoms, missed, pending). */
  rows: BoardRow[]
}

export interface KeyPerson extends Quarantine {
  /** Masked. */
  phone: string
}

export interface StaffStatus {
  enterpriseName: string
  items: {
    name: string
    result: Classification['result']
    declaredAt: number
    quarantine: { status: QuarantineStatus; endDate: string; day: number } | null
  }[]
  total: number
  inQuarantine: number
}

export type DeclareForm = z.input<typeof declareInput>
export type RulesForm = z.input<typeof setRulesInput>

export interface ReadingInput {
  temperature: number
  symptoms: string[]
  requestId: string
}

/** A fresh id per submission: a retry of the same submission reuses it, so it is stored once. */
export function newRequestId(): string {
  const rnd = () => Math.random().toString(36).slice(2, 10)
  return `r${Date.now().toString(36)}${rnd()}${rnd()}`.slice(0, 40)
}

export const healthApi = {
  declare: (form: DeclareForm) =>
    call<{ classification: Classification; quarantine: Quarantine | null }>('declare', { ...form }),
  myStatus: () => call<MyStatus>('myStatus'),
  report: (input: ReadingInput) => call<{ report: ReportView; repeated: boolean }>('report', { ...input }),
  recordFor: (quarantineId: string, input: ReadingInput) =>
    call<{ report: ReportView; repeated: boolean }>('recordFor', { quarantineId, ...input }),
  history: (quarantineId?: string) => call<History>('history', quarantineId ? { quarantineId } : {}),
  board: (input: { gridId?: string; date?: string }) => call<Board>('board', { ...input }),
  extend: (quarantineId: string, days: number, reason: string) =>
    call<{ endDate: string }>('extend', { quarantineId, days, reason }),
  release: (quarantineId: string, reason: string) =>
    call<{ status: 'released' }>('release', { quarantineId, reason }),
  listKeyPersons: (input: { page: number; pageSize: number; status?: QuarantineStatus; gridId?: string }) =>
    call<Page<KeyPerson>>('listKeyPersons', { ...input }),
  staffStatus: (enterpriseId: string) => call<StaffStatus>('staffStatus', { enterpriseId }),
  getRules: () => call<{ rules: ScreeningRules }>('getRules'),
  setRules: (rules: RulesForm) => call<{ rules: ScreeningRules }>('setRules', { ...rules }),
}

/** The owner's enterprises (from the `application` function), to pick whose staff to look at. */
export interface EnterpriseOption {
  _id: string
  name: string
  joinCode: string
}

export const enterpriseApi = {
  myEnterprises: () =>
    callFunction<{ items: EnterpriseOption[] }>('application', { action: 'myEnterprises' }),
}
