/**
 * Screening, home quarantine and temperature reports in a real browser: an employee declares an arrival
 * from a risk area, gets the quarantine card and reports; the butler watches the board, gets the fever
 * alert, and sees a missed slot after the hourly scan.
 *
 * The functions run in this process, so the test fixes their clock (cloudfunctions/_lib/clock.ts) to
 * Shanghai moments; the browser keeps its own clock, which the pages must not use for "today".
 * Serves `dist/h5` (or E2E_STATIC_DIR); builds nothing itself.
 */
import tcb from '@cloudbase/node-sdk'
import type { Page } from 'playwright-core'
import { clock } from '../../cloudfunctions/_lib/clock'
import { idNumberCheckChar } from '../../shared/checksums'
import { e2eSession, loginWithForm } from './demo'
import {
  confirmPicker,
  fillField,
  newPhonePage,
  onScreen,
  pickWith,
  tap,
  tapButton,
  tapTab,
  tapText,
  waitForRoute,
  waitForText,
  textOf,
  waitForSelectorText,
  waitForTextGone,
} from './helpers'
import { DEMO_SHOP, backFromWuhan } from '../helpers/fixtures'

jest.setTimeout(120_000)

const EMPLOYEE = '13800000051'
const BUTLER = '13800000031'
const OWNER = '13800000041'
const RESIDENT = '13800000061'

/** A Shanghai wall-clock moment. */
const at = (t: string) => Date.parse(`${t}+08:00`)
const ID_FIRST17 = '33010619850312051'
const ID_NUMBER = ID_FIRST17 + idNumberCheckChar(ID_FIRST17)

const e2e = e2eSession('e2e-health')
afterAll(() => {
  clock.now = () => Date.now()
})

/** Runs the hourly health scan as its timer trigger would at `time` (the SDK's callFunction). */
async function runScan(time: number): Promise<void> {
  const { result } = await tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).callFunction({
    name: 'healthScan',
    data: { Type: 'Timer', TriggerName: 'hourly', Time: new Date(time).toISOString() },
  })
  if (!(result as { ok: boolean }).ok) throw new Error(`healthScan failed: ${JSON.stringify(result)}`)
}

async function openBoard(page: Page): Promise<void> {
  await page.goto(`${e2e.cloud.url}/#/pages/health/board`)
  await page.reload()
  await waitForRoute(page, '/pages/health/board')
  await waitForText(page, '隔离人员')
}

