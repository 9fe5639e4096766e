import { readFileSync } from 'node:fs'
import path from 'node:path'
import { SignJWT, decodeJwt } from 'jose'
import { startServer } from '../../emulator/server'
import { DEMO, NEW_USER_PASSWORD, TestCloud } from '../helpers/cloud'

/**
 * Issue 9, hole 4 and "login that holds", hole 9 (paths) and hole 10 (tokens, names), against the real
 * gateway. The server trusts X-Forwarded-For from loopback here, so each test can be a different client.
 */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await TestCloud.start({ trustProxy: 'loopback' })
})
afterAll(() => cloud.stop())

let clientNo = 0
/** A fresh client address (what the trusted proxy says the client is). */
const newClient = () => `198.51.100.${++clientNo}`

async function post(pathname: string, body: unknown, opts: { client?: string; token?: string } = {}) {
  const res = await fetch(`${cloud.url}${pathname}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(opts.client ? { 'x-forwarded-for': opts.client } : {}),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    },
    body: JSON.stringify(body),
  })
  return {
    status: res.status,
    retryAfter: res.headers.get('retry-after'),
    body: (await res.json()) as {
      ok: boolean
      code?: string
      message?: string
      token?: string
      details?: unknown
    },
  }
}

const login = (phone: string, password: string, client = newClient()) =>
  post('/api/auth/login', { phone, password }, { client })
const register = (phone: string, password: string, name = '测试用户', client = newClient()) =>
  post('/api/auth/register', { phone, password, name }, { client })

describe('login that holds (issue 9, hole 4)', () => {
  it('200 guesses at once with the right one last: 0 successes, and the lock survives the burst', async () => {
    const phone = '13700000101'
    expect((await register(phone, 'Right2020x')).status).toBe(200)
    // Every guess from its own client, so only the per-phone rule is at work.
    const guesses = Array.from({ length: 200 }, (_, i) => (i === 199 ? 'Right2020x' : `Wrong${i}abc`))
    const replies = await Promise.all(guesses.map((p) => login(phone, p)))
    expect(replies.filter((r) => r.body.ok)).toHaveLength(0)
    expect(replies.filter((r) => r.body.code === 'LOGIN_FAILED')).toHaveLength(5)
    expect(replies.filter((r) => r.body.code === 'LOGIN_THROTTLED')).toHaveLength(195)
    const after = await login(phone, 'Right2020x')
    expect(after.status).toBe(429)
    expect(Number(after.retryAfter)).toBeGreaterThan(0)
    expect(after.body.message).toMatch(/锁定.*分钟/)
  })

  it('shows the attempts left on a failed login', async () => {
    const phone = '13700000102'
    await register(phone, 'Right2020x')
    const first = await login(phone, 'Wrong2020x')
    expect(first.body).toMatchObject({ code: 'LOGIN_FAILED', details: { attemptsLeft: 4 } })
    expect(first.body.message).toContain('还可以再试4次')
    for (let i = 0; i < 3; i++) await login(phone, 'Wrong2020x')
    expect((await login(phone, 'Wrong2020x')).body.message).toMatch(/已锁定/)
  })

  it('answers an unknown phone exactly like a wrong password', async () => {
    const phone = '13700000103'
    await register(phone, 'Right2020x')
    const wrong = await login(phone, 'Wrong2020x')
    const unknown = await login('13700000199', 'Wrong2020x')
    expect(unknown.status).toBe(wrong.status)
    expect(unknown.body).toEqual(wrong.body)
  })

  it('one client cannot lock every phone: after 20 failures it is throttled, the phones are not', async () => {
    const attacker = newClient()
    const phones = Array.from({ length: 21 }, (_, i) => `1370000${String(200 + i).padStart(4, '0')}`)
    for (const p of phones.slice(0, 20)) expect((await login(p, 'Wrong2020x', attacker)).status).toBe(401)
    const blocked = await login(phones[20]!, 'Wrong2020x', attacker)
    expect(blocked.status).toBe(429)
    expect(blocked.body.message).toMatch(/这台设备/)
    // The owner of the phone, from their own device, is not locked out.
    await register(phones[20]!, 'Right2020x')
    expect((await login(phones[20]!, 'Right2020x')).body.ok).toBe(true)
  })

  it('register never says PHONE_TAKEN: the owner is signed in, anyone else gets the failed-login answer', async () => {
    const phone = '13700000104'
    const first = await register(phone, 'Right2020x')
    expect(first.body.ok).toBe(true)
    const again = await register(phone, 'Right2020x')
    expect(again.status).toBe(200)
    expect(again.body.token).toBeTruthy()
    const other = await register(phone, 'Other2020x')
    expect(other.body.code).not.toBe('PHONE_TAKEN')
    const wrongLogin = await login('13700000105', 'Other2020x')
    expect(other.status).toBe(401)
    expect(other.body.code).toBe(wrongLogin.body.code)
  })

  it.each(['password1', 'Aa123456', 'qwer1234', 'abc12345'])('refuses the common password %s', async (pw) => {
    const r = await register('13700000106', pw)
    expect(r.status).toBe(400)
    expect(r.body).toMatchObject({ ok: false, code: 'WEAK_PASSWORD' })
    expect(r.body.message).toMatch(/常见/)
  })
})

describe('tokens (issue 9, hole 10)', () => {
  it('live at most 24 hours, renew with a fresh expiry, and stop at logout', async () => {
    const r = await register('13700000301', 'Right2020x')
    const token = r.body.token!
    const { exp, iat } = decodeJwt(token)
    expect(exp! - iat!).toBeLessThanOrEqual(24 * 3600)
    await new Promise((ok) => setTimeout(ok, 1100))
    const renewed = await post('/api/auth/refresh', {}, { token })
    expect(renewed.body.ok).toBe(true)
    expect(decodeJwt(renewed.body.token!).exp).toBeGreaterThan(exp!)
    expect((await post('/api/auth/logout', {}, { token: renewed.body.token })).body.ok).toBe(true)
    for (const t of [token, renewed.body.token!]) {
      const after = await cloud.call(t, 'account', { action: 'me' })
      expect(after.status).toBe(401)
      expect(after.body).toMatchObject({ ok: false, code: 'TOKEN_EXPIRED' })
    }
  })

  it('refuses a correctly signed token without exp', async () => {
    const r = await register('13700000302', 'Right2020x')
    const { sub, sid } = decodeJwt(r.body.token!)
    const secret = Buffer.from(readFileSync(path.join(cloud.dataDir, 'auth-secret'), 'utf8'), 'base64')
    const forever = await new SignJWT({ sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub!)
      .setIssuedAt()
      .sign(secret)
    const reply = await cloud.call(forever, 'account', { action: 'me' })
    expect(reply.status).toBe(401)
  })

  it('a role change or deactivation ends every session of the person', async () => {
    const admin = await cloud.login(DEMO.admin)
    const phone = '13700000303'
    const token = await cloud.newUser(phone, 'resident', '换岗人')
    const other = (await login(phone, NEW_USER_PASSWORD)).body.token!
    const { items } = await cloud.ok<{ items: { _id: string }[] }>(admin, 'admin', {
      action: 'accounts',
      search: phone,
    })
    await cloud.ok(admin, 'admin', { action: 'setRole', accountId: items[0]!._id, role: 'employee' })
    for (const t of [token, other]) {
      const r = await cloud.call(t, 'account', { action: 'me' })
      expect(r.status).toBe(401)
      expect((r.body as { message: string }).message).toMatch(/变更/)
    }
    const fresh = (await login(phone, NEW_USER_PASSWORD)).body.token!
    expect((await cloud.call(fresh, 'account', { action: 'me' })).status).toBe(200)
    await cloud.ok(admin, 'admin', { action: 'setDisabled', accountId: items[0]!._id, disabled: true })
    expect((await cloud.call(fresh, 'account', { action: 'me' })).body).toMatchObject({
      code: 'ACCOUNT_DISABLED',
    })
    await cloud.ok(admin, 'admin', { action: 'setDisabled', accountId: items[0]!._id, disabled: false })
    expect((await cloud.call(fresh, 'account', { action: 'me' })).body).toMatchObject({
      code: 'TOKEN_EXPIRED',
    })
  })
})

describe('display names refuse direction overrides, zero-width and line breaks (hole 10)', () => {
  const tricks = ['张\u202e三', '张\u200b三', '张\n三', '张\u2028三', '张\u2066三']
  it.each(tricks.map((t) => [JSON.stringify(t), t]))(
    'register, setup, profile and places refuse %s',
    async (_l, name) => {
      expect((await register('13700000401', 'Right2020x', name)).body.code).toBe('INVALID_INPUT')
      const token = await cloud.newUser(`137000004${String(10 + tricks.indexOf(name))}`)
      const profile = await cloud.call(token, 'account', { action: 'updateProfile', name })
      expect(profile.body).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
      expect((profile.body as { message: string }).message).toMatch(/特殊字符/)
      const admin = await cloud.login(DEMO.admin)
      expect(
        (await cloud.call(admin, 'admin', { action: 'createCommunity', name: `社区${name}` })).body,
      ).toMatchObject({
        code: 'INVALID_INPUT',
      })
    },
  )
})

describe('malformed percent-escapes in the path answer 400 (hole 9)', () => {
  it.each([
    ['POST', '/api/functions/%'],
    ['POST', '/api/functions/%E0%A4%A'],
    ['GET', '/%E0%A4%A'],
    ['GET', '/%'],
  ])('%s %s', async (method, p) => {
    const res = await fetch(`${cloud.url}${p}`, { method, body: method === 'POST' ? '{}' : undefined })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
  })
})

// Last: a second server in this process points the SDK's environment at itself (as any server does).
describe('lock state across a restart', () => {
  it('a restart forgets no lock (the counter lives in the auth database)', async () => {
    const server = await startServer({ port: 0, dataDir: path.join(cloud.dataDir, 'restart') })
    const at = (p: string, body: unknown) =>
      fetch(`${server.url}${p}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    await at('/api/auth/register', { phone: '13700000107', password: 'Right2020x', name: '重启' })
    for (let i = 0; i < 5; i++) await at('/api/auth/login', { phone: '13700000107', password: 'Wrong2020x' })
    await server.close()
    const again = await startServer({ port: 0, dataDir: path.join(cloud.dataDir, 'restart') })
    const r = await fetch(`${again.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '13700000107', password: 'Right2020x' }),
    })
    expect(r.status).toBe(429)
    await again.close()
  })
})
