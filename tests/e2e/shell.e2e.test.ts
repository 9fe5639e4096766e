/**
 * The app shell in a real browser: the H5 build served by the emulator, driven by headless
 * chromium on a phone-sized screen. Needs `dist/h5` (`npm run build:h5`); builds nothing itself.
 */
import type { Page } from 'playwright-core'
import { e2eSession, TOKEN_KEY } from './demo'
import {
  fillField,
  newPhonePage,
  onScreen,
  tapButton,
  tapTab,
  waitForRoute,
  textOf,
  waitForText,
} from './helpers'

// A browser journey takes seconds, not milliseconds, whatever the project default is.
jest.setTimeout(120_000)

const e2e = e2eSession('e2e-shell')

function uniquePhone(): string {
  return `139${String(Date.now() % 1e8).padStart(8, '0')}`
}

async function readToken(page: Page): Promise<string | null> {
  return page.evaluate((key) => window.localStorage.getItem(key), TOKEN_KEY)
}

test('a new resident registers, sees their name and role at home, logs out and logs in again', async () => {
  const { page, context, problems } = await newPhonePage(e2e.browser)
  const phone = uniquePhone()
  const name = '王秀英'
  const password = 'Anquan2020'

  // No token: the app opens on the login page.
  await page.goto(`${e2e.cloud.url}/`)
  await waitForRoute(page, '/pages/login/index')
  await waitForText(page, '街道复工复产')
  // Demo accounts belong in the README, not on the login page.
  expect(await page.locator('body').innerText()).not.toMatch(/README|演示账号/)

  // Register tab; a mistyped phone is caught on the spot with the shared schema's message.
  await (await onScreen(page.getByText('注册', { exact: true }))).click()
  await waitForText(page, '我的身份')
  await fillField(page, '姓名', name)
  await fillField(page, '手机号', '1390000')
  await waitForText(page, '请填写11位手机号')
  await fillField(page, '手机号', phone)
  await fillField(page, '密码', password)
  await (await onScreen(page.getByText('居民', { exact: true }))).click()
  await tapButton(page, '注册并进入')

  // Home: their name, their role, their street.
  await waitForRoute(page, '/pages/index/index')
  await waitForText(page, '办事服务')
  expect(await textOf(page, '.home-header__name')).toBe(name)
  expect(await textOf(page, '.home-header__role')).toBe('居民')
  // A resident has no invitation to redeem: not among 办事服务; a new member of staff finds it under 我的.
  await onScreen(page.locator('.home-entry').filter({ hasText: '个人信息' }))
  expect(
    await page
      .locator('.home-entry')
      .filter({ hasText: /邀请码/ })
      .count(),
  ).toBe(0)
  expect(await readToken(page)).toBeTruthy()

  // Log out from 我的, through the confirmation dialog.
  await tapTab(page, '我的')
  await waitForRoute(page, '/pages/profile/index')
  await waitForText(page, phone.slice(0, 3) + '****' + phone.slice(7))
  await tapButton(page, '退出登录')
  await waitForText(page, '确定要退出当前账号吗')
  await tapButton(page, '退出')
  await waitForRoute(page, '/pages/login/index')
  expect(await readToken(page)).toBeNull()

  // And back in with the same phone and password.
  await fillField(page, '手机号', phone)
  await fillField(page, '密码', password)
  await tapButton(page, '登录')
  await waitForRoute(page, '/pages/index/index')
  await waitForText(page, '办事服务')
  expect(await textOf(page, '.home-header__name')).toBe(name)
  expect(await textOf(page, '.home-header__role')).toBe('居民')

  expect(problems.filter((p) => !/status of 401/.test(p))).toEqual([])
  await context.close()
})

test('a wrong password is refused with a message, and a token the server rejects leads back to login', async () => {
  const { page, context } = await newPhonePage(e2e.browser)
  const phone = uniquePhone()
  const res = await page.request.post(`${e2e.cloud.url}/api/auth/register`, {
    data: { phone, password: 'Zhengque123', name: '李国强' },
  })
  expect(res.ok()).toBe(true)

  await page.goto(`${e2e.cloud.url}/`)
  await waitForRoute(page, '/pages/login/index')
  await fillField(page, '手机号', phone)
  await fillField(page, '密码', 'Cuowu12345')
  await tapButton(page, '登录')
  await waitForText(page, '手机号或密码不正确')

  // Right password; the profile was never completed, so the setup page comes first.
  await fillField(page, '密码', 'Zhengque123')
  await tapButton(page, '登录')
  await waitForRoute(page, '/pages/setup/index')
  await waitForText(page, '欢迎使用复工通')

  // A token the server no longer accepts: cleared, and the person is sent to log in.
  await page.evaluate((key) => {
    const raw = window.localStorage.getItem(key)
    if (!raw) throw new Error('no token stored')
    window.localStorage.setItem(key, raw.replace(/"data":"[^"]+"/, '"data":"not.a.token"'))
  }, TOKEN_KEY)
  await page.goto(`${e2e.cloud.url}/#/pages/index/index`)
  await page.reload()
  await waitForRoute(page, '/pages/login/index')
  expect(await readToken(page)).toBeNull()
  await context.close()
})
