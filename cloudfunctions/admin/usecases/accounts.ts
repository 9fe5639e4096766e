import type { AccountView } from '../../../shared/account'
import { AppError } from '../../../shared/errors'
import { shown } from '../../../shared/mask'
import {
  ROLE_SCOPE_LEVEL,
  roleLabel,
  scopeFitsRole,
  type Department,
  type Role,
  type Scope,
} from '../../../shared/roles'
import type {
  assignStaffInput,
  listAccountsInput,
  setDisabledInput,
  setRoleInput,
} from '../../../shared/schemas/admin'
import { allow, allowAs } from '../../_lib/access'
import type { AccountDoc } from '../../_lib/accounts'
import { auditEntry } from '../../_lib/audit'
import { getDoc, txCol, txGet } from '../../_lib/collections'
import { notify } from '../../_lib/notify'
import type { CallerFor, Deps, Transaction, Input } from '../../_lib/runtime'
import { all, manageable, ownGrid } from './common'
import { pageOf, escapeRegExp } from '../../_lib/paging'

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
    const g = await getDoc(deps, 'grids', input.gridId)
    if (!g || g.streetId !== streetId) throw new AppError('SCOPE_NOT_FOUND')
    if (input.communityId && input.communityId !== g.communityId) throw new AppError('SCOPE_NOT_FOUND')
    scope = { streetId, communityId: g.communityId, gridId: g._id }
  } else if (input.gridId) {
    throw new AppError('INVALID_INPUT', '只有社区管家和网格员需要选择网格')
  } else if (input.communityId) {
    const c = await getDoc(deps, 'communities', input.communityId)
    if (!c || c.streetId !== streetId) throw new AppError('SCOPE_NOT_FOUND')
    scope = { streetId, communityId: c._id }
  }
  if (!scopeFitsRole(input.role, scope))
    throw new AppError(
      'INVALID_INPUT',
      input.role === 'admin' ? '管理员属于街道或社区' : '这个身份属于街道，不需要选择社区',
    )
  // A community admin hands out only what lies inside their community.
  allowAs('scope', caller, { scope })
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
    const cur = await txGet(t, 'accounts', account._id)
    if (!cur) throw new AppError('NOT_FOUND', '没有找到这个账号')
    allow(caller, { scope: cur.scope, people: [cur._id] })
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
    // A new role or a (de)activation ends every session of the person: the sign-in service refuses tokens of an
    // older version. Moving staff to another grid does not.
    if (
      before.role !== after.role ||
      before.department !== after.department ||
      before.disabled !== after.disabled
    )
      next.sessionVersion = (cur.sessionVersion ?? 0) + 1
    const { _id, ...body } = next
    await txCol(t, 'accounts').doc(_id).set(body)
    await txCol(t, 'audit_logs').add(
      auditEntry(caller.account, {
        action,
        target: `account:${_id}`,
        before,
        after: reason ? { ...after, reason } : after,
        at: now,
        communityId: next.scope.communityId ?? cur.scope.communityId,
      }),
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
    getDoc(deps, 'streets', streetId),
    all(deps, 'communities', { streetId }),
    all(deps, 'grids', { streetId }),
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
    phone: shown('phone', 'list', 'other', a.phone),
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
  const search = input.search && escapeRegExp(input.search)
  if (search) {
    if (/^\d+$/.test(search)) where.phone = deps.db.RegExp({ regexp: `^${search}`, options: '' })
    else where.name = deps.db.RegExp({ regexp: search, options: 'i' })
  }
  const [page, names] = await Promise.all([
    pageOf(
      deps.db,
      'accounts',
      where,
      [
        ['createdAt', 'desc'],
        ['_id', 'asc'],
      ],
      input,
    ),
    placeNames(deps, scope.streetId),
  ])
  return { ...page, items: page.items.map((a) => toView(names, a)) }
}
