/** Typed calls to the `admin` cloud function: communities and grids, staff, accounts, the audit log, the outbox. */
import { api, type Input } from './api'

const call = api('admin')

export const adminApi = {
  tree: () => call('tree'),
  createStreet: (name: string, requestId: string) => call('createStreet', { name, requestId }),
  renameStreet: (streetId: string, name: string) => call('renameStreet', { streetId, name }),
  createCommunity: (name: string) => call('createCommunity', { name }),
  renameCommunity: (communityId: string, name: string) => call('renameCommunity', { communityId, name }),
  createGrid: (communityId: string, name: string) => call('createGrid', { communityId, name }),
  renameGrid: (gridId: string, name: string) => call('renameGrid', { gridId, name }),
  moveGrid: (gridId: string, communityId: string) => call('moveGrid', { gridId, communityId }),
  assignStaff: (accountId: string, gridId: string) => call('assignStaff', { accountId, gridId }),
  accounts: (q: Input<'admin', 'accounts'>) => {
    const search = q.search?.trim()
    return call('accounts', {
      page: q.page,
      pageSize: q.pageSize,
      ...(q.role ? { role: q.role } : {}),
      ...(search ? { search } : {}),
      ...(q.disabled !== undefined ? { disabled: q.disabled } : {}),
    })
  },
  setRole: (form: Input<'admin', 'setRole'>) => call('setRole', form),
  setDisabled: (accountId: string, disabled: boolean, reason?: string) =>
    call('setDisabled', { accountId, disabled, ...(reason?.trim() ? { reason: reason.trim() } : {}) }),
  auditLog: (q: Input<'admin', 'auditLog'>) =>
    call('auditLog', { page: q.page, pageSize: q.pageSize, ...(q.action ? { action: q.action } : {}) }),
  /** Subscribe messages WeChat accepted (the local cloud's outbox), newest first. */
  outbox: (q: Input<'admin', 'outbox'>) =>
    call('outbox', { page: q.page, pageSize: q.pageSize, ...(q.kind ? { kind: q.kind } : {}) }),
  /** The local cloud's daily backups: archives kept, recent runs, the last success. */
  backups: () => call('backups'),
  getRetention: () => call('getRetention'),
  setRetention: (policy: Input<'admin', 'setRetention'>) => call('setRetention', policy),
  apiKeys: () => call('apiKeys'),
  /** The key itself is in this answer (and in a retry's while unused); the list shows only its last 4 characters. */
  createApiKey: (label: string, requestId: string) => call('createApiKey', { label, requestId }),
  revokeApiKey: (id: string) => call('revokeApiKey', { id }),
  /** 数据推送: the settings (with the signing secret) and the last ten days' deliveries. */
  webhook: () => call('webhook'),
  setWebhook: (input: Input<'admin', 'setWebhook'>) => call('setWebhook', input),
}
