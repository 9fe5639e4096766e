/**
 * Shapes returned by the `account` cloud function, as the client sees them.
 * Domain enums (roles, departments) come from shared/ so the two sides cannot drift apart.
 */
import type { Department, Role, Scope, SelfServiceRole, StaffRole } from '../../shared/roles'

export type { Department, Role, Scope, SelfServiceRole, StaffRole }

export interface ScopeNames {
  street: string
  community?: string
  grid?: string
}

export interface Account {
  _id: string
  name: string
  /** Masked for display, e.g. 138****0001. */
  phone: string
  /** Proven by WeChat's phone-number button or by registering with it (H5); only a proven phone links. */
  phoneProven: boolean
  role: Role
  department?: Department
  scope: Scope
  scopeNames: ScopeNames
  disabled: boolean
  createdAt: number
}

/** Before setup: the phone this identity proved (masked), and whether it already belongs to an account. */
export interface IdentityProof {
  phone: string
  held: boolean
}

export type InviteStatus = 'unused' | 'used' | 'expired' | 'revoked'

export interface Invite {
  code: string
  /** Only when just created: a QR (PNG data URL) that opens the redeem page with the code filled in. */
  qr?: string
  role: StaffRole
  department?: Department
  scope: Scope
  scopeNames: ScopeNames
  status: InviteStatus
  expiresAt: number
  createdAt: number
  usedBy?: { name: string }
  usedAt?: number
  note?: string
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

export interface InboxItem {
  _id: string
  title: string
  body: string
  createdAt: number
  read: boolean
  link?: string
}

export interface InboxPage extends Page<InboxItem> {
  unread: number
}

export interface GridOption {
  _id: string
  name: string
}

export interface CommunityOption {
  _id: string
  name: string
  grids: GridOption[]
}

export interface Scopes {
  street: { _id: string; name: string }
  communities: CommunityOption[]
}

/** A user of the H5 gateway (phone + password login). */
export interface GatewayUser {
  uid: string
  phone: string
  name: string
  createdAt: number
}

export interface UploadedFile {
  fileID: string
  url: string
  size?: number
  contentType?: string
}
