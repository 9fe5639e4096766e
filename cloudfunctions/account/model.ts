import type { InboxItem, InviteView } from '../../shared/account'
import type { SubscribeKind } from '../../config/subscribe'
import type { Scope } from '../../shared/roles'

export interface InviteDoc {
  /** The code itself is the id: one document per code, so a code can only ever be redeemed through it. */
  _id: string
  code: string
  role: InviteView['role']
  department?: InviteView['department']
  scope: Scope
  note?: string
  status: 'unused' | 'used' | 'revoked'
  createdBy: string
  createdAt: number
  expiresAt: number
  usedBy?: { accountId: string; name: string }
  usedAt?: number
  /** Issued by district staff (区级): theirs to list and revoke. */
  byDistrict?: true
}

/** A notice in a person's in-app inbox; every notice lands here, whatever else is sent. */
export interface InboxDoc extends InboxItem {
  accountId: string
}

/**
 * What the app counted of one person's subscribe-message authorisations of one template (weapp): id
 * `<accountId>:<kind>`; each tap on 「允许」 adds one, each send uses one.
 */
export interface SubscriptionDoc {
  _id: string
  accountId: string
  kind: SubscribeKind
  /** The WeChat user who tapped 「允许」: messages go to this openid. */
  openid: string
  remaining: number
  updatedAt: number
  lastSentAt?: number
}

/** The one link code an account has open (id = the account id); see account/identity.ts. */
export interface LinkCodeDoc {
  _id: string
  code: string
  expiresAt: number
  attempts: number
}
