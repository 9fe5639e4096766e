import type { Department, Role, Scope } from './roles'

/** An account as the client sees it: in full to its holder, the phone masked in admins' lists. */
export interface AccountView {
  _id: string
  name: string
  phone: string
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
