/**
 * The district (区级) in a real browser, one journey: the district admin signs in, reads the summary, opens a
 * street's dashboard (read-only: a figure opens no list), creates and renames a street, and invites that street's
 * first admin. Needs `dist/h5`.
 */
import { PAGES, MANAGE_PAGES } from '../../shared/routes'
import { e2eSession, signIn } from './demo'
import {
  fillField,
  openRoute,
  pickInColumn,
  confirmPicker,
  tap,
  tapButton,
  tapText,
  textOf,
  waitForRoute,
  waitForText,
  onScreen,
  scrollTo,
} from './helpers'

jest.setTimeout(120_000)

const e2e = e2eSession('e2e-district')
const DISTRICT = '13800000091'
const SHOTS = process.env.E2E_SHOTS

test('区级: summary, a street’s dashboard read-only, a new street renamed, its first admin invited', async () => {
  const { page, context } = await e2e.phone()
  await signIn(context, await e2e.cloud.gateway.login(DISTRICT))
  await page.goto(`${e2e.cloud.url}/`)
  await waitForText(page, '全区各街道')

  await tapText(page, '全区汇总')
  await waitForRoute(page, '/pages/stats/district')
  await waitForText(page, /全区合计（1 个街道）/)
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/district-summary.png`, fullPage: true })
  const summaryTotal = await textOf(page, '[data-testid="district-street"] .ds-fig__value')

  // The street's own dashboard, as its admin sees it: the same first figure, the trend, and no list behind a figure.
  await tapText(page, '数据看板 ›')
  await waitForRoute(page, '/pages/stats/dashboard')
  await waitForText(page, '东湖街道 数据看板')
  await waitForText(page, '变化趋势')
  expect(await textOf(page, '[data-testid="figure-enterprises.total"] [data-testid="figure-value"]')).toBe(
    summaryTotal,
  )
  await tap(await onScreen(page.locator('[data-testid="figure-enterprises.total"]')))
  await waitForText(page, '区级只读查看统计数字，明细名单请联系街道查看')
  await waitForRoute(page, '/pages/stats/dashboard')
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/district-dashboard.png`, fullPage: true })

  // A new street, confirmed, then renamed.
  await openRoute(page, e2e.cloud.url, MANAGE_PAGES.streets, '全区街道（1）')
  await tapButton(page, '新建街道')
  await fillField(page, '例如：西湖街道', '南湖街道')
  await tapButton(page, '下一步')
  await tapButton(page, '新建')
  await waitForText(page, '全区街道（2）')
  const row = page.locator('[data-testid="street-row"]').filter({ hasText: '南湖街道' })
  await tap(await onScreen(row.locator('.mg-street__action')))
  await fillField(page, '例如：西湖街道', '北湖街道')
  await tapButton(page, '下一步')
  await tapButton(page, '确认修改')
  await waitForText(page, '北湖街道')
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/district-streets.png`, fullPage: true })

  // The new street's first admin: invited by the district.
  await openRoute(page, e2e.cloud.url, PAGES.adminInvites, '生成邀请码')
  await tapText(page, '街道管理员')
  await tapText(page, '所属街道')
  await pickInColumn(page, 0, '北湖街道')
  await confirmPicker(page)
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/district-invite-form.png`, fullPage: true })
  await tapButton(page, '生成邀请码')
  await waitForText(page, '邀请码已生成')
  expect(await textOf(page, '[data-testid="invite-created"]')).toMatch(/街道管理员 · 北湖街道（全街道）/)
  await waitForText(page, /共 1 条/)
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/district-invites.png`, fullPage: true })

  // 数据上报: the district's API keys and its daily push, on one page.
  await openRoute(page, e2e.cloud.url, MANAGE_PAGES.reporting, '还没有 API 密钥')
  await waitForText(page, '数据推送（可选）')
  await waitForText(page, '还没有推送记录')
  // A new API key is shown once, to copy; the push's signing secret stays on show, to copy or replace.
  await fillField(page, '用途，例如：区防控指挥部', '区大数据局')
  await tapButton(page, '生成 API 密钥')
  await waitForText(page, '新密钥（只显示这一次，请复制保存）：')
  expect(await textOf(page, '[data-testid="api-key-secret"]')).toMatch(
    /^新密钥（只显示这一次，请复制保存）：\s*rk_[\w-]{32}\s*复制$/,
  )
  await fillField(page, 'https://…', 'https://example.org/hook')
  await tapButton(page, '保存推送设置')
  await waitForText(page, /^签名密钥/)
  expect(await textOf(page, '[data-testid="webhook-secret"]')).toMatch(
    /：\s*whsec_[\w-]{32}\s*复制\s*换新密钥$/,
  )
  if (SHOTS) {
    await scrollTo(page, '[data-testid="api-keys"]', { top: true })
    await page.screenshot({ path: `${SHOTS}/district-reporting.png`, fullPage: true })
    await scrollTo(page, '[data-testid="webhook"]', { top: true })
    await page.screenshot({ path: `${SHOTS}/district-webhook.png`, fullPage: true })
  }
})
