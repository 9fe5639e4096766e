import type { IncomingMessage, ServerResponse } from 'node:http'
import Busboy from 'busboy'
import { registerInput, loginInput } from '../../shared/schemas/account'
import { describeZodError } from '../../shared/validate'
import { BodyTooLarge, readJsonObject, sendFail, sendJson, statusFor } from '../http'
import { verifyPassword, type AuthStore } from './auth'
import { FunctionError, type CallerIdentity, type FunctionHost } from '../functions/host'
import type { Cloud } from '../cloud/types'
import { FILE_URL_TTL_SECONDS, fileUrls, type FileGrants } from './files'

const MAX_UPLOAD_BYTES = 10 * 1024 * 1024
const UPLOAD_TYPES = /^(image\/(jpeg|png|webp|gif)|application\/pdf)$/

export interface GatewayDeps {
  auth: AuthStore
  host: FunctionHost
  cloud: Cloud
  /** The stored files each web caller may see (files.ts). */
  files: FileGrants
}

/** Resolves the bearer token; `null` means the request was already answered with 401. */
async function identityOf(
  deps: GatewayDeps,
  req: IncomingMessage,
  res: ServerResponse,
  required: boolean,
): Promise<CallerIdentity | null> {
  const header = req.headers.authorization
  if (!header) {
    if (!required) return { kind: 'none' }
    sendFail(res, 'UNAUTHENTICATED')
    return null
  }
  const m = /^Bearer\s+(\S+)$/i.exec(header)
  if (!m) {
    sendFail(res, 'UNAUTHENTICATED', '登录凭证格式不正确，请重新登录')
    return null
  }
  const check = await deps.auth.checkToken(m[1]!)
  if (!check.ok) {
    sendFail(res, check.code)
    return null
  }
  return { kind: 'custom', uid: check.uid }
}

async function register(deps: GatewayDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJsonObject(req)
  if (!body) return sendFail(res, 'BAD_REQUEST')
  const parsed = registerInput.safeParse(body)
  if (!parsed.success) return sendFail(res, 'INVALID_INPUT', describeZodError(parsed.error))
  const { phone, password, name } = parsed.data
  const user = await deps.auth.register(phone, password, name)
  if (!user) return sendFail(res, 'PHONE_TAKEN')
  await recordPhone(deps, user.uid, phone)
  const token = await deps.auth.issueToken(user.uid)
  sendJson(res, 200, { ok: true, token, user })
}

async function login(deps: GatewayDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJsonObject(req)
  if (!body) return sendFail(res, 'BAD_REQUEST')
  const parsed = loginInput.safeParse(body)
  if (!parsed.success) return sendFail(res, 'INVALID_INPUT', describeZodError(parsed.error))
  const { phone, password } = parsed.data
  const lockedMs = deps.auth.throttle.lockedFor(phone)
  if (lockedMs > 0) {
    const minutes = Math.ceil(lockedMs / 60_000)
    return sendFail(res, 'LOGIN_THROTTLED', `密码错误次数过多，请${minutes}分钟后再试`, {
      'retry-after': String(Math.ceil(lockedMs / 1000)),
    })
  }
  const found = deps.auth.findByPhone(phone)
  // Verify against a dummy hash when the phone is unknown, so timing does not reveal who is registered.
  const valid = await verifyPassword(password, found ? found.passwordHash : DUMMY_HASH)
  if (!found || !valid) {
    deps.auth.throttle.fail(phone)
    return sendFail(res, 'LOGIN_FAILED')
  }
  deps.auth.throttle.succeed(phone)
  await recordPhone(deps, found.uid, found.phone)
  const token = await deps.auth.issueToken(found.uid)
  const { passwordHash: _omit, ...user } = found
  sendJson(res, 200, { ok: true, token, user })
}

/**
 * Tells the account function which phone this web user registered with: on H5 that is the proof the phone is
 * theirs (the mini-program proves it through WeChat instead). Sent at registration and again at each login, so
 * accounts made before phones were proven catch up. A failure here must not stop the person signing in.
 */
async function recordPhone(deps: GatewayDeps, uid: string, phone: string): Promise<void> {
  try {
    const r = (await deps.host.invoke(
      'account',
      { action: 'recordRegisteredPhone', uid, phone },
      { kind: 'server' },
    )) as { ok?: boolean; code?: string } | null
    if (!r?.ok) console.error('[gateway] recording the registered phone failed', r?.code)
  } catch (e) {
    console.error('[gateway] recording the registered phone failed', e)
  }
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='

async function callFunction(
  deps: GatewayDeps,
  name: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!/^[A-Za-z][\w-]{0,63}$/.test(name) || !deps.host.has(name)) return sendFail(res, 'UNKNOWN_FUNCTION')
  const identity = await identityOf(deps, req, res, false)
  if (!identity) return
  const event = await readJsonObject(req)
  if (!event) return sendFail(res, 'BAD_REQUEST', '请求内容必须是 JSON 对象')
  let result: unknown
  try {
    result = await deps.host.invoke(name, event, identity)
  } catch (e) {
    if (e instanceof FunctionError && e.code === 'FUNCTION_TIMEOUT')
      return sendFail(res, 'INTERNAL', '处理超时，请稍后再试')
    console.error(`[gateway] ${name} threw`, e)
    return sendFail(res, 'INTERNAL')
  }
  const status =
    result && typeof result === 'object' && (result as { ok?: unknown }).ok === false
      ? statusFor(String((result as { code?: unknown }).code))
      : 200
  // A file a function shows this caller is a file this caller may see.
  if (identity.kind === 'custom' && status === 200) deps.files.grantWithin(identity.uid, result)
  sendJson(res, status, result ?? null)
}

