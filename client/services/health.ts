/** Typed calls to the `health` cloud function: screening, home quarantine, temperature reports. */
import { api, type Input } from './api'

const call = api('health')

export const healthApi = {
  declare: (form: Input<'health', 'declare'>) => call('declare', form),
  myStatus: () => call('myStatus'),
  report: (input: Input<'health', 'report'>) => call('report', input),
  revise: (input: Input<'health', 'revise'>) => call('revise', input),
  recordFor: (quarantineId: string, input: Input<'health', 'report'>) =>
    call('recordFor', { quarantineId, ...input }),
  history: (quarantineId?: string) => call('history', quarantineId ? { quarantineId } : {}),
  board: (input: Input<'health', 'board'>) => call('board', input),
  extend: (quarantineId: string, days: number, reason: string) =>
    call('extend', { quarantineId, days, reason }),
  release: (quarantineId: string, reason: string) => call('release', { quarantineId, reason }),
  listKeyPersons: (input: Input<'health', 'listKeyPersons'>) => call('listKeyPersons', input),
  staffStatus: (enterpriseId: string) => call('staffStatus', { enterpriseId }),
  getRules: () => call('getRules'),
  setRules: (rules: Input<'health', 'setRules'>) => call('setRules', rules),
}
