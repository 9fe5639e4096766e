import { randomInt } from 'node:crypto'
import { SUBSCRIBE_TEMPLATES, kindOfTemplate } from '../../config/subscribe'
import { checkValue, fieldTypeOf, type OutboxRecord } from '../../shared/subscribe'
import type { ActionHandler } from '../cloud/database'
import { CloudError, invalidParam } from '../cloud/errors'
import type { WeChatStore } from './store'

/**
 * WeChat's open APIs as a function reaches them through node-sdk's `callWxOpenApi({apiName, requestData})`: on
 * the wire `{action: 'wx.api', apiName, requestData: '<JSON>'}` to the admin endpoint, answered with
 * `{data: {responseData: '<WeChat's JSON reply>'}}`. Both the cloud-call names (`subscribeMessage.send`) and the
 * HTTPS paths (`cgi-bin/message/subscribe/send`) are understood. Replies carry WeChat's errcodes.
 */

export type OutboxMessage = OutboxRecord

export interface OpenApiDeps {
  appid: string
  store: WeChatStore
  /** Records an accepted message; the send fails (and gives the authorisation back) if this fails. */
  record: (message: OutboxMessage) => Promise<void>
}

type Reply = Record<string, unknown>

const ok = (extra: Reply = {}): Reply => ({ errcode: 0, errmsg: 'ok', ...extra })
const err = (errcode: number, errmsg: string): Reply => ({ errcode, errmsg })

const TEMPLATES_BY_ID = new Map<string, { keys: Set<string>; title: string }>(
  Object.values(SUBSCRIBE_TEMPLATES).map((t) => [
    t.id,
    { keys: new Set(Object.values(t.fields) as string[]), title: t.title },
  ]),
)

const OPENID = /^[\w-]{6,64}$/

async function subscribeSend(deps: OpenApiDeps, body: Reply, now: number): Promise<Reply> {
  const { touser, template_id: templateId, page, data } = body
  if (typeof touser !== 'string' || !OPENID.test(touser)) return err(40003, 'invalid openid')
  if (typeof templateId !== 'string' || !TEMPLATES_BY_ID.has(templateId))
    return err(40037, 'invalid template_id')
  if (page !== undefined && (typeof page !== 'string' || page.startsWith('/') || page.length > 1024))
    return err(41030, 'invalid page')
  if (!data || typeof data !== 'object' || Array.isArray(data))
    return err(47003, 'argument invalid! data invalid')
  const template = TEMPLATES_BY_ID.get(templateId)!
  const values: Record<string, string> = {}
  for (const key of template.keys) {
    const entry = (data as Record<string, unknown>)[key] as { value?: unknown } | undefined
    const value = entry && typeof entry === 'object' ? entry.value : undefined
    if (typeof value !== 'string') return err(47003, `argument invalid! data.${key}.value is empty`)
    const reason = checkValue(fieldTypeOf(key)!, value)
    if (reason) return err(47003, `argument invalid! data.${key}.value invalid: ${reason}`)
    values[key] = value
  }
  for (const key of Object.keys(data)) {
    if (!template.keys.has(key))
      return err(47003, `argument invalid! data.${key} is not a keyword of the template`)
  }
  if (!deps.store.consume(deps.appid, touser, templateId)) return err(43101, 'user refuse to accept the msg')
  const msgid = `${now}${randomInt(1e6).toString().padStart(6, '0')}`
  try {
    await deps.record({
      _id: msgid,
      appid: deps.appid,
      touser,
      templateId,
      kind: kindOfTemplate(templateId) ?? '',
      title: template.title,
      page: typeof page === 'string' ? page : '',
      data: values,
      sentAt: now,
    })
  } catch (e) {
    deps.store.restore(deps.appid, touser, templateId)
    throw e
  }
  return ok({ msgid: Number(msgid) })
}

function getPhoneNumber(deps: OpenApiDeps, body: Reply, now: number): Reply {
  const code = body.code
  if (typeof code !== 'string' || code === '') return err(40029, 'invalid code')
  const found = deps.store.redeemPhoneCode(deps.appid, code, now)
  if (!found) return err(40029, 'invalid code')
  return ok({
    phone_info: {
      phoneNumber: found.phone,
      purePhoneNumber: found.phone,
      countryCode: '86',
      watermark: { timestamp: Math.floor(now / 1000), appid: deps.appid },
    },
  })
}

const APIS: Record<string, (deps: OpenApiDeps, body: Reply, now: number) => Reply | Promise<Reply>> = {
  'subscribeMessage.send': subscribeSend,
  'cgi-bin/message/subscribe/send': subscribeSend,
  'phonenumber.getPhoneNumber': getPhoneNumber,
  'wxa/business/getuserphonenumber': getPhoneNumber,
}

/** The `wx.api` action. `deps` is undefined when the local cloud runs without its WeChat simulation. */
export function openApiActions(deps: OpenApiDeps | undefined): Record<string, ActionHandler> {
  return {
    'wx.api': async (p, now) => {
      if (!deps) {
        throw new CloudError(
          'WX_API_UNAVAILABLE',
          'this local cloud is not bound to a WeChat mini-program: start it with WECHAT_SIMULATOR=on to simulate WeChat',
        )
      }
      const apiName = typeof p.apiName === 'string' ? p.apiName.replace(/^\//, '') : ''
      const api = Object.prototype.hasOwnProperty.call(APIS, apiName) ? APIS[apiName] : undefined
      if (!api) throw invalidParam(`WeChat open API "${apiName}" is not simulated by the local cloud`)
      let body: Reply = {}
      if (typeof p.requestData === 'string' && p.requestData !== '') {
        try {
          const parsed: unknown = JSON.parse(p.requestData)
          if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
            return reply(err(47001, 'data format error'))
          body = parsed as Reply
        } catch {
          return reply(err(47001, 'data format error'))
        }
      }
      return reply(await api(deps, body, now))
    },
  }
}

function reply(answer: Reply): Record<string, unknown> {
  return { data: { responseData: JSON.stringify(answer) } }
}
