/** App-wide store instances. Pages read them through `observer` components. */
import { configure } from 'mobx'
import { InboxStore } from './inbox'
import { InviteStore } from './invites'
import { SessionStore } from './session'

configure({ enforceActions: 'observed' })

export const session = new SessionStore()
export const inbox = new InboxStore()
export const invites = new InviteStore()

export { InboxStore, InviteStore, SessionStore }
export type { LoadStatus } from './session'
