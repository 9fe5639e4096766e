/**
 * The ONE place the client talks to the backend.
 *
 *  weapp → Taro.cloud.callFunction / uploadFile / getTempFileURL (WeChat injects the caller's identity)
 *  h5    → the emulator's HTTP gateway: POST /api/functions/<name> with a bearer token,
 *          POST /api/auth/{login,register}, multipart POST /api/upload, POST /api/files/url
 *
 * Every function answers `{ok:true, data}` or `{ok:false, code, message}`; callers get `data` or a
 * CloudError whose message is already in Chinese and safe to show.
 */
import Taro from '@tarojs/taro'
import type { AuthUser as GatewayUser } from '../../emulator/gateway/auth'
import type { ErrorCode, Fail } from '../../shared/errors'
import { PAGES } from '../../shared/routes'

/** A user of the H5 gateway (phone + password login), as the gateway answers it. */
export type { GatewayUser }

export const IS_H5 = process.env.TARO_ENV === 'h5'
export const IS_WEAPP = process.env.TARO_ENV === 'weapp'

const API_BASE = (process.env.TARO_APP_API_BASE || '').replace(/\/+$/, '')
const TOKEN_KEY = 'reopen.token'
const REQUEST_TIMEOUT_MS = 20_000

export const LOGIN_PAGE = PAGES.login

export const NETWORK_MESSAGE = '网络不太好，请稍后再试'
const SERVER_MESSAGE = '系统繁忙，请稍后再试'

/**
 * A code the functions answer with (shared/errors.ts), or one the client itself gives a failure that never
 * reached them or came back unreadable.
 */
export type CloudErrorCode = ErrorCode | 'NETWORK' | 'BAD_RESPONSE' | 'UNSUPPORTED' | 'OPEN_FAILED'

/** An error the UI can show as is: `message` is Chinese, `code` is the stable backend code. */
export class CloudError extends Error {
  readonly code: CloudErrorCode
  readonly details?: unknown
  constructor(code: CloudErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'CloudError'
    this.code = code
    this.details = details
  }
}

/** A Chinese sentence for anything thrown by a call, for toasts and error states. */
export function errorMessage(e: unknown): string {
  if (e instanceof CloudError) return e.message
  return SERVER_MESSAGE
}

// ---------------------------------------------------------------------------------------------
// Initialisation (weapp)

let cloudReady = false

/** Call once at app start. In the mini-program it binds wx.cloud to the CloudBase environment. */
export function initCloud(): void {
  if (!IS_WEAPP || cloudReady) return
  const env = process.env.TARO_APP_CLOUD_ENV
  // Without a configured env id, use the environment selected in WeChat DevTools.
  const dynamicEnv = (Taro.cloud as unknown as { DYNAMIC_CURRENT_ENV?: string }).DYNAMIC_CURRENT_ENV
  Taro.cloud.init({ env: env || dynamicEnv, traceUser: true })
  cloudReady = true
}

// ---------------------------------------------------------------------------------------------
// Token (h5)

export function getToken(): string {
  if (!IS_H5) return ''
  try {
    const token: unknown = Taro.getStorageSync(TOKEN_KEY)
    return typeof token === 'string' ? token : ''
  } catch {
    return ''
  }
}

function setToken(token: string): void {
  Taro.setStorageSync(TOKEN_KEY, token)
}

function clearToken(): void {
  try {
    Taro.removeStorageSync(TOKEN_KEY)
  } catch {
    // storage unavailable: nothing to clear
  }
}

/** True when the H5 app has a token, and always true in the mini-program (WeChat is the login). */
export function hasSession(): boolean {
  return IS_WEAPP || getToken() !== ''
}

const signedOutListeners = new Set<() => void>()

/** Called when the session ends, by logout or because the server refused the token. */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener)
  return () => signedOutListeners.delete(listener)
}

let redirecting = false

