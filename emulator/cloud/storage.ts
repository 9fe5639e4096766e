import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import fs from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import { once } from 'node:events'
import { finished, pipeline } from 'node:stream/promises'
import type Database from 'better-sqlite3'
import type { ActionHandler } from './database'
import { CloudError, invalidParam } from './errors'

/**
 * Cloud storage on disk: `<dataDir>/storage/files/<cloudPath>`, content types in the `files` table of the
 * database. Files are written to `storage/tmp` and renamed into place, so a reader (or a restart after a kill)
 * never sees half a file.
 *
 * The URLs handed out — upload targets from `getUploadMetadata`, download links from `getTempFileURL` — carry an
 * HMAC over method, path and expiry with a secret kept in the database: they cannot be guessed, altered or used
 * after they expire, and they keep working across restarts until then.
 */

const UPLOAD_TTL_SECONDS = 600
const DEFAULT_URL_TTL_SECONDS = 86_400
const MAX_URL_TTL_SECONDS = 7 * 86_400
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024

/** Characters CloudBase advises against in object keys; refusing them keeps raw paths safe inside URLs. */
const BAD_PATH_CHARS = /[\u0000-\u001f\u007f\\?#%"<>|^`{}[\]~]/

/** Content types by file extension, for files whose uploader did not say (as COS infers them). */
export const MIME: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.zip': 'application/zip',
}

function checkCloudPath(p: unknown): string {
  if (typeof p !== 'string' || p.length === 0 || p.length > 850)
    throw invalidParam('cloudPath must be 1 to 850 characters')
  if (p.startsWith('/') || BAD_PATH_CHARS.test(p))
    throw invalidParam(`cloudPath "${p}" has a leading slash or a character that is not allowed`)
  if (p.split('/').some((s) => s === '' || s === '.' || s === '..'))
    throw invalidParam(`cloudPath "${p}" has an empty or relative segment`)
  return p
}

