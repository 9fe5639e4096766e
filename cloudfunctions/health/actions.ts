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
import { action, actionTable } from '../_lib/runtime'
import * as uc from './usecases'

/** Screening, home quarantine and twice-daily temperature reports. */
export const actions = actionTable('health', {
  declare: action({ input: declareInput, run: uc.declare }),
  myStatus: action({ input: emptyInput, run: uc.myStatus }),
  report: action({ input: reportInput, run: uc.report }),
  revise: action({ input: reviseReportInput, run: uc.revise }),
  recordFor: action({ input: recordForInput, run: uc.recordFor }),
  history: action({ input: historyInput, run: uc.history }),
  board: action({ input: boardInput, run: uc.board }),
  extend: action({ input: extendInput, run: uc.extend }),
  release: action({ input: releaseInput, run: uc.release }),
  listKeyPersons: action({
    input: listKeyPersonsInput,
    run: uc.listKeyPersons,
  }),
  staffStatus: action({ input: staffStatusInput, run: uc.staffStatus }),
  getRules: action({ input: emptyInput, run: uc.getRules }),
  setRules: action({ input: setRulesInput, run: uc.setRules }),
})
