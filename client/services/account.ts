/** Typed calls to the `account` cloud function. */
import type { Department, SelfServiceRole, StaffRole } from '../../shared/roles'
import { callFunction } from './cloud'
import type { Account, InboxPage, Invite, Page, Scope, Scopes } from './types'

const call = <T>(action: string, input: Record<string, unknown> = {}) =>
  callFunction<T>('account', { action, ...input })

export interface CreateInviteForm {
  role: StaffRole
  scope: Scope
  department?: Department
  validHours?: number
  note?: string
}

export const accountApi = {
  me: () => call<{ account: Account | null }>('me'),
  setup: (input: { name: string; phone?: string; role: SelfServiceRole }) =>
    call<{ account: Account }>('setup', input),
  updateProfile: (input: { name?: string; phone?: string }) =>
    call<{ account: Account }>('updateProfile', input),
  scopes: () => call<Scopes>('scopes'),
  createInvite: (input: CreateInviteForm) => call<{ invite: Invite }>('createInvite', { ...input }),
  listInvites: (page: number, pageSize: number) => call<Page<Invite>>('listInvites', { page, pageSize }),
  revokeInvite: (code: string) => call<{ invite: Invite }>('revokeInvite', { code }),
  redeemInvite: (code: string) => call<{ account: Account }>('redeemInvite', { code }),
  inbox: (page: number, pageSize: number) => call<InboxPage>('inbox', { page, pageSize }),
  markRead: (ids: string[]) => call<{ unread: number }>('markRead', { ids }),
}