function sessionExpired(): void {
  clearToken()
  signedOutListeners.forEach((l) => l())
  if (redirecting) return
  redirecting = true
  const pages = Taro.getCurrentPages()
  const current = pages[pages.length - 1]?.route ?? ''
  if (LOGIN_PAGE.endsWith(current)) {
    redirecting = false
    return
  }
  Taro.reLaunch({ url: LOGIN_PAGE }).finally(() => {
    redirecting = false
  })
}

// ---------------------------------------------------------------------------------------------
// Envelope handling

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

const AUTH_CODES = new Set(['UNAUTHENTICATED', 'TOKEN_EXPIRED'])

/** A refusal as it came over the wire: nothing of it is trusted to be there. */
function toError(body: Partial<Fail>): CloudError {
  const code: CloudErrorCode = typeof body.code === 'string' ? body.code : 'INTERNAL'
  const message = typeof body.message === 'string' && body.message ? body.message : SERVER_MESSAGE
  return new CloudError(code, message, body.details)
}

/** Unwraps `{ok:true,data}`; throws CloudError otherwise. */
function unwrap<T>(body: unknown, anonymous = false): T {
  if (!isRecord(body)) throw new CloudError('INTERNAL', SERVER_MESSAGE)
  if (body.ok === true) return body.data as T
  const err = toError(body as Partial<Fail>)
  if (IS_H5 && !anonymous && AUTH_CODES.has(err.code)) sessionExpired()
  throw err
}

// ---------------------------------------------------------------------------------------------
// HTTP (h5)

async function httpRequest(path: string, init: RequestInit): Promise<unknown> {
  const controller = typeof AbortController === 'function' ? new AbortController() : undefined
  const timer = controller ? setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS) : undefined
  let res: Response
  try {
    res = await fetch(`${API_BASE}${path}`, { ...init, signal: controller?.signal })
  } catch {
    throw new CloudError('NETWORK', NETWORK_MESSAGE)
  } finally {
    if (timer) clearTimeout(timer)
  }
  let body: unknown
  try {
    body = await res.json()
  } catch {
    if (res.status === 401) {
      sessionExpired()
      throw new CloudError('UNAUTHENTICATED', '请先登录')
    }
    throw new CloudError(res.status >= 500 || res.status === 0 ? 'INTERNAL' : 'BAD_RESPONSE', SERVER_MESSAGE)
  }
  return body
}

/** When a token expires (its `exp`, in ms), read from the token itself; 0 when it cannot be read. */
function expiryOf(token: string): number {
  try {
    const part = token.split('.')[1] ?? ''
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'))
    const exp = (JSON.parse(json) as { exp?: unknown }).exp
    return typeof exp === 'number' ? exp * 1000 : 0
  } catch {
    return 0
  }
}

/** Tokens live a day; one used with less than this left is renewed first (sliding refresh). */
const RENEW_WHEN_LEFT_MS = 12 * 3600_000
let renewing: Promise<void> | undefined

/** Swaps a token past the middle of its life for a fresh one; a failed renewal leaves the old one in place. */
function renewIfDue(): Promise<void> {
  const token = getToken()
  if (!IS_H5 || !token) return Promise.resolve()
  const exp = expiryOf(token)
  if (!exp || exp - Date.now() > RENEW_WHEN_LEFT_MS) return Promise.resolve()
  renewing ??= (async () => {
    try {
      const res = await fetch(`${API_BASE}/api/auth/refresh`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      })
      const body = (await res.json()) as { ok?: boolean; token?: unknown }
      if (body.ok && typeof body.token === 'string' && getToken() === token) setToken(body.token)
    } catch {
      // offline or refused: the call goes on with the current token and its own answer decides
    } finally {
      renewing = undefined
    }
  })()
  return renewing
}

function authHeaders(): Record<string, string> {
  const token = getToken()
  return token ? { authorization: `Bearer ${token}` } : {}
}

