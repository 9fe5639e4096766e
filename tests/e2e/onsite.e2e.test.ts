/**
 * 企业一日两检 in a real browser — the safety officer's day. The owner names the officer and the officer puts
 * the staff on site; in the morning window a worker records their own check, the officer confirms it and records
 * a positive antigen for another worker (who is stopped at once, the factory flagged); the epidemic team, alerted
 * in its inbox, closes the case; after noon the timer marks the one who did not check, and the board shows it.
 *
 * The enterprise (reopened) is written through the SDK (emulator/seedOnsite.ts); the staff declare their health
 * with its join code through the function. The functions' clock is set to this Shanghai day's 09:00, so the
 * morning window is open whenever the test runs.
 */
import type { Page } from 'playwright-core'
import { clock } from '../../cloudfunctions/_lib/clock'
import { seedOnsiteEnterprise } from '../../emulator/seedOnsite'
import { idNumberCheckChar } from '../../shared/checksums'
import { shanghaiDate } from '../../shared/time'
import tcb from '@cloudbase/node-sdk'
import { e2eSession, signIn } from './demo'
import {
  onScreen,
  openRoute,
  tap,
  tapButton,
  tapText,
  waitForText,
  waitForTextGone,
  type PhonePage,
} from './helpers'

jest.setTimeout(180_000)

const FACTORY = 'ent-e2e-factory'
const OWNER = '13800000041'
const OFFICER = '13800000051' // 周杰, the demo employee
const EPIDEMIC = '13800000013'
const realNow = clock.now
const today = shanghaiDate(Date.now())
const at = (hhmm: string) => Date.parse(`${today}T${hhmm}:00+08:00`)

let workerA = ''
let workerB = ''

const e2e = e2eSession('e2e-onsite', {
  setup: async () => {
    clock.now = () => at('07:30')
    const db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database()
    await seedOnsiteEnterprise(db, { _id: FACTORY, name: '东湖精密机械厂', status: 'reopened' }, at('07:00'))
    const g = e2e.cloud.gateway
    const declare = async (token: string, name: string, phone: string, seq: number) => {
      const first = `33010619880101${String(seq).padStart(3, '0')}`
      await g.call(token, 'health', {
        action: 'declare',
        name,
        idNumber: first + idNumberCheckChar(first),
        phone,
        communityId: 'community-xingfu',
        gridId: 'grid-xingfu-1',
        building: '2',
        room: `20${seq}`,
        fromProvince: '浙江省',
        fromCity: '杭州市',
        arrivalDate: today,
        contactWithCases: false,
        enterpriseCode: 'DHJX88',
      })
    }
    await declare(await g.login(OFFICER), '周杰', OFFICER, 1)
    workerA = await g.newUser('13766660001', '钱军', 'employee')
    await declare(workerA, '钱军', '13766660001', 2)
    workerB = await g.newUser('13766660002', '冯敏', 'employee')
    await declare(workerB, '冯敏', '13766660002', 3)
  },
})

afterAll(() => {
  clock.now = realNow
})

async function phoneOf(token: string): Promise<PhonePage> {
  const p = await e2e.phone()
  await signIn(p.context, token)
  return p
}

const row = (page: Page, name: string) =>
  onScreen(page.locator('[data-testid="onsite-row"]').filter({ hasText: name }))
const cellText = async (page: Page, name: string, slot: 'morning' | 'afternoon') =>
  (await (await row(page, name)).locator(`[data-testid="onsite-${slot}"]`).innerText()).trim()

/** Waits until the person's window on the board reads `text`. */
async function cellReads(page: Page, name: string, slot: 'morning' | 'afternoon', text: string) {
  const deadline = Date.now() + 30_000
  for (;;) {
    const now = await cellText(page, name, slot).catch(() => '')
    if (now.includes(text)) return
    if (Date.now() > deadline) throw new Error(`${name} ${slot}: "${now}", expected "${text}"`)
    await page.waitForTimeout(150)
  }
}

async function answerSheet(page: Page, antigen: '阴性' | '阳性', pcr: '已采样' | '未采样') {
  const sheet = await onScreen(page.locator('[data-testid="check-sheet"]'))
  await tap(await onScreen(sheet.getByText(new RegExp(`^${antigen}$`))))
  await tap(await onScreen(sheet.getByText(new RegExp(`^${pcr}$`))))
  await tapButton(page, '提交检测结果')
}

