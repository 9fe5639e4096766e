import { randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose'

/**
 * The platform's sign-in for web (H5) callers: what CloudBase's custom login does in production.
 * Credentials live in their own SQLite file, apart from the app's collections: no cloud function can read
 * a password hash.
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

/** Failed logins per phone: after MAX_FAILURES within WINDOW the phone is locked for LOCK. */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; first: number; lockedUntil: number }>()
  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly lockMs = 15 * 60_000,
  ) {}

  lockedFor(key: string, now = Date.now()): number {
    const f = this.failures.get(key)
    return f && f.lockedUntil > now ? f.lockedUntil - now : 0
  }

  fail(key: string, now = Date.now()): void {
    const f = this.failures.get(key)
    if (!f || now - f.first > this.windowMs) {
      this.failures.set(key, { count: 1, first: now, lockedUntil: 0 })
      return
    }
    f.count += 1
    if (f.count >= this.maxFailures) f.lockedUntil = now + this.lockMs
  }

  succeed(key: string): void {
    this.failures.delete(key)
  }
}

export type TokenCheck = { ok: true; uid: string } | { ok: false; code: 'UNAUTHENTICATED' | 'TOKEN_EXPIRED' }

export class AuthStore {
  private readonly db: Database.Database
  private readonly secret: Uint8Array
  readonly throttle = new LoginThrottle()

  constructor(
    dataDir: string,
    private readonly tokenTtlSeconds = 7 * 24 * 3600,
  ) {
    mkdirSync(dataDir, { recursive: true })
    this.db = new Database(path.join(dataDir, 'auth.sqlite'))
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    this.db.exec(`CREATE TABLE IF NOT EXISTS users (
      uid TEXT PRIMARY KEY, phone TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
      password_hash TEXT NOT NULL, created_at INTEGER NOT NULL)`)
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
    const row = this.db.prepare('SELECT * FROM users WHERE phone = ?').get(phone) as
      { uid: string; phone: string; name: string; password_hash: string; created_at: number } | undefined
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

  findByUid(uid: string): AuthUser | undefined {
    const row = this.db.prepare('SELECT uid, phone, name, created_at FROM users WHERE uid = ?').get(uid) as
      { uid: string; phone: string; name: string; created_at: number } | undefined
    return row && { uid: row.uid, phone: row.phone, name: row.name, createdAt: row.created_at }
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

  async issueToken(uid: string): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(uid)
      .setIssuedAt()
      .setExpirationTime(`${this.tokenTtlSeconds}s`)
      .sign(this.secret)
  }

  async checkToken(token: string): Promise<TokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.secret, { algorithms: ['HS256'] })
      if (!payload.sub || !this.findByUid(payload.sub)) return { ok: false, code: 'UNAUTHENTICATED' }
      return { ok: true, uid: payload.sub }
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) return { ok: false, code: 'TOKEN_EXPIRED' }
      return { ok: false, code: 'UNAUTHENTICATED' }
    }
  }

  close(): void {
    this.db.close()
  }
}
