import { timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { sign } from '@cloudbase/signature-nodejs'
import type { CloudCredentials } from './credentials'

/**
 * Checks the signature node-sdk puts on every request, with the same library node-sdk signs with
 * (`@cloudbase/signature-nodejs`, TC3-HMAC-SHA256 over method, URL, the headers it names and every parameter of
 * the body): `Authorization: TC3-HMAC-SHA256 Credential=<secretId>/<date>/tcb/tc3_request, SignedParams=…,
 * SignedHeaders=…, Signature=…`, plus `X-Timestamp` (when it was signed, in seconds) and `X-Signature-Expires`
 * (how long it stays valid, 600 seconds). A request whose body, URL or a signed header was changed after signing
 * fails, as does one signed with another key or more than 10 minutes ago.
 *
 * Not checked, as on CloudBase: that a request is not sent twice within its 10 minutes.
 */

/** The longest a signature stays valid (and the clock skew tolerated), whatever the request claims. */
export const MAX_SIGNATURE_AGE_SECONDS = 600

const AUTHORIZATION =
  /^TC3-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{4}-\d{2}-\d{2})\/tcb\/tc3_request,(?: SignedParams=[^,]*,)? SignedHeaders=([a-z0-9;_-]+), Signature=([0-9a-f]{64})$/

export interface SignedRequest {
  method: string
  /** The request target as received (path and query). */
  url: string
  headers: IncomingHttpHeaders
  /** The parsed JSON body. */
  params: Record<string, unknown>
}

/** Why a request is refused, or null when it carries a valid signature made with `credentials`. */
export function signatureProblem(
  req: SignedRequest,
  credentials: CloudCredentials,
  nowSeconds: number,
): string | null {
  const authorization = req.headers.authorization
  const m = typeof authorization === 'string' ? AUTHORIZATION.exec(authorization) : null
  if (!m) return 'the request is not signed (TC3-HMAC-SHA256 Authorization header expected)'
  const [, secretId, , signedHeaders] = m
  if (!equal(secretId!, credentials.secretId)) return 'secret id error'

  const timestamp = Number(req.headers['x-timestamp'])
  const expires = Math.min(
    Number(req.headers['x-signature-expires'] ?? MAX_SIGNATURE_AGE_SECONDS),
    MAX_SIGNATURE_AGE_SECONDS,
  )
  if (!Number.isInteger(timestamp) || !Number.isFinite(expires))
    return 'X-Timestamp and X-Signature-Expires must be numbers'
  if (nowSeconds > timestamp + expires) return 'signature is expired'
  if (timestamp > nowSeconds + MAX_SIGNATURE_AGE_SECONDS) return 'the signature is dated in the future'

  const headers: Record<string, string> = {}
  for (const name of signedHeaders!.split(';')) {
    const value = req.headers[name]
    if (typeof value !== 'string') return `the signed header ${name} is missing`
    headers[name] = value
  }
  const host = headers.host
  if (!host) return 'the Host header must be signed'
  let expected: string
  try {
    expected = sign({
      secretId: credentials.secretId,
      secretKey: credentials.secretKey,
      method: req.method.toLowerCase(),
      url: `http://${host}${req.url}`,
      headers,
      params: req.params,
      timestamp,
      withSignedParams: true,
    }).authorization
  } catch (e) {
    return `the signature cannot be checked: ${(e as Error).message}`
  }
  return equal(expected, authorization!) ? null : 'the signature does not match the request'
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
