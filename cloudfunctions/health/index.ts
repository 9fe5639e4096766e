import { emptyInput } from '../../shared/schemas/account'
import {
  boardInput,
  declareInput,
  extendInput,
  historyInput,
  listKeyPersonsInput,
  recordForInput,
  releaseInput,
  reportInput,
  reviseReportInput,
  setRulesInput,
  staffStatusInput,
} from '../../shared/schemas/health'
import { action, createMain } from '../_lib/runtime'
import * as uc from './usecases'

/** Screening, home quarantine and twice-daily temperature reports. */
export const actions = {
  declare: action({ input: declareInput, access: ['employee', 'resident', 'owner'], run: uc.declare }),
  myStatus: action({ input: emptyInput, access: 'account', run: uc.myStatus }),
  report: action({ input: reportInput, access: 'account', run: uc.report }),
  revise: action({ input: reviseReportInput, access: 'account', run: uc.revise }),
  recordFor: action({ input: recordForInput, access: ['butler', 'gridWorker'], run: uc.recordFor }),
  history: action({ input: historyInput, access: 'account', run: uc.history }),
  board: action({ input: boardInput, access: ['butler', 'gridWorker', 'admin', 'reviewer'], run: uc.board }),
  extend: action({ input: extendInput, access: ['gridWorker', 'admin', 'reviewer'], run: uc.extend }),
  release: action({ input: releaseInput, access: ['gridWorker', 'admin', 'reviewer'], run: uc.release }),
  listKeyPersons: action({
    input: listKeyPersonsInput,
    access: ['butler', 'gridWorker', 'admin', 'reviewer'],
    run: uc.listKeyPersons,
  }),
  staffStatus: action({ input: staffStatusInput, access: ['owner'], run: uc.staffStatus }),
  getRules: action({ input: emptyInput, access: 'account', run: uc.getRules }),
  setRules: action({ input: setRulesInput, access: ['admin'], run: uc.setRules }),
}

export const main = createMain(actions)
