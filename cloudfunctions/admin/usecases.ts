import type { z } from 'zod'
import type { AccountView } from '../../shared/account'
import { AppError } from '../../shared/errors'
import { maskPhone } from '../../shared/mask'
import {
  ROLE_SCOPE_LEVEL,
  roleLabel,
  scopeContains,
  scopeFitsRole,
  type Department,
  type Role,
  type Scope,
} from '../../shared/roles'
import type {
  assignStaffInput,
  auditLogInput,
  createCommunityInput,
  createGridInput,
  listAccountsInput,
  moveGridInput,
  renameCommunityInput,
  renameGridInput,
  setDisabledInput,
  setRoleInput,
} from '../../shared/schemas/admin'
import type { AccountDoc } from '../_lib/accounts'
import type { AuditEntry } from '../_lib/audit'
import { notify } from '../_lib/notify'
import { getDoc, txGet } from '../_lib/docs'
import type { CallerFor, Deps, Transaction } from '../_lib/runtime'

type Input<S extends z.ZodTypeAny> = z.infer<S>

export interface CommunityDoc {
  _id: string
  streetId: string
  name: string
  order: number
  createdAt: number
  updatedAt?: number
}

export interface GridDoc {
  _id: string
  streetId: string
  communityId: string
  name: string
  order: number
  createdAt: number
  updatedAt?: number
}

/** An audit entry about something inside one community also names it, so that community's admin sees it. */
export interface AdminAuditEntry extends AuditEntry {
  communityId?: string
}

// ---------- helpers ----------

const isStreetAdmin = (a: AccountDoc) => !a.scope.communityId && !a.scope.gridId

function requireStreetAdmin(a: AccountDoc): void {
  if (!isStreetAdmin(a)) throw new AppError('FORBIDDEN_SCOPE', '只有街道管理员可以进行这个操作')
}

function entry(
  deps: Deps,
  caller: CallerFor,
  action: string,
  target: string,
  before: unknown,
  after: unknown,
  communityId: string | undefined,
): AdminAuditEntry {
  return {
    streetId: caller.account.scope.streetId,
    ...(communityId ? { communityId } : {}),
    actorId: caller.account._id,
    actorName: caller.account.name,
    action,
    target,
    before,
    after,
    at: deps.now(),
  }
}

/** A community of the caller's street that the caller's scope contains. */
async function ownCommunity(deps: Deps, caller: CallerFor, communityId: string): Promise<CommunityDoc> {
  const c = await getDoc<CommunityDoc>(deps, 'communities', communityId)
  if (!c) throw new AppError('SCOPE_NOT_FOUND', '没有找到这个社区')
  if (!scopeContains(caller.account.scope, { streetId: c.streetId, communityId: c._id }))
    throw new AppError('FORBIDDEN_SCOPE')
  return c
}

async function ownGrid(deps: Deps, caller: CallerFor, gridId: string): Promise<GridDoc> {
  const g = await getDoc<GridDoc>(deps, 'grids', gridId)
  if (!g) throw new AppError('SCOPE_NOT_FOUND', '没有找到这个网格')
  if (
    !scopeContains(caller.account.scope, { streetId: g.streetId, communityId: g.communityId, gridId: g._id })
  )
    throw new AppError('FORBIDDEN_SCOPE')
  return g
}

/** Another person's account inside the caller's scope; nobody changes their own role or switches themselves off. */
async function manageable(deps: Deps, caller: CallerFor, accountId: string): Promise<AccountDoc> {
  if (accountId === caller.account._id) throw new AppError('SELF_CHANGE_REFUSED')
  const a = await getDoc<AccountDoc>(deps, 'accounts', accountId)
  if (!a) throw new AppError('NOT_FOUND', '没有找到这个账号')
  if (!scopeContains(caller.account.scope, a.scope)) throw new AppError('FORBIDDEN_SCOPE')
  return a
}

async function nextOrder(deps: Deps, collection: string, streetId: string): Promise<number> {
  const { data } = await deps.db
    .collection(collection)
    .where({ streetId })
    .orderBy('order', 'desc')
    .limit(1)
    .get()
  return ((data[0] as { order?: number } | undefined)?.order ?? 0) + 1
}

/** Every document of a query, a page of 1000 at a time (get() answers at most 1000). */
async function all<T>(deps: Deps, collection: string, where: object): Promise<T[]> {
  const out: T[] = []
  for (let skip = 0; ; skip += 1000) {
    const { data } = await deps.db
      .collection(collection)
      .where(where)
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(1000)
      .get()
    out.push(...(data as T[]))
    if (data.length < 1000) return out
  }
}

// ---------- communities and grids ----------