test("the officer's day: officer and staff set, a check confirmed, a positive stopped and closed, a miss marked", async () => {
  const base = e2e.cloud.url
  const boardRoute = `/pages/onsite/board?enterpriseId=${FACTORY}`

  // --- 07:30 the owner names the officer and puts the three on site -------------------------------------
  const owner = await phoneOf(await e2e.cloud.gateway.login(OWNER))
  await openRoute(owner.page, base, '/pages/index/index', '一日两检')
  await tapText(owner.page, '一日两检')
  await tapText(owner.page, '一日两检看板')
  await waitForText(owner.page, '安全员：未指定')
  const person = (name: string) =>
    onScreen(owner.page.locator('[data-testid="onsite-person"]').filter({ hasText: name }))
  await tap(await onScreen((await person('周杰')).getByText('设为安全员')))
  await tapButton(owner.page, '确定')
  await waitForText(owner.page, '安全员：周杰')
  for (const name of ['周杰', '钱军', '冯敏']) {
    await tap(await onScreen((await person(name)).locator('.nut-switch')))
    await tapButton(owner.page, '确定')
    await row(owner.page, name)
  }

  // --- 09:00 钱军 records his own morning check on his phone --------------------------------------------
  clock.now = () => at('09:00')
  const worker = await phoneOf(workerA)
  await openRoute(worker.page, base, '/pages/onsite/mine', '我的检测')
  await tap(await onScreen(worker.page.locator('[data-testid="record-check"]')))
  await answerSheet(worker.page, '阴性', '已采样')
  await waitForText(worker.page, '待确认')

  // --- 09:10 the officer confirms it, and records 冯敏's positive antigen ---------------------------------
  clock.now = () => at('09:10')
  const officer = await phoneOf(await e2e.cloud.gateway.login(OFFICER))
  await openRoute(officer.page, base, '/pages/onsite/mine', '我管理的企业')
  await tapText(officer.page, '一日两检看板')
  await cellReads(officer.page, '钱军', 'morning', '待确认')
  await tap(await onScreen((await row(officer.page, '钱军')).locator('[data-testid="onsite-morning"]')))
  await tapButton(officer.page, '确认无误')
  await cellReads(officer.page, '钱军', 'morning', '正常')
  await tap(await onScreen((await row(officer.page, '冯敏')).locator('[data-testid="onsite-morning"]')))
  await answerSheet(officer.page, '阳性', '已采样')
  await waitForText(officer.page, '结案前企业在看板上标红')
  await cellReads(officer.page, '冯敏', 'morning', '抗原阳性')
  // Problems first: the positive heads the list.
  expect(await officer.page.locator('[data-testid="onsite-row"] .brow__name').first().innerText()).toBe(
    '冯敏',
  )

  // --- the epidemic team: alerted in its inbox, closes the case on the board ------------------------------
  const epidemic = await phoneOf(await e2e.cloud.gateway.login(EPIDEMIC))
  await openRoute(epidemic.page, base, '/pages/messages/index', '企业职工抗原阳性')
  await openRoute(epidemic.page, base, boardRoute, '待处置')
  await tap(await onScreen(epidemic.page.locator('[data-testid="close-case"]')))
  const note = await onScreen(epidemic.page.locator('[data-testid="close-sheet"] textarea'))
  await note.fill('核酸检测阴性，恢复上岗')
  await tapButton(epidemic.page, '确认结案')
  await waitForTextGone(epidemic.page, '结案前企业在看板上标红')

  // --- after noon: the timer marks the officer's own missed morning check; the board shows it ------------
  clock.now = () => at('12:05')
  const { result } = (await tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).callFunction({
    name: 'onsiteScan',
    data: { Type: 'Timer', Time: new Date(at('12:00')).toISOString() },
  })) as {
    result: { ok: boolean; data: { done: Record<string, { missed: number; reminded: number }> } }
  }
  expect(result.data.done['street-demo']).toEqual({ missed: 1, reminded: 1 })
  await officer.page.reload()
  await cellReads(officer.page, '周杰', 'morning', '漏检')
  await openRoute(officer.page, base, '/pages/messages/index', '一日两检有人漏检')
  // No script error on any phone (requests cut off by a reload are not errors of the app).
  const problems = [owner, worker, officer, epidemic].flatMap((p) => p.problems)
  expect(problems.filter((p) => p.startsWith('pageerror') || p.startsWith('console'))).toEqual([])
})
