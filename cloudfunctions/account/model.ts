import type { InboxItem, InviteView } from '../../shared/account'
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
}

/** A notice in a person's in-app inbox; every notice lands here, whatever else is sent. */
export interface InboxDoc extends InboxItem {
  accountId: string
}

/** Subscribe-message sends a person authorised (weapp): one tap on 「允许」 buys one send. */
export interface SubscriptionDoc {
  /** The account id. */
  _id: string
  remaining: number
  lastSentAt?: number
}
