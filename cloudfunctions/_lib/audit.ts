/** An audit record for a privileged action; written in the same transaction as the change it describes. */
export interface AuditEntry {
  streetId: string
  actorId: string
  actorName: string
  action: string
  target: string
  before: unknown
  after: unknown
  at: number
}
