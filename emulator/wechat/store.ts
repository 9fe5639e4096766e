import { createHash, randomBytes } from 'node:crypto'
import path from 'node:path'
import Database from 'better-sqlite3'

/**
 * What WeChat itself remembers about the people of a mini-program, kept apart from the app's collections (in
 * `<dataDir>/wechat.sqlite`), exactly as the app never sees WeChat's own records:
 *  - subscribe authorisations: each 「允许」 a person taps buys one message of that template;
 *  - phone-number codes: what the phone-number button hands the page, exchanged once by the server.
 */

/** A code from the phone-number button is good for five minutes and one exchange, as WeChat documents. */
const PHONE_CODE_TTL_MS = 5 * 60_000

export class WeChatStore {
  private readonly db: Database.Database

  constructor(dataDir: string) {
    this.db = new Database(path.join(dataDir, 'wechat.sqlite'))
    this.db.pragma('journal_mode = WAL')
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS grants (
        appid TEXT NOT NULL, openid TEXT NOT NULL, template_id TEXT NOT NULL, remaining INTEGER NOT NULL,
        PRIMARY KEY (appid, openid, template_id));
      CREATE TABLE IF NOT EXISTS phone_codes (
        code TEXT PRIMARY KEY, appid TEXT NOT NULL, openid TEXT NOT NULL, phone TEXT NOT NULL,
        expires_at INTEGER NOT NULL, used INTEGER NOT NULL DEFAULT 0);`)
  }

  /** One more authorisation of `templateId` for this person. */
  grant(appid: string, openid: string, templateId: string): number {
    this.db
      .prepare(
        `INSERT INTO grants (appid, openid, template_id, remaining) VALUES (?, ?, ?, 1)
         ON CONFLICT (appid, openid, template_id) DO UPDATE SET remaining = remaining + 1`,
      )
      .run(appid, openid, templateId)
    return this.remaining(appid, openid, templateId)
  }

  remaining(appid: string, openid: string, templateId: string): number {
    const row = this.db
      .prepare('SELECT remaining FROM grants WHERE appid = ? AND openid = ? AND template_id = ?')
      .get(appid, openid, templateId) as { remaining: number } | undefined
    return row?.remaining ?? 0
  }

  /** Uses one authorisation; false when there is none left (a single statement: two sends cannot share one). */
  consume(appid: string, openid: string, templateId: string): boolean {
    const r = this.db
      .prepare(
        'UPDATE grants SET remaining = remaining - 1 WHERE appid = ? AND openid = ? AND template_id = ? AND remaining > 0',
      )
      .run(appid, openid, templateId)
    return r.changes === 1
  }

  /** Gives back an authorisation consumed for a message that was then not delivered. */
  restore(appid: string, openid: string, templateId: string): void {
    this.db
      .prepare(
        'UPDATE grants SET remaining = remaining + 1 WHERE appid = ? AND openid = ? AND template_id = ?',
      )
      .run(appid, openid, templateId)
  }

  issuePhoneCode(appid: string, openid: string, phone: string, now = Date.now()): string {
    const code = randomBytes(16).toString('hex')
    this.db
      .prepare('INSERT INTO phone_codes (code, appid, openid, phone, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(code, appid, openid, phone, now + PHONE_CODE_TTL_MS)
    return code
  }

  /** The phone a code stands for, once: a second exchange, an expired code or another app's code gives nothing. */
  redeemPhoneCode(
    appid: string,
    code: string,
    now = Date.now(),
  ): { phone: string; openid: string } | undefined {
    const r = this.db
      .prepare('UPDATE phone_codes SET used = 1 WHERE code = ? AND appid = ? AND used = 0 AND expires_at > ?')
      .run(code, appid, now)
    if (r.changes !== 1) return undefined
    return this.db.prepare('SELECT phone, openid FROM phone_codes WHERE code = ?').get(code) as {
      phone: string
      openid: string
    }
  }

  close(): void {
    this.db.close()
  }
}

/**
 * The phone number bound to a simulated WeChat user, when the test did not choose one: from WECHAT_TEST_PHONES
 * (JSON `{"<openid>": "<phone>"}`), else a number in the 199 range derived from the openid, the same every time.
 */
export function testPhoneFor(openid: string, configured: Record<string, string>): string {
  if (configured[openid]) return configured[openid]!
  const digits = BigInt(`0x${createHash('sha256').update(openid).digest('hex').slice(0, 12)}`) % 100_000_000n
  return `199${digits.toString().padStart(8, '0')}`
}
