import { col } from '../_lib/collections'
import type { Deps } from '../_lib/runtime'

/**
 * Every street of the district, oldest first (a district has a dozen or so: one page holds them all). Its own module:
 * the exports (export.ts) and the nightly stored days (days.ts, which export.ts reaches through figures.ts) both need it.
 */
export async function allStreetIds(deps: Deps): Promise<string[]> {
  const { data } = await col(deps.db, 'streets').limit(1000).get()
  return data.sort((a, b) => a.createdAt - b.createdAt).map((s) => s._id)
}
