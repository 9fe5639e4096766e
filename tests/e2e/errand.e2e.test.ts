/**
 * 跑腿代购 in a real browser: a resident in home quarantine asks for groceries; two butlers of the grid see the
 * request, one claims it and the other is told it was taken; the butler buys (amount and receipt photo),
 * delivers (photo at the door, reimbursed by the street), and the resident confirms with the handoff code on
 * their own screen and rates the butler. Each person has their own browser context.
 *
 * Quarantine comes from `health.declare` with a risk-area origin through the API; the second butler is made
 * the real way (admin invitation, redeemed). Serves `dist/h5` (or E2E_STATIC_DIR); builds nothing itself.
 */
import type { Locator, Page } from 'playwright-core'
import { idNumberCheckChar } from '../../shared/checksums'
import { maskName } from '../../shared/errand'
import { e2eSession, signIn } from './demo'
import {
  onScreen,
  openRoute,
  tap,
  tapButton,
  tapText,
  waitForRoute,
  waitForText,
  textOf,
  typeInto,
  waitForSelectorText,
  waitForTextGone,
  type PhonePage,
} from './helpers'
import { backFromWuhan } from '../helpers/fixtures'
import { shanghaiDate } from '../../shared/time'

jest.setTimeout(120_000)

const BUTLER = '13800000031'
const ADMIN = '13800000001'
const RESIDENT_NAME = '林秀英'

// A 1×1 PNG: the receipt and the photo at the door.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

const e2e = e2eSession('e2e-errand')

/** A phone signed in as `token`. */
async function phoneFor(token: string): Promise<PhonePage> {
  const p = await e2e.phone()
  await signIn(p.context, token)
  return p
}

/** The on-screen card of the request (lists keep other pages' cards in the DOM). */
function card(page: Page, variant: string, errandId: string): Promise<Locator> {
  return onScreen(page.locator(`[data-testid="errand-card-${variant}"][data-id="${errandId}"]`))
}

/** Picks the photo in the open sheet: Taro.chooseImage opens the browser's file input. */
async function takePhoto(page: Page, testId: string, name: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser')
  await tap(await onScreen(page.locator(`[data-testid="${testId}"]`), 15_000, { withinHeight: true }))
  await (await chooser).setFiles({ name, mimeType: 'image/png', buffer: PNG })
  await onScreen(page.locator(`[data-testid="${testId}"] .e-photo__redo`), 15_000, { withinHeight: true })
}

