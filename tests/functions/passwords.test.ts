import { DEMO, NEW_USER_PASSWORD, TestCloud } from '../helpers/cloud'

/** Issue 12 item 11: change password, reset by a one-time code without SMS, attempts left, admin unlock. */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await TestCloud.start()
})
afterAll(() => cloud.stop())

let n = 0
const phone = () => `1370000${String(7000 + ++n)}`
const login = (p: string, password: string) => cloud.post<never>('/api/auth/login', { phone: p, password })

async function accountIdOf(admin: string, p: string): Promise<string> {
  const { items } = await cloud.ok<{ items: { _id: string }[] }>(admin, 'admin', {
    action: 'accounts',
    search: p,
  })
  return items[0]!._id
}

describe('change password', () => {
  it('needs the old password, keeps the rules, and ends the other sessions but not this one', async () => {
    const p = phone()
    const here = await cloud.newUser(p)
    const elsewhere = await cloud.login(p, NEW_USER_PASSWORD)
    const change = (oldPassword: string, newPassword: string) =>
      cloud.post('/api/auth/password', { oldPassword, newPassword }, here)
    expect((await change('Wrong2020x', 'Fresh2021y')).body).toMatchObject({ code: 'LOGIN_FAILED' })
    expect((await change(NEW_USER_PASSWORD, 'password1')).body).toMatchObject({ code: 'WEAK_PASSWORD' })
    expect((await change(NEW_USER_PASSWORD, 'short1')).body).toMatchObject({ code: 'INVALID_INPUT' })
    expect((await change(NEW_USER_PASSWORD, 'Fresh2021y')).body).toMatchObject({ ok: true })
    expect((await cloud.call(here, 'account', { action: 'me' })).status).toBe(200)
    expect((await cloud.call(elsewhere, 'account', { action: 'me' })).body).toMatchObject({
      code: 'TOKEN_EXPIRED',
    })
    expect((await login(p, NEW_USER_PASSWORD)).status).toBe(401)
    expect((await login(p, 'Fresh2021y')).status).toBe(200)
  })
})

describe('reset by a one-time code', () => {
  it('an admin issues a code (audit-logged with who), the person sets a new password with it once', async () => {
    const admin = await cloud.login(DEMO.admin)
    const p = phone()
    const old = await cloud.newUser(p, 'resident', '忘密码')
    const id = await accountIdOf(admin, p)
    const { code } = await cloud.ok<{ code: string }>(admin, 'account', {
      action: 'issueResetCode',
      accountId: id,
    })
    expect(code).toMatch(/^[A-Z2-9]{8}$/)
    const log = await cloud.ok<{ items: { action: string; actorName: string; target: string }[] }>(
      admin,
      'admin',
      {
        action: 'auditLog',
        pageSize: 5,
      },
    )
    expect(log.items[0]).toMatchObject({
      action: 'password.resetCode',
      actorName: '张伟',
      target: `account:${id}`,
    })
    expect(JSON.stringify(log.items[0])).not.toContain(code)

    const reset = (c: string, password = 'Fresh2021y', ph = p) =>
      cloud.post('/api/auth/reset', { phone: ph, code: c, password })
    expect((await reset('ABCDEFGH')).body).toMatchObject({ code: 'RESET_CODE_INVALID' })
    expect((await reset(code, 'Fresh2021y', '13799990000')).body).toMatchObject({
      code: 'RESET_CODE_INVALID',
    })
    expect((await reset(code, 'password1')).body).toMatchObject({ code: 'WEAK_PASSWORD' })
    expect((await reset(code.toLowerCase())).body).toMatchObject({ ok: true })
    expect((await reset(code, 'Other2021z')).body).toMatchObject({ code: 'RESET_CODE_INVALID' })
    expect((await cloud.call(old, 'account', { action: 'me' })).body).toMatchObject({ code: 'TOKEN_EXPIRED' })
    expect((await login(p, 'Fresh2021y')).status).toBe(200)
  })

  it('a grid worker issues codes for people of their grid only; others may not issue at all', async () => {
    const admin = await cloud.login(DEMO.admin)
    const gridWorker = await cloud.login(DEMO.gridWorker)
    const butlerId = await accountIdOf(admin, DEMO.butler)
    expect(
      (await cloud.call(gridWorker, 'account', { action: 'issueResetCode', accountId: butlerId })).body,
    ).toMatchObject({
      ok: true,
    })
    const stranger = await accountIdOf(admin, DEMO.owner)
    expect(
      (await cloud.call(gridWorker, 'account', { action: 'issueResetCode', accountId: stranger })).body,
    ).toMatchObject({
      code: 'FORBIDDEN_SCOPE',
    })
    const resident = await cloud.login(DEMO.resident)
    expect(
      (await cloud.call(resident, 'account', { action: 'issueResetCode', accountId: butlerId })).body,
    ).toMatchObject({
      code: 'FORBIDDEN_ROLE',
    })
  })
})

describe('admin unlock', () => {
  it('lifts a lock at once (audit-logged); before it, the right password is refused', async () => {
    const admin = await cloud.login(DEMO.admin)
    const p = phone()
    await cloud.newUser(p)
    for (let i = 0; i < 5; i++) await login(p, 'Wrong2020x')
    expect((await login(p, NEW_USER_PASSWORD)).status).toBe(429)
    const id = await accountIdOf(admin, p)
    await cloud.ok(admin, 'account', { action: 'unlockLogin', accountId: id })
    expect((await login(p, NEW_USER_PASSWORD)).status).toBe(200)
    const log = await cloud.ok<{ items: { action: string }[] }>(admin, 'admin', {
      action: 'auditLog',
      pageSize: 1,
    })
    expect(log.items[0]).toMatchObject({ action: 'login.unlock' })
  })
})
