import { sign } from '@cloudbase/signature-nodejs'
import type { CloudCredentials } from '../../emulator/cloud/credentials'

export interface AdminReply {
  status: number
  json: Record<string, unknown>
}

export interface RawAdminOptions {
  /** Sign with this key; unsigned when absent. */
  credentials?: CloudCredentials
  /** When the request was signed (seconds); default: now, as node-sdk does. */
  timestamp?: number
  /** Send this body instead of the one that was signed (a replay with another body). */
  body?: string
  /** Extra headers, sent but not signed (e.g. a browser's Origin). */
  headers?: Record<string, string>
}

/**
 * A hand-made request to a local cloud's `/admin`, signed the way node-sdk signs (TC3-HMAC-SHA256 from
 * @cloudbase/signature-nodejs over method, URL, headers and parameters), for what the SDK itself never sends:
 * malformed parameters, forged or stale signatures, browser requests.
 */
export async function rawAdmin(
  url: string,
  params: Record<string, unknown> | string,
  opts: RawAdminOptions = {},
): Promise<AdminReply> {
  const target = `${url}/admin?env=reopen-local&seqId=test`
  const signed: Record<string, string> = { 'content-type': 'application/json', host: new URL(url).host }
  const headers: Record<string, string> = { 'content-type': 'application/json', ...opts.headers }
  if (opts.credentials) {
    const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000) - 1
    const { authorization } = sign({
      ...opts.credentials,
      method: 'post',
      url: target,
      headers: signed,
      params: typeof params === 'string' ? {} : params,
      timestamp,
      withSignedParams: true,
    })
    Object.assign(headers, {
      authorization,
      'x-timestamp': String(timestamp),
      'x-signature-expires': '600',
    })
  }
  const res = await fetch(target, {
    method: 'POST',
    headers,
    body: opts.body ?? (typeof params === 'string' ? params : JSON.stringify(params)),
  })
  const text = await res.text()
  let json: Record<string, unknown> = {}
  try {
    json = JSON.parse(text) as Record<string, unknown>
  } catch {
    json = { text }
  }
  return { status: res.status, json }
}
