/** Typed calls to the `account` cloud function. */
import { api, type Input } from './api'

const call = api('account')

export const accountApi = {
  me: () => call('me'),
  setup: (input: Input<'account', 'setup'>) => call('setup', input),
  updateProfile: (input: Input<'account', 'updateProfile'>) => call('updateProfile', input),
  /** The caller's street's places; district staff (and newcomers) name the street. */
  scopes: (streetId?: string) => call('scopes', streetId ? { streetId } : {}),
  streets: () => call('streets'),
  createInvite: (input: Input<'account', 'createInvite'>) => call('createInvite', input),
  listInvites: (page: number, pageSize: number) => call('listInvites', { page, pageSize }),
  revokeInvite: (code: string) => call('revokeInvite', { code }),
  redeemInvite: (code: string) => call('redeemInvite', { code }),
  inbox: (page: number, pageSize: number) => call('inbox', { page, pageSize }),
  markRead: (ids: string[]) => call('markRead', { ids }),
  /** The home page's to-dos, worked out from the caller's records. */
  todos: () => call('todos'),
  /** Mini-program: the code the phone-number button gave the page; the function asks WeChat for the number. */
  provePhone: (code: string) => call('provePhone', { code }),
  /** A 6-digit code this account shows, for the same person's other platform to join it. */
  linkCode: () => call('linkCode'),
  /** Joins the account that owns this identity's proven phone, with the code it showed. */
  link: (code: string) => call('link', { code }),
  /** The subscribe-message kinds the person just allowed (each 「允许」 is one message). */
  /** Admin or the person's grid worker: a one-time code to set a new password with (audit-logged). */
  issueResetCode: (accountId: string) => call('issueResetCode', { accountId }),
  /** Admin: lifts a login lock now (audit-logged). */
  unlockLogin: (accountId: string) => call('unlockLogin', { accountId }),
  subscribed: (accepted: Input<'account', 'subscribed'>['accepted']) => call('subscribed', { accepted }),
}
