import type { Contact } from '../../shared/account'
import { maskPhone } from '../../shared/mask'
import { ROLE_LABELS } from '../../shared/roles'
import { firstStaffOfGrid, type AccountDoc } from './accounts'
import { col, getDoc } from './collections'
import type { Database } from './runtime'

type StaffRole = Contact['role']

/**
 * The butler or grid worker a person deals with: the one assigned to their record if that account is still
 * active, otherwise the grid's current one (staff change; a disabled account answers no phone). Undefined when
 * the grid has nobody in that role.
 */
export async function staffFor(
  db: Database,
  gridId: string,
  role: StaffRole,
  assignedId?: string | null,
): Promise<AccountDoc | undefined> {
  if (assignedId) {
    const assigned = await getDoc({ db }, 'accounts', assignedId)
    if (assigned && !assigned.disabled && assigned.role === role) return assigned
  }
  return firstStaffOfGrid(db, gridId, role)
}

/** The grid's active staff of these roles: what `pickGridStaff` chooses from (one query, or a `$lookup` of it). */
export function gridStaffFilter(db: Database, gridId: string, roles: StaffRole[]): Record<string, unknown> {
  return { 'scope.gridId': gridId, role: db.command.in(roles), disabled: false }
}

/** At most this many of a grid's active staff are read to choose from. */
export const GRID_STAFF_LIMIT = 100

/**
 * `staffFor` for a grid's butler and grid worker at once: one query for the grid's active staff of both roles,
 * the assigned ones read apart only when they are no longer among them.
 */
export async function gridStaff(
  db: Database,
  gridId: string,
  assigned: Record<StaffRole, string | null | undefined>,
): Promise<Record<StaffRole, AccountDoc | undefined>> {
  const roles = Object.keys(assigned) as StaffRole[]
  const { data } = await col(db, 'accounts')
    .where(gridStaffFilter(db, gridId, roles))
    .limit(GRID_STAFF_LIMIT)
    .get()
  return pickGridStaff(db, data, assigned)
}

/**
 * From the grid's active staff (`staff`, as `gridStaffFilter` finds them), each role's contact: the one assigned
 * to the record if still among them or still active elsewhere in that role (then read apart), else the grid's own.
 */
export async function pickGridStaff(
  db: Database,
  staff: AccountDoc[],
  assigned: Record<StaffRole, string | null | undefined>,
): Promise<Record<StaffRole, AccountDoc | undefined>> {
  const roles = Object.keys(assigned) as StaffRole[]
  const pick = async (role: StaffRole) => {
    const id = assigned[role]
    const mine = id ? staff.find((a) => a._id === id) : undefined
    if (mine) return mine
    if (id) {
      const elsewhere = await getDoc({ db }, 'accounts', id)
      if (elsewhere && !elsewhere.disabled && elsewhere.role === role) return elsewhere
    }
    return staff.find((a) => a.role === role)
  }
  const found = await Promise.all(roles.map(pick))
  return Object.fromEntries(roles.map((r, i) => [r, found[i]])) as Record<StaffRole, AccountDoc | undefined>
}

/** A staff account as a contact; `masked` when the reader only needs to know who it is. */
export function contactOf(a: AccountDoc, label: string, opts: { masked?: boolean } = {}): Contact {
  return {
    accountId: a._id,
    role: a.role as StaffRole,
    label: label || ROLE_LABELS[a.role],
    name: a.name,
    phone: opts.masked ? maskPhone(a.phone) : a.phone,
  }
}
