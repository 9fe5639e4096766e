import type { Choice } from '../../../components/ChoiceSheet'
import type { AccountView as Account, ScopeTree as Scopes } from '../../../../shared/account'

/**
 * The places a staff member may look at, as choices: the whole street and every community and grid for the
 * street's staff; their community and its grids for a community admin; only their grid for a grid worker.
 * Values: `street`, `c:<communityId>`, `g:<communityId>:<gridId>`.
 */
export function scopeChoices(account: Account, scopes: Scopes | undefined): Choice[] {
  const own = account.scope
  if (own.gridId) {
    return [{ value: `g:${own.communityId ?? ''}:${own.gridId}`, label: account.scopeNames.grid ?? '本网格' }]
  }
  const out: Choice[] = []
  if (!own.communityId)
    out.push({ value: 'street', label: `${scopes?.street.name ?? account.scopeNames.street}（全街道）` })
  for (const c of scopes?.communities ?? []) {
    if (own.communityId && c._id !== own.communityId) continue
    out.push({
      value: `c:${c._id}`,
      label: c.name,
      hint: c.grids.length ? `${c.grids.length}个网格` : '还没有网格',
    })
    for (const g of c.grids) out.push({ value: `g:${c._id}:${g._id}`, label: g.name, indent: 1 })
  }
  return out
}

export function choiceValue(communityId: string, gridId: string): string {
  if (gridId) return `g:${communityId}:${gridId}`
  if (communityId) return `c:${communityId}`
  return 'street'
}

export function parseChoice(value: string): { communityId: string; gridId: string } {
  const [kind, c = '', g = ''] = value.split(':')
  if (kind === 'g') return { communityId: c, gridId: g }
  if (kind === 'c') return { communityId: c, gridId: '' }
  return { communityId: '', gridId: '' }
}

/** The name of the chosen place: "幸福里社区 · 幸福里第一网格", or the street with 全街道. */
export function scopeName(
  account: Account,
  scopes: Scopes | undefined,
  communityId: string,
  gridId: string,
): string {
  const own = account.scope
  if (own.gridId) return [account.scopeNames.community, account.scopeNames.grid].filter(Boolean).join(' · ')
  const cid = communityId || own.communityId
  if (!cid) return `${scopes?.street.name ?? account.scopeNames.street}（全街道）`
  const c = scopes?.communities.find((x) => x._id === cid)
  const g = gridId ? c?.grids.find((x) => x._id === gridId) : undefined
  const cname = c?.name ?? account.scopeNames.community ?? ''
  return g ? `${cname} · ${g.name}` : own.communityId && !communityId ? `${cname}（全社区）` : cname
}

/** Can this account choose among several places? */
export function canChooseScope(account: Account): boolean {
  return !account.scope.gridId
}
