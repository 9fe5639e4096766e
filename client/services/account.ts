/** Typed calls to the `account` cloud function. */
import type { Department, SelfServiceRole, StaffRole } from '../../shared/roles'
import { callFunction } from './cloud'
import type { SubscribeKind } from '../../config/subscribe'
import type { Account, IdentityProof, InboxPage, Invite, Page, Scope, Scopes } from './types'

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
  me: () => call<{ account: Account | null; proof: IdentityProof | null }>('me'),
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
  /** Mini-program: the code the phone-number button gave the page; the function asks WeChat for the number. */
  provePhone: (code: string) =>
    call<{ account: Account | null; proof: IdentityProof | null }>('provePhone', { code }),
  /** A 6-digit code this account shows, for the same person's other platform to join it. */
  linkCode: () => call<{ code: string; expiresAt: number }>('linkCode'),
  /** Joins the account that owns this identity's proven phone, with the code it showed. */
  link: (code: string) => call<{ account: Account }>('link', { code }),
  /** The subscribe-message kinds the person just allowed (each 「允许」 is one message). */
  subscribed: (accepted: SubscribeKind[]) =>
    call<{ remaining: Partial<Record<SubscribeKind, number>> }>('subscribed', { accepted }),
}
