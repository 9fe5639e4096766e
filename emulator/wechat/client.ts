import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import tcb from '@cloudbase/node-sdk'
import { SUBSCRIBE_TEMPLATES } from '../../config/subscribe'
import { MIME } from '../cloud/storage'
import type { CloudStorage } from '../cloud/types'
import { FunctionError, type FunctionHost } from '../functions/host'
import { BodyTooLarge, isLoopback, readBody, readJsonObject, sendJson } from '../http'
import { testPhoneFor, type WeChatStore } from './store'

/**
 * The simulated WeChat client entry: what the WeChat app and WeChat's servers do for a mini-program that calls
 * `wx.cloud.*`, for a person the caller names by openid. Functions run with WX_OPENID / WX_APPID in their
 * context exactly as CloudBase sets them for mini-program calls.
 *
 * Because whoever reaches it can be anybody, it exists only when the local cloud runs in simulator mode, only for
 * this machine (loopback, no proxy headers, no browser `Origin`), only with the token the local cloud generated at
 * start, and under its own prefix that the H5 gateway (`/api/*`) never forwards to.
 */
export const CLIENT_PREFIX = '/wechat-client/'

const MAX_JSON_BYTES = 1024 * 1024
/** wx.cloud.uploadFile has no small limit of its own; this keeps a runaway test from filling the disk. */
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024

const TEMPLATE_IDS = new Set<string>(Object.values(SUBSCRIBE_TEMPLATES).map((t) => t.id))

export interface ClientDeps {
  token: string
  appid: string
  store: WeChatStore
  host: FunctionHost
  storage: CloudStorage
  /** WECHAT_TEST_PHONES: the number each test openid has bound in WeChat. */
  testPhones: Record<string, string>
}

interface Caller {
  openid: string
  appid: string
}

function fail(res: ServerResponse, status: number, errCode: number, errMsg: string): void {
  sendJson(res, status, { errCode, errMsg })
}

/** Refuses anything that is not a test on this machine holding the token; answers the refusal itself. */
function admit(deps: ClientDeps, req: IncomingMessage, res: ServerResponse): Caller | undefined {
  const proxied = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'via'].some(
    (h) => req.headers[h] !== undefined,
  )
  if (!isLoopback(req) || proxied || req.headers.origin !== undefined) {
    fail(res, 403, -1, 'the WeChat client simulation only answers tests on this machine')
    return undefined
  }
  const given = Buffer.from(String(req.headers['x-wechat-simulator-token'] ?? ''))
  const expected = Buffer.from(deps.token)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    fail(res, 403, -1, 'missing or wrong x-wechat-simulator-token')
    return undefined
  }
  const openid = String(req.headers['x-wechat-openid'] ?? '')
  if (!/^[\w-]{6,64}$/.test(openid)) {
    fail(res, 400, -1, 'x-wechat-openid must name the simulated WeChat user')
    return undefined
  }
  const appid = String(req.headers['x-wechat-appid'] ?? '') || deps.appid
  return { openid, appid }
}

async function callFunction(deps: ClientDeps, caller: Caller, body: Record<string, unknown>) {
  const name = body.name
  if (typeof name !== 'string' || !deps.host.has(name)) {
    return {
      status: 200,
      body: {
        errCode: -501000,
        errMsg: `cloud.callFunction:fail Error: errCode: -501000 | errMsg: [ResourceNotFound.Function] FunctionName ${String(name)} could not be found.`,
      },
    }
  }
  const data = body.data === undefined ? {} : body.data
  try {
    const result = await deps.host.invoke(name, data, {
      kind: 'wx',
      openid: caller.openid,
      appid: caller.appid,
    })
    return { status: 200, body: { errMsg: 'cloud.callFunction:ok', result: result ?? null } }
  } catch (e) {
    const timeout = e instanceof FunctionError && e.code === 'FUNCTION_TIMEOUT'
    if (!timeout) console.error(`[wechat-client] ${name} threw`, e)
    return {
      status: 200,
      body: {
        errCode: timeout ? -504003 : -504002,
        errMsg: `cloud.callFunction:fail Error: errCode: ${timeout ? -504003 : -504002} functions execute fail | errMsg: ${e instanceof Error ? e.message : String(e)}`,
      },
    }
  }
}

