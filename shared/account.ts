import type { Department, Role, Scope } from './roles'

/** How a phone number was proven: WeChat's phone-number API, or registering with it at the H5 gateway. */
export type PhoneProof = 'wechat' | 'register'

/** An account as the client sees it: in full to its holder, the phone masked in admins' lists. */
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
 * A staff member someone may need to reach: their butler, their grid worker, the grid worker who signs a
 * commitment. `phone` is in full where the person is to call them (their own butler and grid worker), masked
 * where they only need to know who it is (shared/mask.ts).
 */
export interface Contact {
  accountId: string
  role: 'butler' | 'gridWorker'
  /** 社区管家 / 网格员, and what they help with. */
  label: string
  name: string
  phone: string
}

/**
 * One thing the home page asks of its reader, worked out from their records (account.todos): the quarantine day
 * and the next report, the owner's next step, reviews waiting, errands to claim, signatures to give.
 */
export interface Todo {
  key: string
  title: string
  detail: string
  /** Where tapping it goes. */
  url: string
  /** `urgent`: now (a report due, a fever); `action`: the reader's next step; `info`: where things stand. */
  tone: 'urgent' | 'action' | 'info'
}

/**
 * What an identity without an account has proven so far (answered by `account.me` before setup): the masked
 * phone, and whether that phone already belongs to an account (then the person links instead of setting up).
 */
export interface IdentityProof {
  phone: string
  held: boolean
}
