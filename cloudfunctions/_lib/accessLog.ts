import type { AccountDoc } from './accounts'
import { col } from './collections'
import type { Deps } from './runtime'

/** Who read someone's health records, and what: written on every read by someone other than the person. */
export interface AccessLogDoc {
  _id: string
  /** The person read about (an account id), or `grid:<id>` / `community:<id>` / `street:<id>` for a list. */
  subjectId: string
  readerId: string
  readerName: string
  readerRole: string
  what: string
  at: number
}

/** Records that `account` read `what` about `subjectId`. */
export async function logAccess(
  deps: Deps,
  account: AccountDoc,
  subjectId: string,
  what: string,
): Promise<void> {
  await col(deps.db, 'access_logs').add({
    _id: deps.newId(),
    subjectId,
    readerId: account._id,
    readerName: account.name,
    readerRole: account.role,
    what,
    at: deps.now(),
  })
}
