import tcb from '@cloudbase/node-sdk'
import { hashResetCode } from '../../cloudfunctions/_lib/resetCodes'

/**
 * What the sign-in service reads of the app's accounts, through the cloud's database — never the other way round:
 * functions cannot read the auth database. The server hands it the cloud's in-process reader (Cloud.find: the same
 * database action node-sdk's request runs, without an HTTP exchange, since both are the platform), so checking the
 * token of a function call costs no trip. Reset codes are used through node-sdk with the environment's key.
 *
 * - `sessionVersion`: bumped by `admin.setRole` / `admin.setDisabled`; a token minted under an older version
 *   is refused, so a role change or a deactivation ends every session of that person at once.
 * - `loginUnlockedAt`: set by `account.unlockLogin` (an admin, audit-logged); a phone lock older than it is lifted.
 * - `reset_codes`: one-time codes `account.issueResetCode` made (an admin or the grid worker, audit-logged);
 *   the gateway uses one up when the person sets a new password with it.
 */
export interface AccountState {
  sessionVersion: number
  disabled: boolean
  loginUnlockedAt: number
}

/** Reads documents as `where(query).field(fields).limit(limit).get()` does (Cloud.find). */
type Reader = (
  collection: string,
  query: Record<string, unknown>,
  options: { limit: number; fields?: Record<string, boolean> },
) => Promise<Record<string, unknown>[]>

/** The collections an account's state is read from (state): a write to either may change it. */
const STATE_SOURCES = ['accounts', 'identities'] as const
/** Accounts whose state is kept at most; past that the oldest are forgotten (a Map keeps insertion order). */
const STATE_CACHE_SIZE = 20_000

export class AccountLink {
  private app: ReturnType<typeof tcb.init> | undefined
  private readonly states = new Map<string, { writes: number; state: AccountState }>()

  /**
   * `cloud`: the local cloud's in-process reader (`find`, see Reader) and its count of writes per collection
   * (`writesTo`), which lets the state of an account be kept between requests while neither `accounts` nor
   * `identities` is written: every call of a signed-in web user checks it, and it changes only with a role change,
   * a deactivation or an unlock, each a write there.
   */
  constructor(
    private readonly envId: string,
    private readonly cloud: { writesTo: (collections: readonly string[]) => number; find: Reader },
  ) {}

  private db() {
    // Initialised on first use: the server sets the SDK's endpoint and key in the environment when it starts.
    this.app ??= tcb.init({ env: this.envId })
    return this.app.database()
  }

  /** The account of web user `uid`: the one it set up, or the one it was linked to (as loadAccount finds it). */
  async state(uid: string): Promise<AccountState> {
    // Counted before reading: a write landing during the read leaves a stale count, so the next call reads again.
    const writes = this.cloud.writesTo(STATE_SOURCES)
    const kept = this.states.get(uid)
    if (kept?.writes === writes) return kept.state
    const state = await this.read(uid)
    this.states.delete(uid)
    if (this.states.size >= STATE_CACHE_SIZE) this.states.delete(this.states.keys().next().value!)
    this.states.set(uid, { writes, state })
    return state
  }

  private async read(uid: string): Promise<AccountState> {
    const fields = { sessionVersion: true, disabled: true, loginUnlockedAt: true }
    const key = `web:${uid}`
    const find: Reader = (collection, query, options) => this.cloud.find(collection, query, options)
    let data = await find('accounts', { identityKey: key }, { limit: 1, fields })
    if (!data[0]) {
      const [link] = await find('identities', { _id: key }, { limit: 1 })
      if (typeof link?.accountId === 'string')
        data = await find('accounts', { _id: link.accountId }, { limit: 1, fields })
    }
    const a = (data as Partial<AccountState>[])[0]
    return {
      sessionVersion: typeof a?.sessionVersion === 'number' ? a.sessionVersion : 0,
      disabled: a?.disabled === true,
      loginUnlockedAt: typeof a?.loginUnlockedAt === 'number' ? a.loginUnlockedAt : 0,
    }
  }

  /** Uses up a live reset code of `uid`; false when there is none that matches (wrong, used or expired). */
  async useResetCode(uid: string, code: string, now: number): Promise<boolean> {
    const db = this.db()
    const { data } = await db
      .collection('reset_codes')
      .where({ identityKey: `web:${uid}`, codeHash: hashResetCode(code), usedAt: null })
      .limit(1)
      .get()
    const found = (data as { _id: string; expiresAt: number }[])[0]
    if (!found || found.expiresAt <= now) return false
    // Conditional write: two people typing the same code at once get one success.
    const { updated } = await db
      .collection('reset_codes')
      .where({ _id: found._id, usedAt: null })
      .update({ usedAt: now })
    return updated === 1
  }
}
