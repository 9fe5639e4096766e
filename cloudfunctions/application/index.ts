import { emptyInput } from '../../shared/schemas/account'
import {
  answerDifficultyInput,
  joinPosterInput,
  commitInput,
  getApplicationInput,
  inspectInput,
  listDifficultiesInput,
  listForReviewInput,
  listMineInput,
  plateInput,
  registerEnterpriseInput,
  reportDifficultyInput,
  reviewInput,
  revokePlateInput,
  saveDraftInput,
  signaturesInput,
  submitInput,
  updateEnterpriseInput,
  verifyPlateInput,
} from '../../shared/schemas/application'
import { action, createMain } from '../_lib/runtime'
import * as uc from './usecases'

const STAFF = ['admin', 'reviewer', 'gridWorker', 'butler'] as const

/** Reopening applications: enterprises, the three-party review, commitments, plates, inspections. */
export const actions = {
  registerEnterprise: action({
    input: registerEnterpriseInput,
    access: ['owner'],
    run: uc.registerEnterprise,
  }),
  updateEnterprise: action({ input: updateEnterpriseInput, access: ['owner'], run: uc.updateEnterprise }),
  myEnterprises: action({ input: emptyInput, access: ['owner'], run: uc.myEnterprises }),
  joinPoster: action({ input: joinPosterInput, access: ['owner'], run: uc.joinPoster }),
  saveDraft: action({ input: saveDraftInput, access: ['owner'], run: uc.saveDraft }),
  submit: action({ input: submitInput, access: ['owner'], run: uc.submit }),
  get: action({ input: getApplicationInput, access: ['owner', ...STAFF], run: uc.get }),
  listMine: action({ input: listMineInput, access: ['owner'], run: uc.listMine }),
  listForReview: action({ input: listForReviewInput, access: ['reviewer'], run: uc.listForReview }),
  review: action({ input: reviewInput, access: ['reviewer'], run: uc.review }),
  commit: action({ input: commitInput, access: ['owner', 'gridWorker', 'admin'], run: uc.commit }),
  signatures: action({ input: signaturesInput, access: ['gridWorker', 'admin'], run: uc.signatures }),
  plate: action({ input: plateInput, access: ['owner', ...STAFF], run: uc.plate }),
  verifyPlate: action({ input: verifyPlateInput, access: 'public', run: uc.verifyPlate }),
  inspect: action({ input: inspectInput, access: ['reviewer', 'gridWorker'], run: uc.inspect }),
  revokePlate: action({ input: revokePlateInput, access: ['admin', 'reviewer'], run: uc.revokePlate }),
  reportDifficulty: action({ input: reportDifficultyInput, access: ['owner'], run: uc.reportDifficulty }),
  answerDifficulty: action({
    input: answerDifficultyInput,
    access: ['admin', 'reviewer'],
    run: uc.answerDifficulty,
  }),
  listDifficulties: action({
    input: listDifficultiesInput,
    access: ['owner', 'admin', 'reviewer'],
    run: uc.listDifficulties,
  }),
}

export const main = createMain(actions)