async function tempFileUrls(deps: GatewayDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const identity = await identityOf(deps, req, res, true)
  if (!identity || identity.kind !== 'custom') return
  await fileUrls(deps.files, deps.cloud.storage, identity.uid, req, res)
}

/** multipart/form-data with one `file` part and an optional `dir` field; stored through the cloud storage. */
async function upload(deps: GatewayDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const identity = await identityOf(deps, req, res, true)
  if (!identity || identity.kind !== 'custom') return
  const contentType = req.headers['content-type'] ?? ''
  if (!contentType.startsWith('multipart/form-data'))
    return sendFail(res, 'BAD_REQUEST', '请用表单方式上传文件')
  let bb: Busboy.Busboy
  try {
    bb = Busboy({ headers: req.headers, limits: { files: 1, fileSize: MAX_UPLOAD_BYTES, fields: 4 } })
  } catch {
    return sendFail(res, 'BAD_REQUEST')
  }
  const done = new Promise<{
    data?: Buffer
    mime?: string
    filename?: string
    tooLarge?: boolean
    dir?: string
  }>((resolve, reject) => {
    const out: { data?: Buffer; mime?: string; filename?: string; tooLarge?: boolean; dir?: string } = {}
    bb.on('field', (key, value) => {
      if (key === 'dir') out.dir = value
    })
    bb.on('file', (_field, stream, info) => {
      const chunks: Buffer[] = []
      out.mime = info.mimeType
      out.filename = info.filename
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('limit', () => (out.tooLarge = true))
      stream.on('end', () => (out.data = Buffer.concat(chunks)))
    })
    bb.on('close', () => resolve(out))
    bb.on('error', reject)
  })
  req.pipe(bb)
  let file
  try {
    file = await done
  } catch {
    return sendFail(res, 'BAD_REQUEST', '上传的内容不完整，请重试')
  }
  if (file.tooLarge) return sendFail(res, 'PAYLOAD_TOO_LARGE', '文件不能超过10MB')
  if (!file.data || file.data.length === 0) return sendFail(res, 'BAD_REQUEST', '没有收到文件')
  if (!file.mime || !UPLOAD_TYPES.test(file.mime))
    return sendFail(res, 'BAD_REQUEST', '只能上传图片或 PDF 文件')
  const dir = file.dir && /^[a-z][a-z0-9-]{0,30}$/.test(file.dir) ? file.dir : 'uploads'
  const ext = file.mime === 'application/pdf' ? 'pdf' : file.mime.split('/')[1]!.replace('jpeg', 'jpg')
  const cloudPath = `${dir}/${identity.uid}/${Date.now()}-${Math.random().toString(36).slice(2, 8)}.${ext}`
  const fileID = await deps.cloud.storage.put(cloudPath, file.data, file.mime)
  deps.files.grant(identity.uid, [fileID])
  const url = await deps.cloud.storage.tempUrl(fileID, FILE_URL_TTL_SECONDS)
  sendJson(res, 200, { ok: true, data: { fileID, url, size: file.data.length, contentType: file.mime } })
}

/** Answers `/api/*`; returns false for any other path. */
export async function handleGateway(
  deps: GatewayDeps,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<boolean> {
  if (!pathname.startsWith('/api/')) return false
  try {
    if (pathname === '/api/health' && req.method === 'GET') {
      sendJson(res, 200, { ok: true, data: { status: 'up', functions: deps.host.names(), time: Date.now() } })
    } else if (pathname === '/api/bare' && req.method === 'GET') {
      // A route that does nothing: the baseline the benchmark divides by.
      sendJson(res, 200, { ok: true })
    } else if (req.method !== 'POST') {
      sendFail(res, 'BAD_REQUEST', '请使用 POST 请求')
    } else if (pathname === '/api/auth/register') {
      await register(deps, req, res)
    } else if (pathname === '/api/auth/login') {
      await login(deps, req, res)
    } else if (pathname === '/api/upload') {
      await upload(deps, req, res)
    } else if (pathname === '/api/files/url') {
      await tempFileUrls(deps, req, res)
    } else if (pathname.startsWith('/api/functions/')) {
      await callFunction(deps, decodeURIComponent(pathname.slice('/api/functions/'.length)), req, res)
    } else {
      sendFail(res, 'NOT_FOUND', '没有这个接口')
    }
  } catch (e) {
    if (res.headersSent) return true
    if (e instanceof BodyTooLarge) sendFail(res, 'PAYLOAD_TOO_LARGE')
    else {
      console.error('[gateway]', e)
      sendFail(res, 'INTERNAL')
    }
  }
  return true
}
