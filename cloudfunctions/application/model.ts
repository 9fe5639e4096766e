import type {
  ApplicationState,
  CommitmentParty,
  ReviewDecision,
  RoundReviews,
} from '../../shared/application'
import type { EnterpriseKind } from '../../shared/enterprise'
import type { Department } from '../../shared/roles'
import type { ApplicationForm } from '../../shared/schemas/application'

export interface EnterpriseDoc {
  _id: string
  name: string
  creditCode: string
  kind: EnterpriseKind
  industry: string
  address: string
  streetId: string
  communityId: string
  gridId: string
  legalRepresentative: string
  contactName: string
  contactPhone: string
  licencePhoto?: string
  ownerId: string
  managerIds: string[]
  /** Employees join with this code (or its QR) when they declare their health. */
  joinCode: string
  /** The one open application (draft … approved), if any: the lock that keeps it to one at a time. */
  openApplicationId: string | null
  createdAt: number
  updatedAt: number
}

export interface Signature {
  accountId: string
  signerName: string
  role: string
  at: number
}

export interface ApplicationDoc {
  _id: string
  enterpriseId: string
  /** Copied from the enterprise so that queues filter and search without a join. */
  enterpriseName: string
  creditCode: string
  kind: EnterpriseKind
  streetId: string
  communityId: string
  gridId: string
  ownerId: string
  status: ApplicationState
  round: number
  form: Partial<ApplicationForm>
  /** Decisions of the current round. Earlier rounds live in `pastRounds` and the event history. */
  reviews: RoundReviews
  pastRounds: { round: number; reviews: RoundReviews }[]
  /** Departments yet to decide this round; indexed queue filter for reviewers. */
  pendingDepartments: Department[]
  commitments: Partial<Record<CommitmentParty, Signature>>
  plateId?: string
  /** Set by a 回头看 that found something to put right by a date; cleared (null) by one that passes. */
  rectify?: { deadline: string; findings: string; at: number } | null
  createdAt: number
  updatedAt: number
  submittedAt?: number
  decidedAt?: number
  reopenedAt?: number
  revokedAt?: number
}

export interface ApplicationEventDoc {
  _id: string
  applicationId: string
  type:
    | 'created'
    | 'submitted'
    | 'reviewed'
    | 'approved'
    | 'rejected'
    | 'returned'
    | 'committed'
    | 'reopened'
    | 'inspected'
    | 'revoked'
  from: ApplicationState | null
  to: ApplicationState
  actorId: string
  actorName: string
  actorRole: string
  department?: Department
  decision?: ReviewDecision['decision']
  comment?: string
  round: number
  at: number
}

export interface PlateDoc {
  /** The verify token: 32 random bytes, base64url. */
  _id: string
  applicationId: string
  enterpriseId: string
  streetId: string
  issuedAt: number
  revokedAt?: number
  revokeReason?: string
}

export interface InspectionDoc {
  _id: string
  applicationId: string
  enterpriseId: string
  streetId: string
  inspectorId: string
  inspectorName: string
  inspectorRole: string
  disinfectionRecords: boolean
  suppliesOk: boolean
  staffHealthRecords: boolean
  trajectoryChecked: boolean
  findings: string
  photos: string[]
  result: 'pass' | 'rectify' | 'revoke'
  rectifyDeadline?: string
  at: number
}

export interface DifficultyDoc {
  _id: string
  enterpriseId: string
  enterpriseName: string
  streetId: string
  communityId: string
  ownerId: string
  kind: string
  text: string
  status: 'open' | 'closed'
  answers: { by: string; byName: string; text: string; at: number }[]
  createdAt: number
  closedAt?: number
}
