/**
 * Controls that work for everyone (issue 12): pickers with a mouse and keys on a PC, toasts that never take a
 * tap, a temperature stepper that stays under the finger, drafts of long forms that survive a reload and
 * leaving that asks first, the small fixes, the desktop layouts of the home page, 邀请管理 and 筛查规则, and
 * the plate saved as a picture.
 *
 * The functions run in this process; the temperature test fixes their clock (cloudfunctions/_lib/clock.ts) to
 * a Shanghai morning so that a report slot is open whatever the time of the run.
 * Serves `dist/h5` (or E2E_STATIC_DIR); builds nothing itself.
 */
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { clock } from '../../cloudfunctions/_lib/clock'
import { idNumberCheckChar } from '../../shared/checksums'
import { e2eSession, quarantinedOnPhone, signIn } from './demo'
import {
  fillDeclarationFromWuhan,
  newDesktopPage,
  newPhonePage,
  onScreen,
  openRoute,
  tapButton,
  tapText,
  textOf,
  typeInto,
  waitForRoute,
  waitForSelectorText,
  waitForText,
  waitForTextGone,
  type PhonePage,
} from './helpers'
import { DEMO_SHOP, reopeningForm } from '../helpers/fixtures'

jest.setTimeout(120_000)

const ADMIN = '13800000001'
const ECONOMY_REVIEWER = '13800000011'
const OWNER = '13800000041'

const e2e = e2eSession('e2e-ux')
afterAll(() => {
  clock.now = () => Date.now()
})

/** A phone (or a PC window) signed in as `phone` before the app starts. */
async function openAs(phone: string, desktop = false): Promise<PhonePage> {
  const p = desktop ? await newDesktopPage(e2e.browser) : await newPhonePage(e2e.browser)
  e2e.opened.push(p)
  await signIn(p.context, await e2e.cloud.gateway.login(phone))
  return p
}

/** Console errors and failed requests, except chunk loads cut short by our own page.goto / reload. */
const real = (problems: string[]) => problems.filter((p) => !/ERR_ABORTED/.test(p))

const box = async (page: Page, selector: string) =>
  (await (await onScreen(page.locator(selector))).boundingBox())!

/** The box of `selector` once it has stopped moving (a popup slides in). */
async function settledBox(page: Page, selector: string) {
  let last = await box(page, selector)
  for (let i = 0; i < 50; i++) {
    await page.waitForTimeout(100)
    const next = await box(page, selector)
    if (next.x === last.x && next.y === last.y) return next
    last = next
  }
  throw new Error(`${selector} keeps moving`)
}

