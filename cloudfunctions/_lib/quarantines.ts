import { OPEN_QUARANTINE_STATES } from '../../shared/health'
import type { QuarantineDoc } from '../health/model'
import { col } from './collections'
import type { Deps } from './runtime'

/** The person's quarantine in force, if any (a person has at most one open at a time). */
export async function activeQuarantineOf(deps: Deps, accountId: string): Promise<QuarantineDoc | undefined> {
  const { data } = await col(deps.db, 'quarantines')
    .where({ accountId, status: deps.db.command.in(OPEN_QUARANTINE_STATES) })
    .limit(1)
    .get()
  return data[0]
}
