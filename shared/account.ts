import type { Department, Role, Scope } from './roles'

/** How a phone number was proven: WeChat's phone-number API, or registering with it at the H5 gateway. */
export type PhoneProof = 'wechat' | 'register'

/** An account as the client sees it (phone masked). */
export interface AccountView {
  _id: string
  name: string
  phone: string
  /** The phone was proven (see PhoneProof): only then does it link households and identities. */
  phoneProven: boolean
  role: Role
  department?: Department
  scope: Scope
  scopeNames: { street: string; community?: string; grid?: string }
  disabled: boolean
  createdAt: number
}

export type InviteStatus = 'unused' | 'used' | 'expired' | 'revoked'

export interface InviteView {
  code: string
  role: Exclude<Role, 'owner' | 'employee' | 'resident'>
  department?: Department
  scope: Scope
  scopeNames: { street: string; community?: string; grid?: string }
  status: InviteStatus
  expiresAt: number
  createdAt: number
  usedBy?: { name: string }
  usedAt?: number
  note?: string
  /** Only when just created: a QR (PNG data URL) of the redeem link. */
  qr?: string
}

export interface InboxItem {
  _id: string
  title: string
  body: string
  createdAt: number
  read: boolean
  link?: string
}

export interface ScopeTree {
  street: { _id: string; name: string }
  communities: { _id: string; name: string; grids: { _id: string; name: string }[] }[]
}

/**
 * What an identity without an account has proven so far (answered by `account.me` before setup): the masked
 * phone, and whether that phone already belongs to an account (then the person links instead of setting up).
 */
export interface IdentityProof {
  phone: string
  held: boolean
}