test('a desktop admin invites for the second community with the keyboard and mouse; the page uses the width', async () => {
  const { page, problems } = await openAs(ADMIN, true)
  await openRoute(page, e2e.cloud.url, '/pages/index/index', '办事服务')
  // The home page at a PC: a centred column, six entries to a row.
  const entries = page.locator('.home-wide .home-entry')
  await onScreen(entries.first())
  const tops = await entries.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)))
  expect(tops.filter((t) => t === tops[0]).length).toBe(Math.min(6, tops.length))

  await openRoute(page, e2e.cloud.url, '/pages/admin/invites', '生成邀请码')
  await tapText(page, /^网格员$/)
  await tapText(page, '所属社区')
  // A list box, not a wheel: the keyboard moves to the second community, Enter confirms.
  const list = await onScreen(page.locator('[data-testid="app-picker-list"]'))
  // The dialog focuses its list once it has opened (a frame after it shows): wait for that, then type.
  await page.waitForFunction(
    () => document.activeElement?.getAttribute('data-testid') === 'app-picker-list',
    null,
    {
      timeout: 5_000,
    },
  )
  await expect(list.evaluate((el) => el === document.activeElement)).resolves.toBe(true)
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await waitForText(page, '和平社区')
  // The mouse: a click on the second grid, then 确定.
  await tapText(page, '所属网格')
  const grids = await onScreen(page.locator('[data-testid="app-picker-list"]'))
  await grids.selectOption({ label: '和平第二网格' })
  await tapButton(page, '确定')
  await waitForText(page, '和平第二网格')
  await tapButton(page, '生成邀请码')
  const code = ((await textOf(page, '[data-testid="invite-code"]')) ?? '').replace(/\s/g, '')
  expect(code).toMatch(/^[A-Z0-9]{8}$/)

  // Stored for the second community and its second grid.
  const admin = await e2e.cloud.gateway.login(ADMIN)
  const { items } = await e2e.cloud.gateway.call<{ items: { code: string; scope: { gridId?: string } }[] }>(
    admin,
    'account',
    { action: 'listInvites' },
  )
  expect(items.find((i) => i.code === code)?.scope).toMatchObject({
    communityId: 'community-heping',
    gridId: 'grid-heping-2',
  })

  // Form (with the new code) on the left, the list beside it; the QR is a QR's size, not 720 px.
  const form = await box(page, '.invites__form')
  const listBox = await box(page, '.invites__list')
  expect(listBox.x).toBeGreaterThan(form.x + form.width - 1)
  expect(Math.abs(listBox.y - form.y)).toBeLessThan(40)
  expect((await box(page, '[data-testid="invite-qr"]')).width).toBeLessThanOrEqual(240)

  // 筛查规则: two columns side by side at a PC.
  await openRoute(page, e2e.cloud.url, '/pages/health/rules', '风险地区')
  const cols = page.locator('.rules--wide .rules__col')
  await onScreen(cols.first())
  const [a, b] = [(await cols.nth(0).boundingBox())!, (await cols.nth(1).boundingBox())!]
  expect(Math.abs(a.y - b.y)).toBeLessThan(2)
  expect(b.x).toBeGreaterThan(a.x + a.width - 1)
  expect(real(problems)).toEqual([])
})

test('a toast never takes a tap, and a refused reason shows in the dialog with 取消 free', async () => {
  // An application waiting for the economy reviewer.
  const owner = await e2e.cloud.gateway.login(OWNER)
  const { enterprise } = await e2e.cloud.gateway.call<{ enterprise: { _id: string } }>(owner, 'application', {
    action: 'registerEnterprise',
    ...DEMO_SHOP,
  })
  const { application } = await e2e.cloud.gateway.call<{ application: { _id: string } }>(
    owner,
    'application',
    {
      action: 'saveDraft',
      enterpriseId: enterprise._id,
      form: reopeningForm(),
    },
  )
  await e2e.cloud.gateway.call(owner, 'application', { action: 'submit', applicationId: application._id })

  const { page, problems } = await openAs(ECONOMY_REVIEWER)
  await openRoute(page, e2e.cloud.url, `/pages/application/review?id=${application._id}`, DEMO_SHOP.name)
  await tapButton(page, '不通过')
  await waitForText(page, '确认不通过')
  await tapButton(page, '确认不通过')
  // Why it did not go through: in the dialog, under the reason box — nothing laid over it.
  const error = await onScreen(page.locator('[data-testid="confirm-error"]'))
  await expect(error.textContent()).resolves.toContain('请写明原因')
  const reason = await box(page, '.app-confirm textarea')
  const err = (await error.boundingBox())!
  expect(err.y).toBeGreaterThanOrEqual(reason.y + reason.height - 1)
  // 取消 works at once.
  await tapButton(page, '取消')
  await waitForTextGone(page, '确认不通过')

  // A toast on screen lets the next tap through: the point under it reaches the page, not a layer.
  await page.evaluate(() => undefined)
  await tapButton(page, '不通过')
  await typeInto(await onScreen(page.locator('.app-confirm textarea')), '材料与营业执照不符')
  await tapButton(page, '确认不通过')
  await waitForText(page, '已作出不通过决定')
  const blocking = await page.evaluate(() =>
    [...document.querySelectorAll('.nut-toast, .nut-toast-overlay-default-taro, .nut-overlay')]
      .filter((el) => el.getBoundingClientRect().height > 0 && el.closest('.nut-toast'))
      .map((el) => getComputedStyle(el).pointerEvents),
  )
  expect(blocking.length).toBeGreaterThan(0)
  expect(blocking.every((p) => p === 'none')).toBe(true)
  expect(real(problems)).toEqual([])
})

