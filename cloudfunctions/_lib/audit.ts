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
