import { COMMITMENT_PARTIES, type CommitmentParty } from '../../../../shared/application'
import type { AccountView as Account } from '../../../../shared/account'
import { mayDo, type Target } from '../../../../shared/policy'
import { isStaffRole } from '../../../../shared/roles'
import type { Reply } from '../../../services/api'

/**
 * What the detail and commit pages offer, asked of the access policy (shared/policy.ts) with the facts the page
 * knows of the application. The function asks again with everything it knows (an employee turned reviewer is
 * only known there); this only decides what to show.
 */
type Application = Reply<'application', 'get'>['application']

function target(app: Application): Target {
  const scope = { streetId: app.streetId, communityId: app.communityId, gridId: app.gridId }
  return { scope, people: [app.ownerId], members: [app.ownerId] }
}

/** The parties this person may sign for. */
export function signableParties(account: Account, app: Application): CommitmentParty[] {
  return COMMITMENT_PARTIES.filter((party) =>
    mayDo(account, ['application', 'commit'], { ...target(app), party }),
  )
}

export const canReview = (account: Account, app: Application) =>
  mayDo(account, ['application', 'review'], target(app))
export const canInspect = (account: Account, app: Application) =>
  mayDo(account, ['application', 'inspect'], target(app))
export const canRevoke = (account: Account, app: Application) =>
  mayDo(account, ['application', 'revokePlate'], target(app))
/** Staff see the enterprise's particulars (masked as shared/mask.ts says); its owner has them on its own page. */
export const isStaff = (account: Account) => isStaffRole(account.role)