test('the temperature buttons stay under the finger when the fever warning appears, and stop at 42.0', async () => {
  // 08:00 in Shanghai: the morning slot is open.
  clock.now = () => Date.parse('2026-03-02T08:00:00+08:00')
  const first17 = '42010619500101123'
  const p = await quarantinedOnPhone(e2e, {
    phone: '13712340001',
    name: '钱阿姨',
    idNumber: first17 + idNumberCheckChar(first17),
    building: '3',
    room: '1202',
    arrival: '2026-03-02',
  })
  const { page } = p
  await openRoute(page, e2e.cloud.url, '/pages/health/card', '居家隔离')
  await tapButton(page, '报备上午体温')
  await waitForSelectorText(page, '[data-testid="temp-value"]', /^36\.5/)
  const plus = await onScreen(page.locator('[data-testid="temp-plus"]'))
  const before = {
    plus: await settledBox(page, '[data-testid="temp-plus"]'),
    minus: await settledBox(page, '[data-testid="temp-minus"]'),
  }
  for (let i = 0; i < 8; i++) await plus.click()
  await waitForSelectorText(page, '[data-testid="temp-value"]', /^37\.3/)
  await waitForSelectorText(page, '[data-testid="temp-status"]', /发热标准/)
  expect((await plus.boundingBox())!.y).toBe(before.plus.y)
  expect((await box(page, '[data-testid="temp-minus"]')).y).toBe(before.minus.y)
  // One range: the stepper stops where the wheel does (42.0).
  for (let i = 0; i < 60; i++) await plus.click()
  await waitForSelectorText(page, '[data-testid="temp-value"]', /^42\.0/)
})

test('the application form keeps what was typed over a reload, and leaving asks first', async () => {
  // The enterprise's application was refused above: it may apply again, from 复工申请 → 新建申请.
  const { page, problems } = await openAs(OWNER)
  await openRoute(page, e2e.cloud.url, '/pages/application/list', '申请复工复产')
  await tapButton(page, '新建申请')
  await waitForRoute(page, '/pages/application/form')
  await waitForText(page, '应急预案与消毒方案')
  await typeInto(await onScreen(page.locator('textarea[placeholder^="如：发现发热人员"]')), '发热即隔离')
  await typeInto(await onScreen(page.locator('textarea[placeholder^="如：每日早晚"]')), '早晚消毒')
  await typeInto(await onScreen(page.locator('input[placeholder="安全员姓名"]')), '李安全')
  await typeInto(await onScreen(page.locator('input[placeholder="安全员手机号"]')), '13912345678')

  // A reload: the browser asks first (beforeunload); after it, everything typed is back.
  const asked: string[] = []
  page.once('dialog', (d) => {
    asked.push(d.type())
    void d.accept()
  })
  await page.reload()
  expect(asked).toEqual(['beforeunload'])
  await onScreen(page.locator('[data-testid="draft-note"]'))
  await expect(page.locator('textarea[placeholder^="如：发现发热人员"]').first().inputValue()).resolves.toBe(
    '发热即隔离',
  )
  await expect(page.locator('textarea[placeholder^="如：每日早晚"]').first().inputValue()).resolves.toBe(
    '早晚消毒',
  )
  await expect(page.locator('input[placeholder="安全员姓名"]').first().inputValue()).resolves.toBe('李安全')
  await expect(page.locator('input[placeholder="安全员手机号"]').first().inputValue()).resolves.toBe(
    '13912345678',
  )

  // Back inside the app: an in-app question; 继续填写 stays on the form.
  await page.evaluate(() => window.history.back())
  await waitForText(page, '还没有提交')
  await tapText(page, '继续填写')
  await waitForRoute(page, '/pages/application/form')
  expect(real(problems).filter((p) => !/beforeunload/.test(p))).toEqual([])
})

