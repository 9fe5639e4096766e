import { col } from './collections'
import { isDuplicateKey } from './errors'
import type { Deps } from './runtime'

/** An alert already sent; the id names the occasion (e.g. `missed:<report id>`). */
export interface AlertDoc {
  _id: string
  streetId: string
  kind: string
  createdAt: number
}

/**
 * Records an alert once: its id names the occasion, and a second add of the same id fails. True the first
 * time, so overlapping or repeated scans alert once.
 */
export async function once(deps: Deps, id: string, streetId: string, kind: string): Promise<boolean> {
  try {
    await col(deps.db, 'alerts').add({ _id: id, streetId, kind, createdAt: deps.now() })
    return true
  } catch (e) {
    if (isDuplicateKey(e)) return false
    throw e
  }
}
