/**
 * Typed calls to the `application` cloud function: enterprises, reopening applications, the three-party
 * review, commitments, plates, follow-up inspections and enterprise difficulties.
 *
 * The shapes are the function's own: documents come from its model and answers from its use cases, as
 * type-only imports (erased at build time, nothing of the function is bundled), so the two cannot drift.
 */
import type { CommitmentParty, Decision } from '../../shared/application'
import type { EnterpriseKind } from '../../shared/enterprise'
import type { ApplicationForm } from '../../shared/schemas/application'
import type * as uc from '../../cloudfunctions/application/usecases'
import type {
  ApplicationDoc,
  ApplicationEventDoc,
  DifficultyDoc,
  EnterpriseDoc,
  InspectionDoc,
} from '../../cloudfunctions/application/model'
import { callFunction } from './cloud'
import type { Page } from './types'

export type Enterprise = EnterpriseDoc
export type Application = ApplicationDoc
export type ApplicationEvent = ApplicationEventDoc
export type Inspection = InspectionDoc
export type Difficulty = DifficultyDoc
export type Plate = Awaited<ReturnType<typeof uc.plate>>
export type PlateCheck = Awaited<ReturnType<typeof uc.verifyPlate>>
export type JoinPoster = Awaited<ReturnType<typeof uc.joinPoster>>
export type ApplicationBundle = Awaited<ReturnType<typeof uc.get>>
export type ReviewQueuePage = Awaited<ReturnType<typeof uc.listForReview>>

export interface EnterpriseInput {
  name: string
  creditCode: string
  kind: EnterpriseKind
  industry: string
  address: string
  communityId: string
  gridId: string
  legalRepresentative: string
  contactName: string
  contactPhone: string
  licencePhoto?: string
}

export type EnterpriseChanges = Partial<Omit<EnterpriseInput, 'creditCode'>>

export interface InspectionInput {
  applicationId: string
  disinfectionRecords: boolean
  suppliesOk: boolean
  staffHealthRecords: boolean
  trajectoryChecked: boolean
  findings: string
  photos: string[]
  result: 'pass' | 'rectify' | 'revoke'
  rectifyDeadline?: string
}

const call = <T>(action: string, input: Record<string, unknown> = {}) =>
  callFunction<T>('application', { action, ...input })

export const applicationApi = {
  // enterprises
  registerEnterprise: (input: EnterpriseInput) =>
    call<{ enterprise: Enterprise }>('registerEnterprise', { ...input }),
  updateEnterprise: (enterpriseId: string, changes: EnterpriseChanges) =>
    call<{ enterprise: Enterprise }>('updateEnterprise', { enterpriseId, ...changes }),
  myEnterprises: () => call<{ items: Enterprise[] }>('myEnterprises'),
  joinPoster: (enterpriseId: string) => call<JoinPoster>('joinPoster', { enterpriseId }),

  // applications
  saveDraft: (enterpriseId: string, form: Partial<ApplicationForm>, applicationId?: string) =>
    call<{ application: Application }>('saveDraft', {
      enterpriseId,
      form,
      ...(applicationId ? { applicationId } : {}),
    }),
  submit: (applicationId: string) => call<{ application: Application }>('submit', { applicationId }),
  get: (applicationId: string) => call<ApplicationBundle>('get', { applicationId }),
  listMine: (page: number, pageSize: number) => call<Page<Application>>('listMine', { page, pageSize }),

  // review
  listForReview: (input: {
    status: 'pending' | 'decided'
    search?: string
    page: number
    pageSize: number
  }) => call<ReviewQueuePage>('listForReview', { ...input }),
  review: (input: { applicationId: string; round: number; decision: Decision; comment?: string }) =>
    call<{ application: Application }>('review', { ...input }),

  // commitments, plates, inspections
  commit: (applicationId: string, party: CommitmentParty, signerName: string) =>
    call<{ application: Application }>('commit', { applicationId, party, signerName, agreed: true }),
  plate: (applicationId: string) => call<Plate>('plate', { applicationId }),
  /** Public: no login needed, and a stale login never gets in the way. */
  verifyPlate: (token: string) =>
    callFunction<PlateCheck>('application', { action: 'verifyPlate', token }, { anonymous: true }),
  inspect: (input: InspectionInput) => call<{ inspection: Inspection }>('inspect', { ...input }),
  revokePlate: (applicationId: string, reason: string) =>
    call<{ application: Application }>('revokePlate', { applicationId, reason }),

  // difficulties (企业诉求)
  reportDifficulty: (input: { enterpriseId: string; kind: string; text: string }) =>
    call<{ difficulty: Difficulty }>('reportDifficulty', { ...input }),
  listDifficulties: (page: number, pageSize: number, status?: 'open' | 'closed') =>
    call<Page<Difficulty>>('listDifficulties', { page, pageSize, ...(status ? { status } : {}) }),
  answerDifficulty: (difficultyId: string, answer: string, close = true) =>
    call<{ difficulty: Difficulty }>('answerDifficulty', { difficultyId, answer, close }),
}