test('small fixes: the 五小门店 radio is round, "还有 N 项" follows typing, a disabled button has no grey box', async () => {
  const { page } = await openAs(OWNER)
  await openRoute(page, e2e.cloud.url, '/pages/application/enterprise-form', '基本信息')
  const icon = await onScreen(page.locator('.nut-radio-icon'))
  const r = (await icon.boundingBox())!
  expect(Math.abs(r.width - r.height)).toBeLessThan(1)

  await tapButton(page, '提交登记')
  const count = async () => Number(/还有 (\d+) 项/.exec(await textOf(page, '.form-footer, .form-error'))?.[1])
  await waitForText(page, /还有 \d+ 项/)
  const n = await count()
  await typeInto(await onScreen(page.locator('input[placeholder^="与营业执照一致"]')), DEMO_SHOP.name)
  await waitForText(page, `还有 ${n - 1} 项`)

  // A disabled "发起新需求" (not in quarantine): the words take the button's colours, no grey box of their own.
  const emp = await openAs('13800000051')
  await openRoute(emp.page, e2e.cloud.url, '/pages/errand/mine', '暂时不能发起跑腿代购')
  const words = await onScreen(emp.page.locator('.nut-button-disabled .nut-button-children'))
  await expect(words.evaluate((el) => getComputedStyle(el).backgroundColor)).resolves.toBe('rgba(0, 0, 0, 0)')
})

test('the plate can be saved as a picture on a phone: a PNG to long-press or download', async () => {
  const api = e2e.cloud.gateway
  const owner = await api.login(OWNER)
  const { enterprise } = await api.call<{ enterprise: { _id: string } }>(owner, 'application', {
    action: 'registerEnterprise',
    ...DEMO_SHOP,
    name: '和平面馆',
    creditCode: '91310000710935628W',
  })
  const { application: draft } = await api.call<{ application: { _id: string } }>(owner, 'application', {
    action: 'saveDraft',
    enterpriseId: enterprise._id,
    form: reopeningForm(),
  })
  const { application } = await api.call<{ application: { _id: string; round: number } }>(
    owner,
    'application',
    { action: 'submit', applicationId: draft._id },
  )
  for (const reviewer of ['13800000011', '13800000012', '13800000013'])
    await api.call(await api.login(reviewer), 'application', {
      action: 'review',
      applicationId: application._id,
      round: application.round,
      decision: 'approve',
    })
  const sign = (token: string, party: string, signerName: string) =>
    api.call(token, 'application', {
      action: 'commit',
      applicationId: application._id,
      party,
      signerName,
      agreed: true,
    })
  await sign(owner, 'enterprise', '孙丽')
  await sign(await api.login('13800000021'), 'community', '陈静')
  await sign(owner, 'person', '孙丽')

  const { page, problems } = await openAs(OWNER)
  await openRoute(page, e2e.cloud.url, `/pages/application/plate?id=${application._id}`, '和平面馆')
  await tapButton(page, '保存为图片')
  const sheet = await onScreen(page.locator('[data-testid="plate-image"]'))
  const size = await sheet
    .locator('img')
    .first()
    .evaluate(async (img: HTMLImageElement) => {
      await img.decode()
      return [img.naturalWidth, img.naturalHeight]
    })
  expect(size).toEqual([750, 1120])
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    (await onScreen(page.locator('[data-testid="plate-download"]'))).click(),
  ])
  expect(download.suggestedFilename()).toBe('复工公示牌-和平面馆.png')
  const file = await download.path()
  const png = readFileSync(file)
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
  // IHDR: width and height, big-endian, at bytes 16 and 20.
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([750, 1120])
  expect(real(problems)).toEqual([])
})

test('a report made offline waits on the phone as 待发送, goes out when the network is back, and is stored once', async () => {
  clock.now = () => Date.parse('2026-03-02T14:00:00+08:00')
  const first17 = '42010619480101123'
  const p = await quarantinedOnPhone(e2e, {
    phone: '13712340002',
    name: '孙大爷',
    idNumber: first17 + idNumberCheckChar(first17),
    building: '5',
    room: '301',
    arrival: '2026-03-02',
  })
  const { page, context } = p
  await openRoute(page, e2e.cloud.url, '/pages/health/card', '居家隔离')
  await context.setOffline(true)
  await tapButton(page, '报备下午体温')
  await waitForSelectorText(page, '[data-testid="temp-value"]', /^36\.5/)
  await tapButton(page, '提交 36.5℃')
  await waitForSelectorText(page, '[data-testid="queued"]', /待发送\s*下午体温 36\.5℃/)
  // The network comes back; the app starts again and sends what waits — once, however often it tries.
  await context.setOffline(false)
  await page.reload()
  await waitForSelectorText(page, '[data-testid="slot-afternoon"]', /已报备 36\.5℃/)
  await expect(page.locator('[data-testid="queued"]').count()).resolves.toBe(0)
  const { readings } = await e2e.cloud.gateway.call<{ readings: unknown[] }>(p.token, 'health', {
    action: 'myStatus',
  })
  expect(readings).toHaveLength(1)
})

