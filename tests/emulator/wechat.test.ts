/**
 * The local cloud's WeChat simulation: the client entry (mini-program calls with an openid), its fences (off by
 * default, this machine only, never through the H5 gateway), and WeChat's open APIs as functions reach them
 * through node-sdk's callWxOpenApi — subscribe messages validated and counted like WeChat does, phone numbers.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { networkInterfaces } from 'node:os'
import os from 'node:os'
import path from 'node:path'
import tcb from '@cloudbase/node-sdk'
import { SUBSCRIBE_TEMPLATES } from '../../config/subscribe'
import { startServer, type RunningServer } from '../../emulator/server'
import { WeChatClient } from '../helpers/wechat'

const FIXTURES = path.join(__dirname, '../fixtures/functions')
const REMINDER = SUBSCRIBE_TEMPLATES.reportReminder

async function start(
  opts: Parameters<typeof startServer>[0],
): Promise<{ server: RunningServer; dir: string }> {
  return { server: await startServer(opts), dir: opts.dataDir }
}

describe('without simulator mode', () => {
  let server: RunningServer
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'reopen-wx-off-'))
    ;({ server } = await start({ port: 0, dataDir: dir, functionsDir: FIXTURES }))
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('has no client entry and no WeChat open APIs', async () => {
    expect(server.wechat).toBeUndefined()
    const res = await fetch(`${server.url}/wechat-client/callFunction`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wechat-openid': 'o_anyone_123' },
      body: JSON.stringify({ name: 'echo', data: {} }),
    })
    expect(res.status).toBe(404)
    const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
    await expect(
      app.callWxOpenApi({ apiName: 'subscribeMessage.send', requestData: { touser: 'o_anyone_123' } }),
    ).rejects.toMatchObject({ code: 'WX_API_UNAVAILABLE' })
  })
})

describe('in simulator mode', () => {
  let server: RunningServer
  let dir: string
  let alice: WeChatClient
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'reopen-wx-on-'))
    ;({ server } = await start({
      port: 0,
      host: '0.0.0.0',
      dataDir: dir,
      functionsDir: FIXTURES,
      wechatSimulator: { appid: 'wx-test-app', testPhones: { o_alice_0001: '13700000001' } },
    }))
    alice = new WeChatClient(
      { url: `http://127.0.0.1:${server.port}`, wechat: server.wechat },
      {
        openid: 'o_alice_0001',
      },
    )
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('runs a function with WX_OPENID and WX_APPID in its context, as CloudBase does for mini-program calls', async () => {
    const answer = await alice.callFunction('echo', { hello: 1 })
    expect(answer.errMsg).toBe('cloud.callFunction:ok')
    const { event, env } = answer.result as { event: unknown; env: Record<string, string> }
    expect(event).toEqual({ hello: 1 })
    expect(env).toMatchObject({ WX_OPENID: 'o_alice_0001', WX_APPID: 'wx-test-app', TCB_SOURCE: 'wx_client' })
    expect(env.TCB_CUSTOM_USER_ID).toBeUndefined()
    const other = new WeChatClient(server, { openid: 'o_bob_000002', appid: 'wx-other-app' })
    const b = (await other.callFunction('echo', {})).result as { env: Record<string, string> }
    expect(b.env).toMatchObject({ WX_OPENID: 'o_bob_000002', WX_APPID: 'wx-other-app' })
  })

  it('answers an unknown function and a throwing one the way wx.cloud.callFunction fails', async () => {
    expect(await alice.callFunction('nope', {})).toMatchObject({ errCode: -501000 })
    const crashed = await alice.callFunction('echo', { fail: 'boom' })
    expect(crashed.errCode).toBe(-504002)
    expect(crashed.errMsg).toMatch(/^cloud\.callFunction:fail .*boom/)
  })

  it('answers only this machine: not another address, not through a proxy, not a web page, not without the token', async () => {
    const post = (base: string, headers: Record<string, string>) =>
      fetch(`${base}/wechat-client/callFunction`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wechat-openid': 'o_alice_0001', ...headers },
        body: JSON.stringify({ name: 'echo', data: {} }),
      }).then((r) => r.status)
    const token = { 'x-wechat-simulator-token': server.wechat!.token }
    const local = `http://127.0.0.1:${server.port}`
    expect(await post(local, token)).toBe(200)
    expect(await post(local, {})).toBe(403)
    expect(await post(local, { 'x-wechat-simulator-token': 'x'.repeat(48) })).toBe(403)
    expect(await post(local, { ...token, 'x-forwarded-for': '203.0.113.9' })).toBe(403)
    expect(await post(local, { ...token, origin: 'https://evil.example' })).toBe(403)
    // The same server reached at this machine's network address, as another computer on the network would.
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)
    expect(lan).toBeDefined()
    expect(await post(`http://${lan!.address}:${server.port}`, token)).toBe(403)
  })

  it('can never be reached through the H5 gateway', async () => {
    const headers = {
      'content-type': 'application/json',
      'x-wechat-simulator-token': server.wechat!.token,
      'x-wechat-openid': 'o_alice_0001',
    }
    const viaGateway = await fetch(`${server.url}/api/functions/echo`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ openid: 'o_alice_0001' }),
    })
    const body = (await viaGateway.json()) as { env: Record<string, string> }
    expect(body.env.WX_OPENID).toBeUndefined()
    for (const p of [
      '/api/wechat-client/callFunction',
      '/api/functions/..%2F..%2Fwechat-client%2FcallFunction',
    ]) {
      const res = await fetch(`${server.url}${p}`, { method: 'POST', headers, body: '{"name":"echo"}' })
      expect(res.status).toBe(404)
    }
  })

  it('uploads a file for a wx caller and hands out a temporary URL that serves it', async () => {
    const bytes = Buffer.from('\x89PNG\r\n\x1a\nreceipt')
    const up = await alice.uploadFile('receipts/o_alice_0001/r1.png', bytes)
    expect(up.errMsg).toBe('cloud.uploadFile:ok')
    const fileID = up.fileID as string
    expect(fileID).toMatch(/^cloud:\/\/.+\/receipts\/o_alice_0001\/r1\.png$/)
    const urls = await alice.getTempFileURL([fileID, fileID.replace('r1.png', 'missing.png')])
    const [found, missing] = urls.fileList as { tempFileURL: string; status: number }[]
    expect(found!.status).toBe(0)
    const served = await fetch(found!.tempFileURL)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await served.arrayBuffer())).toEqual(bytes)
    expect(missing).toMatchObject({ status: -1, tempFileURL: '' })
  })

  describe('subscribeMessage.send through callWxOpenApi', () => {
    const app = () => tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
    const send = async (
      data: Record<string, string>,
      touser = 'o_alice_0001',
      templateId: string = REMINDER.id,
    ) => {
      const { result } = await app().callWxOpenApi({
        apiName: 'subscribeMessage.send',
        requestData: {
          touser,
          template_id: templateId,
          page: 'pages/health/card',
          data: Object.fromEntries(Object.entries(data).map(([k, value]) => [k, { value }])),
        },
      })
      return result as { errcode: number; errmsg: string; msgid?: number }
    }
    const outbox = async () =>
      (await app().database().collection('subscribe_outbox').where({ touser: 'o_alice_0001' }).get()).data
    const good = { thing1: '上午体温报备', time2: '2024年11月25日 12:00', thing3: '请在截止前报备' }

    it('refuses a person who never authorised (43101), then counts each 「允许」 and uses one per message', async () => {
      expect(await send(good)).toMatchObject({ errcode: 43101 })
      const tap = await alice.requestSubscribeMessage([REMINDER.id])
      expect(tap).toMatchObject({ errMsg: 'requestSubscribeMessage:ok', [REMINDER.id]: 'accept' })
      await alice.requestSubscribeMessage([REMINDER.id])
      expect(server.wechat!.remaining('o_alice_0001', REMINDER.id, 'wx-test-app')).toBe(2)

      const first = await send(good)
      expect(first).toMatchObject({ errcode: 0, errmsg: 'ok' })
      expect(await send(good)).toMatchObject({ errcode: 0 })
      expect(await send(good)).toMatchObject({ errcode: 43101 })
      const sent = await outbox()
      expect(sent).toHaveLength(2)
      expect(sent[0]).toMatchObject({
        templateId: REMINDER.id,
        kind: 'reportReminder',
        title: '体温报备提醒',
        page: 'pages/health/card',
        data: good,
      })
    })

    it('a 「取消」 grants nothing', async () => {
      await alice.requestSubscribeMessage(
        [SUBSCRIBE_TEMPLATES.errandStatus.id],
        [SUBSCRIBE_TEMPLATES.errandStatus.id],
      )
      expect(
        server.wechat!.remaining('o_alice_0001', SUBSCRIBE_TEMPLATES.errandStatus.id, 'wx-test-app'),
      ).toBe(0)
    })

    it.each([
      ['a 21-character thing', 47003, { ...good, thing1: '一二三四五六七八九十一二三四五六七八九十一' }],
      ['a missing keyword', 47003, { thing1: '上午体温报备', time2: '12:00' }],
      ['a keyword the template does not have', 47003, { ...good, thing9: '多余' }],
      ['a time that is not a time', 47003, { ...good, time2: '明天中午' }],
    ])('refuses %s with %d and keeps the authorisation', async (_label, errcode, data) => {
      await alice.requestSubscribeMessage([REMINDER.id])
      const before = server.wechat!.remaining('o_alice_0001', REMINDER.id, 'wx-test-app')
      const count = (await outbox()).length
      expect(await send(data)).toMatchObject({ errcode })
      expect(server.wechat!.remaining('o_alice_0001', REMINDER.id, 'wx-test-app')).toBe(before)
      expect(await outbox()).toHaveLength(count)
    })

    it('a 20-character thing is fine', async () => {
      await alice.requestSubscribeMessage([REMINDER.id])
      expect(await send({ ...good, thing3: '一二三四五六七八九十一二三四五六七八九十' })).toMatchObject({
        errcode: 0,
      })
    })

    it('refuses an unknown template (40037), a bad openid (40003) and a page path with a slash (41030)', async () => {
      expect(await send(good, 'o_alice_0001', 'tpl-nobody-made')).toMatchObject({ errcode: 40037 })
      expect(await send(good, '')).toMatchObject({ errcode: 40003 })
      const { result } = await app().callWxOpenApi({
        apiName: 'subscribeMessage.send',
        requestData: { touser: 'o_alice_0001', template_id: REMINDER.id, page: '/pages/x', data: {} },
      })
      expect(result).toMatchObject({ errcode: 41030 })
    })

    it('answers only callers holding the data directory’s key, like every /admin action', async () => {
      await alice.requestSubscribeMessage([REMINDER.id])
      const before = server.wechat!.remaining('o_alice_0001', REMINDER.id, 'wx-test-app')
      const count = (await outbox()).length
      const stranger = tcb.init({
        env: server.envId,
        secretId: server.cloud.credentials.secretId,
        secretKey: 'x'.repeat(32),
        serviceUrl: `${server.url}/admin`,
      })
      await expect(
        stranger.callWxOpenApi({
          apiName: 'subscribeMessage.send',
          requestData: {
            touser: 'o_alice_0001',
            template_id: REMINDER.id,
            page: 'pages/health/card',
            data: Object.fromEntries(Object.entries(good).map(([k, value]) => [k, { value }])),
          },
        }),
      ).rejects.toMatchObject({ code: 'SIGN_PARAM_INVALID' })
      expect(server.wechat!.remaining('o_alice_0001', REMINDER.id, 'wx-test-app')).toBe(before)
      expect(await outbox()).toHaveLength(count)
    })

    it('refuses an unknown template id at requestSubscribeMessage, as WeChat does', async () => {
      expect(await alice.requestSubscribeMessage(['tpl-nobody-made'])).toMatchObject({ errCode: 20001 })
    })
  })

  describe('phonenumber.getPhoneNumber', () => {
    const exchange = async (code: string) =>
      (
        await tcb
          .init({ env: tcb.SYMBOL_CURRENT_ENV })
          .callWxOpenApi({ apiName: 'phonenumber.getPhoneNumber', requestData: { code } })
      ).result as { errcode: number; phone_info?: { phoneNumber: string } }

    it('turns a code from the phone-number button into the number, once', async () => {
      const code = await alice.phoneCode()
      expect(await exchange(code)).toMatchObject({ errcode: 0, phone_info: { phoneNumber: '13700000001' } })
      expect(await exchange(code)).toMatchObject({ errcode: 40029 })
      expect(await exchange('made-up')).toMatchObject({ errcode: 40029 })
    })

    it('gives each test user a stable number of their own unless the test picks one', async () => {
      const bob = new WeChatClient(server, { openid: 'o_bob_000002' })
      const a = await exchange(await bob.phoneCode())
      const b = await exchange(await bob.phoneCode())
      expect(a.phone_info!.phoneNumber).toMatch(/^199\d{8}$/)
      expect(b.phone_info!.phoneNumber).toBe(a.phone_info!.phoneNumber)
      const chosen = new WeChatClient(server, { openid: 'o_bob_000002', phone: '13600000009' })
      expect((await exchange(await chosen.phoneCode())).phone_info!.phoneNumber).toBe('13600000009')
    })
  })
})
