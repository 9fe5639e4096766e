/**
 * A WeChat user as the local cloud's simulator mode knows them: an openid (and appid) the test chooses, and the
 * calls the WeChat client makes for a mini-program on their behalf — `wx.cloud.callFunction`, `uploadFile`,
 * `getTempFileURL`, the phone-number button and `requestSubscribeMessage`. Function tests use it directly; the
 * headless mini-program (tests/weapp/runtime) routes `wx.cloud.*` through it.
 */
import type { RunningServer } from '../../emulator/server'

export interface WeChatIdentity {
  openid: string
  appid?: string
  /** The number this person has bound in WeChat (what the phone-number button proves); default: a test number. */
  phone?: string
}

export interface ClientAnswer {
  errMsg: string
  errCode?: number
  [key: string]: unknown
}

export class WeChatClient {
  constructor(
    private readonly server: Pick<RunningServer, 'url' | 'wechat'>,
    readonly identity: WeChatIdentity,
  ) {
    if (!server.wechat) throw new Error('the local cloud was not started in simulator mode (wechatSimulator)')
  }

  get openid(): string {
    return this.identity.openid
  }

  private headers(): Record<string, string> {
    return {
      'x-wechat-simulator-token': this.server.wechat!.token,
      'x-wechat-openid': this.identity.openid,
      ...(this.identity.appid ? { 'x-wechat-appid': this.identity.appid } : {}),
    }
  }

  async request(route: string, body: unknown): Promise<ClientAnswer> {
    const res = await fetch(`${this.server.url}/wechat-client/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.headers() },
      body: JSON.stringify(body),
    })
    return (await res.json()) as ClientAnswer
  }

  /** `wx.cloud.callFunction`: the whole answer (`result` on success, `errCode`/`errMsg` on failure). */
  callFunction(name: string, data: Record<string, unknown> = {}): Promise<ClientAnswer> {
    return this.request('callFunction', { name, data })
  }

  /** Calls a function and returns its `data`; fails the test unless the function answered ok. */
  async ok<T = unknown>(name: string, data: Record<string, unknown>): Promise<T> {
    const answer = await this.callFunction(name, data)
    const result = answer.result as { ok: boolean; data: T; code?: string; message?: string } | undefined
    if (!result?.ok) throw new Error(`${name}.${String(data.action)} failed: ${JSON.stringify(answer)}`)
    return result.data
  }

  /** The function's `{ok, data}` / `{ok:false, code, message}` answer. */
  async call<T = unknown>(name: string, data: Record<string, unknown>) {
    const answer = await this.callFunction(name, data)
    if (answer.errCode) throw new Error(`callFunction failed: ${answer.errMsg}`)
    return answer.result as { ok: true; data: T } | { ok: false; code: string; message: string }
  }

  async uploadFile(cloudPath: string, data: Buffer): Promise<ClientAnswer> {
    const res = await fetch(
      `${this.server.url}/wechat-client/uploadFile?cloudPath=${encodeURIComponent(cloudPath)}`,
      { method: 'POST', headers: this.headers(), body: data },
    )
    return (await res.json()) as ClientAnswer
  }

  getTempFileURL(fileList: string[]): Promise<ClientAnswer> {
    return this.request('getTempFileURL', { fileList })
  }

  /** The person taps 「允许」 (or 「取消」 for the ids in `reject`) on WeChat's subscribe dialog. */
  requestSubscribeMessage(tmplIds: string[], reject: string[] = []): Promise<ClientAnswer> {
    return this.request('requestSubscribeMessage', {
      tmplIds,
      answers: Object.fromEntries(reject.map((id) => [id, 'reject'])),
    })
  }

  /** The person taps the phone-number button and allows: the `code` the page receives. */
  async phoneCode(): Promise<string> {
    const answer = await this.request('phoneCode', { phoneNumber: this.identity.phone })
    if (typeof answer.code !== 'string') throw new Error(`phone code refused: ${answer.errMsg}`)
    return answer.code
  }
}
