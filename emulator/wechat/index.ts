import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import tcb from '@cloudbase/node-sdk'
import type { ActionHandler } from '../cloud/database'
import type { CloudStorage } from '../cloud/types'
import type { FunctionHost } from '../functions/host'
import { handleClient } from './client'
import { openApiActions, type OutboxMessage } from './openapi'
import { WeChatStore } from './store'

export { CLIENT_PREFIX } from './client'

/** The collection every message WeChat accepted is recorded in (declared in shared/collections.ts). */
export const OUTBOX = 'subscribe_outbox'

/** The appid of the simulated mini-program unless WECHAT_APPID names another. */
export const DEFAULT_APPID = 'wx-emulator'

export interface WeChatOptions {
  dataDir: string
  appid?: string
  /** WECHAT_TEST_PHONES: JSON `{"<openid>": "<phone>"}`, the number each test user has bound in WeChat. */
  testPhones?: Record<string, string>
}

/**
 * The local cloud's WeChat simulation (simulator mode only): the client entry tests reach the functions through
 * as a mini-program user, and WeChat's open APIs (subscribe messages, phone numbers) that functions call.
 */
export class WeChatSimulation {
  /** Every call to the client entry must carry it (header `x-wechat-simulator-token`). */
  readonly token = randomBytes(24).toString('hex')
  readonly appid: string
  private readonly store: WeChatStore
  private readonly testPhones: Record<string, string>
  private attached?: { host: FunctionHost; storage: CloudStorage }

  constructor(opts: WeChatOptions) {
    this.appid = opts.appid ?? DEFAULT_APPID
    this.store = new WeChatStore(opts.dataDir)
    this.testPhones = opts.testPhones ?? {}
  }

  /** The `wx.api` action for the admin endpoint. */
  actions(): Record<string, ActionHandler> {
    return openApiActions({
      appid: this.appid,
      store: this.store,
      record: async (message: OutboxMessage) => {
        const { _id, ...doc } = message
        await tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database().collection(OUTBOX).doc(_id).set(doc)
      },
    })
  }

  /** Gives the client entry the functions and storage it serves. */
  attach(host: FunctionHost, storage: CloudStorage): void {
    this.attached = { host, storage }
  }

  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (!this.attached) return Promise.resolve(false)
    return handleClient(
      {
        token: this.token,
        appid: this.appid,
        store: this.store,
        testPhones: this.testPhones,
        ...this.attached,
      },
      req,
      res,
      url,
    )
  }

  /** How many messages of `templateId` this person has authorised and not yet received. */
  remaining(openid: string, templateId: string, appid = this.appid): number {
    return this.store.remaining(appid, openid, templateId)
  }

  close(): void {
    this.store.close()
  }
}

/** `wx.api` when the local cloud is not bound to a mini-program: a clear refusal. */
export function noWeChatActions(): Record<string, ActionHandler> {
  return openApiActions(undefined)
}

/** WECHAT_TEST_PHONES parsed; a malformed value is a startup error, not a silent default. */
export function parseTestPhones(raw: string | undefined): Record<string, string> {
  if (!raw) return {}
  const parsed: unknown = JSON.parse(raw)
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error('WECHAT_TEST_PHONES must be a JSON object of openid → phone')
  for (const [openid, phone] of Object.entries(parsed)) {
    if (typeof phone !== 'string' || !/^1\d{10}$/.test(phone))
      throw new Error(`WECHAT_TEST_PHONES: ${openid} needs an 11-digit phone number`)
  }
  return parsed as Record<string, string>
}
