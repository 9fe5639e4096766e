/**
 * Screenshots of the main pages on a 375×812 phone, into screenshots/.
 *
 *   BASE_URL=http://127.0.0.1:8787 npx tsx scripts/screenshots.ts
 *
 * Needs a running emulator serving the H5 build (`npx tsx emulator/main.ts` after
 * `taro build --type h5`) with the demo data seeded. It registers one throw-away user and creates
 * one invitation, so run it against a demo data directory, not a real one.
 *
 * The health pages (h*.png) need days of readings and a fixed clock: scripts/health-shots.ts runs its
 * own in-process emulator for them on the H5 build in E2E_STATIC_DIR (default dist/h5).
 * `SHOTS=health npx tsx scripts/screenshots.ts` takes only those, without a running emulator.
 * The reopening pages (a*.png) likewise: scripts/application-shots.ts, `SHOTS=application`.
 * The street console (s*.png: dashboard, lists, ledgers, administration, phone and desktop) likewise:
 * scripts/stats-shots.ts, `SHOTS=stats`.
 * The errand pages (e*.png: request form, the resident's code, the butler's queue and steps) likewise:
 * scripts/errand-shots.ts, `SHOTS=errand`.
 * 防疫物资 and 健康证 (p*.png) likewise: scripts/supplies-shots.ts, `SHOTS=supplies`.
 *
 * The pictures README shows are copied to docs/screenshots/ (committed) as they are taken; `SHOTS=readme`
 * takes only the four own-emulator sets they come from, without a running emulator.
 */
import { copyFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { applicationScreenshots } from './application-shots'
import { errandScreenshots } from './errand-shots'
import { healthScreenshots } from './health-shots'
import { statsScreenshots } from './stats-shots'
import { suppliesScreenshots } from './supplies-shots'
import { DEMO_PASSWORD } from '../emulator/seed'
import { Gateway, loginWithForm } from '../tests/e2e/demo'
import {
  fillField,
  launchBrowser,
  newPhonePage,
  onScreen,
  tap,
  tapButton,
  tapTab,
  tapText,
  visibleText,
  waitForRoute,
  waitForText,
  waitForTextGone,
} from '../tests/e2e/helpers'

const BASE_URL = (process.env.BASE_URL ?? 'http://127.0.0.1:8787').replace(/\/+$/, '')
const OUT = path.resolve(__dirname, '..', 'screenshots')
const README_DIR = path.resolve(__dirname, '..', 'docs', 'screenshots')

/** Shots README shows, by the name README gives them in docs/screenshots. */
const README_SHOTS: Record<string, string> = {
  'e00-home-resident': 'home',
  'a09-plate': 'plate',
  'h01-card': 'card',
  'h05-board': 'board',
  'e04-butler-queue': 'errand',
  's11-dashboard-desktop': 'dashboard-desktop',
  'h13-card-large': 'card-large',
  'h14-report-sheet-large': 'report-large',
  'e11-request-form-large': 'errand-form-large',
}

let lastPage: Page | undefined

async function shot(page: Page, name: string): Promise<void> {
  lastPage = page
  // Let the page-transition animation and web fonts settle before the picture.
  await page.evaluate(() => document.fonts?.ready)
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  )
  const file = path.join(OUT, `${name}.png`)
  await page.screenshot({ path: file })
  console.log(`  ${path.relative(process.cwd(), file)}`)
  const readme = README_SHOTS[name]
  if (readme) {
    mkdirSync(README_DIR, { recursive: true })
    copyFileSync(file, path.join(README_DIR, `${readme}.png`))
  }
}

async function login(page: Page, phone: string): Promise<void> {
  lastPage = page
  await loginWithForm(page, BASE_URL, phone)
}

/** The code on the "邀请码已生成" card (not one of the older codes in the list below it). */
async function createdCode(page: Page): Promise<string> {
  const code = ((await (await onScreen(page.locator('.invite-created__code'))).textContent()) ?? '').trim()
  if (!/^[A-Z2-9]{8}$/.test(code)) throw new Error(`unexpected invite code: ${code}`)
  return code
}