test('an employee from a risk area is quarantined, reports twice a day; the butler sees reports, a fever and a missed slot', async () => {
  // Monday 2 March 2026, 08:00 in Shanghai: the morning slot is open.
  clock.now = () => at('2026-03-02T08:00:00')
  const owner = await e2e.cloud.gateway.login(OWNER)
  const { enterprise } = await e2e.cloud.gateway.call<{ enterprise: { joinCode: string } }>(
    owner,
    'application',
    { action: 'registerEnterprise', ...DEMO_SHOP },
  )

  // --- the employee scans the shop's poster: the declare form opens with the join code filled in ---
  const emp = await newPhonePage(e2e.browser)
  const page = emp.page
  await loginWithForm(page, e2e.cloud.url, EMPLOYEE)
  await page.goto(`${e2e.cloud.url}/#/pages/health/declare?code=${enterprise.joinCode}`)
  await waitForText(page, '请如实填写')
  expect(await page.locator('.app-input--code input').inputValue()).toBe(enterprise.joinCode)

  // A mistyped check digit is caught on the spot, with a message that says which digit.
  await fillField(page, '18位身份证号', ID_FIRST17 + (ID_NUMBER.endsWith('1') ? '2' : '1'))
  await waitForText(page, '最后一位（校验码）不对')
  await fillField(page, '18位身份证号', ID_NUMBER)
  await waitForTextGone(page, '最后一位（校验码）不对')
  await fillField(page, '方便社区联系您', EMPLOYEE)
  await tapText(page, '请选择社区')
  await confirmPicker(page)
  await tapText(page, '请选择网格')
  await confirmPicker(page)
  await fillField(page, '如 3', '3')
  await fillField(page, '如 501', '501')
  await pickWith(page, '[data-testid=\"pick-from\"]', ['湖北省', '武汉市'])
  await waitForText(page, '湖北省武汉市')
  await pickWith(page, '[data-testid=\"pick-date\"]')
  await waitForText(page, '2026年3月2日')
  await tapText(page, '没有接触')
  await tapButton(page, '提交申报')

  // Classified as a key person, with the reason in plain words, and on to the card.
  await waitForText(page, '您被列为重点人员')
  await waitForText(page, '14天内从风险地区（湖北省武汉市）返回')
  await waitForText(page, '到 3月16日 解除')
  await tapButton(page, '打开我的隔离卡')
  await waitForRoute(page, '/pages/health/card')
  await waitForSelectorText(page, '[data-testid="qcard-day"]', /居家隔离第 1 天 \/ 共 14 天/)
  await waitForText(page, '3月16日 解除隔离')
  expect(await textOf(page, '[data-testid="slot-morning"]')).toContain('待报备')
  expect(await textOf(page, '[data-testid="slot-afternoon"]')).toContain('未开始')

  // --- the morning report: 36.6 ℃ ---
  await tapButton(page, '报备上午体温')
  await waitForText(page, '体温（℃）')
  await tap(await onScreen(page.locator('[data-testid="temp-plus"]')))
  await waitForSelectorText(page, '[data-testid="temp-value"]', /^36\.6/)
  await tapButton(page, '提交 36.6℃')
  await waitForSelectorText(page, '[data-testid="slot-morning"]', /已报备 36\.6℃/)
  await waitForText(page, '上午已报备')

  // --- the butler's board shows it ---
  const bt = await newPhonePage(e2e.browser)
  const butler = bt.page
  await loginWithForm(butler, e2e.cloud.url, BUTLER)
  await tapText(butler, '管家工作台')
  await waitForRoute(butler, '/pages/health/board')
  await waitForText(butler, '幸福里第一网格')
  const row = () => onScreen(butler.locator('[data-testid="board-row"]').filter({ hasText: '周杰' }))
  await waitForSelectorText(butler, '[data-testid="board-date"]', /3月2日（今天）/)
  expect(await (await row()).locator('[data-testid="board-morning"]').textContent()).toContain('36.6℃')
  expect(await (await row()).locator('[data-testid="board-afternoon"]').textContent()).toContain('未开始')
  expect(await textOf(butler, '[data-testid="count-people"]')).toBe('1')
  expect(await textOf(butler, '[data-testid="count-reported"]')).toBe('1')

  // --- 13:00: the afternoon report is a fever, 38.2 ℃ ---
  clock.now = () => at('2026-03-02T13:00:00')
  await page.reload()
  await waitForSelectorText(page, '[data-testid="slot-afternoon"]', /待报备/)
  await tapButton(page, '报备下午体温')
  await waitForText(page, '体温（℃）')
  const plus = await onScreen(page.locator('[data-testid="temp-plus"]'))
  for (let i = 0; i < 17; i++) await plus.click()
  await waitForSelectorText(page, '[data-testid="temp-value"]', /^38\.2/)
  await waitForText(page, '体温达到 37.3℃ 发热标准')
  await tapButton(page, '提交 38.2℃')
  await waitForSelectorText(page, '[data-testid="slot-afternoon"]', /已报备 38\.2℃/)

  await openBoard(butler)
  await waitForSelectorText(butler, '[data-testid="count-fever"]', /^1$/)
  const afternoon = (await row()).locator('[data-testid="board-afternoon"]')
  expect(await afternoon.textContent()).toMatch(/38\.2℃\s*发热/)
  expect(await afternoon.locator('.bcell--danger').count()).toBe(1)

  // The fever alert is in the butler's inbox, and leads to the person's record.
  await butler.goto(`${e2e.cloud.url}/#/pages/index/index`)
  await waitForText(butler, '办事服务')
  await tapTab(butler, '消息')
  await waitForRoute(butler, '/pages/messages/index')
  await waitForText(butler, '发热提醒')
  await waitForText(butler, /周杰（3栋501）2026-03-02 下午报备体温 38\.2℃/)
  await tapText(butler, '发热提醒')
  await waitForRoute(butler, '/pages/health/history')
  await waitForSelectorText(butler, '[data-testid="person-card"]', /周杰/)
  await waitForText(butler, '代为录入体温')

  // --- next day, the morning passes without a report; the 12:00 scan marks it missed ---
  clock.now = () => at('2026-03-03T12:00:05')
  await runScan(at('2026-03-03T12:00:00'))
  await openBoard(butler)
  await waitForSelectorText(butler, '[data-testid="board-date"]', /3月3日（今天）/)
  await waitForSelectorText(butler, '[data-testid="count-missing"]', /^1$/)
  const morning = (await row()).locator('[data-testid="board-morning"]')
  expect(await morning.textContent()).toContain('漏报')
  expect(await (await row()).locator('[data-testid="board-afternoon"]').textContent()).toContain('待报')
  expect(await (await row()).textContent()).toContain('第2天')

  // The card says so too, on day 2.
  await page.reload()
  await waitForSelectorText(page, '[data-testid="qcard-day"]', /居家隔离第 2 天/)
  await waitForSelectorText(page, '[data-testid="slot-morning"]', /已漏报/)
  expect(await textOf(page, '[data-testid="slot-afternoon"]')).toContain('待报备')

  // Reloading a page cancels the calls it had in flight (ERR_ABORTED): expected, not a problem.
  const real = (problems: string[]) => problems.filter((p) => !/status of 401|ERR_ABORTED/.test(p))
  expect(real(emp.problems)).toEqual([])
  expect(real(bt.problems)).toEqual([])
  await emp.context.close()
  await bt.context.close()
})

