import { col } from './collections'
import type { Deps } from './runtime'

/**
 * Every street of the district, oldest first (a district has a dozen or so: one page holds them all): what the
 * exports, the nightly stored days and every per-street timer walk.
 */
export async function allStreetIds(deps: Deps): Promise<string[]> {
  const { data } = await col(deps.db, 'streets').limit(1000).get()
  return data.sort((a, b) => a.createdAt - b.createdAt).map((s) => s._id)
}
