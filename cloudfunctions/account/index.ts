import {
  createInviteInput,
  emptyInput,
  inboxInput,
  listInvitesInput,
  markReadInput,
  redeemInviteInput,
  revokeInviteInput,
  setupInput,
  updateProfileInput,
} from '../../shared/schemas/account'
import { action, actionTable, createMain } from '../_lib/runtime'
import * as uc from './usecases'

/** Accounts, roles and invitations. Identity comes from the platform context; see _lib/runtime. */
export const actions = actionTable('account', {
  me: action({ input: emptyInput, run: uc.me }),
  setup: action({ input: setupInput, run: uc.setup }),
  scopes: action({ input: emptyInput, run: uc.scopes }),
  updateProfile: action({ input: updateProfileInput, run: uc.updateProfile }),
  redeemInvite: action({ input: redeemInviteInput, run: uc.redeemInvite }),
  inbox: action({ input: inboxInput, run: uc.inbox }),
  markRead: action({ input: markReadInput, run: uc.markRead }),
  createInvite: action({ input: createInviteInput, run: uc.createInvite }),
  listInvites: action({ input: listInvitesInput, run: uc.listInvites }),
  revokeInvite: action({ input: revokeInviteInput, run: uc.revokeInvite }),
})

export const main = createMain('account', actions)
