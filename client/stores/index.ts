/**
 * App-wide store instances of the main package (the person, the inbox); the staff pages' stores are made in
 * stores/staff.ts. Pages read them through `observer` components.
 */
import { configure } from 'mobx'
import { InboxStore } from './inbox'
import { SessionStore } from './session'

configure({ enforceActions: 'observed' })

export const session = new SessionStore()
export const inbox = new InboxStore()

export { InboxStore, SessionStore }
export type { LoadStatus } from './session'
