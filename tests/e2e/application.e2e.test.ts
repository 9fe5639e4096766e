/**
 * The reopening journey in a real browser, each person in their own browser context (own login):
 * the owner registers an enterprise and applies; the three reviewers decide (安监中心 returns it first,
 * the owner adds what was missing and resubmits); enterprise, community and responsible person sign the
 * commitment; the plate shows; the public verify page, e2e.opened without login from the plate's URL, says
 * 有效; a follow-up inspection asks for rectification (限期整改至…), another revokes it (已撤销). The owner
 * and the grid worker find their next step on the home page's to-dos; the grid worker is asked to sign.
 *
 * Serves `dist/h5` (or E2E_STATIC_DIR); builds nothing itself.
 */
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { creditCodeCheckChar } from '../../shared/checksums'
import { e2eSession, loginWithForm } from './demo'
import {
  confirmPicker,
  onScreen,
  tap,
  tapButton,
  tapTab,
  tapText,
  waitForRoute,
  waitForText,
  textOf,
  waitForTextGone,
} from './helpers'

jest.setTimeout(120_000)

const OWNER = '13800000041'
const ECONOMY = '13800000011'
const SAFETY = '13800000012'
const EPIDEMIC = '13800000013'
const GRID_WORKER = '13800000021'

/** A valid 统一社会信用代码 that no other test uses. */
function newCreditCode(): string {
  const first17 = `91350100${String(Date.now()).slice(-9)}`
  return first17 + creditCodeCheckChar(first17)!
}

/** Same 17 characters, wrong check character: what a typo looks like. */
function mistyped(code: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  const wrong = alphabet[(alphabet.indexOf(code[17]!) + 1) % alphabet.length]!
  return code.slice(0, 17) + wrong
}

// A 1×1 PNG: the photo of the business licence.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

/** E2E_SHOTS=<dir> keeps a full-page picture of each screen on the way, for looking at a failure. */
async function snap(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SHOTS
  if (!dir) return
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), null, {
      timeout: 5_000,
    })
    .catch(() => undefined)
  await page.screenshot({ path: path.join(dir, `${name}.png`) }).catch(() => undefined)
}

const e2e = e2eSession('e2e-app')

/** A person with their own browser context, logged in with the demo password. */
async function person(phone: string): Promise<Page> {
  const p = await e2e.phone()
  await loginWithForm(p.page, e2e.cloud.url, phone)
  return p.page
}

/** Someone who only scans the QR: a fresh context, never logged in. */
async function passerBy(): Promise<Page> {
  const p = await e2e.phone()
  return p.page
}

/** Taps 确定 (or whatever it says) in the open confirmation dialog. */
async function confirmDialog(page: Page, title: string): Promise<void> {
  await waitForText(page, title)
  await tap(await onScreen(page.locator('.nut-dialog-footer-ok'), 15_000, { withinHeight: true }))
}

/** Puts `value` into an input or textarea (as a paste would) and leaves the field, so it is validated. */
async function type(input: Locator, value: string): Promise<void> {
  await input.click()
  await input.fill(value)
  await input.evaluate((el) => (el as HTMLInputElement).blur())
}

/** The on-screen input with this placeholder. */
async function fillIn(page: Page, placeholder: string, value: string): Promise<void> {
  await type(await onScreen(page.locator(`input[placeholder="${placeholder}"]`)), value)
}

/** The number box of a "职工总数 [  ] 人" row. */
async function fillCount(page: Page, label: string, value: number): Promise<void> {
  await type(await onScreen(page.locator(`.ap-count[data-count="${label}"] input`)), String(value))
}

async function fillTextarea(page: Page, scope: string, value: string): Promise<void> {
  await type(await onScreen(page.locator(`${scope} textarea`)), value)
}

