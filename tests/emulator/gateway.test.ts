import { DEMO, TestCloud } from '../helpers/cloud'

let cloud: TestCloud
beforeAll(async () => {
  cloud = await TestCloud.start()
})
afterAll(() => cloud.stop())

describe('gateway: bad requests get a 4xx {ok:false, code, message}, never a crash', () => {
  it('health answers and lists the functions', async () => {
    const res = await fetch(`${cloud.url}/api/health`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { ok: boolean; data: { functions: string[] } }
    expect(body.ok).toBe(true)
    expect(body.data.functions).toContain('account')
  })

  it.each([
    ['malformed JSON', '/api/functions/account', '{"action":', 400, 'BAD_REQUEST'],
    ['a JSON array', '/api/functions/account', '[1,2]', 400, 'BAD_REQUEST'],
    ['an unknown function', '/api/functions/nope', '{}', 404, 'UNKNOWN_FUNCTION'],
    ['a path-like function name', '/api/functions/..%2Faccount', '{}', 404, 'UNKNOWN_FUNCTION'],
    ['an unknown route', '/api/whatever', '{}', 404, 'NOT_FOUND'],
    ['login with wrong types', '/api/auth/login', '{"phone":13800000001,"password":1}', 400, 'INVALID_INPUT'],
    [
      'register with a bad phone',
      '/api/auth/register',
      '{"phone":"1","password":"abc12345","name":"张三"}',
      400,
      'INVALID_INPUT',
    ],
  ])('%s', async (_label, pathname, raw, status, code) => {
    const r = await cloud.post(pathname, null, undefined, raw)
    expect(r.status).toBe(status)
    expect(r.body).toMatchObject({ ok: false, code })
    expect((r.body as { message: string }).message).toMatch(/[\u4e00-\u9fa5]/)
  })

  it('an unknown action and wrong input types', async () => {
    const token = await cloud.login(DEMO.admin)
    const unknown = await cloud.call(token, 'account', { action: 'dropEverything' })
    expect(unknown.status).toBe(404)
    expect(unknown.body).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' })
    const noAction = await cloud.call(token, 'account', {})
    expect(noAction.body).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' })
    const wrongType = await cloud.call(token, 'account', { action: 'listInvites', page: 'one' })
    expect(wrongType.status).toBe(400)
    expect(wrongType.body).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })

  it('a missing, malformed, forged or unknown token', async () => {
    const noToken = await cloud.call(undefined, 'account', { action: 'me' })
    expect(noToken.status).toBe(401)
    const res = await fetch(`${cloud.url}/api/functions/account`, {
      method: 'POST',
      headers: { authorization: 'Basic abc' },
      body: '{"action":"me"}',
    })
    expect(res.status).toBe(401)
    const forged = await cloud.call('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZW1vLWFkbWluIn0.bad', 'account', {
      action: 'me',
    })
    expect(forged.status).toBe(401)
    expect(forged.body).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
  })

  it('someone else’s scope', async () => {
    const butler = await cloud.login(DEMO.butler)
    const r = await cloud.call(butler, 'account', {
      action: 'createInvite',
      role: 'butler',
      scope: { streetId: 'street-demo' },
    })
    expect(r.status).toBe(403)
    expect(r.body).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' })
  })

  it('GET on a POST route and an oversized body', async () => {
    const get = await fetch(`${cloud.url}/api/functions/account`)
    expect(get.status).toBe(400)
    const token = await cloud.login(DEMO.admin)
    const big = await cloud.post(
      '/api/functions/account',
      null,
      token,
      JSON.stringify({ action: 'me', pad: 'x'.repeat(2 * 1024 * 1024) }),
    )
    expect(big.status).toBe(413)
  })
})

describe('gateway: sign-in', () => {
  it('registers, signs the owner in again on a repeated registration, and logs in', async () => {
    const first = await cloud.post<never>('/api/auth/register', {
      phone: '13700000001',
      password: 'Good1234',
      name: '李四',
    })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ ok: true, user: { phone: '13700000001', name: '李四' } })
    const again = await cloud.post('/api/auth/register', {
      phone: '13700000001',
      password: 'Good1234',
      name: '李四',
    })
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ ok: true, user: { phone: '13700000001' } })
    const token = await cloud.login('13700000001', 'Good1234')
    expect(token.split('.')).toHaveLength(3)
  })

  it('locks a phone after five wrong passwords, even for the right one, and says when to retry', async () => {
    await cloud.post('/api/auth/register', { phone: '13700000002', password: 'Good1234', name: '王五' })
    for (let i = 0; i < 5; i++) {
      const r = await cloud.post('/api/auth/login', { phone: '13700000002', password: 'Wrong1234' })
      expect(r.body).toMatchObject({ ok: false, code: 'LOGIN_FAILED' })
    }
    const locked = await fetch(`${cloud.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '13700000002', password: 'Good1234' }),
    })
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await locked.json()).toMatchObject({ ok: false, code: 'LOGIN_THROTTLED' })
  })

  it('an unknown phone fails like a wrong password', async () => {
    const r = await cloud.post('/api/auth/login', { phone: '13799999999', password: 'Good1234' })
    expect(r.status).toBe(401)
    expect(r.body).toMatchObject({ ok: false, code: 'LOGIN_FAILED' })
  })
})

describe('gateway: uploads', () => {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  )

  const upload = (token: string | undefined, body: Blob, name = 'photo.png') =>
    cloud.upload(token, body, 'licences', name)

  it('stores a photo and serves it back through a temporary URL', async () => {
    const token = await cloud.login(DEMO.owner)
    const r = await upload(token, new Blob([png], { type: 'image/png' }))
    expect(r.status).toBe(200)
    expect(r.body.data!.fileID).toMatch(/^cloud:\/\/.+\/licences\/demo-owner\/.+\.png$/)
    const file = await fetch(r.body.data!.url)
    expect(file.status).toBe(200)
    expect(Buffer.from(await file.arrayBuffer()).equals(png)).toBe(true)
  })

  it('refuses anonymous uploads and files that are not pictures or PDFs', async () => {
    expect((await upload(undefined, new Blob([png], { type: 'image/png' }))).status).toBe(401)
    const token = await cloud.login(DEMO.owner)
    const exe = await upload(token, new Blob(['MZ'], { type: 'application/x-msdownload' }), 'x.exe')
    expect(exe.status).toBe(415)
    expect(exe.body).toMatchObject({ ok: false, code: 'UPLOAD_TYPE' })
  })
})
