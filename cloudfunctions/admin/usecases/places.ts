import { AppError } from '../../../shared/errors'
import type {
  createCommunityInput,
  createGridInput,
  moveGridInput,
  renameCommunityInput,
  renameGridInput,
} from '../../../shared/schemas/admin'
import type { AccountDoc } from '../../_lib/accounts'
import { auditEntry } from '../../_lib/audit'
import { getDoc, txCol, txGet, type Collections } from '../../_lib/collections'
import { createDocOnce, onceId } from '../../_lib/once'
import type { CallerFor, Deps, Transaction, Input } from '../../_lib/runtime'
import type { CommunityDoc, GridDoc } from '../model'
import { all, nextOrder, ownCommunity, ownGrid } from './common'

/** Communities and grids of the caller's scope, with the staff assigned to each grid. */
export async function tree(deps: Deps, caller: CallerFor) {
  const scope = caller.account.scope
  const streetId = scope.streetId
  const _ = deps.db.command
  const [street, communities, grids, staff] = await Promise.all([
    getDoc(deps, 'streets', streetId),
    all(deps, 'communities', {
      streetId,
      ...(scope.communityId ? { _id: scope.communityId } : {}),
    }),
    all(deps, 'grids', {
      streetId,
      ...(scope.communityId ? { communityId: scope.communityId } : {}),
    }),
    all(deps, 'accounts', {
      'scope.streetId': streetId,
      role: _.in(['butler', 'gridWorker', 'admin']),
      ...(scope.communityId ? { 'scope.communityId': scope.communityId } : {}),
    }),
  ])
  const person = (a: AccountDoc) => ({ _id: a._id, name: a.name, role: a.role, disabled: a.disabled })
  const byOrder = (x: { order: number }, y: { order: number }) => x.order - y.order
  return {
    street: { _id: streetId, name: street?.name ?? '' },
    communities: communities.sort(byOrder).map((c) => ({
      _id: c._id,
      name: c.name,
      admins: staff.filter((a) => a.role === 'admin' && a.scope.communityId === c._id).map(person),
      grids: grids
        .filter((g) => g.communityId === c._id)
        .sort(byOrder)
        .map((g) => ({
          _id: g._id,
          name: g.name,
          staff: staff.filter((a) => a.role !== 'admin' && a.scope.gridId === g._id).map(person),
        })),
    })),
  }
}

const KIND = { communities: 'community', grids: 'grid' } as const
type PlaceCollection = keyof typeof KIND

/** Adds a community or grid and its audit entry, in one transaction. */
async function addPlace<N extends PlaceCollection>(
  deps: Deps,
  caller: CallerFor,
  collection: N,
  doc: Collections[N],
  after: object,
  communityId: string,
): Promise<void> {
  const kind = KIND[collection]
  await deps.db.runTransaction(async (t: Transaction) => {
    await txCol(t, collection).add(doc)
    await txCol(t, 'audit_logs').add(
      auditEntry(caller.account, {
        action: `${kind}.create`,
        target: `${kind}:${doc._id}`,
        before: null,
        after,
        at: deps.now(),
        communityId,
      }),
    )
  })
}

/** Renames a community or grid, with an audit entry against the name as it is inside the transaction. */
async function renamePlace<N extends PlaceCollection>(
  deps: Deps,
  caller: CallerFor,
  collection: N,
  place: Collections[N],
  name: string,
  communityId: string,
): Promise<Collections[N]> {
  const kind = KIND[collection]
  const now = deps.now()
  await deps.db.runTransaction(async (t: Transaction) => {
    const fresh = await txGet(t, collection, place._id)
    if (!fresh) throw new AppError('SCOPE_NOT_FOUND')
    await txCol(t, collection).doc(place._id).update({ name, updatedAt: now })
    await txCol(t, 'audit_logs').add(
      auditEntry(caller.account, {
        action: `${kind}.rename`,
        target: `${kind}:${place._id}`,
        before: { name: fresh.name },
        after: { name },
        at: now,
        communityId,
      }),
    )
  })
  return { ...place, name, updatedAt: now }
}

