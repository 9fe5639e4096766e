import { randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose'
import { LoginThrottle } from './throttle'
import { UploadLedger } from './uploads'

/**
 * The platform's sign-in for web (H5) callers: what CloudBase's custom login does in production.
 * Credentials, sessions and the failed-login counters live in their own SQLite file, apart from the app's
 * collections: no cloud function can read a password hash, and a restart forgets no lock and no logout.
 */

export interface AuthUser {
  uid: string
  phone: string
  name: string
  createdAt: number
}

// scrypt is memory-hard (N·r·128 bytes = 16 MiB here) and built into Node: no native add-on to install.
const SCRYPT = { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }
const KEY_LEN = 32

function scryptAsync(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LEN, SCRYPT, (err, key) => (err ? reject(err) : resolve(key))),
  )
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scryptAsync(password, salt)
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, , , , saltB64, keyB64] = stored.split('$')
  if (scheme !== 'scrypt' || !saltB64 || !keyB64) return false
  const key = await scryptAsync(password, Buffer.from(saltB64, 'base64'))
  const expected = Buffer.from(keyB64, 'base64')
  return expected.length === key.length && timingSafeEqual(expected, key)
}

/** A hash no password matches: verified against when the phone is unknown, so timing reveals nothing. */
export const DUMMY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='

/** A web token lives a day at most; the client renews it while it is in use (sliding refresh). */
export const TOKEN_TTL_SECONDS = 24 * 3600

export type TokenCheck =
  | { ok: true; uid: string; sid: string; sv: number }
  | { ok: false; code: 'UNAUTHENTICATED' | 'TOKEN_EXPIRED'; message?: string }

interface UserRow {
  uid: string
  phone: string
  name: string
  password_hash: string
  created_at: number
}

function toUser(row: UserRow | undefined): (AuthUser & { passwordHash: string }) | undefined {
  return (
    row && {
      uid: row.uid,
      phone: row.phone,
      name: row.name,
      passwordHash: row.password_hash,
      createdAt: row.created_at,
    }
  )
}

export class AuthStore {
  private readonly db: Database.Database
  private readonly secret: Uint8Array
  readonly throttle: LoginThrottle
  readonly uploads: UploadLedger

  constructor(
    dataDir: string,
    private readonly tokenTtlSeconds = TOKEN_TTL_SECONDS,
  ) {
    mkdirSync(dataDir, { recursive: true })
    this.db = new Database(path.join(dataDir, 'auth.sqlite'))
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    this.db.exec(`CREATE TABLE IF NOT EXISTS users (
      uid TEXT PRIMARY KEY, phone TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
      password_hash TEXT NOT NULL, created_at INTEGER NOT NULL)`)
    // One row per sign-in: a token names its session, and a session ended here ends the token.
    this.db.exec(`CREATE TABLE IF NOT EXISTS sessions (
      sid TEXT PRIMARY KEY, uid TEXT NOT NULL, created_at INTEGER NOT NULL, revoked_at INTEGER)`)
    this.db.exec('CREATE INDEX IF NOT EXISTS sessions_uid ON sessions (uid)')
    this.throttle = new LoginThrottle(this.db)
    this.uploads = new UploadLedger(this.db)
    // The signing secret is made once per data dir, so tokens survive restarts but not a new install.
    const secretFile = path.join(dataDir, 'auth-secret')
    if (process.env.AUTH_SECRET) this.secret = new TextEncoder().encode(process.env.AUTH_SECRET)
    else {
      if (!existsSync(secretFile))
        writeFileSync(secretFile, randomBytes(32).toString('base64'), { mode: 0o600 })
      this.secret = Buffer.from(readFileSync(secretFile, 'utf8'), 'base64')
    }
  }

  findByPhone(phone: string): (AuthUser & { passwordHash: string }) | undefined {
    return toUser(this.db.prepare('SELECT * FROM users WHERE phone = ?').get(phone) as UserRow | undefined)
  }

  findByUid(uid: string): (AuthUser & { passwordHash: string }) | undefined {
    return toUser(this.db.prepare('SELECT * FROM users WHERE uid = ?').get(uid) as UserRow | undefined)
  }