// ---------------------------------------------------------------------------------------------
// Public API

/** What an upload answers, from cloud storage (weapp) or the gateway (h5). */
export interface UploadedFile {
  fileID: string
  url: string
  size?: number
  contentType?: string
}

export interface CallOptions {
  /**
   * A public action (e.g. verifying a plate from its QR): H5 sends no token, and a refused token never
   * sends the person to the login page — whoever scans a QR must not need an account.
   */
  anonymous?: boolean
}

/**
 * Calls cloud function `name` with `data` as the event and returns its `data`.
 * Throws CloudError with the function's code and Chinese message, or NETWORK on a failed connection.
 */
export async function callFunction<T>(
  name: string,
  data: Record<string, unknown> = {},
  opts: CallOptions = {},
): Promise<T> {
  if (IS_H5) {
    if (!opts.anonymous) await renewIfDue()
    const body = await httpRequest(`/api/functions/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(opts.anonymous ? {} : authHeaders()) },
      body: JSON.stringify(data),
    })
    return unwrap<T>(body, opts.anonymous)
  }
  initCloud()
  let result: unknown
  try {
    const res = await Taro.cloud.callFunction({ name, data })
    result = res.result
  } catch {
    throw new CloudError('NETWORK', NETWORK_MESSAGE)
  }
  return unwrap<T>(result)
}

async function authRequest(path: string, payload: Record<string, string>): Promise<GatewayUser> {
  if (!IS_H5) throw new CloudError('UNSUPPORTED', '小程序中无需密码登录')
  const body = await httpRequest(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  })
  if (!isRecord(body)) throw new CloudError('INTERNAL', SERVER_MESSAGE)
  if (body.ok !== true) throw toError(body as Partial<Fail>)
  const answer = body as { token?: unknown; user: GatewayUser }
  if (typeof answer.token !== 'string' || !answer.token) throw new CloudError('INTERNAL', SERVER_MESSAGE)
  setToken(answer.token)
  return answer.user
}

/** H5: phone + password login. Stores the token. */
export function login(phone: string, password: string): Promise<GatewayUser> {
  return authRequest('/api/auth/login', { phone, password })
}

/** H5: creates a gateway user and logs in. The account itself is made by `account.setup`. */
export function register(phone: string, password: string, name: string): Promise<GatewayUser> {
  return authRequest('/api/auth/register', { phone, password, name })
}

/**
 * Ends the H5 session on the server (the token stops working everywhere) and forgets it here. In the
 * mini-program there is nothing to end: WeChat is the identity.
 */
export function logout(): void {
  const token = getToken()
  if (IS_H5 && token)
    void fetch(`${API_BASE}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    }).catch(() => undefined)
  clearToken()
  signedOutListeners.forEach((l) => l())
}

/** H5: a new password in place of the old one; the person's other sessions end. */
export async function changePassword(oldPassword: string, newPassword: string): Promise<void> {
  await renewIfDue()
  const body = await httpRequest('/api/auth/password', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders() },
    body: JSON.stringify({ oldPassword, newPassword }),
  })
  unwrapAuth(body)
}

/** H5: sets a new password with the one-time code an admin or the grid worker gave (no session needed). */
export async function resetPassword(phone: string, code: string, password: string): Promise<void> {
  const body = await httpRequest('/api/auth/reset', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, code, password }),
  })
  unwrapAuth(body)
}

function unwrapAuth(body: unknown): void {
  if (!isRecord(body)) throw new CloudError('INTERNAL', SERVER_MESSAGE)
  if (body.ok !== true) throw toError(body as Partial<Fail>)
}

function extensionOf(filePath: string): string {
  const m = /\.([a-z0-9]{1,5})(?:\?|$)/i.exec(filePath)
  return m ? m[1]!.toLowerCase() : 'jpg'
}

/**
 * Uploads a local file (a path from Taro.chooseImage / chooseMessageFile) into folder `dir`.
 * weapp: straight to cloud storage; h5: multipart POST to the gateway.
 */