test('a late declaration counts from the arrival; home says day 14 of 14; the card names whom to call; a typo is corrected once', async () => {
  // Arrived from 武汉 on 11-13, declares on 11-26 at 09:00: day 14 of 14, released 11-27 — not 12-10.
  clock.now = () => at('2025-11-26T09:00:00')
  const first17 = '33010619850312061'
  const token = await e2e.cloud.gateway.login(RESIDENT)
  await e2e.cloud.gateway.call(token, 'health', {
    action: 'declare',
    name: '吴芳',
    idNumber: first17 + idNumberCheckChar(first17),
    phone: RESIDENT,
    communityId: 'community-xingfu',
    gridId: 'grid-xingfu-1',
    building: '7',
    room: '302',
    ...backFromWuhan('2025-11-13'),
  })
  const me = await newPhonePage(e2e.browser)
  const page = me.page
  await loginWithForm(page, e2e.cloud.url, RESIDENT)

  // Home: the to-do says which day it is and that the morning report is due now.
  const todo = await onScreen(page.locator('[data-testid="todo"]').filter({ hasText: '居家隔离第 14/14 天' }))
  await expect(todo.textContent()).resolves.toContain('请在 12:00 前报备上午体温')
  await tap(todo)
  await waitForRoute(page, '/pages/health/card')
  await waitForSelectorText(page, '[data-testid="qcard-day"]', /居家隔离第 14 天 \/ 共 14 天/)
  await waitForText(page, '11月27日 解除隔离')

  // Whom to call: the grid's butler and grid worker, each with a call button.
  const contacts = await onScreen(page.locator('[data-testid="card-contacts"]'))
  await expect(contacts.textContent()).resolves.toMatch(/赵磊.*13800000031.*陈静.*13800000021/)
  expect(await contacts.locator('[data-testid="contact-call"]').count()).toBe(2)

  // 38.5 by mistake (meant 36.5): reported, then corrected once; the history keeps both.
  await tapButton(page, '报备上午体温')
  const plus = await onScreen(page.locator('[data-testid="temp-plus"]'))
  for (let i = 0; i < 20; i++) await plus.click()
  await waitForSelectorText(page, '[data-testid="temp-value"]', /^38\.5/)
  await tapButton(page, '提交 38.5℃')
  await waitForSelectorText(page, '[data-testid="slot-morning"]', /已报备 38\.5℃/)
  await tapText(page, '填错了？更正一次')
  await waitForText(page, '每个时段只能更正一次')
  await waitForSelectorText(page, '[data-testid="temp-value"]', /^36\.5/)
  await tapButton(page, '提交 36.5℃')
  await waitForSelectorText(page, '[data-testid="slot-morning"]', /已报备 36\.5℃/)
  await waitForText(page, '本时段已更正')
  await waitForTextGone(page, '填错了？更正一次')
  await onScreen(page.getByText('又发热了？再报一次'))

  await tapText(page, '全部记录 ›')
  await waitForRoute(page, '/pages/health/history')
  const replaced = await onScreen(page.locator('[data-testid="replaced-reading"]'))
  await expect(replaced.textContent()).resolves.toMatch(/38\.5℃.*报错，已更正/)

  const real = (problems: string[]) => problems.filter((p) => !/status of 401|ERR_ABORTED/.test(p))
  expect(real(me.problems)).toEqual([])
  await me.context.close()
})
