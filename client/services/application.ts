/**
 * Typed calls to the `application` cloud function: enterprises, reopening applications, the three-party
 * review, commitments, plates, follow-up inspections and enterprise difficulties.
 */
import type { CommitmentParty } from '../../shared/application'
import { api, type Input } from './api'

const call = api('application')

export const applicationApi = {
  // enterprises
  registerEnterprise: (input: Input<'application', 'registerEnterprise'>) =>
    call('registerEnterprise', input),
  updateEnterprise: (
    enterpriseId: string,
    changes: Omit<Input<'application', 'updateEnterprise'>, 'enterpriseId'>,
  ) => call('updateEnterprise', { enterpriseId, ...changes }),
  myEnterprises: () => call('myEnterprises'),
  joinPoster: (enterpriseId: string) => call('joinPoster', { enterpriseId }),

  // applications
  saveDraft: (
    enterpriseId: string,
    form: Input<'application', 'saveDraft'>['form'],
    applicationId?: string,
  ) => call('saveDraft', { enterpriseId, form, ...(applicationId ? { applicationId } : {}) }),
  submit: (applicationId: string) => call('submit', { applicationId }),
  get: (applicationId: string) => call('get', { applicationId }),
  listMine: (page: number, pageSize: number) => call('listMine', { page, pageSize }),

  // review
  listForReview: (input: Input<'application', 'listForReview'>) => call('listForReview', input),
  review: (input: Input<'application', 'review'>) => call('review', input),

  // commitments, plates, inspections
  commit: (applicationId: string, party: CommitmentParty, signerName: string) =>
    call('commit', { applicationId, party, signerName, agreed: true }),
  /** Commitments waiting for the community's signature (grid workers, admins). */
  signatures: (page: number, pageSize: number) => call('signatures', { page, pageSize }),
  plate: (applicationId: string) => call('plate', { applicationId }),
  /** Public: no login needed, and a stale login never gets in the way. */
  verifyPlate: (token: string) => call('verifyPlate', { token }, { anonymous: true }),
  inspect: (input: Input<'application', 'inspect'>) => call('inspect', input),
  revokePlate: (applicationId: string, reason: string) => call('revokePlate', { applicationId, reason }),

  // difficulties (企业诉求)
  reportDifficulty: (input: Input<'application', 'reportDifficulty'>) => call('reportDifficulty', input),
  listDifficulties: (page: number, pageSize: number, status?: 'open' | 'closed') =>
    call('listDifficulties', { page, pageSize, ...(status ? { status } : {}) }),
  answerDifficulty: (difficultyId: string, answer: string, close = true) =>
    call('answerDifficulty', { difficultyId, answer, close }),
}
