import type { Contact } from '../../shared/account'
import { maskPhone } from '../../shared/mask'
import { ROLE_LABELS } from '../../shared/roles'
import { firstStaffOfGrid, type AccountDoc } from './accounts'
import { getDoc } from './collections'
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
