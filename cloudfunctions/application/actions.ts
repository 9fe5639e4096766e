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
import { action, actionTable } from '../_lib/runtime'
import * as uc from './usecases'

/**
 * Reopening applications: enterprises, the three-party review, commitments, plates, inspections. Who may do
 * what: shared/policy.ts.
 */
export const actions = actionTable('application', {
  registerEnterprise: action({
    input: registerEnterpriseInput,
    run: uc.registerEnterprise,
  }),
  updateEnterprise: action({ input: updateEnterpriseInput, run: uc.updateEnterprise }),
  myEnterprises: action({ input: emptyInput, run: uc.myEnterprises }),
  joinPoster: action({ input: joinPosterInput, run: uc.joinPoster }),
  saveDraft: action({ input: saveDraftInput, run: uc.saveDraft }),
  submit: action({ input: submitInput, run: uc.submit }),
  get: action({ input: getApplicationInput, run: uc.get }),
  listMine: action({ input: listMineInput, run: uc.listMine }),
  listForReview: action({ input: listForReviewInput, run: uc.listForReview }),
  review: action({ input: reviewInput, run: uc.review }),
  commit: action({ input: commitInput, run: uc.commit }),
  signatures: action({ input: signaturesInput, run: uc.signatures }),
  plate: action({ input: plateInput, run: uc.plate }),
  verifyPlate: action({ input: verifyPlateInput, run: uc.verifyPlate }),
  inspect: action({ input: inspectInput, run: uc.inspect }),
  revokePlate: action({ input: revokePlateInput, run: uc.revokePlate }),
  reportDifficulty: action({ input: reportDifficultyInput, run: uc.reportDifficulty }),
  answerDifficulty: action({
    input: answerDifficultyInput,
    run: uc.answerDifficulty,
  }),
  listDifficulties: action({
    input: listDifficultiesInput,
    run: uc.listDifficulties,
  }),
})
