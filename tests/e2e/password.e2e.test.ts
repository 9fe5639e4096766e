/**
 * Passwords in a real browser (issue 12 item 11): the attempts left after a wrong password, changing the password
 * in 我的, and setting a new one with a reset code an admin issued from 账号管理 or the person's grid worker
 * issued from their record. Needs `dist/h5`.
 */
import type { Page } from 'playwright-core'
import { DEMO_PASSWORD } from '../../emulator/seed'
import { shanghaiDate } from '../../shared/time'
import { idNumber } from '../helpers/fixtures'
import { declareQuarantined, e2eSession, signIn } from './demo'
import { fillField, tapButton, tapText, tapTab, waitForRoute, waitForText } from './helpers'

jest.setTimeout(120_000)

const e2e = e2eSession('e2e-password')
const ADMIN = '13800000001'

let n = 0
const uniquePhone = () => `136${String((Date.now() + ++n) % 1e8).padStart(8, '0')}`

/** On the login page: 忘记密码 → phone, code, new password → back to login, and in with the new password. */
async function resetWithCode(page: Page, phone: string, code: string, password: string) {
  await page.goto(`${e2e.cloud.url}/#/pages/login/index`)
  await tapText(page, '忘记密码？用重置码设置新密码')
  await waitForRoute(page, '/pages/account/reset')
  await fillField(page, '注册时的手机号', phone)
  await fillField(page, '管理员或网格员给您的8位重置码', code)
  await fillField(page, '至少8位，需包含字母和数字', password)
  await tapButton(page, '设置新密码')
  await waitForRoute(page, '/pages/login/index')
  await loginOnPage(page, phone, password)
  await waitForRoute(page, '/pages/index/index')
}

/** Confirms the dialog that issues a code and reads the code from the dialog that shows it. */
async function issuedCode(page: Page, name: string): Promise<string> {
  await waitForText(page, `为「${name}」生成重置码`)
  await tapButton(page, '生成')
  const shown = await waitForText(page, /^[A-Z2-9]{8}/)
  const code = (/[A-Z2-9]{8}/.exec((await shown.textContent()) ?? '') ?? [''])[0]
  expect(code).toMatch(/^[A-Z2-9]{8}$/)
  return code
}

async function loginOnPage(page: Page, phone: string, password: string) {
  await fillField(page, '手机号', phone)
  await fillField(page, '密码', password)
  await tapButton(page, '登录')
}

test('a wrong password says how many tries are left', async () => {
  const { page } = await e2e.phone()
  const phone = uniquePhone()
  await e2e.cloud.gateway.newUser(phone, '钱多多')
  await page.goto(`${e2e.cloud.url}/#/pages/login/index`)
  await waitForRoute(page, '/pages/login/index')
  await loginOnPage(page, phone, 'Cuowu12345')
  await waitForText(page, '手机号或密码不正确，还可以再试4次')
  await loginOnPage(page, phone, 'Cuowu12346')
  await waitForText(page, '还可以再试3次')
})

test('changing the password in 我的: the new one works, the old one no longer does', async () => {
  const { page, context } = await e2e.phone()
  const phone = uniquePhone()
  const token = await e2e.cloud.gateway.newUser(phone, '孙小美')
  await signIn(context, token)
  await page.goto(`${e2e.cloud.url}/`)
  await waitForText(page, '办事服务')
  await tapTab(page, '我的')
  await waitForRoute(page, '/pages/profile/index')
  await tapText(page, '修改密码')
  await waitForRoute(page, '/pages/account/password')
  await fillField(page, '请输入现在的密码', DEMO_PASSWORD)
  await fillField(page, '至少8位，需包含字母和数字', 'password1')
  await fillField(page, '再输入一次新密码', 'password1')
  await tapButton(page, '修改密码')
  await waitForText(page, '这个密码太常见')
  await fillField(page, '至少8位，需包含字母和数字', 'Xinmima2024')
  await fillField(page, '再输入一次新密码', 'Xinmima2024')
  await tapButton(page, '修改密码')
  await waitForText(page, '密码已修改')
  expect(await e2e.cloud.gateway.login(phone, 'Xinmima2024')).toBeTruthy()
  await expect(e2e.cloud.gateway.login(phone, DEMO_PASSWORD)).rejects.toThrow(/不正确/)
})

test('forgot the password: the admin issues a reset code in 账号管理, the person sets a new password with it', async () => {
  const phone = uniquePhone()
  await e2e.cloud.gateway.newUser(phone, '周忘记')
  // The admin, on the accounts page, finds the person and issues a code.
  const admin = await e2e.phone()
  await signIn(admin.context, await e2e.cloud.gateway.login(ADMIN))
  await admin.page.goto(`${e2e.cloud.url}/#/pages/manage/accounts`)
  await fillField(admin.page, '姓名或手机号开头', phone)
  await tapButton(admin.page, '查找')
  await waitForText(admin.page, '周忘记')
  await tapButton(admin.page, '重置密码')
  const code = await issuedCode(admin.page, '周忘记')
  const { page } = await e2e.phone()
  await resetWithCode(page, phone, code, 'Chongzhi2024')
})

test("forgot the password in quarantine: the grid worker issues a code from the person's record", async () => {
  const phone = uniquePhone()
  const { quarantineId } = await declareQuarantined(e2e, {
    phone,
    name: '郑隔离',
    idNumber: idNumber(731),
    building: '6',
    room: '302',
    arrival: shanghaiDate(Date.now()),
  })
  const worker = await e2e.phone()
  await signIn(worker.context, await e2e.cloud.gateway.login('13800000021'))
  await worker.page.goto(`${e2e.cloud.url}/#/pages/health/history?id=${quarantineId}`)
  await waitForText(worker.page, '郑隔离')
  await tapText(worker.page, '忘记登录密码？为TA生成重置码')
  const code = await issuedCode(worker.page, '郑隔离')
  const { page } = await e2e.phone()
  await resetWithCode(page, phone, code, 'Geli2024xx')
})
