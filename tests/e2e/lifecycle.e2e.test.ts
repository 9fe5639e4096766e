/**
 * A person's own data and the street's backups in a real browser: 我的数据 in 我的 shows what is held about the
 * person and who read their health record, downloads it as a file, refuses deletion with the reason while they
 * are in quarantine and deletes the account once released; the street admin sees the backups on the management
 * page. Needs `dist/h5`.
 */
import { readFileSync } from 'node:fs'
import { shanghaiDate } from '../../shared/time'
import { idNumber } from '../helpers/fixtures'
import { declareQuarantined, e2eSession, signIn } from './demo'
import { fillField, tapButton, tapTab, tapText, waitForRoute, waitForText } from './helpers'

jest.setTimeout(120_000)

const e2e = e2eSession('e2e-lifecycle')
const ADMIN = '13800000001'
const EPIDEMIC = '13800000013'

test('我的数据: what is held about me, who read it, a download, and deleting my account once released', async () => {
  const phone = `135${String(Date.now() % 1e8).padStart(8, '0')}`
  const { token, quarantineId } = await declareQuarantined(e2e, {
    phone,
    name: '冯数据',
    idNumber: idNumber(812),
    building: '2',
    room: '101',
    arrival: shanghaiDate(Date.now()),
  })
  // The epidemic team opens the person's record: that read is listed to the person.
  const epidemic = await e2e.cloud.gateway.login(EPIDEMIC)
  await e2e.cloud.gateway.call(epidemic, 'health', { action: 'history', quarantineId })

  const { page, context } = await e2e.phone()
  await signIn(context, token)
  await page.goto(`${e2e.cloud.url}/`)
  await waitForText(page, '办事服务')
  await tapTab(page, '我的')
  await waitForRoute(page, '/pages/profile/index')
  await tapText(page, '我的数据')
  await waitForRoute(page, '/pages/account/my-data')
  await waitForText(page, '系统里保存的关于您的信息')
  await expect(page.locator('[data-testid="my-declarations"]').innerText()).resolves.toMatch(/^1\s*健康申报/)
  await expect(page.locator('[data-testid="my-quarantines"]').innerText()).resolves.toMatch(/^1\s*居家隔离/)
  await expect(page.locator('[data-testid="access-entry"]').first().innerText()).resolves.toMatch(/刘洋/)

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    tapButton(page, '下载全部数据（JSON 文件）'),
  ])
  expect(download.suggestedFilename()).toMatch(/^复工通-我的数据-\d+\.json$/)
  const file = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
    declarations: { name: string }[]
    accessLog: unknown[]
  }
  expect(file.declarations[0]!.name).toBe('冯数据')
  expect(file.accessLog).toHaveLength(1)
  await page.screenshot({ path: '/tmp/lc/my-data.png', fullPage: true })

  // In quarantine: refused, with the reason, in the dialog.
  await tapButton(page, '注销我的账号')
  await fillField(page, '请输入您的姓名「冯数据」以确认', '冯数据')
  await tapButton(page, '注销')
  await waitForText(page, /您正在居家隔离（至 \d{4}-\d{2}-\d{2}），解除隔离后才能注销账号/)
  await page.screenshot({ path: '/tmp/lc/my-data-refused.png' })
  await tapButton(page, '取消')

  // Released by the epidemic team: now the account can go.
  await e2e.cloud.gateway.call(epidemic, 'health', { action: 'release', quarantineId, reason: '检测阴性' })
  await tapButton(page, '注销我的账号')
  await fillField(page, '请输入您的姓名「冯数据」以确认', '冯数据')
  await tapButton(page, '注销')
  await waitForRoute(page, '/pages/login/index')
  await expect(e2e.cloud.gateway.login(phone)).rejects.toThrow(/不正确/)
})

test('the street admin sees the backups, and the last success, on the management page', async () => {
  await e2e.cloud.server.backupNow()
  const { page, context } = await e2e.phone()
  const admin = await e2e.cloud.gateway.login(ADMIN)
  await signIn(context, admin)
  await page.goto(`${e2e.cloud.url}/#/pages/manage/index`)
  await tapText(page, '备份与数据上报')
  await waitForRoute(page, '/pages/manage/data')
  await waitForText(page, /最近一次成功：\d{4}-\d{2}-\d{2} \d{2}:\d{2}/)
  await expect(page.locator('[data-testid="backup-row"]').first().innerText()).resolves.toMatch(
    /reopen-\d{8}-\d{6}\.tar\.gz/,
  )
  // The dashboard stores the closed days of a two-week period it shows; the check recomputes them and finds them equal.
  const today = shanghaiDate(Date.now())
  await e2e.cloud.gateway.call(admin, 'stats', {
    action: 'dashboard',
    from: shanghaiDate(Date.now() - 13 * 86_400_000),
    to: today,
  })
  await tapButton(page, '核对近 30 天')
  await waitForText(page, /核对了 1[34] 天的存档，与原始记录全部一致/)
  await page.screenshot({ path: '/tmp/lc/manage-data.png', fullPage: true })
})
