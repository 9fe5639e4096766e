import { emptyInput } from '../../shared/schemas/account'
import {
  closeCaseInput,
  confirmCheckInput,
  onsiteBoardInput,
  recordCheckInput,
  setOfficerInput,
  setOnSiteInput,
} from '../../shared/schemas/onsite'
import { action, actionTable } from '../_lib/runtime'
import * as uc from './usecases'

/** 企业一日两检: the safety officer, who is on site, two checks a day, the officer's board, cases closed. */
export const actions = actionTable('onsite', {
  mine: action({ input: emptyInput, run: uc.mine }),
  setOfficer: action({ input: setOfficerInput, run: uc.setOfficer }),
  setOnSite: action({ input: setOnSiteInput, run: uc.setOnSite }),
  record: action({ input: recordCheckInput, run: uc.record }),
  confirm: action({ input: confirmCheckInput, run: uc.confirm }),
  board: action({ input: onsiteBoardInput, run: uc.board }),
  closeCase: action({ input: closeCaseInput, run: uc.closeCase }),
})