test('an errand request made offline waits in the list as 待发送 and is stored once when the network is back', async () => {
  // 孙大爷 of the test above, in home quarantine.
  const token = await e2e.cloud.gateway.login('13712340002')
  const p = await newPhonePage(e2e.browser)
  e2e.opened.push(p)
  await signIn(p.context, token)
  const { page, context } = p
  await openRoute(page, e2e.cloud.url, '/pages/errand/mine', '没有进行中的需求')
  await tapButton(page, '＋ 发起新需求')
  await waitForRoute(page, '/pages/errand/new')
  await waitForText(page, '送达地址')
  // The network drops once the form has everything it asked for (a call still on its way when it drops would
  // fail, and the page rightly show that instead of the form).
  await waitForText(page, '米面粮油、蔬菜肉蛋')
  await page.waitForLoadState('networkidle')
  await context.setOffline(true)
  await tapText(page, '米面粮油、蔬菜肉蛋')
  await typeInto(await onScreen(page.locator('input[placeholder="物品名称，如 大米"]')), '大米')
  await tapText(page, '100元')
  await tapButton(page, '提交需求')
  await waitForRoute(page, '/pages/errand/mine')
  await waitForSelectorText(page, '[data-testid="queued"]', /待发送\s*生活物资：大米/)

  await context.setOffline(false)
  await page.reload()
  await onScreen(page.locator('[data-testid="errand-card-mine"]'))
  await expect(page.locator('[data-testid="queued"]').count()).resolves.toBe(0)
  const { total } = await e2e.cloud.gateway.call<{ total: number }>(token, 'errand', {
    action: 'mine',
    active: true,
  })
  expect(total).toBe(1)
})

test('a declaration made offline waits on the form as 待发送 and is sent when the network is back', async () => {
  clock.now = () => Date.parse('2026-03-02T09:00:00+08:00')
  const phone = '13712340003'
  const token = await e2e.cloud.gateway.newUser(phone, '冯小姐')
  const p = await newPhonePage(e2e.browser)
  e2e.opened.push(p)
  await signIn(p.context, token)
  const { page, context } = p
  await openRoute(page, e2e.cloud.url, '/pages/health/declare', '请如实填写')
  const first17 = '42010619900101122'
  await fillDeclarationFromWuhan(page, {
    idNumber: first17 + idNumberCheckChar(first17),
    phone,
    building: '9',
    room: '903',
  })
  await context.setOffline(true)
  await tapButton(page, '提交申报')
  await waitForSelectorText(page, '[data-testid="queued"]', /待发送\s*健康申报 · 冯小姐/)

  // The network comes back; the app starts again and sends it — once, however often it tries. The answers are
  // held in the order that once lost the send: the form's own reads overtake the queued declaration, which is
  // stored before the form has drawn. The form must still read after it, and say so.
  await context.setOffline(false)
  await page.route('**/api/functions/**', async (route) => {
    const action = (JSON.parse(route.request().postData() ?? '{}') as { action?: string }).action
    const wait = action === 'declare' ? 600 : action === 'scopes' ? 1500 : 0
    if (wait) await new Promise((r) => setTimeout(r, wait))
    await route.continue()
  })
  await page.reload()
  await waitForText(page, '请如实填写')
  await waitForText(page, '您正在居家隔离')
  await expect(page.locator('[data-testid="queued"]').count()).resolves.toBe(0)
  const status = await e2e.cloud.gateway.call<{ quarantine: { building: string; room: string } | null }>(
    token,
    'health',
    { action: 'myStatus' },
  )
  expect(status.quarantine).toMatchObject({ building: '9', room: '903' })
})
