/**
 * 数据推送, server side: the stored settings and deliveries, the signature, and one HTTP(S) POST. The timer
 * (webhookScan) decides when; the management page reads the settings and the last deliveries (admin).
 */
import { createHmac, randomBytes } from 'node:crypto'
import http from 'node:http'
import https from 'node:https'
import {
  WEBHOOK_HEADERS,
  WEBHOOK_TIMEOUT_MS,
  signedText,
  type DeliveryAttempt,
  type DeliveryStatus,
} from '../../shared/webhook'

export interface WebhookDoc {
  /** The street's id, or the district's scope id `_district`: whose figures are pushed. */
  _id: string
  url: string
  /** Shanghai `HH:mm` at which the day before's export is pushed. */
  time: string
  enabled: boolean
  secret: string
  updatedBy: string
  updatedByName: string
  updatedAt: number
  /**
   * The Shanghai date on which the timer last queued this webhook's day (webhookScan): it reads only the webhooks not
   * yet queued today, so the minutes after the push cost no refused write. The delivery's id stays the guard; a
   * setting saved anew drops this, and the next run learns it again from the refused add.
   */
  lastPushedDate?: string
}

export interface DeliveryDoc {
  /** `<owner>:<date>`: one push per owner and day. */
  _id: string
  owner: string
  date: string
  status: DeliveryStatus
  attempts: DeliveryAttempt[]
  /** When the next attempt is due (pending), or null when done. */
  nextAt: number | null
  createdAt: number
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`
}

/** HMAC-SHA256 of `<timestamp>.<body>` with the secret, as `sha256=<hex>` (README: 数据推送). */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(signedText(timestamp, body)).digest('hex')}`
}

/**
 * POSTs the body, signed; answers the receiver's status or why there was none. Node's own http/https (the
 * CloudBase runtime is Node 16, without fetch); a receiver that does not answer within the timeout fails.
 */
export function postSigned(
  url: string,
  secret: string,
  deliveryId: string,
  body: string,
  now: number,
): Promise<{ httpStatus: number | null; error: string | null }> {
  const timestamp = String(Math.floor(now / 1000))
  const target = new URL(url)
  const send = target.protocol === 'https:' ? https.request : http.request
  return new Promise((resolve) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'reopen-webhook/1',
          [WEBHOOK_HEADERS.signature]: signWebhook(secret, timestamp, body),
          [WEBHOOK_HEADERS.timestamp]: timestamp,
          [WEBHOOK_HEADERS.delivery]: deliveryId,
        },
        timeout: WEBHOOK_TIMEOUT_MS,
      },
      (res) => {
        res.resume()
        res.on('end', () => {
          const status = res.statusCode ?? 0
          const ok = status >= 200 && status < 300
          resolve({ httpStatus: status, error: ok ? null : `对方返回 HTTP ${status}` })
        })
      },
    )
    req.on('timeout', () => req.destroy(new Error(`对方 ${WEBHOOK_TIMEOUT_MS / 1000} 秒内没有应答`)))
    req.on('error', (e) => resolve({ httpStatus: null, error: e.message || '连接失败' }))
    req.end(body)
  })
}
