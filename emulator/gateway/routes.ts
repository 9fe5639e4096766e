import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  changePasswordInput,
  loginInput,
  registerInput,
  resetPasswordInput,
} from '../../shared/schemas/account'
import { describeZodError } from '../../shared/validate'
import { BodyTooLarge, readJsonObject, sendFail, sendJson, statusFor } from '../http'
import type { AccountLink } from './accounts'
import { DUMMY_HASH, verifyPassword, type AuthStore, type AuthUser, type TokenCheck } from './auth'
import { clientAddress, type TrustProxy } from './client-address'
import { COMMON_PASSWORD_MESSAGE, isCommonPassword } from './passwords'
import { FunctionError, type CallerIdentity, type FunctionHost } from '../functions/host'
import type { Cloud } from '../cloud/types'
import { FILE_URL_TTL_SECONDS, fileUrls, type FileGrants } from './files'
import { upload, type UploadLedger } from './uploads'
import { dailyExportRoute } from './export'
import type { FunctionAdmission } from './admission'

export interface GatewayDeps {
  auth: AuthStore
  host: FunctionHost
  cloud: Cloud
  /** The stored files each web caller may see (files.ts). */
  files: FileGrants
  /** The app's accounts as the sign-in service sees them (accounts.ts). */
  accounts: AccountLink
  /** Per-user upload quota and retried uploads (uploads.ts). */
  uploads: UploadLedger
  /** Which peers' X-Forwarded-For is believed (TRUST_PROXY). */
  trustProxy: TrustProxy
  /** Answer each function call with the trips to the platform it took (`x-cloud-trips`): bench and tests only. */
  reportTrips?: boolean
  /** How many calls of each function run at once, the rest waiting their turn (admission.ts); unlimited when absent. */
  admission?: FunctionAdmission
}

type LiveSession = Extract<TokenCheck, { ok: true }>

