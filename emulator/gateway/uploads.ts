import type { IncomingMessage, ServerResponse } from 'node:http'
import type Database from 'better-sqlite3'
import Busboy from 'busboy'
import { fromBuffer } from 'file-type'
import { shanghaiDate } from '../../shared/time'
import { sendFail, sendJson } from '../http'
import type { CloudStorage } from '../cloud/types'
import type { FileGrants } from './files'

/**
 * Uploads from web callers (`POST /api/upload`, multipart with one `file` part, optional `dir` and
 * `requestId` fields or an `X-Request-Id` header).
 *
 * - One size rule, stated and enforced the same way: at most 10 MiB (10 × 1024 × 1024 bytes), "不超过10MB".
 * - The type is read from the bytes (file-type), never from what the client declares: JPEG, PNG, WebP, GIF, PDF.
 * - A daily quota per person (Asia/Shanghai day): UPLOAD_QUOTA.files files and UPLOAD_QUOTA.bytes bytes.
 * - Safe to retry: the same request id from the same person answers the same fileID, stored once.
 */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024
export const UPLOAD_QUOTA = { files: 30, bytes: 100 * 1024 * 1024 }
const ALLOWED: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'application/pdf': 'pdf',
}

interface Stored {
  fileID: string
  size: number
  contentType: string
}

