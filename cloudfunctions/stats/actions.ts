import {
  dailyExportInput,
  dashboardInput,
  exportByKeyInput,
  exportLedgerInput,
  listInput,
  reconcileInput,
  trendInput,
} from '../../shared/schemas/stats'
import { action, actionTable } from '../_lib/runtime'
import { dailyExport, districtSummary, exportByKey } from './export'
import { exportLedger } from './ledger'
import { reconcile } from './reconcile'
import * as uc from './usecases'

/**
 * The street dashboard, its lists and charts, and the Excel ledgers. A grid worker sees their grid, a
 * community admin their community, a street admin and reviewers the whole street (see scope.ts); health lists
 * and ledgers are for the epidemic team among reviewers, as in the health function.
 */
export const actions = actionTable('stats', {
  dashboard: action({ input: dashboardInput, run: uc.dashboard }),
  list: action({ input: listInput, run: uc.list }),
  trend: action({ input: trendInput, run: uc.trend }),
  exportLedger: action({ input: exportLedgerInput, run: exportLedger }),
  dailyExport: action({ input: dailyExportInput, run: dailyExport }),
  exportByKey: action({ input: exportByKeyInput, run: exportByKey }),
  districtSummary: action({ input: dailyExportInput, run: districtSummary }),
  reconcile: action({ input: reconcileInput, run: reconcile }),
})
