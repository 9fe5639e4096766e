import type { LedgerKind } from '../../shared/stats'

/** A ledger workbook exportLedger put in cloud storage; id = the export's id. The ledgerScan timer deletes it. */
export interface LedgerFileDoc {
  _id: string
  fileID: string
  streetId: string
  kind: LedgerKind
  createdAt: number
}
