import type { AuditEntry } from '../_lib/audit'

export interface CommunityDoc {
  _id: string
  streetId: string
  name: string
  order: number
  createdAt: number
  updatedAt?: number
}

export interface GridDoc {
  _id: string
  streetId: string
  communityId: string
  name: string
  order: number
  createdAt: number
  updatedAt?: number
}

/** An audit entry about something inside one community also names it, so that community's admin sees it. */
export interface AdminAuditEntry extends AuditEntry {
  communityId?: string
}