  /** Returns undefined when the phone is taken (the UNIQUE constraint decides, not a prior read). */
  async register(
    phone: string,
    password: string,
    name: string,
    uid: string = `u_${randomUUID().replace(/-/g, '')}`,
  ): Promise<AuthUser | undefined> {
    const hash = await hashPassword(password)
    const createdAt = Date.now()
    try {
      this.db
        .prepare('INSERT INTO users (uid, phone, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(uid, phone, name, hash, createdAt)
    } catch (e) {
      if (
        (e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' ||
        (e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
      )
        return undefined
      throw e
    }
    return { uid, phone, name, createdAt }
  }

  /** Sets a new password and ends every session of the person but `keepSid` (the one that asked, if any). */
  async setPassword(uid: string, password: string, keepSid?: string): Promise<void> {
    const hash = await hashPassword(password)
    this.db.transaction(() => {
      this.db.prepare('UPDATE users SET password_hash = ? WHERE uid = ?').run(hash, uid)
      this.revokeAll(uid, keepSid)
    })()
  }

  /** A new session and its token; `sv` is the account's session version at sign-in (see checkToken). */
  async startSession(uid: string, sv: number): Promise<string> {
    const sid = randomBytes(16).toString('base64url')
    this.db.prepare('INSERT INTO sessions (sid, uid, created_at) VALUES (?, ?, ?)').run(sid, uid, Date.now())
    return this.sign(uid, sid, sv)
  }

  /** A fresh token for a live session: the sliding refresh. */
  async renew(check: Extract<TokenCheck, { ok: true }>): Promise<string> {
    return this.sign(check.uid, check.sid, check.sv)
  }

  private sign(uid: string, sid: string, sv: number): Promise<string> {
    return new SignJWT({ sid, sv })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(uid)
      .setIssuedAt()
      .setExpirationTime(`${this.tokenTtlSeconds}s`)
      .sign(this.secret)
  }

  revoke(sid: string): void {
    this.db
      .prepare('UPDATE sessions SET revoked_at = ? WHERE sid = ? AND revoked_at IS NULL')
      .run(Date.now(), sid)
  }

  /** Forgets a web login (its account was deleted): the phone may be registered again, no session stays. */
  deleteUser(uid: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM sessions WHERE uid = ?').run(uid)
      this.db.prepare('DELETE FROM users WHERE uid = ?').run(uid)
    })()
  }

  /** Ends every session of `uid` (but `keepSid`); returns how many were live. */
  revokeAll(uid: string, keepSid?: string): number {
    return this.db
      .prepare('UPDATE sessions SET revoked_at = ? WHERE uid = ? AND revoked_at IS NULL AND sid IS NOT ?')
      .run(Date.now(), uid, keepSid ?? null).changes
  }

  /**
   * A token is good when its signature holds, it carries `exp` (a token without one would never expire) and
   * it has not passed, and its session is live. The caller still compares `sv` with the account's.
   */
  async checkToken(token: string): Promise<TokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        algorithms: ['HS256'],
        requiredClaims: ['exp'],
      })
      const sid = typeof payload.sid === 'string' ? payload.sid : ''
      if (!payload.sub || !sid) return { ok: false, code: 'UNAUTHENTICATED' }
      const session = this.db.prepare('SELECT uid, revoked_at FROM sessions WHERE sid = ?').get(sid) as
        { uid: string; revoked_at: number | null } | undefined
      if (!session || session.uid !== payload.sub) return { ok: false, code: 'UNAUTHENTICATED' }
      if (session.revoked_at !== null)
        return { ok: false, code: 'TOKEN_EXPIRED', message: '您已退出登录或登录已失效，请重新登录' }
      return { ok: true, uid: payload.sub, sid, sv: typeof payload.sv === 'number' ? payload.sv : 0 }
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) return { ok: false, code: 'TOKEN_EXPIRED' }
      return { ok: false, code: 'UNAUTHENTICATED' }
    }
  }

  close(): void {
    this.db.close()
  }
}
