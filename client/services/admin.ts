/** Typed calls to the `admin` cloud function: communities and grids, staff, accounts, the audit log. */
import type { Department, Role } from '../../shared/roles'
import { callFunction } from './cloud'
import type { SubscribeKind } from '../../config/subscribe'
import type { Account, Page } from './types'

/** One subscribe message as the outbox page shows it. */
export interface OutboxItem {
  _id: string
  kind: SubscribeKind
  title: string
  page: string
  lines: { name: string; value: string }[]
  sentAt: number
  recipient: { name: string; role: Role } | null
}

const call = <T>(action: string, input: Record<string, unknown> = {}) =>
  callFunction<T>('admin', { action, ...input })

export interface TreePerson {
  _id: string
  name: string
  role: Role
  disabled: boolean
}

export interface TreeGrid {
  _id: string
  name: string
  /** Butlers and grid workers whose scope is this grid. */
  staff: TreePerson[]
}

export interface TreeCommunity {
  _id: string
  name: string
  /** Community admins (社区管理员). */
  admins: TreePerson[]
  grids: TreeGrid[]
}

export interface PlaceTree {
  street: { _id: string; name: string }
  communities: TreeCommunity[]
}

export interface PlaceDoc {
  _id: string
  streetId: string
  communityId?: string
  name: string
  order: number
  createdAt: number
  updatedAt?: number
}

export interface AuditEntry {
  _id: string
  streetId: string
  communityId?: string
  actorId: string
  actorName: string
  /** e.g. `account.role`, `grid.move`, `invite.create`, `rules.set`. */
  action: string
  /** `kind:id`, e.g. `account:…`, `grid:…`, `invite:CODE`, `rules:v3`. */
  target: string
  before: unknown
  after: unknown
  at: number
}

export interface AccountsQuery {
  page: number
  pageSize: number
  role?: Role
  search?: string
  disabled?: boolean
}

export interface SetRoleForm {
  accountId: string
  role: Role
  department?: Department
  communityId?: string
  gridId?: string
}

export const adminApi = {
  tree: () => call<PlaceTree>('tree'),
  createCommunity: (name: string) => call<{ community: PlaceDoc }>('createCommunity', { name }),
  renameCommunity: (communityId: string, name: string) =>
    call<{ community: PlaceDoc }>('renameCommunity', { communityId, name }),
  createGrid: (communityId: string, name: string) =>
    call<{ grid: PlaceDoc }>('createGrid', { communityId, name }),
  renameGrid: (gridId: string, name: string) => call<{ grid: PlaceDoc }>('renameGrid', { gridId, name }),
  moveGrid: (gridId: string, communityId: string) =>
    call<{ grid: PlaceDoc; accountsMoved: number }>('moveGrid', { gridId, communityId }),
  assignStaff: (accountId: string, gridId: string) =>
    call<{ account: Account; changed: boolean }>('assignStaff', { accountId, gridId }),
  accounts: (q: AccountsQuery) => {
    const search = q.search?.trim()
    return call<Page<Account>>('accounts', {
      page: q.page,
      pageSize: q.pageSize,
      ...(q.role ? { role: q.role } : {}),
      ...(search ? { search } : {}),
      ...(q.disabled !== undefined ? { disabled: q.disabled } : {}),
    })
  },
  setRole: (form: SetRoleForm) => call<{ account: Account; changed: boolean }>('setRole', { ...form }),
  setDisabled: (accountId: string, disabled: boolean, reason?: string) =>
    call<{ account: Account; changed: boolean }>('setDisabled', {
      accountId,
      disabled,
      ...(reason?.trim() ? { reason: reason.trim() } : {}),
    }),
  auditLog: (q: { page: number; pageSize: number; action?: string }) =>
    call<Page<AuditEntry>>('auditLog', {
      page: q.page,
      pageSize: q.pageSize,
      ...(q.action ? { action: q.action } : {}),
    }),
  /** Subscribe messages WeChat accepted (the local cloud's outbox), newest first. */
  outbox: (q: { page: number; pageSize: number; kind?: SubscribeKind }) =>
    call<Page<OutboxItem>>('outbox', {
      page: q.page,
      pageSize: q.pageSize,
      ...(q.kind ? { kind: q.kind } : {}),
    }),
}
