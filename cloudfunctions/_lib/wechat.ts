import { cloud } from './runtime'

/** WeChat's JSON answer to an open-API call: `errcode` 0 (or absent) on success. */
export interface WeChatReply {
  errcode?: number
  errmsg?: string
  [key: string]: unknown
}

/**
 * Calls a WeChat open API the way CloudBase functions do (node-sdk's callWxOpenApi, `wx.api` on the wire; no
 * access_token to manage). Returns WeChat's reply; a failure of the platform itself (the environment is not bound
 * to a mini-program, the network) comes back as errcode -1 with the reason, so callers can treat both alike.
 */
export async function callOpenApi(
  apiName: string,
  requestData: Record<string, unknown>,
): Promise<WeChatReply> {
  try {
    const res = (await cloud().callWxOpenApi({ apiName, requestData })) as {
      result?: unknown
      code?: string
      message?: string
    }
    if (res.code) return { errcode: -1, errmsg: `${res.code}: ${res.message ?? ''}` }
    const result = res.result
    if (result && typeof result === 'object') return result as WeChatReply
    return { errcode: -1, errmsg: `unexpected reply: ${String(result)}` }
  } catch (e) {
    const code = (e as { code?: unknown }).code
    return {
      errcode: -1,
      errmsg: `${String(code ?? '')} ${e instanceof Error ? e.message : String(e)}`.trim(),
    }
  }
}
