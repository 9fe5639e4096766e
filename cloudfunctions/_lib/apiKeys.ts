import { createHash, randomBytes } from 'node:crypto'
import { API_KEY_PREFIX } from '../../shared/stats'

/**
 * An API key the street admin issued for the district's systems to fetch the daily export
 * (GET /api/export/daily). Once it has been used only the key's SHA-256 is kept.
 */
export interface ApiKeyDoc {
  _id: string
  /** The street whose figures the key may fetch. */
  streetId: string
  label: string
  hash: string
  /**
   * The key itself, kept only until its first use, so a retried create (a lost answer) gets the same key back;
   * the first export made with it removes it, leaving only the hash.
   */
  unusedSecret?: string
  /** The key's last four characters, so the admin can tell keys apart. */
  hint: string
  createdBy: string
  createdByName: string
  createdAt: number
  revokedAt?: number
  lastUsedAt?: number
  uses: number
}

export function newApiKey(): string {
  return API_KEY_PREFIX + randomBytes(24).toString('base64url')
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex')
}