/** Registers and sets up a resident through the gateway (no UI), returning the phone number. */
async function newResident(name: string): Promise<string> {
  const phone = `137${String(Date.now() % 1e8).padStart(8, '0')}`
  await new Gateway(BASE_URL).newUser(phone, name)
  return phone
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true })
  const session = await launchBrowser()
  try {
    if (process.env.SHOTS === 'health') {
      await healthScreenshots(session.browser, shot)
      return
    }
    if (process.env.SHOTS === 'application') {
      await applicationScreenshots(session.browser, shot)
      return
    }
    if (process.env.SHOTS === 'stats') {
      await statsScreenshots(session.browser, shot)
      return
    }
    if (process.env.SHOTS === 'errand') {
      await errandScreenshots(session.browser, shot)
      return
    }
    if (process.env.SHOTS === 'supplies') {
      await suppliesScreenshots(session.browser, shot)
      return
    }
    if (process.env.SHOTS === 'readme') {
      await healthScreenshots(session.browser, shot)
      await applicationScreenshots(session.browser, shot)
      await statsScreenshots(session.browser, shot)
      await errandScreenshots(session.browser, shot)
      return
    }
    // --- signed out: login and register -----------------------------------------------------
    {
      const { page, context } = await newPhonePage(session.browser)
      await page.goto(`${BASE_URL}/`)
      await waitForText(page, '街道复工复产')
      await shot(page, '01-login')
      await tapText(page, '注册')
      await waitForText(page, '我的身份')
      await tapButton(page, '注册并进入')
      await waitForText(page, '请填写姓名')
      await fillField(page, '手机号', '1380000')
      await shot(page, '02-register-errors')
      await context.close()
    }

    // --- street admin: home, messages, invitations, profile ---------------------------------
    let inviteCode = ''
    let adminPage: Page | undefined
    {
      // Kept open (adminPage) to come back after the resident has used the code.
      const { page } = await newPhonePage(session.browser)
      await login(page, '13800000001')
      await waitForText(page, '街道管理员')
      await shot(page, '03-home-admin')

      await tapTab(page, '消息')
      await waitForRoute(page, '/pages/messages/index')
      await waitForText(page, /共 \d+ 条/)
      await shot(page, '04-messages')
      // Reading a message clears its dot and the count.
      await tapText(page, '欢迎使用复工通')
      await waitForText(page, '已全部读完')

      await tapTab(page, '首页')
      await tapText(page, '邀请管理')
      await waitForRoute(page, '/pages/admin/invites')
      await waitForText(page, '邀请记录')
      await tapText(page, '审核人员')
      await waitForText(page, '审核部门')
      await tapText(page, '安监中心')
      await shot(page, '05a-invite-reviewer')
      await tapText(page, '网格员')
      await tapText(page, '请选择 ›')
      await waitForText(page, '选择社区')
      await shot(page, '05-invite-pick-community')
      await tap(await onScreen(page.locator('.nut-picker-confirm-btn'), 15_000, { withinHeight: true }))
      await waitForTextGone(page, /^选择社区$/)
      await tapText(page, '请选择 ›')
      await waitForText(page, '选择网格')
      await tap(await onScreen(page.locator('.nut-picker-confirm-btn'), 15_000, { withinHeight: true }))
      await waitForTextGone(page, /^选择网格$/)
      await fillField(page, '如：幸福社区 王师傅', '截图用 李师傅')
      await shot(page, '06-invite-form')
      await tapButton(page, '生成邀请码')
      inviteCode = await createdCode(page)
      await shot(page, '07-invite-created')
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
      await waitForText(page, /共 \d+ 条/)
      await shot(page, '08-invite-list')
      await tap(await visibleText(page, '作废'))
      await waitForText(page, '此操作无法撤销')
      await shot(page, '09-revoke-confirm')
      await tapButton(page, '取消')
      await waitForTextGone(page, '此操作无法撤销')

      await page.goBack()
      await waitForRoute(page, '/pages/index/index')
      await tapTab(page, '我的')
      await waitForRoute(page, '/pages/profile/index')
      await waitForText(page, '退出登录')
      await shot(page, '10-profile')
      await tapText(page, '修改资料')
      await waitForRoute(page, '/pages/account/edit')
      await waitForText(page, '身份和辖区由街道管理员分配')
      await shot(page, '10b-profile-edit')
      await page.goBack()
      await waitForRoute(page, '/pages/profile/index')
      await tapButton(page, '退出登录')
      await waitForText(page, '确定要退出当前账号吗')
      await shot(page, '11-logout-confirm')
      await tapButton(page, '取消')
      adminPage = page
    }

    // --- a resident (fresh, so the demo resident keeps its role): home, redeem an invitation --
    {
      const { page, context } = await newPhonePage(session.browser)
      const phone = await newResident('吴秀兰')
      await login(page, phone)
      await shot(page, '12-home-resident')
      // A feature of a later release (health declaration and reports are open now).
      const soon = page.locator('.home-entry--soon .home-entry__text > :first-child')
      if (await soon.count()) {
        const title = ((await soon.first().textContent()) ?? '').trim()
        await tap(await visibleText(page, title))
        await waitForText(page, `${title}功能即将开放`)
        await shot(page, '13-coming-soon-toast')
      }
      // A new member of staff takes their post from 我的 (owners and residents see no 邀请码兑换 at home).
      await tapTab(page, '我的')
      await tapText(page, '工作人员领取岗位')
      await waitForRoute(page, '/pages/invite/redeem')
      const input = await onScreen(page.locator('.redeem-input input'))
      await input.click()
      await input.pressSequentially(inviteCode.toLowerCase(), { delay: 10 })
      await waitForText(page, '8 / 8')
      await shot(page, '14-redeem')
      await tapButton(page, '兑换')
      await waitForText(page, '确认兑换')
      await shot(page, '15-redeem-confirm')
      await tap(await onScreen(page.locator('.nut-dialog-footer-ok'), 15_000, { withinHeight: true }))
      await waitForText(page, '兑换成功')
      await shot(page, '16-redeem-done')
      await context.close()
    }

    // --- the admin again: the invitation shows who used it; revoke another one ---------------
    if (adminPage) {
      const page = adminPage
      lastPage = page
      await tapTab(page, '首页')
      await tapText(page, '邀请管理')
      await waitForRoute(page, '/pages/admin/invites')
      await waitForText(page, '邀请记录')
      await tap(await onScreen(page.locator('.chip').filter({ hasText: '街道管理员' })))
      await tapButton(page, '生成邀请码')
      const extra = await createdCode(page)
      // Pull-to-refresh equivalent: reopen the page so the list is read from the server.
      await page.goBack()
      await waitForRoute(page, '/pages/index/index')
      await tap(await onScreen(page.locator('.home-entry').filter({ hasText: '邀请管理' })))
      await waitForRoute(page, '/pages/admin/invites')
      await waitForText(page, /已使用 · /)
      const row = page.locator('.invite-row').filter({ hasText: extra })
      await tap(await onScreen(row.locator('.nut-button').filter({ hasText: '作废' })))
      await waitForText(page, '此操作无法撤销')
      await tap(await onScreen(page.locator('.nut-dialog-footer-ok'), 30_000, { withinHeight: true }))
      await onScreen(row.filter({ hasText: '已作废，不能再使用' }))
      await waitForTextGone(page, '此操作无法撤销')
      await page.locator('.nut-toast').first().waitFor({ state: 'detached', timeout: 10_000 })
      await (await waitForText(page, /已使用 · /)).scrollIntoViewIfNeeded()
      await shot(page, '20-invite-statuses')
      await page.context().close()
    }

    // --- states: the server unreachable, an empty inbox ------------------------------------
    {
      const { page, context } = await newPhonePage(session.browser)
      const phone = await newResident('郑桂芳')
      await login(page, phone)
      // Every call to `account` now answers nothing; reloading shows the error state with a retry.
      await page.route('**/api/functions/account', (route) => route.abort('connectionfailed'))
      await page.reload()
      await waitForText(page, '网络不太好，请稍后再试')
      await shot(page, '18-error-state')
      await page.unroute('**/api/functions/account')
      await tapButton(page, '重新加载')
      await waitForText(page, '办事服务')
      // An empty inbox, as a brand-new street would have.
      await page.route('**/api/functions/account', async (route) => {
        const body = route.request().postDataJSON() as { action?: string }
        if (body.action !== 'inbox') return route.continue()
        await route.fulfill({
          json: { ok: true, data: { items: [], total: 0, unread: 0, page: 1, pageSize: 15 } },
        })
      })
      await tapTab(page, '消息')
      await waitForText(page, '暂无消息')
      await shot(page, '19-messages-empty')
      await context.close()
    }

    // --- a new person: register with validation, then the setup page -----------------------
    {
      const { page, context } = await newPhonePage(session.browser)
      const phone = `139${String(Date.now()).slice(-8)}`
      const res = await page.request.post(`${BASE_URL}/api/auth/register`, {
        data: { phone, password: DEMO_PASSWORD, name: '周建国' },
      })
      if (!res.ok()) throw new Error(`register failed: ${res.status()} ${await res.text()}`)
      await page.goto(`${BASE_URL}/#/pages/login/index`)
      await waitForText(page, '街道复工复产')
      await fillField(page, '手机号', phone)
      await fillField(page, '密码', DEMO_PASSWORD)
      await tapButton(page, '登录')
      await waitForRoute(page, '/pages/setup/index')
      await waitForText(page, '欢迎使用复工通')
      await shot(page, '17-setup')
      await context.close()
    }

    // --- health: quarantine card, report sheet, board, declare form (own emulator, fixed clock) --
    await healthScreenshots(session.browser, shot)

    // --- reopening: enterprises, application form, review queue, plate, verify (own emulator) ---
    await applicationScreenshots(session.browser, shot)

    // --- street console: dashboard, lists, ledgers, administration, phone and desktop (own emulator) ---
    await statsScreenshots(session.browser, shot)

    // --- errands: request form, the resident's code, butler queue and steps, ledger (own emulator) ---
    await errandScreenshots(session.browser, shot)

    // --- 防疫物资 and 健康证: stock, hand-out, receipts, purchases, certificates (own emulator) ---
    await suppliesScreenshots(session.browser, shot)
  } catch (e) {
    // Keep a picture of where it stopped.
    if (lastPage) await lastPage.screenshot({ path: path.join(OUT, 'failure.png') }).catch(() => undefined)
    throw e
  } finally {
    await session.close()
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
