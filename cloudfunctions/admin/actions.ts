import { emptyInput } from '../../shared/schemas/account'
import {
  assignStaffInput,
  auditLogInput,
  createApiKeyInput,
  createCommunityInput,
  createGridInput,
  createStreetInput,
  listAccountsInput,
  moveGridInput,
  outboxInput,
  renameCommunityInput,
  renameGridInput,
  renameStreetInput,
  recordBackupInput,
  revokeApiKeyInput,
  setRetentionInput,
  setDisabledInput,
  setRoleInput,
  setWebhookInput,
} from '../../shared/schemas/admin'
import { action, actionTable } from '../_lib/runtime'
import * as uc from './usecases'

/**
 * Administration for street and community admins: communities and grids, staff assignment, roles and
 * deactivation, and the audit log. Every change writes its `audit_logs` entry in the same transaction;
 * invitations live in `account`, screening rules in `health`. Who may do what: shared/policy.ts.
 */
export const actions = actionTable('admin', {
  tree: action({ input: emptyInput, run: uc.tree }),
  createStreet: action({ input: createStreetInput, run: uc.createStreet }),
  renameStreet: action({ input: renameStreetInput, run: uc.renameStreet }),
  createCommunity: action({ input: createCommunityInput, run: uc.createCommunity }),
  renameCommunity: action({ input: renameCommunityInput, run: uc.renameCommunity }),
  createGrid: action({ input: createGridInput, run: uc.createGrid }),
  renameGrid: action({ input: renameGridInput, run: uc.renameGrid }),
  moveGrid: action({ input: moveGridInput, run: uc.moveGrid }),
  assignStaff: action({ input: assignStaffInput, run: uc.assignStaff }),
  accounts: action({ input: listAccountsInput, run: uc.listAccounts }),
  setRole: action({ input: setRoleInput, run: uc.setRole }),
  setDisabled: action({ input: setDisabledInput, run: uc.setDisabled }),
  auditLog: action({ input: auditLogInput, run: uc.auditLog }),
  outbox: action({ input: outboxInput, run: uc.outbox }),
  createApiKey: action({ input: createApiKeyInput, run: uc.createApiKey }),
  apiKeys: action({ input: emptyInput, run: uc.apiKeys }),
  revokeApiKey: action({ input: revokeApiKeyInput, run: uc.revokeApiKey }),
  getRetention: action({ input: emptyInput, run: uc.getRetention }),
  setRetention: action({ input: setRetentionInput, run: uc.setRetention }),
  recordBackup: action({ input: recordBackupInput, run: uc.recordBackup }),
  backups: action({ input: emptyInput, run: uc.backups }),
  webhook: action({ input: emptyInput, run: uc.webhook }),
  setWebhook: action({ input: setWebhookInput, run: uc.setWebhook }),
})
