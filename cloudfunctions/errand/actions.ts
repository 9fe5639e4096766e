import { emptyInput } from '../../shared/schemas/account'
import {
  advanceErrandInput,
  assignedInput,
  butlerStatsInput,
  cancelErrandInput,
  confirmErrandInput,
  createErrandInput,
  errandIdInput,
  ledgerInput,
  listErrandsInput,
  listNeedsHelpInput,
  listOpenInput,
  markNeedsHelpInput,
  mineInput,
  rateErrandInput,
  releaseErrandInput,
  setErrandSettingsInput,
  settleInput,
  unmarkNeedsHelpInput,
} from '../../shared/schemas/errand'
import { action, actionTable } from '../_lib/runtime'
import * as uc from './usecases'

/**
 * 跑腿代购. Who may call each action, and the relation to the request it needs (requester, assignee, queue staff
 * of the grid or community, overseer of the scope), are in shared/policy.ts.
 */
export const actions = actionTable('errand', {
  create: action({ input: createErrandInput, run: uc.create }),
  mine: action({ input: mineInput, run: uc.mine }),
  get: action({ input: errandIdInput, run: uc.get }),
  listOpen: action({ input: listOpenInput, run: uc.listOpen }),
  assigned: action({ input: assignedInput, run: uc.assigned }),
  list: action({ input: listErrandsInput, run: uc.list }),
  claim: action({ input: errandIdInput, run: uc.claim }),
  release: action({ input: releaseErrandInput, run: uc.release }),
  advance: action({ input: advanceErrandInput, run: uc.advance }),
  confirm: action({ input: confirmErrandInput, run: uc.confirm }),
  cancel: action({ input: cancelErrandInput, run: uc.cancel }),
  rate: action({ input: rateErrandInput, run: uc.rate }),
  butlerStats: action({ input: butlerStatsInput, run: uc.butlerStats }),
  ledger: action({ input: ledgerInput, run: uc.ledger }),
  settle: action({ input: settleInput, run: uc.settle }),
  markNeedsHelp: action({ input: markNeedsHelpInput, run: uc.markNeedsHelp }),
  unmarkNeedsHelp: action({ input: unmarkNeedsHelpInput, run: uc.unmarkNeedsHelp }),
  listNeedsHelp: action({ input: listNeedsHelpInput, run: uc.listNeedsHelp }),
  getSettings: action({ input: emptyInput, run: uc.getSettings }),
  setSettings: action({ input: setErrandSettingsInput, run: uc.setSettings }),
})
