import { comparer, reaction } from 'mobx'
import { useEffect, useReducer } from 'react'

/**
 * Renders the component again whenever what `watch` reads from a store it owns changes — so a hook can keep
 * its state in a tested store class (stores/pagedList.ts, stores/remoteValue.ts) and still serve components
 * that are not `observer`s.
 */
export function useRerender(watch: () => readonly unknown[], deps: readonly unknown[]): void {
  const [, bump] = useReducer((n: number) => n + 1, 0)
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => reaction(watch, bump, { equals: comparer.shallow }), deps)
}