async function getTempFileURL(body: Record<string, unknown>) {
  const list = body.fileList
  if (!Array.isArray(list) || list.length === 0 || list.length > 50)
    return {
      status: 200,
      body: { errCode: -1, errMsg: 'cloud.getTempFileURL:fail fileList must hold 1 to 50 fileIDs' },
    }
  // Through the same storage action node-sdk uses, so existence is checked the way CloudBase checks it.
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
  const ids = list.map((x) => (typeof x === 'string' ? x : ((x as { fileID?: string })?.fileID ?? '')))
  const { fileList } = await app.getTempFileURL({ fileList: ids })
  return {
    status: 200,
    body: {
      errMsg: 'cloud.getTempFileURL:ok',
      fileList: fileList.map((f) => ({
        fileID: f.fileID,
        tempFileURL: f.tempFileURL,
        maxAge: 86400,
        status: f.code === 'SUCCESS' ? 0 : -1,
        errMsg: f.code === 'SUCCESS' ? 'ok' : f.code,
      })),
    },
  }
}

function requestSubscribeMessage(deps: ClientDeps, caller: Caller, body: Record<string, unknown>) {
  const ids = body.tmplIds
  const answers = (body.answers ?? {}) as Record<string, unknown>
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 3 || !ids.every((x) => typeof x === 'string'))
    return {
      status: 200,
      body: { errCode: 20003, errMsg: 'requestSubscribeMessage:fail TmplIds length over limit' },
    }
  if (!ids.every((x) => TEMPLATE_IDS.has(x)))
    return {
      status: 200,
      body: {
        errCode: 20001,
        errMsg: 'requestSubscribeMessage:fail No template data return, verify the template id exist',
      },
    }
  const result: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' }
  for (const id of ids as string[]) {
    const answer = answers[id] === 'reject' ? 'reject' : 'accept'
    if (answer === 'accept') deps.store.grant(caller.appid, caller.openid, id)
    result[id] = answer
  }
  return { status: 200, body: result }
}

function phoneCode(deps: ClientDeps, caller: Caller, body: Record<string, unknown>) {
  const chosen = typeof body.phoneNumber === 'string' ? body.phoneNumber : ''
  if (chosen && !/^1\d{10}$/.test(chosen))
    return { status: 200, body: { errCode: -1, errMsg: 'getPhoneNumber:fail phoneNumber must be 11 digits' } }
  const phone = chosen || testPhoneFor(caller.openid, deps.testPhones)
  return {
    status: 200,
    body: {
      errMsg: 'getPhoneNumber:ok',
      code: deps.store.issuePhoneCode(caller.appid, caller.openid, phone),
    },
  }
}

async function uploadFile(deps: ClientDeps, req: IncomingMessage, url: URL) {
  const cloudPath = url.searchParams.get('cloudPath') ?? ''
  let data: Buffer
  try {
    data = await readBody(req, MAX_UPLOAD_BYTES)
  } catch (e) {
    if (e instanceof BodyTooLarge)
      return { status: 200, body: { errCode: -1, errMsg: 'cloud.uploadFile:fail file too large' } }
    throw e
  }
  if (data.length === 0)
    return { status: 200, body: { errCode: -1, errMsg: 'cloud.uploadFile:fail empty file' } }
  const type = MIME[path.extname(cloudPath).toLowerCase()] ?? 'application/octet-stream'
  try {
    const fileID = await deps.storage.put(cloudPath, data, type)
    return { status: 200, body: { errMsg: 'cloud.uploadFile:ok', fileID, statusCode: 204 } }
  } catch (e) {
    return {
      status: 200,
      body: { errCode: -1, errMsg: `cloud.uploadFile:fail ${e instanceof Error ? e.message : String(e)}` },
    }
  }
}

/** Answers `/wechat-client/*`; false for any other path. */
export async function handleClient(
  deps: ClientDeps,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  if (!url.pathname.startsWith(CLIENT_PREFIX)) return false
  const caller = admit(deps, req, res)
  if (!caller) return true
  if (req.method !== 'POST') {
    fail(res, 405, -1, 'use POST')
    return true
  }
  const route = url.pathname.slice(CLIENT_PREFIX.length)
  try {
    let answer: { status: number; body: unknown }
    if (route === 'uploadFile') answer = await uploadFile(deps, req, url)
    else {
      const body = await readJsonObject(req, MAX_JSON_BYTES)
      if (!body) {
        fail(res, 400, -1, 'the request body must be a JSON object')
        return true
      }
      if (route === 'callFunction') answer = await callFunction(deps, caller, body)
      else if (route === 'getTempFileURL') answer = await getTempFileURL(body)
      else if (route === 'requestSubscribeMessage') answer = requestSubscribeMessage(deps, caller, body)
      else if (route === 'phoneCode') answer = phoneCode(deps, caller, body)
      else answer = { status: 404, body: { errCode: -1, errMsg: `no such client call: ${route}` } }
    }
    sendJson(res, answer.status, answer.body)
  } catch (e) {
    if (e instanceof BodyTooLarge) fail(res, 413, -1, 'request too large')
    else {
      console.error('[wechat-client]', e)
      if (!res.headersSent) fail(res, 500, -1, 'internal error in the WeChat client simulation')
    }
  }
  return true
}
