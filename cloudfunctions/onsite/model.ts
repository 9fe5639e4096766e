import type { Slot } from '../../shared/health'
import type { AntigenResult, CaseStatus } from '../../shared/onsite'

/** Where an enterprise lies, copied onto each record so that scopes and dashboards filter without a join. */
interface Place {
  enterpriseId: string
  streetId: string
  communityId: string
  gridId: string
}

/** An enterprise in 一日两检; id = the enterprise id. */
export interface OnsiteEnterpriseDoc extends Place {
  _id: string
  enterpriseName: string
  /** The safety officer (安全员): one of the enterprise's staff, or its owner. */
  officerId: string | null
  officerName: string | null
  /** Cases not yet closed by the epidemic team; `flagged` while there is one (indexed, for the dashboard). */
  openCases: number
  flagged: boolean
  updatedAt: number
}

/** One person of an enterprise; id = onsiteStaffId(enterpriseId, accountId). */
export interface OnsiteStaffDoc extends Place {
  _id: string
  accountId: string
  name: string
  /** On site / in the closed loop: owes two checks a day. */
  onSite: boolean
  /** When they were last put on site: a window that closed before it is not owed. Null while not on site. */
  onSiteSince: number | null
  /** 不得上岗: a positive antigen or a fever, until the epidemic team closes the case. */
  stopped: boolean
  stoppedCaseId: string | null
  updatedAt: number
}

/** One check of one person in one window; id = checkId(staffId, date, slot), unique also by index. */
export interface OnsiteCheckDoc extends Place {
  _id: string
  staffId: string
  accountId: string
  name: string
  date: string
  slot: Slot
  /** `missed`: the window closed without a check (the timer writes it). */
  status: 'done' | 'missed'
  temperature: number | null
  antigen: AntigenResult | null
  photo: string | null
  pcrSampled: boolean | null
  fever: boolean
  positive: boolean
  /** Who entered it when not the person: the officer or owner. */
  recordedBy: { accountId: string; name: string } | null
  /** The officer's confirmation; a check the officer recorded is confirmed by that. */
  confirmedBy: { accountId: string; name: string } | null
  confirmedAt: number | null
  requestId: string | null
  at: number
}

/** A positive antigen or a fever, open until the epidemic team closes it; id = the check's id. */
export interface OnsiteCaseDoc extends Place {
  _id: string
  checkId: string
  staffId: string
  accountId: string
  name: string
  enterpriseName: string
  fever: boolean
  positive: boolean
  temperature: number | null
  status: CaseStatus
  createdAt: number
  closedAt: number | null
  closedBy: { accountId: string; name: string } | null
  note: string | null
}
