import { emptyInput } from '../../shared/schemas/account'
import {
  assignStaffInput,
  auditLogInput,
  createCommunityInput,
  createGridInput,
  listAccountsInput,
  moveGridInput,
  outboxInput,
  renameCommunityInput,
  renameGridInput,
  setDisabledInput,
  setRoleInput,
} from '../../shared/schemas/admin'
import { action, createMain } from '../_lib/runtime'
import * as uc from './usecases'

/**
 * Administration for street and community admins: communities and grids, staff assignment, roles and
 * deactivation, and the audit log. Every change writes its `audit_logs` entry in the same transaction;
 * invitations live in `account`, screening rules in `health`.
 */
const ADMIN = ['admin'] as const

export const actions = {
  tree: action({ input: emptyInput, access: ADMIN, run: uc.tree }),
  createCommunity: action({ input: createCommunityInput, access: ADMIN, run: uc.createCommunity }),
  renameCommunity: action({ input: renameCommunityInput, access: ADMIN, run: uc.renameCommunity }),
  createGrid: action({ input: createGridInput, access: ADMIN, run: uc.createGrid }),
  renameGrid: action({ input: renameGridInput, access: ADMIN, run: uc.renameGrid }),
  moveGrid: action({ input: moveGridInput, access: ADMIN, run: uc.moveGrid }),
  assignStaff: action({ input: assignStaffInput, access: ADMIN, run: uc.assignStaff }),
  accounts: action({ input: listAccountsInput, access: ADMIN, run: uc.listAccounts }),
  setRole: action({ input: setRoleInput, access: ADMIN, run: uc.setRole }),
  setDisabled: action({ input: setDisabledInput, access: ADMIN, run: uc.setDisabled }),
  auditLog: action({ input: auditLogInput, access: ADMIN, run: uc.auditLog }),
  outbox: action({ input: outboxInput, access: ADMIN, run: uc.outbox }),
}

export const main = createMain(actions)