/** The XML error body COS answers with; node-sdk's uploadFile reads Code, Message, RequestId and TraceId. */
function sendCosError(res: ServerResponse, status: number, code: string, message: string): void {
  const id = randomBytes(8).toString('hex')
  const body = `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${id}</RequestId><TraceId>${id}</TraceId></Error>`
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

export class FileStorage {
  private readonly filesDir: string
  private readonly tmpDir: string
  private readonly prefix: string

  private constructor(
    root: string,
    envId: string,
    private readonly secret: Buffer,
    private readonly publicUrl: () => string,
    private readonly sqlite: Database.Database,
  ) {
    this.filesDir = path.join(root, 'files')
    this.tmpDir = path.join(root, 'tmp')
    // Shaped like a real CloudBase bucket: hex of the env id's first two letters, the env id, an app id.
    const bucket = `${Buffer.from(envId.slice(0, 2)).toString('hex')}-${envId}-1250000000`
    this.prefix = `cloud://${envId}.${bucket}/`
  }

  static async open(
    root: string,
    envId: string,
    secret: Buffer,
    publicUrl: () => string,
    sqlite: Database.Database,
  ): Promise<FileStorage> {
    await fs.mkdir(path.join(root, 'files'), { recursive: true })
    await fs.rm(path.join(root, 'tmp'), { recursive: true, force: true })
    await fs.mkdir(path.join(root, 'tmp'), { recursive: true })
    sqlite.exec(
      'CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, content_type TEXT NOT NULL, size INTEGER NOT NULL)',
    )
    return new FileStorage(root, envId, secret, publicUrl, sqlite)
  }

  private fileID(cloudPath: string): string {
    return this.prefix + cloudPath
  }

  /** The cloudPath of one of our fileIDs, or undefined for anything else. */
  private cloudPathOf(fileID: unknown): string | undefined {
    if (typeof fileID !== 'string' || !fileID.startsWith(this.prefix)) return undefined
    try {
      return checkCloudPath(fileID.slice(this.prefix.length))
    } catch {
      return undefined
    }
  }

  private localPath(cloudPath: string): string {
    return path.join(this.filesDir, ...cloudPath.split('/'))
  }

  private sign(method: 'GET' | 'PUT', cloudPath: string, expires: number): string {
    return createHmac('sha256', this.secret)
      .update(`${method}\n${cloudPath}\n${expires}`)
      .digest('hex')
      .slice(0, 40)
  }

  private signedUrl(kind: 'file' | 'upload', cloudPath: string, ttlSeconds: number): string {
    const expires = Math.floor(Date.now() / 1000) + ttlSeconds
    const sign = this.sign(kind === 'file' ? 'GET' : 'PUT', cloudPath, expires)
    // Download links keep the path raw like CloudBase's tempFileURL (node-sdk encodeURI()s it before use);
    // upload targets are used as given, so they are encoded.
    const urlPath = kind === 'file' ? cloudPath : cloudPath.split('/').map(encodeURIComponent).join('/')
    return `${this.publicUrl()}/storage/${kind}/${urlPath}?t=${expires}&sign=${sign}`
  }

  private async exists(cloudPath: string): Promise<boolean> {
    return fs.stat(this.localPath(cloudPath)).then(
      (s) => s.isFile(),
      () => false,
    )
  }

  /** Moves a finished temp file into place and records its type: the file is either whole or absent. */
  private async commit(tmp: string, cloudPath: string, contentType: string, size: number): Promise<void> {
    const target = this.localPath(cloudPath)
    try {
      await fs.mkdir(path.dirname(target), { recursive: true })
      await fs.rename(tmp, target)
    } catch (e) {
      await fs.rm(tmp, { force: true })
      // On disk a key cannot be both a file and a folder ("a" and "a/b"); COS keys can.
      const code = (e as { code?: unknown }).code
      if (code === 'ENOTDIR' || code === 'EEXIST' || code === 'EISDIR') {
        throw invalidParam(`cloudPath "${cloudPath}" clashes with an existing file or folder`)
      }
      throw e
    }
    this.sqlite
      .prepare(
        'INSERT INTO files (path, content_type, size) VALUES (?, ?, ?) ON CONFLICT(path) DO UPDATE SET content_type = excluded.content_type, size = excluded.size',
      )
      .run(cloudPath, contentType, size)
  }

  private tmpFile(): string {
    return path.join(this.tmpDir, randomBytes(12).toString('hex'))
  }

  async put(cloudPath: string, data: Buffer, contentType: string): Promise<string> {
    checkCloudPath(cloudPath)
    const tmp = this.tmpFile()
    await fs.writeFile(tmp, data)
    await this.commit(tmp, cloudPath, contentType, data.length)
    return this.fileID(cloudPath)
  }

  async tempUrl(fileID: string, ttlSeconds: number): Promise<string> {
    const cloudPath = this.cloudPathOf(fileID)
    if (!cloudPath) throw invalidParam(`not a fileID of this environment: ${fileID}`)
    return this.signedUrl('file', cloudPath, ttlSeconds)
  }

  /** A URL for the file if it is one of ours and exists; undefined otherwise. */
  async existingUrl(fileID: string, ttlSeconds: number): Promise<string | undefined> {
    const cloudPath = this.cloudPathOf(fileID)
    if (!cloudPath || !(await this.exists(cloudPath))) return undefined
    return this.signedUrl('file', cloudPath, ttlSeconds)
  }

  /** What every fileID of this environment starts with. */
  get fileIdPrefix(): string {
    return this.prefix
  }

  actions(): Record<string, ActionHandler> {
    return {
      'storage.getUploadMetadata': (p) => {
        const cloudPath = checkCloudPath(p.path)
        return {
          data: {
            url: this.signedUrl('upload', cloudPath, UPLOAD_TTL_SECONDS),
            token: '',
            authorization: 'emulator',
            fileId: this.fileID(cloudPath),
            // Sent back as an HTTP header by the SDK, so it must be ASCII; COS's is an opaque id too.
            cosFileId: randomBytes(16).toString('hex'),
            download_url: this.signedUrl('file', cloudPath, DEFAULT_URL_TTL_SECONDS),
          },
        }
      },

      'storage.batchGetDownloadUrl': async (p) => {
        if (!Array.isArray(p.file_list)) throw invalidParam('file_list must be an array')
        const download_list = []
        for (const item of p.file_list as { fileid?: unknown; max_age?: unknown }[]) {
          const fileID = item?.fileid
          const ttl = item?.max_age ?? DEFAULT_URL_TTL_SECONDS
          if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl <= 0)
            throw invalidParam('maxAge must be a positive integer')
          const cloudPath = this.cloudPathOf(fileID)
          if (!cloudPath || !(await this.exists(cloudPath))) {
            download_list.push({
              fileID,
              tempFileURL: '',
              code: cloudPath ? 'STORAGE_FILE_NONEXIST' : 'INVALID_PARAM',
            })
          } else {
            download_list.push({
              fileID,
              tempFileURL: this.signedUrl('file', cloudPath, Math.min(ttl, MAX_URL_TTL_SECONDS)),
              code: 'SUCCESS',
            })
          }
        }
        return { data: { download_list } }
      },

      'storage.batchDeleteFile': async (p) => {
        if (!Array.isArray(p.fileid_list)) throw invalidParam('fileid_list must be an array')
        const delete_list = []
        for (const fileID of p.fileid_list) {
          const cloudPath = this.cloudPathOf(fileID)
          if (!cloudPath) {
            delete_list.push({ fileID, code: 'INVALID_PARAM' })
            continue
          }
          const removed = await fs.rm(this.localPath(cloudPath)).then(
            () => true,
            () => false,
          )
          this.sqlite.prepare('DELETE FROM files WHERE path = ?').run(cloudPath)
          delete_list.push({ fileID, code: removed ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST' })
        }
        return { data: { delete_list } }
      },
    }
  }

  /** Serves `/storage/upload/*` (PUT) and `/storage/file/*` (GET, HEAD); false for other paths. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const m = /^\/storage\/(upload|file)\/(.+)$/.exec(url.pathname)
    if (!m) return false
    const kind = m[1] as 'upload' | 'file'
    const method = kind === 'upload' ? 'PUT' : 'GET'
    if (req.method !== method && !(method === 'GET' && req.method === 'HEAD')) {
      sendCosError(res, 405, 'MethodNotAllowed', `use ${method}`)
      return true
    }
    let cloudPath: string
    try {
      cloudPath = checkCloudPath(m[2]!.split('/').map(decodeURIComponent).join('/'))
    } catch {
      sendCosError(res, 400, 'InvalidURI', 'invalid object key')
      return true
    }
    const expires = Number(url.searchParams.get('t'))
    const given = Buffer.from(url.searchParams.get('sign') ?? '')
    const expected = Buffer.from(this.sign(method, cloudPath, expires))
    if (!Number.isInteger(expires) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      sendCosError(res, 403, 'AccessDenied', 'signature does not match')
      return true
    }
    if (expires < Date.now() / 1000) {
      sendCosError(res, 403, 'AccessDenied', 'request has expired')
      return true
    }
    if (kind === 'upload') await this.receive(req, res, cloudPath)
    else await this.serve(req, res, cloudPath)
    return true
  }

  private async receive(req: IncomingMessage, res: ServerResponse, cloudPath: string): Promise<void> {
    const tmp = this.tmpFile()
    const out = createWriteStream(tmp)
    let size = 0
    try {
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length
        // Past the limit the rest is read and dropped, so the client gets an answer instead of a reset socket.
        if (size <= MAX_UPLOAD_BYTES && !out.write(chunk)) await once(out, 'drain')
      }
      out.end()
      await finished(out)
    } catch {
      out.destroy()
      await fs.rm(tmp, { force: true })
      res.destroy()
      return
    }
    if (size > MAX_UPLOAD_BYTES) {
      await fs.rm(tmp, { force: true })
      sendCosError(res, 413, 'EntityTooLarge', 'file too large')
      return
    }
    const type =
      req.headers['content-type'] || MIME[path.extname(cloudPath).toLowerCase()] || 'application/octet-stream'
    try {
      await this.commit(tmp, cloudPath, type, size)
    } catch (e) {
      if (!(e instanceof CloudError)) throw e
      sendCosError(res, 409, 'InvalidObjectName', e.message)
      return
    }
    res.writeHead(200, { 'content-length': 0 })
    res.end()
  }

  private async serve(req: IncomingMessage, res: ServerResponse, cloudPath: string): Promise<void> {
    const file = this.localPath(cloudPath)
    const stat = await fs.stat(file).catch(() => undefined)
    if (!stat?.isFile()) {
      sendCosError(res, 404, 'NoSuchKey', 'The specified key does not exist.')
      return
    }
    const row = this.sqlite.prepare('SELECT content_type FROM files WHERE path = ?').get(cloudPath) as
      { content_type: string } | undefined
    res.writeHead(200, {
      'content-type':
        row?.content_type ?? MIME[path.extname(cloudPath).toLowerCase()] ?? 'application/octet-stream',
      'content-length': stat.size,
      'cache-control': 'private, max-age=300',
      // Files are served from the app's own origin: never let one be sniffed or run as a page.
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox',
    })
    if (req.method === 'HEAD') res.end()
    else await pipeline(createReadStream(file), res).catch(() => res.destroy())
  }
}
