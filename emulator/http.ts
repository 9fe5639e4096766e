import type { IncomingMessage, ServerResponse } from 'node:http'
import { ERROR_MESSAGES, type ErrorCode } from '../shared/errors'

/** HTTP status for each failure code the gateway can answer with; domain refusals default to 400. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  TOKEN_EXPIRED: 401,
  LOGIN_FAILED: 401,
  ACCOUNT_DISABLED: 403,
  FORBIDDEN_ROLE: 403,
  FORBIDDEN_SCOPE: 403,
  CONFLICT_OF_INTEREST: 403,
  NOT_FOUND: 404,
  UNKNOWN_FUNCTION: 404,
  UNKNOWN_ACTION: 404,
  FILE_NOT_FOUND: 404,
  PHONE_TAKEN: 409,
  RESET_CODE_INVALID: 400,
  UPLOAD_TYPE: 415,
  UPLOAD_QUOTA: 429,
  PHONE_PROVEN_ELSEWHERE: 409,
  CONFLICT: 409,
  ACCOUNT_IN_USE: 409,
  PAYLOAD_TOO_LARGE: 413,
  LOGIN_THROTTLED: 429,
  INTERNAL: 500,
}

export function statusFor(code: string): number {
  return STATUS[code as ErrorCode] ?? 400
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  })
  res.end(text)
}

export function sendFail(
  res: ServerResponse,
  code: ErrorCode,
  message?: string,
  headers?: Record<string, string>,
  details?: unknown,
): void {
  const body = { ok: false, code, message: message ?? ERROR_MESSAGES[code], ...(details ? { details } : {}) }
  sendJson(res, statusFor(code), body, headers)
}

export class BodyTooLarge extends Error {}

/** Read a request body up to `limit` bytes; rejects with BodyTooLarge past that. */
export function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      // Past the limit the rest is read and dropped, so the client gets its 413 instead of a reset socket.
      if (size <= limit) chunks.push(chunk)
    })
    req.on('end', () => (size > limit ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks))))
    req.on('error', reject)
  })
}

/** Parse a JSON object body; anything else (malformed, array, scalar) is a BAD_REQUEST. */
export async function readJsonObject(
  req: IncomingMessage,
  limit?: number,
): Promise<Record<string, unknown> | null> {
  const raw = await readBody(req, limit)
  if (raw.length === 0) return {}
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'))
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>
    return null
  } catch {
    return null
  }
}

/** Whether the request came from this machine (the simulated WeChat client entry answers nothing else). */
export function isLoopback(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? ''
  return a === '127.0.0.1' || a === '::1' || a === '::ffff:127.0.0.1' || a.startsWith('127.')
}
