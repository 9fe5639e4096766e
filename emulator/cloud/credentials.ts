import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * The environment's API key, as CloudBase gives one to each function it runs (TENCENTCLOUD_SECRETID and
 * TENCENTCLOUD_SECRETKEY): node-sdk signs every request to `/admin` with it and the local cloud refuses any
 * request that is not signed with it. One key per data directory, made on first start and kept in
 * `<dataDir>/cloud-secret.json` (readable by its owner only), so scripts pointed at the same data directory
 * can read it, and a fresh install gets a fresh key.
 */
export interface CloudCredentials {
  secretId: string
  secretKey: string
}

export const CREDENTIALS_FILE = 'cloud-secret.json'

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** Random characters from ALPHANUMERIC (rejection sampling keeps them uniform). */
function randomText(length: number): string {
  let out = ''
  while (out.length < length) {
    for (const byte of randomBytes(length)) {
      if (byte < 248 && out.length < length) out += ALPHANUMERIC[byte % ALPHANUMERIC.length]
    }
  }
  return out
}

function isCredentials(v: unknown): v is CloudCredentials {
  const c = v as Partial<CloudCredentials> | null
  return (
    typeof c?.secretId === 'string' &&
    typeof c.secretKey === 'string' &&
    c.secretId.length > 0 &&
    c.secretKey.length >= 32
  )
}

/** The key of the local cloud whose data lives in `dataDir`; throws when there is none (never started there). */
export function readCloudCredentials(dataDir: string): CloudCredentials {
  const file = path.join(dataDir, CREDENTIALS_FILE)
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
  if (!isCredentials(parsed)) throw new Error(`${file} does not hold a secretId and secretKey`)
  return { secretId: parsed.secretId, secretKey: parsed.secretKey }
}

/** Reads the data directory's key, making one first if it has none. */
export function loadOrCreateCredentials(dataDir: string): CloudCredentials {
  const file = path.join(dataDir, CREDENTIALS_FILE)
  if (!existsSync(file)) {
    // Shaped like a Tencent Cloud API key (AKID + 32, and 32 characters), so tools that check the form accept it.
    const credentials = { secretId: `AKID${randomText(32)}`, secretKey: randomText(32) }
    try {
      writeFileSync(file, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600, flag: 'wx' })
    } catch (e) {
      // Another process starting on the same data directory wrote it first: use theirs.
      if ((e as { code?: unknown }).code !== 'EEXIST') throw e
    }
  }
  return readCloudCredentials(dataDir)
}
