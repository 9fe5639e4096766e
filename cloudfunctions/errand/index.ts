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
import { action, createMain } from '../_lib/runtime'
import * as uc from './usecases'

/** People who may be in quarantine or marked as needing help: they ask, cancel, confirm and rate. */
const REQUESTERS = ['resident', 'employee', 'owner'] as const
/** Staff who take requests: butlers (shopping) and grid workers (psychological support). */
const ASSIGNEES = ['butler', 'gridWorker'] as const

/**
 * 跑腿代购. Every action also checks the caller's relation to the request (requester, assignee, queue staff of
 * the grid or community, overseer of the scope) — see shared/errand.ts WHO_MAY.
 */
export const actions = {
  create: action({ input: createErrandInput, access: REQUESTERS, run: uc.create }),
  mine: action({ input: mineInput, access: REQUESTERS, run: uc.mine }),
  get: action({ input: errandIdInput, access: 'account', run: uc.get }),
  listOpen: action({ input: listOpenInput, access: ASSIGNEES, run: uc.listOpen }),
  assigned: action({ input: assignedInput, access: ASSIGNEES, run: uc.assigned }),
  list: action({ input: listErrandsInput, access: ['gridWorker', 'admin'], run: uc.list }),
  claim: action({ input: errandIdInput, access: ASSIGNEES, run: uc.claim }),
  release: action({ input: releaseErrandInput, access: ASSIGNEES, run: uc.release }),
  advance: action({ input: advanceErrandInput, access: ASSIGNEES, run: uc.advance }),
  confirm: action({ input: confirmErrandInput, access: [...REQUESTERS, ...ASSIGNEES], run: uc.confirm }),
  cancel: action({ input: cancelErrandInput, access: REQUESTERS, run: uc.cancel }),
  rate: action({ input: rateErrandInput, access: REQUESTERS, run: uc.rate }),
  butlerStats: action({ input: butlerStatsInput, access: 'account', run: uc.butlerStats }),
  ledger: action({ input: ledgerInput, access: ['butler', 'gridWorker', 'admin'], run: uc.ledger }),
  settle: action({ input: settleInput, access: ['admin'], run: uc.settle }),
  markNeedsHelp: action({ input: markNeedsHelpInput, access: ['gridWorker'], run: uc.markNeedsHelp }),
  unmarkNeedsHelp: action({ input: unmarkNeedsHelpInput, access: ['gridWorker'], run: uc.unmarkNeedsHelp }),
  listNeedsHelp: action({ input: listNeedsHelpInput, access: ['gridWorker'], run: uc.listNeedsHelp }),
  getSettings: action({ input: emptyInput, access: 'account', run: uc.getSettings }),
  setSettings: action({ input: setErrandSettingsInput, access: ['admin'], run: uc.setSettings }),
}

export const main = createMain(actions)
