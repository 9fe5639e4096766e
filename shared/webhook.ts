/**
 * 数据推送: a street (or the district) may have the daily export pushed to its own HTTPS endpoint once a day. Pure
 * rules and shapes here; the timer that delivers is cloudfunctions/webhookScan, the settings admin.setWebhook.
 */

/** Minutes to wait before each retry after a failed attempt; after the last, the day's push is given up. */
export const WEBHOOK_RETRY_MINUTES = [1, 5, 30] as const
/** The first attempt and every retry. */
export const WEBHOOK_ATTEMPTS = 1 + WEBHOOK_RETRY_MINUTES.length
/** How long one attempt waits for the receiver's answer. */
export const WEBHOOK_TIMEOUT_MS = 10_000
export const DEFAULT_WEBHOOK_TIME = '08:00'

/** The headers of a push. The signature is HMAC-SHA256 of `<timestamp>.<body>` with the webhook's secret, in hex. */
export const WEBHOOK_HEADERS = {
  signature: 'X-Reopen-Signature',
  timestamp: 'X-Reopen-Timestamp',
  delivery: 'X-Reopen-Delivery',
} as const

/** What is signed: the timestamp (seconds, as sent) and the body exactly as sent. */
export function signedText(timestamp: string, body: string): string {
  return `${timestamp}.${body}`
}

/** The day whose figures a push due on `today` carries: the day before, complete. */
export function pushedDay(today: string): string {
  const [y, m, d] = today.split('-').map(Number)
  return new Date(Date.UTC(y!, m! - 1, d! - 1)).toISOString().slice(0, 10)
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed'

export interface DeliveryAttempt {
  at: number
  /** The receiver's HTTP status; null when no answer came (refused, timed out). */
  httpStatus: number | null
  error: string | null
}

/** The settings as the management page shows them: the secret is shown to those who set it up. */
export interface WebhookView {
  url: string
  time: string
  enabled: boolean
  secret: string
  updatedAt: number
  updatedByName: string
}

export interface DeliveryView {
  _id: string
  date: string
  status: DeliveryStatus
  attempts: DeliveryAttempt[]
  nextAt: number | null
}