export async function createCommunity(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof createCommunityInput>,
) {
  const streetId = caller.account.scope.streetId
  const id = onceId(caller.account, input.requestId, deps.newId)
  return createDocOnce(
    deps,
    'communities',
    id,
    input.requestId,
    async () => {
      const doc: CommunityDoc = {
        _id: id,
        streetId,
        name: input.name,
        order: await nextOrder(deps, 'communities', streetId),
        createdAt: deps.now(),
      }
      await addPlace(deps, caller, 'communities', doc, { name: doc.name }, doc._id)
      return { community: doc }
    },
    (community) => ({ community }),
  )
}

export async function renameCommunity(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof renameCommunityInput>,
) {
  const c = await ownCommunity(deps, caller, input.communityId)
  return { community: await renamePlace(deps, caller, 'communities', c, input.name, c._id) }
}

export async function createGrid(deps: Deps, caller: CallerFor, input: Input<typeof createGridInput>) {
  const c = await ownCommunity(deps, caller, input.communityId)
  const id = onceId(caller.account, input.requestId, deps.newId)
  return createDocOnce(
    deps,
    'grids',
    id,
    input.requestId,
    async () => {
      const doc: GridDoc = {
        _id: id,
        streetId: c.streetId,
        communityId: c._id,
        name: input.name,
        order: await nextOrder(deps, 'grids', c.streetId),
        createdAt: deps.now(),
      }
      await addPlace(deps, caller, 'grids', doc, { name: doc.name, communityId: c._id }, c._id)
      return { grid: doc }
    },
    (grid) => ({ grid }),
  )
}

export async function renameGrid(deps: Deps, caller: CallerFor, input: Input<typeof renameGridInput>) {
  const g = await ownGrid(deps, caller, input.gridId)
  return { grid: await renamePlace(deps, caller, 'grids', g, input.name, g.communityId) }
}

/**
 * Moves a grid to another community of the street. The grid and everything whose scope names it — staff
 * accounts and unused invitations — follow in one transaction; records that carry a copy of the community
 * (applications, reports…) keep theirs: the dashboard finds records by their grid.
 */
export async function moveGrid(deps: Deps, caller: CallerFor, input: Input<typeof moveGridInput>) {
  const g = await ownGrid(deps, caller, input.gridId)
  const target = await ownCommunity(deps, caller, input.communityId)
  if (g.communityId === target._id) throw new AppError('INVALID_INPUT', '网格已经在这个社区')
  const [accounts, invites] = await Promise.all([
    all(deps, 'accounts', { 'scope.streetId': g.streetId, 'scope.gridId': g._id }),
    all(deps, 'invites', {
      'scope.streetId': g.streetId,
      'scope.gridId': g._id,
      status: 'unused',
    }),
  ])
  const now = deps.now()
  await deps.db.runTransaction(async (t: Transaction) => {
    const fresh = await txGet(t, 'grids', g._id)
    if (!fresh || fresh.communityId !== g.communityId) throw new AppError('CONFLICT')
    await txCol(t, 'grids').doc(g._id).update({ communityId: target._id, updatedAt: now })
    for (const a of accounts)
      await txCol(t, 'accounts')
        .doc(a._id)
        .update({ scope: { communityId: target._id }, updatedAt: now })
    for (const i of invites)
      await txCol(t, 'invites')
        .doc(i._id)
        .update({ scope: { communityId: target._id } })
    await txCol(t, 'audit_logs').add(
      auditEntry(caller.account, {
        action: 'grid.move',
        target: `grid:${g._id}`,
        before: { communityId: g.communityId },
        after: {
          communityId: target._id,
          accounts: accounts.map((a) => a._id),
          invites: invites.map((i) => i._id),
        },
        at: now,
        communityId: target._id,
      }),
    )
  })
  return { grid: { ...g, communityId: target._id, updatedAt: now }, accountsMoved: accounts.length }
}
