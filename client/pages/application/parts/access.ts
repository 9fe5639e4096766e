import type { CommitmentParty } from '../../../../shared/application'
import type { AccountView as Account } from '../../../../shared/account'
import type { Reply } from '../../../services/api'

type Application = Reply<'application', 'get'>['application']

/** The parties this person may sign for (the function checks again; this only decides what to show). */
export function signableParties(account: Account, app: Application): CommitmentParty[] {
  if (account.role === 'owner') return app.ownerId === account._id ? ['enterprise', 'person'] : []
  if (account.role === 'admin') return account.scope.streetId === app.streetId ? ['community'] : []
  if (account.role === 'gridWorker') return account.scope.communityId === app.communityId ? ['community'] : []
  return []
}

export const canInspect = (account: Account) => account.role === 'reviewer' || account.role === 'gridWorker'
export const canRevoke = (account: Account) => account.role === 'reviewer' || account.role === 'admin'
export const isStaff = (account: Account) => account.role !== 'owner'
