/**
 * Typed calls to the `errand` cloud function (跑腿代购). The answers are the views the function gives each
 * reader: the requester's (with the handoff code), the assignee's (address and phone, never the code), the
 * queue's (building only, masked name) and the overseer's (masked phone).
 */
import { api, type AnyView, type Input, type Item, type Reply } from './api'

const call = api('errand')

/**
 * One request, as whichever view the caller is entitled to; fields a view leaves out read as undefined. Use
 * `relationTo` to know which view it is.
 */
export type Errand = AnyView<Reply<'errand', 'get'>['errand'] | Item<'errand', 'listOpen'>>

/** Which view an answer is: only the requester's carries `handoffCode`, only the queue's `waitingMinutes`. */
export function relationTo(e: Errand, accountId: string): 'requester' | 'assignee' | 'queue' | 'overseer' {
  if ('handoffCode' in e) return 'requester'
  if (e.assignee?._id && e.assignee._id === accountId) return 'assignee'
  if ('waitingMinutes' in e) return 'queue'
  return 'overseer'
}

export const errandApi = {
  create: (input: Input<'errand', 'create'>) => call('create', input),
  mine: (input: Input<'errand', 'mine'>) => call('mine', input),
  get: (errandId: string) => call('get', { errandId }),
  listOpen: (limit = 50) => call('listOpen', { limit }),
  assigned: (input: Input<'errand', 'assigned'>) => call('assigned', input),
  list: (input: Input<'errand', 'list'>) => call('list', input),
  claim: (errandId: string) => call('claim', { errandId }),
  release: (errandId: string, reason: string) => call('release', { errandId, reason }),
  advance: (input: Input<'errand', 'advance'>) => call('advance', input),
  confirm: (errandId: string, code: string) => call('confirm', { errandId, code }),
  cancel: (errandId: string, reason?: string) => call('cancel', reason ? { errandId, reason } : { errandId }),
  rate: (input: Input<'errand', 'rate'>) => call('rate', input),
  butlerStats: (butlerId?: string) => call('butlerStats', butlerId ? { butlerId } : {}),
  ledger: (input: Input<'errand', 'ledger'>) => call('ledger', input),
  settle: (entryIds: string[], note?: string) => call('settle', note ? { entryIds, note } : { entryIds }),
  markNeedsHelp: (input: Input<'errand', 'markNeedsHelp'>) => call('markNeedsHelp', input),
  unmarkNeedsHelp: (accountId: string, reason?: string) =>
    call('unmarkNeedsHelp', reason ? { accountId, reason } : { accountId }),
  listNeedsHelp: (page = 1, pageSize = 50) => call('listNeedsHelp', { page, pageSize }),
  getSettings: () => call('getSettings'),
}
