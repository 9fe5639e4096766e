import {
  accountTargetInput,
  createInviteInput,
  emptyInput,
  inboxInput,
  linkInput,
  listInvitesInput,
  markReadInput,
  provePhoneInput,
  recordRegisteredPhoneInput,
  redeemInviteInput,
  revokeInviteInput,
  setupInput,
  subscribedInput,
  updateProfileInput,
} from '../../shared/schemas/account'
import { action, createMain } from '../_lib/runtime'
import { todos } from './todos'
import * as id from './identity'
import { subscribed } from './subscribe'
import * as uc from './usecases'

/** Accounts, roles and invitations. Identity comes from the platform context; see _lib/runtime. */
export const actions = {
  me: action({ input: emptyInput, access: 'identity', run: uc.me }),
  setup: action({ input: setupInput, access: 'identity', run: uc.setup }),
  scopes: action({ input: emptyInput, access: 'identity', run: uc.scopes }),
  updateProfile: action({ input: updateProfileInput, access: 'account', run: uc.updateProfile }),
  redeemInvite: action({ input: redeemInviteInput, access: 'account', run: uc.redeemInvite }),
  inbox: action({ input: inboxInput, access: 'account', run: uc.inbox }),
  todos: action({ input: emptyInput, access: 'account', run: todos }),
  markRead: action({ input: markReadInput, access: 'account', run: uc.markRead }),
  createInvite: action({ input: createInviteInput, access: ['admin'], run: uc.createInvite }),
  listInvites: action({ input: listInvitesInput, access: ['admin'], run: uc.listInvites }),
  revokeInvite: action({ input: revokeInviteInput, access: ['admin'], run: uc.revokeInvite }),
  issueResetCode: action({
    input: accountTargetInput,
    access: ['admin', 'gridWorker'],
    run: uc.issueResetCode,
  }),
  unlockLogin: action({ input: accountTargetInput, access: ['admin'], run: uc.unlockLogin }),
  provePhone: action({ input: provePhoneInput, access: 'identity', run: id.provePhone }),
  linkCode: action({ input: emptyInput, access: 'account', run: id.linkCode }),
  link: action({ input: linkInput, access: 'identity', run: id.link }),
  recordRegisteredPhone: action({
    input: recordRegisteredPhoneInput,
    access: 'system',
    run: id.recordRegisteredPhone,
  }),
  subscribed: action({ input: subscribedInput, access: 'account', run: subscribed }),
}

export const main = createMain(actions)
