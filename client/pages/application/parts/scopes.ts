import { useEffect, useState } from 'react'
import { accountApi } from '../../../services/account'
import type { ScopeTree as Scopes } from '../../../../shared/account'

let cached: Promise<Scopes> | null = null

/** The street's communities and grids, read once per app run (they change a few times a year). */
export function loadScopes(): Promise<Scopes> {
  if (!cached) {
    cached = accountApi.scopes()
    cached.catch(() => {
      cached = null
    })
  }
  return cached
}

/** Names of a community and a grid, or '' until the tree is known. */
export function useScopeNames(communityId?: string, gridId?: string): { community: string; grid: string } {
  const [scopes, setScopes] = useState<Scopes | null>(null)
  useEffect(() => {
    let live = true
    loadScopes()
      .then((s) => live && setScopes(s))
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [])
  const community = scopes?.communities.find((c) => c._id === communityId)
  const grid = community?.grids.find((g) => g._id === gridId)
  return { community: community?.name ?? '', grid: grid?.name ?? '' }
}
