import type Database from 'better-sqlite3'

/**
 * Failed sign-ins, counted per phone and per client address in the auth database (a restart keeps them).
 *
 * An attempt is counted *before* its password is checked, in one synchronous SQLite transaction: however many
 * guesses arrive at once, only the first `phone` of them within the window are checked at all, and the rest are
 * refused unread — a burst cannot slip past the lock, and a right guess among the refused ones is never seen.
 * A success hands its attempt back (the phone's count starts again; the client's loses that one attempt).
 *
 * Per client as well as per phone: one address cannot lock more than `client / phone` phones per window, and
 * guessing across many phones from one address is slowed to `client` attempts per window.
 */
export const LOGIN_LIMITS = {
  /** Wrong passwords per phone within `windowMs` before the phone is locked. */
  phone: 5,
  /** Wrong passwords per client address within `windowMs` before the address is locked. */
  client: 20,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
}
export type LoginLimits = typeof LOGIN_LIMITS

interface Row {
  key: string
  failures: number
  window_start: number
  locked_until: number
}

export type Reservation = { ok: true; keys: string[] } | { ok: false; retryMs: number; client: boolean }

export class LoginThrottle {
  constructor(
    private readonly db: Database.Database,
    readonly limits: LoginLimits = LOGIN_LIMITS,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS login_throttle (
      key TEXT PRIMARY KEY, failures INTEGER NOT NULL, window_start INTEGER NOT NULL, locked_until INTEGER NOT NULL)`)
  }

  private limitOf(key: string): number {
    return key.startsWith('client:') ? this.limits.client : this.limits.phone
  }

  private row(key: string): Row | undefined {
    return this.db.prepare('SELECT * FROM login_throttle WHERE key = ?').get(key) as Row | undefined
  }

  /** Counts one attempt on every key, or none if any key is locked (then says for how long). */
  reserve(phone: string, client: string | undefined, now = Date.now()): Reservation {
    const keys = [`phone:${phone}`, ...(client ? [`client:${client}`] : [])]
    return this.db.transaction((): Reservation => {
      let retryMs = 0
      let byClient = false
      for (const key of keys) {
        const r = this.row(key)
        if (!r) continue
        let until = r.locked_until
        const live = now - r.window_start <= this.limits.windowMs
        if (until <= now && live && r.failures >= this.limitOf(key)) {
          until = now + this.limits.lockMs
          this.db.prepare('UPDATE login_throttle SET locked_until = ? WHERE key = ?').run(until, key)
        }
        if (until > now && until - now > retryMs) {
          retryMs = until - now
          byClient = key.startsWith('client:')
        }
      }
      if (retryMs > 0) return { ok: false, retryMs, client: byClient }
      for (const key of keys) {
        const r = this.row(key)
        if (!r || now - r.window_start > this.limits.windowMs)
          this.db
            .prepare(
              'INSERT OR REPLACE INTO login_throttle (key, failures, window_start, locked_until) VALUES (?, 1, ?, 0)',
            )
            .run(key, now)
        else this.db.prepare('UPDATE login_throttle SET failures = failures + 1 WHERE key = ?').run(key)
      }
      return { ok: true, keys }
    })()
  }

  /** After a wrong password: the attempt stays counted; a key at its limit is locked now. */
  failed(keys: string[], now = Date.now()): void {
    this.db.transaction(() => {
      for (const key of keys) {
        const r = this.row(key)
        if (r && r.failures >= this.limitOf(key) && r.locked_until <= now)
          this.db
            .prepare('UPDATE login_throttle SET locked_until = ? WHERE key = ?')
            .run(now + this.limits.lockMs, key)
      }
    })()
  }

  /** After the right password: the phone starts again; the client gets its attempt back. */
  succeeded(keys: string[]): void {
    this.db.transaction(() => {
      for (const key of keys) {
        if (key.startsWith('client:'))
          this.db.prepare('UPDATE login_throttle SET failures = MAX(failures - 1, 0) WHERE key = ?').run(key)
        else this.db.prepare('DELETE FROM login_throttle WHERE key = ?').run(key)
      }
    })()
  }

  /** Wrong passwords left for `phone` before it locks (for the failed-login message). */
  attemptsLeft(phone: string, now = Date.now()): number {
    const r = this.row(`phone:${phone}`)
    if (!r || now - r.window_start > this.limits.windowMs) return this.limits.phone
    return Math.max(this.limits.phone - r.failures, 0)
  }

  /** How long `phone` stays locked; 0 when it is not. */
  lockedFor(phone: string, now = Date.now()): number {
    const r = this.row(`phone:${phone}`)
    return r && r.locked_until > now ? r.locked_until - now : 0
  }

  /** An admin's unlock: the phone's count and lock are gone. */
  unlock(phone: string): boolean {
    return this.db.prepare('DELETE FROM login_throttle WHERE key = ?').run(`phone:${phone}`).changes > 0
  }
}