/** Resolves the bearer token to a live session; `null` means the request was already answered with 401. */
export async function sessionOf(
  deps: GatewayDeps,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<LiveSession | null | undefined> {
  const header = req.headers.authorization
  if (!header) return undefined
  const m = /^Bearer\s+(\S+)$/i.exec(header)
  if (!m) {
    sendFail(res, 'UNAUTHENTICATED', '登录凭证格式不正确，请重新登录')
    return null
  }
  const check = await deps.auth.checkToken(m[1]!)
  if (!check.ok) {
    sendFail(res, check.code, check.message)
    return null
  }
  // A role change or deactivation bumps the account's session version: older tokens stop here.
  const account = await deps.accounts.state(check.uid)
  // Versions only grow, so a token refused here stays refused.
  if (account.sessionVersion !== check.sv || account.disabled) {
    if (account.disabled) sendFail(res, 'ACCOUNT_DISABLED')
    else sendFail(res, 'TOKEN_EXPIRED', '您的身份或账号状态已变更，请重新登录')
    return null
  }
  return check
}

/** The caller of a request; `null` means it was already answered with 401. */
export async function identityOf(
  deps: GatewayDeps,
  req: IncomingMessage,
  res: ServerResponse,
  required: boolean,
): Promise<CallerIdentity | null> {
  const session = await sessionOf(deps, req, res)
  if (session === null) return null
  if (session === undefined) {
    if (!required) return { kind: 'none' }
    sendFail(res, 'UNAUTHENTICATED')
    return null
  }
  return { kind: 'custom', uid: session.uid }
}

function publicUser(user: AuthUser & { passwordHash?: string }): AuthUser {
  return { uid: user.uid, phone: user.phone, name: user.name, createdAt: user.createdAt }
}

async function signIn(deps: GatewayDeps, res: ServerResponse, user: AuthUser): Promise<void> {
  await recordPhone(deps, user.uid, user.phone)
  const { sessionVersion } = await deps.accounts.state(user.uid)
  const token = await deps.auth.startSession(user.uid, sessionVersion)
  sendJson(res, 200, { ok: true, token, user: publicUser(user) })
}

function throttled(res: ServerResponse, retryMs: number, byClient: boolean): void {
  const minutes = Math.ceil(retryMs / 60_000)
  sendFail(
    res,
    'LOGIN_THROTTLED',
    byClient
      ? `这台设备尝试登录失败的次数过多，请${minutes}分钟后再试`
      : `密码错误次数过多，账号已锁定，请${minutes}分钟后再试，或请管理员、网格员解锁`,
    { 'retry-after': String(Math.ceil(retryMs / 1000)) },
  )
}

/**
 * Checks `password` for `phone` with the attempt counted first (throttle.ts). Unknown phones are counted and
 * answered exactly like wrong passwords, so neither the answer nor its timing tells who is registered.
 * Answers the refusal itself and returns undefined, or returns the user.
 */
async function checkPassword(
  deps: GatewayDeps,
  req: IncomingMessage,
  res: ServerResponse,
  phone: string,
  password: string,
): Promise<(AuthUser & { passwordHash: string }) | undefined> {
  const client = clientAddress(req, deps.trustProxy)
  let slot = deps.auth.throttle.reserve(phone, client)
  const found = deps.auth.findByPhone(phone)
  if (!slot.ok && !slot.client && found) {
    // An admin's unlock (account.unlockLogin) after the lock began lifts it.
    const { loginUnlockedAt } = await deps.accounts.state(found.uid)
    const lockedSince = Date.now() + deps.auth.throttle.lockedFor(phone) - deps.auth.throttle.limits.lockMs
    if (loginUnlockedAt > lockedSince && deps.auth.throttle.unlock(phone))
      slot = deps.auth.throttle.reserve(phone, client)
  }
  if (!slot.ok) {
    throttled(res, slot.retryMs, slot.client)
    return undefined
  }
  const valid = await verifyPassword(password, found ? found.passwordHash : DUMMY_HASH)
  if (!found || !valid) {
    deps.auth.throttle.failed(slot.keys)
    const left = deps.auth.throttle.attemptsLeft(phone)
    sendFail(
      res,
      'LOGIN_FAILED',
      left > 0
        ? `手机号或密码不正确，还可以再试${left}次`
        : `手机号或密码不正确。错误次数过多，账号已锁定${Math.ceil(deps.auth.throttle.limits.lockMs / 60_000)}分钟`,
      undefined,
      { attemptsLeft: left },
    )
    return undefined
  }
  deps.auth.throttle.succeeded(slot.keys)
  return found
}

/**
 * Registration does not tell whether a phone is registered any more than login does: a phone that is new gets
 * its account; a phone that is registered is treated as a sign-in — with its own password the person is signed
 * in (a retried or repeated registration just works), with any other the answer is the failed-login answer,
 * counted against the phone and the client like a wrong guess. Probing phones through registration therefore
 * costs what guessing passwords costs, and is throttled the same way.
 */
async function register(deps: GatewayDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJsonObject(req)
  if (!body) return sendFail(res, 'BAD_REQUEST')
  const parsed = registerInput.safeParse(body)
  if (!parsed.success) return sendFail(res, 'INVALID_INPUT', describeZodError(parsed.error))
  const { phone, password, name } = parsed.data
  if (!deps.auth.findByPhone(phone)) {
    if (isCommonPassword(password)) return sendFail(res, 'WEAK_PASSWORD', COMMON_PASSWORD_MESSAGE)
    const user = await deps.auth.register(phone, password, name)
    if (user) return signIn(deps, res, user)
  }
  const user = await checkPassword(deps, req, res, phone, password)
  if (user) await signIn(deps, res, user)
}

async function login(deps: GatewayDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJsonObject(req)
  if (!body) return sendFail(res, 'BAD_REQUEST')
  const parsed = loginInput.safeParse(body)
  if (!parsed.success) return sendFail(res, 'INVALID_INPUT', describeZodError(parsed.error))
  const user = await checkPassword(deps, req, res, parsed.data.phone, parsed.data.password)
  if (user) await signIn(deps, res, user)
}

/** A fresh token for a live session (the client renews well before the day is over). */
async function refresh(deps: GatewayDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const session = await sessionOf(deps, req, res)
  if (session === null) return
  if (!session) return sendFail(res, 'UNAUTHENTICATED')
  const user = deps.auth.findByUid(session.uid)
  if (!user) return sendFail(res, 'UNAUTHENTICATED')
  sendJson(res, 200, { ok: true, token: await deps.auth.renew(session), user: publicUser(user) })
}

/** Ends this session on the server: the token stops working everywhere at once. */
async function logout(deps: GatewayDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const header = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')
  const check = header ? await deps.auth.checkToken(header[1]!) : undefined
  if (check?.ok) deps.auth.revoke(check.sid)
  sendJson(res, 200, { ok: true })
}

/** Old password + new one (same rules): every other session of the person ends. */
async function changePassword(deps: GatewayDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const session = await sessionOf(deps, req, res)
  if (session === null) return
  if (!session) return sendFail(res, 'UNAUTHENTICATED')
  const body = await readJsonObject(req)
  if (!body) return sendFail(res, 'BAD_REQUEST')
  const parsed = changePasswordInput.safeParse(body)
  if (!parsed.success) return sendFail(res, 'INVALID_INPUT', describeZodError(parsed.error))
  const me = deps.auth.findByUid(session.uid)
  if (!me) return sendFail(res, 'UNAUTHENTICATED')
  if (isCommonPassword(parsed.data.newPassword))
    return sendFail(res, 'WEAK_PASSWORD', COMMON_PASSWORD_MESSAGE)
  // The old password is a guess like any other: counted and locked the same way.
  const user = await checkPassword(deps, req, res, me.phone, parsed.data.oldPassword)
  if (!user) return
  await deps.auth.setPassword(user.uid, parsed.data.newPassword, session.sid)
  sendJson(res, 200, { ok: true })
}

/**
 * Phone + one-time reset code + new password, without a session: the code was issued by an admin or the
 * person's grid worker (account.issueResetCode, audit-logged). Wrong codes are counted like wrong passwords,
 * and an unknown phone is answered like a wrong code. Success ends every session and lifts the phone's lock.
 */
async function resetPassword(deps: GatewayDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJsonObject(req)
  if (!body) return sendFail(res, 'BAD_REQUEST')
  const parsed = resetPasswordInput.safeParse(body)
  if (!parsed.success) return sendFail(res, 'INVALID_INPUT', describeZodError(parsed.error))
  const { phone, code, password } = parsed.data
  if (isCommonPassword(password)) return sendFail(res, 'WEAK_PASSWORD', COMMON_PASSWORD_MESSAGE)
  const client = clientAddress(req, deps.trustProxy)
  // Counted against the client only: a wrong code must not lock the owner out of the phone the code is for.
  const slot = deps.auth.throttle.reserve(`reset:${phone}`, client)
  if (!slot.ok) return throttled(res, slot.retryMs, true)
  const user = deps.auth.findByPhone(phone)
  const used = user ? await deps.accounts.useResetCode(user.uid, code, Date.now()) : false
  if (!user || !used) {
    deps.auth.throttle.failed(slot.keys)
    return sendFail(res, 'RESET_CODE_INVALID')
  }
  deps.auth.throttle.succeeded(slot.keys)
  await deps.auth.setPassword(user.uid, password)
  deps.auth.throttle.unlock(phone)
  sendJson(res, 200, { ok: true })
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
  let trips = 0
  try {
    // Only the invocation waits its turn: the caller's token and body are dealt with first, so a client slow to send
    // its body holds no place.
    const invoke = () => deps.host.invokeCounted(name, event, identity)
    ;({ result, trips } = await (deps.admission ? deps.admission.run(name, event.action, invoke) : invoke()))
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
  // The person deleted their account (account.deleteAccount, 我的数据): the web login goes with it, so no session
  // stays and the phone may be registered afresh.
  if (identity.kind === 'custom' && status === 200 && name === 'account' && event.action === 'deleteAccount')
    deps.auth.deleteUser(identity.uid)
  sendJson(res, status, result ?? null, deps.reportTrips ? { 'x-cloud-trips': String(trips) } : {})
}

async function tempFileUrls(deps: GatewayDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const identity = await identityOf(deps, req, res, true)
  if (!identity || identity.kind !== 'custom') return
  await fileUrls(deps.files, deps.cloud.storage, identity.uid, req, res)
}

/** `decodeURIComponent` that answers undefined for a malformed escape (`%`, `%E0%A4%A`) instead of throwing. */
export function decodePath(s: string): string | undefined {
  try {
    return decodeURIComponent(s)
  } catch {
    return undefined
  }
}

const POST_ROUTES: Record<
  string,
  (deps: GatewayDeps, req: IncomingMessage, res: ServerResponse) => Promise<void>
> = {
  '/api/auth/register': register,
  '/api/auth/login': login,
  '/api/auth/refresh': refresh,
  '/api/auth/logout': logout,
  '/api/auth/password': changePassword,
  '/api/auth/reset': resetPassword,
  '/api/files/url': tempFileUrls,
  '/api/upload': async (deps, req, res) => {
    const identity = await identityOf(deps, req, res, true)
    if (identity?.kind === 'custom')
      await upload(deps.cloud.storage, deps.uploads, deps.files, identity.uid, req, res, FILE_URL_TTL_SECONDS)
  },
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
    const route = POST_ROUTES[pathname]
    if (pathname === '/api/health' && req.method === 'GET') {
      sendJson(res, 200, { ok: true, data: { status: 'up', functions: deps.host.names(), time: Date.now() } })
    } else if (pathname === '/api/export/daily' && req.method === 'GET') {
      await dailyExportRoute(deps, req, res)
    } else if (pathname === '/api/bare' && req.method === 'GET') {
      // A route that does nothing: the baseline the benchmark divides by.
      sendJson(res, 200, { ok: true })
    } else if (req.method !== 'POST') {
      sendFail(res, 'BAD_REQUEST', '请使用 POST 请求')
    } else if (route) {
      await route(deps, req, res)
    } else if (pathname.startsWith('/api/functions/')) {
      const name = decodePath(pathname.slice('/api/functions/'.length))
      if (name === undefined) sendFail(res, 'BAD_REQUEST', '请求地址格式不正确')
      else await callFunction(deps, name, req, res)
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