/** A reviewer opens the application from their queue and decides. */
async function review(page: Page, enterprise: string, decision: '通过' | '退回补充', comment?: string) {
  await waitForRoute(page, '/pages/application/queue')
  await tap(await onScreen(page.locator('[data-testid="queue-item"]').filter({ hasText: enterprise })))
  await waitForRoute(page, '/pages/application/review')
  await waitForText(page, '您代表')
  // The owner's licence photo shows as a picture for the reviewer (the application showed it to them).
  await page.waitForFunction(
    () => ((document.querySelector('.ap-licence img') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0,
    undefined,
    { timeout: 15_000 },
  )
  await snap(page, `r-${Date.now()}`)
  await tapButton(page, decision)
  await waitForText(page, decision === '通过' ? '确认本部门审核通过' : '退回后企业修改并重新提交')
  if (comment) {
    // A return without saying what is missing is refused, and the dialog stays open.
    await tap(await onScreen(page.locator('.nut-dialog-footer-ok'), 15_000, { withinHeight: true }))
    await waitForText(page, '请写明原因或需要补充的材料')
    await fillTextarea(page, '.ap-comment', comment)
  }
  await tap(await onScreen(page.locator('.nut-dialog-footer-ok'), 15_000, { withinHeight: true }))
  // Back to the queue, where the decided application has left the pending list.
  await waitForRoute(page, '/pages/application/queue')
  await waitForTextGone(page, '您代表')
}

async function openQueue(page: Page): Promise<void> {
  await tapText(page, '审核队列')
  await waitForRoute(page, '/pages/application/queue')
  await waitForText(page, /待审核 \d+ 份|暂无待审核的申请|份待审核/)
}

test('register, apply, three-party review with a return, commitments, plate, public check, revoke', async () => {
  const name = `幸福里便利店${String(Date.now()).slice(-4)}`
  const creditCode = newCreditCode()

  e2e.mark('the owner registers the enterprise')
  // ---- the owner registers the enterprise ----------------------------------------------------------
  const owner = await person(OWNER)
  await tapText(owner, '我的企业')
  await waitForRoute(owner, '/pages/application/enterprises')
  await waitForText(owner, '还没有登记企业')
  await tapButton(owner, '登记企业')
  await waitForRoute(owner, '/pages/application/enterprise-form')
  await fillIn(owner, '与营业执照一致，如：幸福里便利店', name)
  await fillIn(owner, '请输入18位统一社会信用代码', mistyped(creditCode))
  await waitForText(owner, '统一社会信用代码不正确，请核对营业执照上的18位代码')
  await fillIn(owner, '请输入18位统一社会信用代码', creditCode.toLowerCase())
  await waitForTextGone(owner, '统一社会信用代码不正确')
  await tapText(owner, '个体工商户·五小门店')
  await tapText(owner, /^零售$/)
  await fillIn(owner, '如：幸福里12号底商', '幸福里12号底商')
  await tapText(owner, '请选择社区')
  await waitForText(owner, '选择社区')
  await confirmPicker(owner)
  await waitForText(owner, '幸福里社区')
  await tapText(owner, '请选择网格')
  await waitForText(owner, '选择网格')
  await confirmPicker(owner)
  await waitForText(owner, '幸福里第一网格')
  await fillIn(owner, '法定代表人或经营者姓名', '孙丽')
  await fillIn(owner, '日常联系人姓名', '孙丽')
  await fillIn(owner, '11位手机号', OWNER)
  const chooser = owner.waitForEvent('filechooser')
  await tap(await onScreen(owner.locator('[data-testid="upload-add"]')))
  await (await chooser).setFiles({ name: 'licence.png', mimeType: 'image/png', buffer: PNG })
  await onScreen(owner.locator('[data-testid="upload-tile"]'))
  await snap(owner, '01-enterprise-form')
  await tapButton(owner, '提交登记')
  await waitForRoute(owner, '/pages/application/enterprise')
  expect(await textOf(owner, '[data-testid="enterprise-name"]')).toBe(name)
  await waitForText(owner, `统一社会信用代码 ${creditCode}`)

  e2e.mark('and applies to reopen')
  await snap(owner, '02-enterprise')
  // ---- and applies to reopen -----------------------------------------------------------------------
  await tapButton(owner, '申请复工')
  await waitForRoute(owner, '/pages/application/form')
  await waitForText(owner, '带 * 的为必填项')
  // Submitting an empty form names what is missing, in the shared schema's words.
  await tapButton(owner, '提交审核')
  await waitForText(owner, '请选择计划复工日期')
  await waitForText(owner, /还有 \d+ 项需要填写或更正/)
  await tapText(owner, '请选择日期')
  await confirmPicker(owner)
  await waitForText(owner, /\d{4}年\d{1,2}月\d{1,2}日/)
  await fillCount(owner, '职工总数', 10)
  await fillCount(owner, '首批到岗人数', 12)
  await waitForText(owner, '人数不能超过职工总数')
  await fillCount(owner, '首批到岗人数', 8)
  await waitForTextGone(owner, '人数不能超过职工总数')
  await fillCount(owner, '省外返回人数', 2)
  await fillCount(owner, '风险地区返回人数', 1)
  await fillCount(owner, '口罩', 200)
  await fillCount(owner, '消毒液', 20)
  await fillCount(owner, '体温计', 3)
  for (const m of ['入口体温检测', '定时消毒', '临时隔离室', '应急处置预案']) await tapText(owner, m)
  await fillTextarea(owner, '#f-emergencyPlan', '发现发热人员立即隔离到临时隔离室，并报告社区。')
  await fillTextarea(owner, '#f-disinfectionPlan', '每日早晚各消毒一次。')
  await fillIn(owner, '安全员姓名', '孙丽')
  await fillIn(owner, '安全员手机号', OWNER)
  await snap(owner, '03-application-form')
  await tapButton(owner, '提交审核')
  await confirmDialog(owner, '三方审核，审核期间不能修改')
  await waitForRoute(owner, '/pages/application/detail')
  await waitForText(owner, '三方审核中（已完成 0/3）')
  await snap(owner, '04-detail-reviewing')
  const applicationId = new URL(owner.url().replace('#', '')).searchParams.get('id')!
  expect(applicationId).toBeTruthy()

  e2e.mark('发展保障中心 approves; 安监中心 returns it for a missing disinfection record')
  // ---- 发展保障中心 approves; 安监中心 returns it for a missing disinfection record --------------------------
  const economy = await person(ECONOMY)
  await openQueue(economy)
  await review(economy, name, '通过')
  const safety = await person(SAFETY)
  await openQueue(safety)
  await review(safety, name, '退回补充', '请补充每日消毒记录表')

  e2e.mark('the owner sees why, fixes it and resubmits')
  // ---- the owner sees why, fixes it and resubmits --------------------------------------------------
  // The notification in 消息 links to the application.
  await owner.goto(`${e2e.cloud.url}/#/pages/index/index`)
  await waitForText(owner, '办事服务')
  await tapTab(owner, '消息')
  await tapText(owner, '复工申请需要补充材料')
  await waitForRoute(owner, '/pages/application/detail')
  await waitForText(owner, '退回补充材料')
  await waitForText(owner, '请补充每日消毒记录表')
  await snap(owner, '05-detail-returned')
  await tapButton(owner, '修改后重新提交')
  await waitForRoute(owner, '/pages/application/form')
  await onScreen(owner.locator('[data-testid="return-notes"]'))
  await fillTextarea(owner, '#f-disinfectionPlan', '每日早晚各消毒一次，消毒后登记消毒记录表，由安全员签字。')
  await tapButton(owner, '重新提交审核')
  await confirmDialog(owner, '三方审核，审核期间不能修改')
  await waitForRoute(owner, '/pages/application/detail')
  await waitForText(owner, '三方审核中（已完成 0/3）')

  e2e.mark('round 2: all three approve')
  // ---- round 2: all three approve ------------------------------------------------------------------
  await economy.reload()
  await review(economy, name, '通过')
  await safety.reload()
  await review(safety, name, '通过')
  const epidemic = await person(EPIDEMIC)
  await openQueue(epidemic)
  await review(epidemic, name, '通过')

  e2e.mark('commitments: enterprise and person by the owner, community by the grid worker')
  // ---- commitments: enterprise and person by the owner, community by the grid worker ---------------
  await owner.reload()
  await waitForText(owner, '三方审核已通过')
  await snap(owner, '06-detail-approved')
  // The owner's home says what to do next, and takes them there.
  // (A fresh start from a blank page: a reload would cut the detail page's own calls short.)
  await owner.goto('about:blank')
  await owner.goto(`${e2e.cloud.url}/#/pages/index/index`)
  const next = await onScreen(owner.locator('[data-testid="todo"]').filter({ hasText: '下一步：签署承诺' }))
  await expect(next.textContent()).resolves.toContain(`${name}已通过审核`)
  await tap(next)
  await waitForRoute(owner, '/pages/application/commit')
  // The terms the commitment cannot do without, each said in one line.
  await waitForText(owner, /三方承诺：企业、社区、复工责任人三方各签一份防疫承诺/)
  await waitForText(owner, /复工责任人：企业指定的防疫负责人/)
  await waitForText(owner, '复工复产疫情防控三方承诺书')
  for (const [party, button] of [
    ['enterprise', '以企业名义签署'],
    ['person', '以责任人身份签署'],
  ] as const) {
    const form = owner.locator(`[data-testid="sign-${party}"]`)
    await tap(await onScreen(form.getByText('我已阅读并同意以上承诺')))
    await tap(await onScreen(form.locator('.nut-button').filter({ hasText: button })))
    await confirmDialog(owner, '签署后不能撤回')
    await waitForText(owner, /已签署 [12]\/3 方/)
    await onScreen(owner.locator(`[data-testid="signature-${party}"]`).filter({ hasText: '孙丽' }))
  }
  await snap(owner, '07-commit')
  // Who signs for the community: the grid worker of the enterprise's grid, named, the phone masked.
  await waitForText(owner, '还需社区签署')
  const signer = await onScreen(owner.locator('[data-testid="signer-contact"]'))
  await expect(signer.textContent()).resolves.toMatch(/陈静\s*138\*{4}0021/)
  expect(await owner.locator('[data-testid="community-link"]').count()).toBe(0)

  // The grid worker was told: a to-do on the home page, the commitment in the list of those waiting.
  const grid = await person(GRID_WORKER)
  await tap(await onScreen(grid.locator('[data-testid="todo"]').filter({ hasText: '待签承诺 1 份' })))
  await waitForRoute(grid, '/pages/application/find')
  await tap(await onScreen(grid.locator('[data-testid="signature-item"]').filter({ hasText: name })))
  await waitForRoute(grid, '/pages/application/commit')
  const gridForm = grid.locator('[data-testid="sign-community"]')
  await tap(await onScreen(gridForm.getByText('我已阅读并同意以上承诺')))
  await tap(await onScreen(gridForm.locator('.nut-button').filter({ hasText: '代表社区签署' })))
  await confirmDialog(grid, '签署后不能撤回')
  await waitForText(grid, '三方承诺已全部签署，复工公示牌已生成')

  e2e.mark('the plate')
  // ---- the plate -----------------------------------------------------------------------------------
  await owner.reload()
  await waitForText(owner, '三方承诺已全部签署')
  await tapButton(owner, '查看复工公示牌')
  await waitForRoute(owner, '/pages/application/plate')
  expect(await textOf(owner, '[data-testid="plate-name"]')).toBe(name)
  expect(await textOf(owner, '[data-testid="plate-code"]')).toBe(
    `${creditCode.slice(0, 6)}********${creditCode.slice(14)}`,
  )
  for (const dept of ['发展保障中心', '安监中心', '防疫专业队伍']) await waitForText(owner, dept)
  const qr = await (await onScreen(owner.locator('.plate__qr img, img.plate__qr'))).getAttribute('src')
  expect(qr).toMatch(/^data:image\/png;base64,/)
  await waitForText(owner, '打印公示牌')
  await snap(owner, '08-plate')
  const verifyUrl = await textOf(owner, '[data-testid="verify-url"]')
  expect(verifyUrl).toMatch(/\/#\/pages\/verify\/index\?token=[A-Za-z0-9_-]{43}$/)

  e2e.mark('anyone scanning the QR: valid, without logging in')
  // ---- anyone scanning the QR: valid, without logging in -------------------------------------------
  const visitor = await passerBy()
  await visitor.goto(verifyUrl)
  await waitForRoute(visitor, '/pages/verify/index')
  expect(await textOf(visitor, '[data-testid="verify-status"]')).toBe('有效')
  expect(await textOf(visitor, '[data-testid="verify-enterprise"]')).toBe(name)
  await waitForText(visitor, '该企业已通过三方审核，准予复工')
  await snap(visitor, '09-verify-valid')

  e2e.mark('回头看 asks for rectification: the public page shows the deadline')
  // ---- 回头看 asks for rectification: the public page shows the deadline ------------------------------
  const gridToken = await e2e.cloud.gateway.login(GRID_WORKER)
  await e2e.cloud.gateway.call(gridToken, 'application', {
    action: 'inspect',
    applicationId,
    disinfectionRecords: false,
    suppliesOk: true,
    staffHealthRecords: true,
    trajectoryChecked: true,
    findings: '消毒记录不全',
    result: 'rectify',
    rectifyDeadline: '2030-03-20',
  })
  await visitor.reload()
  await waitForRoute(visitor, '/pages/verify/index')
  await onScreen(visitor.locator('.vf-result--rectify'))
  expect(await textOf(visitor, '[data-testid="verify-status"]')).toBe('限期整改至3月20日')
  await waitForText(visitor, '须在期限内整改完毕')
  expect(await visitor.locator('body').innerText()).not.toContain('消毒记录不全')
  await snap(visitor, '09b-verify-rectify')

  e2e.mark('回头看: the economy reviewer finds it under 已审核 and revokes it')
  // ---- 回头看: the economy reviewer finds it under 已审核 and revokes it ---------------------------------
  await economy.reload()
  await waitForRoute(economy, '/pages/application/queue')
  await tap(await onScreen(economy.locator('.q-tabs__item').filter({ hasText: '已审核' })))
  await tap(await onScreen(economy.locator('[data-testid="queue-item"]').filter({ hasText: name })))
  await waitForRoute(economy, '/pages/application/detail')
  await waitForText(economy, '已准予复工')
  await tapButton(economy, '回头看检查')
  await waitForRoute(economy, '/pages/application/inspect')
  await tapText(economy, '职工健康档案完整')
  await tapText(economy, '已核查职工行程轨迹')
  await fillTextarea(economy, '.ap-form', '无消毒记录，口罩储备不足')
  await tapText(economy, '问题严重，撤销复工，公示牌立即失效')
  await snap(economy, '10-inspect')
  await tapButton(economy, '提交并撤销复工')
  await confirmDialog(economy, '公示牌将立即失效')
  await onScreen(economy.locator('[data-testid="inspection-done"]'))

  e2e.mark('the same QR now says revoked, and why')
  // ---- the same QR now says revoked, and why -------------------------------------------------------
  await visitor.reload()
  await waitForRoute(visitor, '/pages/verify/index')
  expect(await textOf(visitor, '[data-testid="verify-status"]')).toBe('已撤销')
  await waitForText(visitor, /撤销原因：.*无消毒记录，口罩储备不足/)
  await snap(visitor, '11-verify-revoked')

  e2e.mark('and the owner was told')
  // ---- and the owner was told ----------------------------------------------------------------------
  await owner.goto(`${e2e.cloud.url}/#/pages/application/detail?id=${applicationId}`)
  await waitForText(owner, '复工已撤销')
  await onScreen(owner.locator('[data-testid="inspection"]'))
  await snap(owner, '12-detail-revoked')

  const problems = e2e.opened.flatMap((p) => p.problems).filter((p) => !/status of 4\d\d/.test(p))
  expect(problems).toEqual([])
  await Promise.all(e2e.opened.map((p) => p.context.close()))
})

test('an unknown or malformed plate token gets a clear message, without login', async () => {
  const page = await passerBy()
  await page.goto(`${e2e.cloud.url}/#/pages/verify/index?token=bad`)
  await waitForText(page, '二维码不完整或不是复工公示牌的二维码')
  // Even a stale login left on this phone must not send the visitor to the login page.
  await page.evaluate(() =>
    localStorage.setItem('reopen.token', JSON.stringify({ data: 'stale.token.value' })),
  )
  await page.goto(`${e2e.cloud.url}/#/pages/verify/index?token=${'A'.repeat(43)}`)
  await page.reload()
  await onScreen(page.locator('[data-testid="verify-invalid"]'))
  await waitForText(page, '没有查到这块公示牌')
  await waitForRoute(page, '/pages/verify/index')
  expect(await page.evaluate(() => localStorage.getItem('reopen.token'))).toContain('stale.token.value')
})