/** What each person uploaded per day, and the answer to each request id (in the auth database). */
export class UploadLedger {
  constructor(private readonly db: Database.Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS uploads (
      uid TEXT NOT NULL, request_id TEXT NOT NULL, day TEXT NOT NULL, file_id TEXT NOT NULL,
      size INTEGER NOT NULL, content_type TEXT NOT NULL, created_at INTEGER NOT NULL,
      PRIMARY KEY (uid, request_id))`)
    db.exec('CREATE INDEX IF NOT EXISTS uploads_day ON uploads (uid, day)')
  }

  find(uid: string, requestId: string): Stored | undefined {
    const row = this.db
      .prepare('SELECT file_id, size, content_type FROM uploads WHERE uid = ? AND request_id = ?')
      .get(uid, requestId) as { file_id: string; size: number; content_type: string } | undefined
    return row && { fileID: row.file_id, size: row.size, contentType: row.content_type }
  }

  usedOn(uid: string, day: string): { files: number; bytes: number } {
    const row = this.db
      .prepare(
        'SELECT COUNT(*) AS files, COALESCE(SUM(size), 0) AS bytes FROM uploads WHERE uid = ? AND day = ?',
      )
      .get(uid, day) as { files: number; bytes: number }
    return row
  }

  /**
   * Reserves one upload of `size` bytes against the day's quota, atomically (one SQLite transaction, no await):
   * 'quota' when it would go over, 'taken' when the request id is already reserved (a double tap or retry).
   */
  reserve(uid: string, requestId: string, day: string, size: number, contentType: string, now: number) {
    return this.db.transaction((): 'ok' | 'quota' | 'taken' => {
      if (this.db.prepare('SELECT 1 FROM uploads WHERE uid = ? AND request_id = ?').get(uid, requestId))
        return 'taken'
      const used = this.usedOn(uid, day)
      if (used.files + 1 > UPLOAD_QUOTA.files || used.bytes + size > UPLOAD_QUOTA.bytes) return 'quota'
      this.db
        .prepare(
          `INSERT INTO uploads (uid, request_id, day, file_id, size, content_type, created_at)
           VALUES (?, ?, ?, '', ?, ?, ?)`,
        )
        .run(uid, requestId, day, size, contentType, now)
      return 'ok'
    })()
  }

  stored(uid: string, requestId: string, fileID: string): void {
    this.db
      .prepare('UPDATE uploads SET file_id = ? WHERE uid = ? AND request_id = ?')
      .run(fileID, uid, requestId)
  }

  /** Gives a reservation back when storing failed, so a retry can try again. */
  release(uid: string, requestId: string): void {
    this.db
      .prepare("DELETE FROM uploads WHERE uid = ? AND request_id = ? AND file_id = ''")
      .run(uid, requestId)
  }

  /** The answer to a reserved request id, once the upload that reserved it has stored its file (≤ ~10 s). */
  async settled(uid: string, requestId: string): Promise<Stored | undefined> {
    for (let i = 0; i < 200; i++) {
      const found = this.find(uid, requestId)
      if (!found) return undefined
      if (found.fileID) return found
      await new Promise((r) => setTimeout(r, 50))
    }
    return undefined
  }
}

interface Received {
  data?: Buffer
  tooLarge?: boolean
  dir?: string
  requestId?: string
}

function receive(req: IncomingMessage): Promise<Received> | undefined {
  let bb: Busboy.Busboy
  try {
    // Busboy reports `limit` when a file *reaches* fileSize: one byte more than allowed marks it too large.
    bb = Busboy({ headers: req.headers, limits: { files: 1, fileSize: MAX_UPLOAD_BYTES + 1, fields: 4 } })
  } catch {
    return undefined
  }
  const done = new Promise<Received>((resolve, reject) => {
    const out: Received = {}
    bb.on('field', (key, value) => {
      if (key === 'dir') out.dir = value
      if (key === 'requestId') out.requestId = value
    })
    bb.on('file', (_field, stream) => {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('limit', () => (out.tooLarge = true))
      stream.on('end', () => (out.data = Buffer.concat(chunks)))
    })
    bb.on('close', () => resolve(out))
    bb.on('error', reject)
  })
  req.pipe(bb)
  return done
}

const MB = 1024 * 1024

export async function upload(
  storage: CloudStorage,
  ledger: UploadLedger,
  grants: FileGrants,
  uid: string,
  req: IncomingMessage,
  res: ServerResponse,
  urlTtlSeconds: number,
): Promise<void> {
  const contentType = req.headers['content-type'] ?? ''
  if (!contentType.startsWith('multipart/form-data'))
    return sendFail(res, 'BAD_REQUEST', '请用表单方式上传文件')
  const receiving = receive(req)
  if (!receiving) return sendFail(res, 'BAD_REQUEST')
  let file: Received
  try {
    file = await receiving
  } catch {
    return sendFail(res, 'BAD_REQUEST', '上传的内容不完整，请重试')
  }
  const header = req.headers['x-request-id']
  const requestId = (typeof header === 'string' ? header : file.requestId)?.trim()
  if (requestId !== undefined && !/^[\w-]{8,64}$/.test(requestId))
    return sendFail(res, 'BAD_REQUEST', '请求编号格式不正确')
  const answer = async (stored: Stored) => {
    grants.grant(uid, [stored.fileID])
    const url = await storage.tempUrl(stored.fileID, urlTtlSeconds)
    sendJson(res, 200, { ok: true, data: { ...stored, url } })
  }
  const earlier = requestId ? await ledger.settled(uid, requestId) : undefined
  if (earlier) return answer(earlier)
  if (file.tooLarge) return sendFail(res, 'PAYLOAD_TOO_LARGE', `文件不能超过${MAX_UPLOAD_BYTES / MB}MB`)
  if (!file.data || file.data.length === 0) return sendFail(res, 'BAD_REQUEST', '没有收到文件')
  const sniffed = await fromBuffer(file.data)
  const ext = sniffed && ALLOWED[sniffed.mime]
  if (!sniffed || !ext) return sendFail(res, 'UPLOAD_TYPE')
  const now = Date.now()
  const id = requestId ?? `once-${now}-${Math.random().toString(36).slice(2)}`
  const verdict = ledger.reserve(uid, id, shanghaiDate(now), file.data.length, sniffed.mime, now)
  if (verdict === 'taken') {
    const other = await ledger.settled(uid, id)
    return other ? answer(other) : sendFail(res, 'CONFLICT', '同一个文件正在上传，请稍后再试')
  }
  if (verdict === 'quota')
    return sendFail(
      res,
      'UPLOAD_QUOTA',
      `今天上传的文件已达上限（每人每天最多${UPLOAD_QUOTA.files}个、共${UPLOAD_QUOTA.bytes / MB}MB），请明天再试`,
    )
  const dir = file.dir && /^[a-z][a-z0-9-]{0,30}$/.test(file.dir) ? file.dir : 'uploads'
  const cloudPath = `${dir}/${uid}/${now}-${Math.random().toString(36).slice(2, 8)}.${ext}`
  let fileID: string
  try {
    fileID = await storage.put(cloudPath, file.data, sniffed.mime)
  } catch (e) {
    ledger.release(uid, id)
    throw e
  }
  ledger.stored(uid, id, fileID)
  await answer({ fileID, size: file.data.length, contentType: sniffed.mime })
}