export async function uploadFile(filePath: string, dir: string): Promise<UploadedFile> {
  if (IS_H5) {
    let blob: Blob
    try {
      blob = await (await fetch(filePath)).blob()
    } catch {
      throw new CloudError('FILE_NOT_FOUND', '没有读取到要上传的文件，请重新选择')
    }
    const form = new FormData()
    form.append('dir', dir)
    const type = blob.type || 'image/jpeg'
    form.append('file', blob, `upload.${type === 'application/pdf' ? 'pdf' : type.split('/')[1] || 'jpg'}`)
    const body = await httpRequest('/api/upload', { method: 'POST', headers: authHeaders(), body: form })
    return unwrap<UploadedFile>(body)
  }
  initCloud()
  const cloudPath = `${dir}/${Date.now()}-${Math.random().toString(36).slice(2, 8)}.${extensionOf(filePath)}`
  const fileID = await new Promise<string>((resolve, reject) => {
    Taro.cloud.uploadFile({
      cloudPath,
      filePath,
      success: (res) => resolve(res.fileID),
      fail: () => reject(new CloudError('NETWORK', '文件上传失败，请检查网络后重试')),
    })
  })
  let url = ''
  try {
    const res = await Taro.cloud.getTempFileURL({ fileList: [fileID] })
    url = res.fileList[0]?.tempFileURL ?? ''
  } catch {
    // the fileID alone is enough to save; the preview URL can be fetched later
  }
  return { fileID, url }
}

/** How long a temporary file URL is asked to work, and how long before that it is asked for again. */
const FILE_URL_SECONDS = 3600
const FILE_URL_MARGIN_MS = 5 * 60_000
const fileUrls = new Map<string, { url: string; until: number }>()

/**
 * Temporary URLs an <Image> can show for stored files (cloud:// fileIDs), by fileID. weapp asks WeChat
 * (Taro.cloud.getTempFileURL); H5 asks the gateway, which answers only for files this person may see (ones they
 * uploaded or a function showed them). A file without a URL (missing, or not theirs to see) is left out.
 * URLs are remembered until shortly before they expire.
 */
export async function tempFileUrls(fileIDs: string[]): Promise<Map<string, string>> {
  const now = Date.now()
  const out = new Map<string, string>()
  const wanted: string[] = []
  for (const id of new Set(fileIDs.filter((x) => x.startsWith('cloud://')))) {
    const known = fileUrls.get(id)
    if (known && known.until > now) out.set(id, known.url)
    else wanted.push(id)
  }
  for (let i = 0; i < wanted.length; i += 50) {
    const batch = wanted.slice(i, i + 50)
    let files: { fileID: string; tempFileURL: string; code?: string; status?: number }[]
    if (IS_H5) {
      const body = await httpRequest('/api/files/url', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeaders() },
        body: JSON.stringify({ fileIDs: batch }),
      })
      files = unwrap<{ files: typeof files }>(body).files
    } else {
      initCloud()
      try {
        // WeChat's URLs last longer than FILE_URL_SECONDS; the cache keeps to the shorter of the two.
        const res = await Taro.cloud.getTempFileURL({ fileList: batch })
        files = res.fileList
      } catch {
        throw new CloudError('NETWORK', NETWORK_MESSAGE)
      }
    }
    const until = Date.now() + FILE_URL_SECONDS * 1000 - FILE_URL_MARGIN_MS
    for (const f of files) {
      const ok = f.tempFileURL && (f.code === undefined || f.code === 'SUCCESS') && !f.status
      if (!ok) continue
      // CloudBase's URLs keep the path raw (Chinese folder names); the browser needs it encoded.
      const url = encodeURI(decodeURI(f.tempFileURL))
      fileUrls.set(f.fileID, { url, until })
      out.set(f.fileID, url)
    }
  }
  return out
}
