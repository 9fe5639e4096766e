import { cloud, createTimerMain } from '../_lib/runtime'
import { removeExpiredLedgers, retentionDays } from './clean'

/**
 * Timer: every day at 03:30 (config.json). Deletes the Excel ledgers stats.exportLedger stored more than
 * LEDGER_RETENTION_DAYS (default 7) days before the moment the run was due.
 */
export const main = createTimerMain('ledgerScan', (deps, at) =>
  removeExpiredLedgers(deps, cloud(), at, retentionDays()),
)