test('a quarantined resident asks, one of two butlers claims, buys and delivers, the resident confirms with the code and rates', async () => {
  // --- setup through the API: a resident declared from 湖北省武汉市 is in home quarantine ---------------
  const residentPhone = `137${String(Date.now() % 1e8).padStart(8, '0')}`
  const resident = await e2e.cloud.gateway.newUser(residentPhone, RESIDENT_NAME)
  const first17 = `42010619800101${String(Date.now() % 1000).padStart(3, '0')}`
  const declared = await e2e.cloud.gateway.call<{ quarantine: { _id: string } | null }>(resident, 'health', {
    action: 'declare',
    name: RESIDENT_NAME,
    idNumber: first17 + idNumberCheckChar(first17),
    phone: residentPhone,
    communityId: 'community-xingfu',
    gridId: 'grid-xingfu-1',
    building: '3',
    room: '1201',
    ...backFromWuhan(shanghaiDate(Date.now())),
  })
  expect(declared.quarantine).not.toBeNull()

  // A second butler in the same grid, made the real way: an admin invitation, redeemed.
  const admin = await e2e.cloud.gateway.login(ADMIN)
  const { invite } = await e2e.cloud.gateway.call<{ invite: { code: string } }>(admin, 'account', {
    action: 'createInvite',
    role: 'butler',
    scope: { streetId: 'street-demo', communityId: 'community-xingfu', gridId: 'grid-xingfu-1' },
  })
  const secondPhone = `136${String(Date.now() % 1e8).padStart(8, '0')}`
  const second = await e2e.cloud.gateway.newUser(secondPhone, '钱小军')
  await e2e.cloud.gateway.call(second, 'account', { action: 'redeemInvite', code: invite.code })
  const butler = await e2e.cloud.gateway.login(BUTLER)
  e2e.mark('setup')

  // --- the resident asks, from the home page ------------------------------------------------------
  const res = (await phoneFor(resident)).page
  await openRoute(res, e2e.cloud.url, '/pages/index/index', '办事服务')
  await tapText(res, '跑腿代购')
  await waitForRoute(res, '/pages/errand/mine')
  await waitForText(res, '没有进行中的需求')
  await tapButton(res, '＋ 发起新需求')
  await waitForRoute(res, '/pages/errand/new')
  await waitForText(res, '送达地址')
  // The address is the quarantine record's, read-only.
  expect(await textOf(res, '[data-testid="errand-address"]')).toContain('3栋 1201')
  // Submitting without a category is refused with the shared schema's message.
  await tapButton(res, '提交需求')
  await waitForText(res, '请选择需求类别')
  await tapText(res, '米面粮油、蔬菜肉蛋')
  const rows = res.locator('[data-testid="item-row"]')
  await typeInto(rows.nth(0).locator('input[placeholder="物品名称，如 大米"]'), '大米')
  await typeInto(rows.nth(0).locator('input[placeholder="单位"]'), '袋')
  await tapText(res, '＋ 再加一样')
  await typeInto(rows.nth(1).locator('input[placeholder="物品名称，如 大米"]'), '鸡蛋')
  await tap(rows.nth(1).locator('[aria-label="增加"]'))
  await typeInto(rows.nth(1).locator('input[placeholder="备注，如 要小包装"]'), '普通鸡蛋即可')
  await tapText(res, '100元')
  await tapText(res, '上午 9–12点')
  await typeInto(await onScreen(res.locator('textarea')), '放门口鞋柜上')
  await tapButton(res, '提交需求')
  await waitForRoute(res, '/pages/errand/detail')
  await waitForText(res, '已通知社区管家，请耐心等待认领')
  const errandId = new URL(res.url().replace('#', '')).searchParams.get('id')!
  expect(errandId).toBeTruthy()
  expect(await textOf(res, '[data-testid="errand-items"]')).toMatch(/大米.*×1袋.*鸡蛋.*×2.*普通鸡蛋即可/)
  e2e.mark('resident asked')

  // --- two butlers see it; one claims, the other is told it is taken ------------------------------------
  const a = (await phoneFor(butler)).page
  const b = (await phoneFor(second)).page
  // Butler A learns of it from the home page's to-dos; B opens the queue.
  await Promise.all([
    openRoute(a, e2e.cloud.url, '/pages/index/index', '我的待办'),
    openRoute(b, e2e.cloud.url, '/pages/errand/queue', '待认领'),
  ])
  await tap(await onScreen(a.locator('[data-testid="todo"]').filter({ hasText: '跑腿待认领 1 单' })))
  await waitForRoute(a, '/pages/errand/queue')
  await waitForText(a, '待认领')
  for (const p of [a, b]) {
    const c = await card(p, 'queue', errandId)
    const text = ((await c.textContent()) ?? '').replace(/\s+/g, ' ')
    // Building only and a masked name: the room and the phone wait for the claim.
    expect(text).toContain('3栋')
    expect(text).toContain(maskName(RESIDENT_NAME))
    expect(text).not.toContain('1201')
    expect(text).not.toContain(residentPhone)
  }
  await tap((await card(a, 'queue', errandId)).locator('.e-claim'))
  await waitForText(a, '认领成功')
  // B's screen still shows the request: the claim is refused and B's list refreshes.
  await tap((await card(b, 'queue', errandId)).locator('.e-claim'))
  await waitForText(b, '已被其他管家认领')
  await waitForText(b, '暂无待认领的需求')
  e2e.mark('claimed')

  // The resident's request says whom to call: the butler who claimed it, and the grid's grid worker.
  await res.reload()
  await waitForRoute(res, '/pages/errand/detail')
  const contacts = await onScreen(res.locator('[data-testid="errand-contacts"]'))
  await expect(contacts.textContent()).resolves.toMatch(
    /赵磊.*13800000031.*社区管家.*陈静.*13800000021.*网格员/,
  )
  expect(await contacts.locator('[data-testid="contact-call"]').count()).toBe(2)

  // --- the butler works through the steps from "my tasks" ---------------------------------------------
  const task = await card(a, 'task', errandId)
  expect(((await task.textContent()) ?? '').replace(/\s+/g, ' ')).toContain('3栋 1201')
  await tap(task.locator('.e-next'))
  await waitForText(a, '已开始采购')
  const next = async (label: string) => {
    const btn = await onScreen(
      a.locator(`[data-testid="errand-card-task"][data-id="${errandId}"] .e-next`).filter({ hasText: label }),
    )
    await tap(btn)
  }
  await next('开始配送')
  await waitForText(a, '买好了，开始配送')
  await typeInto(
    await onScreen(a.locator('input[placeholder="如 86.50"]'), 15_000, { withinHeight: true }),
    '86.5',
  )
  // Without the receipt the step is refused, with the shared rule's words.
  await tapButton(a, '确认，开始配送')
  await waitForText(a, '请先填写：购物小票照片')
  await takePhoto(a, 'receipt-photo', 'receipt.png')
  await tapButton(a, '确认，开始配送')
  await waitForText(a, '已开始配送')
  e2e.mark('delivering')

  // The resident's screen updates by itself: the code is shown big while the butler is on the way.
  await waitForText(res, '管家送到时，请把这个号码读给管家核对', 25_000)
  const code = (await textOf(res, '[data-testid="handoff-code"] .e-code__digits')).replace(/\D/g, '')
  expect(code).toMatch(/^\d{4}$/)

  await next('已送达')
  await waitForText(a, '确认已送达')
  await takePhoto(a, 'dropoff-photo', 'door.png')
  // Left at the door: nobody pays the butler face to face, so only the community's reimbursement is offered.
  const settle = a.locator('.e-sheet .choice-card')
  await onScreen(settle.filter({ hasText: '社区报销' }), 15_000, { withinHeight: true })
  expect(await settle.filter({ hasText: '居民当面支付' }).count()).toBe(0)
  await tapText(a, '社区报销')
  await tapButton(a, '确认已送达')
  await waitForText(a, '已送达，请居民确认收货')
  // A wrong code typed by the butler is refused and counted.
  await next('核对交接码')
  const codeInput = await onScreen(a.locator('input[placeholder="输入交接码"]'), 15_000, {
    withinHeight: true,
  })
  await typeInto(codeInput, code === '0000' ? '1111' : '0000')
  await tapButton(a, '确认交接')
  await waitForText(a, '交接码不正确，还可以再试4次')
  await tap(await onScreen(a.locator('.e-sheet .nut-popup-title-right'), 5_000, { withinHeight: true }))
  await waitForTextGone(a, '确认交接')
  e2e.mark('delivered')

  // --- the resident confirms with the code on their own screen, and rates ------------------------------
  await waitForText(res, '请核对后确认收货', 25_000)
  // The butler's receipt and door photos show on the resident's screen as pictures, loaded through temporary
  // URLs the gateway hands out because the errand's answer showed them to this resident.
  await res.waitForFunction(
    () =>
      [...document.querySelectorAll('.e-photo-view__img img')].filter(
        (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
      ).length === 2,
    undefined,
    { timeout: 15_000 },
  )
  await tapButton(res, '确认收货')
  await waitForText(res, '请先核对物品和数量')
  await tap(await onScreen(res.locator('.nut-dialog-footer-ok'), 10_000, { withinHeight: true }))
  await waitForText(res, '已确认收货，感谢配合')
  await onScreen(res.locator('[data-testid="rate-card"]'))
  await tapButton(res, '提交评价')
  await waitForText(res, '请选择评分')
  await tap(await onScreen(res.locator('[data-testid="star-5"]')))
  await tapText(res, '送得很及时')
  await tapButton(res, '提交评价')
  await waitForText(res, '感谢您的评价')
  expect(await textOf(res, '[data-testid="rating"]')).toContain('送得很及时')
  e2e.mark('confirmed and rated')

  // --- a request not yet bought can be cancelled, after a confirmation ------------------------------------
  const { errand: extra } = await e2e.cloud.gateway.call<{ errand: { _id: string } }>(resident, 'errand', {
    action: 'create',
    category: 'medicine',
    items: [{ name: '布洛芬缓释胶囊', quantity: 1, unit: '盒' }],
    budgetFen: 3000,
    urgent: true,
  })
  await openRoute(
    res,
    e2e.cloud.url,
    `/pages/errand/detail?id=${extra._id}`,
    '已通知社区管家，请耐心等待认领',
  )
  await tapButton(res, '取消需求')
  await waitForText(res, '取消后管家不会再看到这个需求')
  await tap(await onScreen(res.locator('.nut-dialog-footer-ok'), 10_000, { withinHeight: true }))
  await waitForText(res, '需求已取消')
  await waitForTextGone(res, '管家开始采购后就不能取消了')
  e2e.mark('cancelled another')

  // --- the butler's record: one completed, rated 5; the advanced money waits in the ledger ------------
  await openRoute(a, e2e.cloud.url, '/pages/errand/queue', '待认领')
  await waitForSelectorText(a, '[data-testid="butler-stats"]', /1\s*已完成.*5\.0\s*平均评分/)
  await openRoute(a, e2e.cloud.url, '/pages/errand/ledger', '我的垫付')
  await waitForSelectorText(a, '[data-testid="ledger-totals"]', /¥86\.50\s*待结算（1笔）/)
  e2e.mark('stats and ledger')

  // No script errors on any of the three phones (refused calls answer 4xx, which the console also logs).
  const problems = e2e.opened.flatMap((p) => p.problems)
  if (process.env.E2E_TIMING) console.log(problems.join('\n'))
  expect(problems.filter((p) => p.startsWith('pageerror'))).toEqual([])
})
