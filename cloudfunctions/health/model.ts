import type {
  Classification,
  QuarantineStatus,
  RevisionReason,
  RiskArea,
  ScreeningRules,
  Slot,
} from '../../shared/health'

export interface DeclarationDoc {
  _id: string
  accountId: string
  streetId: string
  communityId: string
  gridId: string
  enterpriseId: string | null
  name: string
  idNumber: string
  phone: string
  building: string
  room: string
  fromProvince: string
  fromCity: string
  arrivalDate: string
  placesStayed: RiskArea[]
  contactWithCases: boolean
  symptoms: string[]
  healthCertificate?: string
  classification: Classification
  rulesVersion: number
  /** The quarantine this declaration put the person in, or joined; null when not a key person. */
  quarantineId?: string | null
  createdAt: number
}

export interface QuarantineDoc {
  _id: string
  accountId: string
  declarationId: string
  name: string
  phone: string
  streetId: string
  communityId: string
  gridId: string
  enterpriseId: string | null
  building: string
  room: string
  kind: 'home' | 'designated'
  reasons: string[]
  startDate: string
  endDate: string
  status: QuarantineStatus
  butlerId: string | null
  gridWorkerId: string | null
  changes: {
    type: 'extend' | 'release' | 'autoRelease' | 'pendingDecision'
    by: string
    byName: string
    reason: string
    at: number
    days?: number
  }[]
  releasedAt?: number
  /** Set by `extend`, so the dashboard can count extended quarantines without reading every change list. */
  extended?: boolean
  createdAt: number
}

export interface ReportDoc {
  /** reportId(quarantineId, date, slot) — one per slot by construction, and by the unique index. */
  _id: string
  quarantineId: string
  accountId: string
  streetId: string
  communityId: string
  gridId: string
  date: string
  slot: Slot
  status: 'reported' | 'missed'
  temperature: number | null
  symptoms: string[]
  fever: boolean
  abnormal: boolean
  requestId: string | null
  recordedBy: { accountId: string; name: string } | null
  at: number
  /** The revisions made to this slot's reading, in order (see ReportRevisionDoc); absent when none. */
  revisions?: RevisionReason[]
}

/** A reading replaced in its slot, kept for the history: the slot's report then holds the new one. */
export interface ReportRevisionDoc {
  /** revisionId(reportId, reason): one of each kind per slot. */
  _id: string
  reportId: string
  quarantineId: string
  accountId: string
  streetId: string
  gridId: string
  date: string
  slot: Slot
  reason: RevisionReason
  /** The reading as it stood before. */
  replaced: { temperature: number | null; symptoms: string[]; fever: boolean; at: number }
  requestId: string
  at: number
}

export interface RulesDoc extends ScreeningRules {
  _id: string
  streetId: string
  createdBy: string
  createdAt: number
}
