/** Typed calls to the `onsite` cloud function: 企业一日两检. */
import { api, type Input } from './api'

const call = api('onsite')

export const onsiteApi = {
  mine: () => call('mine'),
  setOfficer: (enterpriseId: string, accountId: string) => call('setOfficer', { enterpriseId, accountId }),
  setOnSite: (enterpriseId: string, accountId: string, onSite: boolean) =>
    call('setOnSite', { enterpriseId, accountId, onSite }),
  record: (input: Input<'onsite', 'record'>) => call('record', input),
  confirm: (checkId: string) => call('confirm', { checkId }),
  board: (enterpriseId: string, date?: string) => call('board', { enterpriseId, ...(date ? { date } : {}) }),
  closeCase: (caseId: string, note: string) => call('closeCase', { caseId, note }),
}