/** Communities and grids of the caller's scope, with the staff assigned to each grid. */
export async function tree(deps: Deps, caller: CallerFor) {
  const scope = caller.account.scope
  const streetId = scope.streetId
  const _ = deps.db.command
  const [street, communities, grids, staff] = await Promise.all([
    getDoc<{ _id: string; name: string }>(deps, 'streets', streetId),
    all<CommunityDoc>(deps, 'communities', {
      streetId,
      ...(scope.communityId ? { _id: scope.communityId } : {}),
    }),
    all<GridDoc>(deps, 'grids', {
      streetId,
      ...(scope.communityId ? { communityId: scope.communityId } : {}),
    }),
    all<AccountDoc>(deps, 'accounts', {
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

export async function createCommunity(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof createCommunityInput>,
) {
  requireStreetAdmin(caller.account)
  const streetId = caller.account.scope.streetId
  const doc: CommunityDoc = {
    _id: deps.newId(),
    streetId,
    name: input.name,
    order: await nextOrder(deps, 'communities', streetId),
    createdAt: deps.now(),
  }
  await deps.db.runTransaction(async (t: Transaction) => {
    await t.collection('communities').add(doc)
    await t
      .collection('audit_logs')
      .add(entry(deps, caller, 'community.create', `community:${doc._id}`, null, { name: doc.name }, doc._id))
  })
  return { community: doc }
}

export async function renameCommunity(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof renameCommunityInput>,
) {
  const c = await ownCommunity(deps, caller, input.communityId)
  const now = deps.now()
  await deps.db.runTransaction(async (t: Transaction) => {
    const fresh = await txGet<CommunityDoc>(t, 'communities', c._id)
    if (!fresh) throw new AppError('SCOPE_NOT_FOUND')
    await t.collection('communities').doc(c._id).update({ name: input.name, updatedAt: now })
    await t
      .collection('audit_logs')
      .add(
        entry(
          deps,
          caller,
          'community.rename',
          `community:${c._id}`,
          { name: fresh.name },
          { name: input.name },
          c._id,
        ),
      )
  })
  return { community: { ...c, name: input.name, updatedAt: now } }
}

export async function createGrid(deps: Deps, caller: CallerFor, input: Input<typeof createGridInput>) {
  const c = await ownCommunity(deps, caller, input.communityId)
  const doc: GridDoc = {
    _id: deps.newId(),
    streetId: c.streetId,
    communityId: c._id,
    name: input.name,
    order: await nextOrder(deps, 'grids', c.streetId),
    createdAt: deps.now(),
  }
  await deps.db.runTransaction(async (t: Transaction) => {
    await t.collection('grids').add(doc)
    await t
      .collection('audit_logs')
      .add(
        entry(
          deps,
          caller,
          'grid.create',
          `grid:${doc._id}`,
          null,
          { name: doc.name, communityId: c._id },
          c._id,
        ),
      )
  })
  return { grid: doc }
}

export async function renameGrid(deps: Deps, caller: CallerFor, input: Input<typeof renameGridInput>) {
  const g = await ownGrid(deps, caller, input.gridId)
  const now = deps.now()
  await deps.db.runTransaction(async (t: Transaction) => {
    const fresh = await txGet<GridDoc>(t, 'grids', g._id)
    if (!fresh) throw new AppError('SCOPE_NOT_FOUND')
    await t.collection('grids').doc(g._id).update({ name: input.name, updatedAt: now })
    await t
      .collection('audit_logs')
      .add(
        entry(
          deps,
          caller,
          'grid.rename',
          `grid:${g._id}`,
          { name: fresh.name },
          { name: input.name },
          g.communityId,
        ),
      )
  })
  return { grid: { ...g, name: input.name, updatedAt: now } }
}

/**
 * Moves a grid to another community of the street. The grid and everything whose scope names it — staff
 * accounts and unused invitations — follow in one transaction; records that carry a copy of the community
 * (applications, reports…) keep theirs: the dashboard finds records by their grid.
 */
export async function moveGrid(deps: Deps, caller: CallerFor, input: Input<typeof moveGridInput>) {
  requireStreetAdmin(caller.account)
  const g = await ownGrid(deps, caller, input.gridId)
  const target = await ownCommunity(deps, caller, input.communityId)
  if (g.communityId === target._id) throw new AppError('INVALID_INPUT', '网格已经在这个社区')
  const [accounts, invites] = await Promise.all([
    all<AccountDoc>(deps, 'accounts', { 'scope.streetId': g.streetId, 'scope.gridId': g._id }),
    all<{ _id: string }>(deps, 'invites', {
      'scope.streetId': g.streetId,
      'scope.gridId': g._id,
      status: 'unused',
    }),
  ])
  const now = deps.now()
  await deps.db.runTransaction(async (t: Transaction) => {
    const fresh = await txGet<GridDoc>(t, 'grids', g._id)
    if (!fresh || fresh.communityId !== g.communityId) throw new AppError('CONFLICT')
    await t.collection('grids').doc(g._id).update({ communityId: target._id, updatedAt: now })
    for (const a of accounts)
      await t
        .collection('accounts')
        .doc(a._id)
        .update({ scope: { communityId: target._id }, updatedAt: now })
    for (const i of invites)
      await t
        .collection('invites')
        .doc(i._id)
        .update({ scope: { communityId: target._id } })
    await t.collection('audit_logs').add(
      entry(
        deps,
        caller,
        'grid.move',
        `grid:${g._id}`,
        { communityId: g.communityId },
        {
          communityId: target._id,
          accounts: accounts.map((a) => a._id),
          invites: invites.map((i) => i._id),
        },
        target._id,
      ),
    )
  })
  return { grid: { ...g, communityId: target._id, updatedAt: now }, accountsMoved: accounts.length }
}

// ---------- accounts ----------

/** Puts a butler or grid worker on a grid of the caller's scope. */
export async function assignStaff(deps: Deps, caller: CallerFor, input: Input<typeof assignStaffInput>) {
  const a = await manageable(deps, caller, input.accountId)
  if (a.role !== 'butler' && a.role !== 'gridWorker') throw new AppError('NOT_STAFF')
  const g = await ownGrid(deps, caller, input.gridId)
  const scope: Scope = { streetId: g.streetId, communityId: g.communityId, gridId: g._id }
  return changeAccount(deps, caller, a, 'account.assign', { scope })
}

export async function setRole(deps: Deps, caller: CallerFor, input: Input<typeof setRoleInput>) {
  const a = await manageable(deps, caller, input.accountId)
  const streetId = a.scope.streetId
  let scope: Scope = { streetId }
  if (ROLE_SCOPE_LEVEL[input.role as keyof typeof ROLE_SCOPE_LEVEL] === 'grid') {
    if (!input.gridId) throw new AppError('INVALID_INPUT', '社区管家和网格员需要选择所属网格')
    const g = await getDoc<GridDoc>(deps, 'grids', input.gridId)
    if (!g || g.streetId !== streetId) throw new AppError('SCOPE_NOT_FOUND')
    if (input.communityId && input.communityId !== g.communityId) throw new AppError('SCOPE_NOT_FOUND')
    scope = { streetId, communityId: g.communityId, gridId: g._id }
  } else if (input.gridId) {
    throw new AppError('INVALID_INPUT', '只有社区管家和网格员需要选择网格')
  } else if (input.communityId) {
    const c = await getDoc<CommunityDoc>(deps, 'communities', input.communityId)
    if (!c || c.streetId !== streetId) throw new AppError('SCOPE_NOT_FOUND')
    scope = { streetId, communityId: c._id }
  }
  if (!scopeFitsRole(input.role, scope))
    throw new AppError(
      'INVALID_INPUT',
      input.role === 'admin' ? '管理员属于街道或社区' : '这个身份属于街道，不需要选择社区',
    )
  // A community admin hands out only what lies inside their community.
  if (!scopeContains(caller.account.scope, scope)) throw new AppError('FORBIDDEN_SCOPE')
  return changeAccount(deps, caller, a, 'account.role', {
    role: input.role,
    scope,
    department: input.department ?? null,
  })
}

export async function setDisabled(deps: Deps, caller: CallerFor, input: Input<typeof setDisabledInput>) {
  const a = await manageable(deps, caller, input.accountId)
  return changeAccount(
    deps,
    caller,
    a,
    input.disabled ? 'account.disable' : 'account.enable',
    { disabled: input.disabled },
    input.reason,
  )
}

interface AccountChange {
  role?: Role
  scope?: Scope
  department?: Department | null
  disabled?: boolean
}

/**
 * Writes a changed account with `set` (a department from an earlier role must not linger) and its audit entry
 * in one transaction, against the account as it is inside the transaction.
 */
async function changeAccount(
  deps: Deps,
  caller: CallerFor,
  account: AccountDoc,
  action: string,
  change: AccountChange,
  reason?: string,
) {
  const now = deps.now()
  let saved: AccountDoc | undefined
  let changed = false
  await deps.db.runTransaction(async (t: Transaction) => {
    const cur = await txGet<AccountDoc>(t, 'accounts', account._id)
    if (!cur) throw new AppError('NOT_FOUND', '没有找到这个账号')
    if (!scopeContains(caller.account.scope, cur.scope)) throw new AppError('FORBIDDEN_SCOPE')
    const next: AccountDoc = { ...cur }
    if (change.role) next.role = change.role
    if (change.scope) next.scope = change.scope
    if (change.department !== undefined) {
      delete next.department
      if (change.department) next.department = change.department
    }
    if (change.disabled !== undefined) next.disabled = change.disabled
    const view = (x: AccountDoc) => ({
      role: x.role,
      scope: x.scope,
      department: x.department ?? null,
      disabled: x.disabled,
    })
    const before = view(cur)
    const after = view(next)
    changed = JSON.stringify(before) !== JSON.stringify(after)
    saved = next
    if (!changed) return
    next.updatedAt = now
    const { _id, ...body } = next
    await t.collection('accounts').doc(_id).set(body)
    await t
      .collection('audit_logs')
      .add(
        entry(
          deps,
          caller,
          action,
          `account:${_id}`,
          before,
          reason ? { ...after, reason } : after,
          next.scope.communityId ?? cur.scope.communityId,
        ),
      )
  })
  const a = saved!
  if (changed && action !== 'account.disable') {
    await notify(deps, {
      accountId: a._id,
      title: '账号信息已变更',
      body:
        action === 'account.enable'
          ? '您的账号已恢复使用。'
          : `管理员${caller.account.name}已将您的身份调整为「${roleLabel(a.role, a.department, a.scope)}」。`,
    })
  }
  return { account: await accountView(deps, a), changed }
}

async function placeNames(deps: Deps, streetId: string): Promise<Map<string, string>> {
  const [street, communities, grids] = await Promise.all([
    getDoc<{ _id: string; name: string }>(deps, 'streets', streetId),
    all<CommunityDoc>(deps, 'communities', { streetId }),
    all<GridDoc>(deps, 'grids', { streetId }),
  ])
  const names = new Map<string, string>()
  if (street) names.set(street._id, street.name)
  for (const p of [...communities, ...grids]) names.set(p._id, p.name)
  return names
}

function toView(names: Map<string, string>, a: AccountDoc): AccountView {
  const view: AccountView = {
    _id: a._id,
    name: a.name,
    phone: maskPhone(a.phone),
    phoneProven: Boolean(a.phoneProof),
    role: a.role,
    scope: a.scope,
    scopeNames: {
      street: names.get(a.scope.streetId) ?? '',
      ...(a.scope.communityId ? { community: names.get(a.scope.communityId) } : {}),
      ...(a.scope.gridId ? { grid: names.get(a.scope.gridId) } : {}),
    },
    disabled: a.disabled,
    createdAt: a.createdAt,
  }
  if (a.department) view.department = a.department
  return view
}

async function accountView(deps: Deps, a: AccountDoc): Promise<AccountView> {
  return toView(await placeNames(deps, a.scope.streetId), a)
}

/** The accounts of the caller's scope, newest first; by role, state, part of a name or the start of a phone. */
export async function listAccounts(deps: Deps, caller: CallerFor, input: Input<typeof listAccountsInput>) {
  const scope = caller.account.scope
  const where: Record<string, unknown> = { 'scope.streetId': scope.streetId }
  if (scope.communityId) where['scope.communityId'] = scope.communityId
  if (input.role) where.role = input.role
  if (input.disabled !== undefined) where.disabled = input.disabled
  const search = input.search?.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  if (search) {
    if (/^\d+$/.test(search)) where.phone = deps.db.RegExp({ regexp: `^${search}`, options: '' })
    else where.name = deps.db.RegExp({ regexp: search, options: 'i' })
  }
  const col = deps.db.collection('accounts')
  const [{ total }, { data }, names] = await Promise.all([
    col.where(where).count(),
    col
      .where(where)
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'asc')
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .get(),
    placeNames(deps, scope.streetId),
  ])
  return {
    items: (data as AccountDoc[]).map((a) => toView(names, a)),
    total,
    page: input.page,
    pageSize: input.pageSize,
  }
}

// ---------- audit log ----------

/**
 * Read only, newest first. A street admin sees the street's entries; a community admin those about their
 * community and their own. There is no action anywhere that changes or deletes an entry.
 */
export async function auditLog(deps: Deps, caller: CallerFor, input: Input<typeof auditLogInput>) {
  const _ = deps.db.command
  const scope = caller.account.scope
  const base: Record<string, unknown> = { streetId: scope.streetId }
  if (input.action) base.action = input.action
  if (input.actorId) base.actorId = input.actorId
  const where = scope.communityId
    ? _.and([base, _.or([{ communityId: scope.communityId }, { actorId: caller.account._id }])])
    : base
  const col = deps.db.collection('audit_logs')
  const [{ total }, { data }] = await Promise.all([
    col.where(where).count(),
    col
      .where(where)
      .orderBy('at', 'desc')
      .orderBy('_id', 'desc')
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .get(),
  ])
  return {
    items: data as (AdminAuditEntry & { _id: string })[],
    total,
    page: input.page,
    pageSize: input.pageSize,
  }
}
