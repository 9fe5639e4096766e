import type { AccountDoc } from './accounts'

/** An audit record for a privileged action; written in the same transaction as the change it describes. */
export interface AuditEntry {
  streetId: string
  /** Set when the change is inside one community, so that community's admin sees it too. */
  communityId?: string
  actorId: string
  actorName: string
  action: string
  target: string
  before: unknown
  after: unknown
  at: number
}

/** An entry as stored: only ever added, never changed or removed (see admin's auditLog, the one read). */
export interface AuditDoc extends AuditEntry {
  _id: string
}

/** What an audit entry says: the action, its target, the state before and after, and when. */
export interface AuditChange {
  action: string
  target: string
  before: unknown
  after: unknown
  at: number
  /** The street the entry belongs to; the actor's own by default. */
  streetId?: string
  /** Names the community the change is inside, so that community's admin sees the entry. */
  communityId?: string
}

/** The entry `actor` leaves for a change. Add it with `txCol(t, 'audit_logs').add(…)` in the change's transaction. */
export function auditEntry(actor: AccountDoc, change: AuditChange): AuditEntry {
  const { streetId, communityId, ...rest } = change
  return {
    streetId: streetId ?? actor.scope.streetId,
    ...(communityId ? { communityId } : {}),
    actorId: actor._id,
    actorName: actor.name,
    ...rest,
  }
}
