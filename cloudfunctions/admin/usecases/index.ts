/** The admin use cases, one file per group; the action table in ../index.ts imports them from here. */
export { tree, createCommunity, renameCommunity, createGrid, renameGrid, moveGrid } from './places'
export { assignStaff, setRole, setDisabled, listAccounts } from './accounts'
export { auditLog } from './audit'
export { outbox } from './outbox'
export { createApiKey, apiKeys, revokeApiKey } from './apiKeys'
export { getRetention, setRetention } from './retention'
export { recordBackup, backups } from './backups'
export { createStreet, renameStreet } from './streets'
