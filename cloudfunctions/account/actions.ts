import {
  accountTargetInput,
  createInviteInput,
  deleteAccountInput,
  emptyInput,
  inboxInput,
  linkInput,
  listInvitesInput,
  markReadInput,
  provePhoneInput,
  recordRegisteredPhoneInput,
  redeemInviteInput,
  revokeInviteInput,
  scopesInput,
  setupInput,
  subscribedInput,
  updateProfileInput,
} from '../../shared/schemas/account'
import { action, actionTable } from '../_lib/runtime'
import { todos } from './todos'
import * as id from './identity'
import { subscribed } from './subscribe'
import { deleteAccount, myData } from './myData'
import * as uc from './usecases'

/** Accounts, roles and invitations. Identity comes from the platform context; see _lib/runtime. */
export const actions = actionTable('account', {
  me: action({ input: emptyInput, run: uc.me }),
  setup: action({ input: setupInput, run: uc.setup }),
  scopes: action({ input: scopesInput, run: uc.scopes }),
  streets: action({ input: emptyInput, run: uc.streets }),
  updateProfile: action({ input: updateProfileInput, run: uc.updateProfile }),
  redeemInvite: action({ input: redeemInviteInput, run: uc.redeemInvite }),
  inbox: action({ input: inboxInput, run: uc.inbox }),
  todos: action({ input: emptyInput, run: todos }),
  markRead: action({ input: markReadInput, run: uc.markRead }),
  createInvite: action({ input: createInviteInput, run: uc.createInvite }),
  listInvites: action({ input: listInvitesInput, run: uc.listInvites }),
  revokeInvite: action({ input: revokeInviteInput, run: uc.revokeInvite }),
  issueResetCode: action({ input: accountTargetInput, run: uc.issueResetCode }),
  unlockLogin: action({ input: accountTargetInput, run: uc.unlockLogin }),
  provePhone: action({ input: provePhoneInput, run: id.provePhone }),
  linkCode: action({ input: emptyInput, run: id.linkCode }),
  link: action({ input: linkInput, run: id.link }),
  recordRegisteredPhone: action({ input: recordRegisteredPhoneInput, run: id.recordRegisteredPhone }),
  subscribed: action({ input: subscribedInput, run: subscribed }),
  myData: action({ input: emptyInput, run: myData }),
  deleteAccount: action({ input: deleteAccountInput, run: deleteAccount }),
})
