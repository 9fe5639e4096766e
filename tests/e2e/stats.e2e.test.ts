/**
 * The street console in a real browser: the street admin opens the dashboard, follows a figure to the records
 * behind it (as many rows as the figure says), and downloads a ledger (an .xlsx whose sheet holds the figure's
 * records); at a PC window size the dashboard and lists use the width (tiles side by side, a sortable table).
 *
 * The demo street gets a fortnight of records written through the SDK (scripts/scenario.ts via
 * scripts/stats-shots.ts). Serves `dist/h5` (or E2E_STATIC_DIR); builds nothing itself.
 */
import ExcelJS from 'exceljs'
import type { Locator, Page } from 'playwright-core'
import { seedStatsStreet, STREET_ADMIN } from '../../scripts/stats-shots'
import { FIGURES, type FigureKey } from '../../shared/stats'
import { e2eSession, loginWithForm } from './demo'
import { newDesktopPage, newPhonePage, onScreen, tap, tapButton, waitForRoute, waitForText } from './helpers'

jest.setTimeout(120_000)

const e2e = e2eSession('e2e-stats', { setup: async () => void (await seedStatsStreet()) })

/** The number a figure tile shows (its data-value: the figure as the function answered it). */
async function figure(page: Page, key: string): Promise<{ tile: Locator; value: number }> {
  const tile = await onScreen(page.locator(`[data-testid="figure-${key}"]`))
  const raw = await tile.getAttribute('data-value')
  const shown = ((await tile.locator('[data-testid="figure-value"]').textContent()) ?? '').replace(/,/g, '')
  expect(shown).toBe(raw)
  return { tile, value: Number(raw) }
}

/** Console errors and failed requests, except chunk loads cut short by our own page.goto / reload. */
const real = (problems: string[]) => problems.filter((p) => !/ERR_ABORTED/.test(p))

async function columnTexts(page: Page, table: Locator, column: number): Promise<string[]> {
  const rows = table.locator('[data-testid="dt-row"]')
  return rows.evaluateAll(
    (els, i) => els.map((el) => (el.children[i] as HTMLElement | undefined)?.innerText.trim() ?? ''),
    column,
  )
}

test('the street admin follows a figure to its records and downloads the ledger as an xlsx', async () => {
  const { page, context, problems } = await newPhonePage(e2e.browser)
  await loginWithForm(page, e2e.cloud.url, STREET_ADMIN)

  // Home → 数据看板: the figures in their groups, today by default.
  await tap(await onScreen(page.locator('.home-entry').filter({ hasText: '数据看板' })))
  await waitForRoute(page, '/pages/stats/dashboard')
  await waitForText(page, /统计期间：.*（今天）/)
  const total = await figure(page, 'enterprises.total')
  const large = await figure(page, 'enterprises.large')
  expect(total.value).toBeGreaterThan(large.value)
  expect(large.value).toBeGreaterThan(0)
  // The charts are drawn on canvases (a week ending today).
  await onScreen(page.locator('[data-testid="chart-reports"] canvas'))
  // Each figure says what it counts: 口径说明 spells out the group's definitions under its tiles, in the
  // words of shared/stats.ts.
  await tap(await onScreen(page.locator('[data-testid="explain-reports"]')))
  for (const key of ['reports.due', 'reports.received', 'reports.missed', 'reports.fever']) {
    const line = await onScreen(page.locator(`[data-testid="definition-${key}"]`))
    await expect(line.textContent()).resolves.toBe(
      `${FIGURES[key as FigureKey].label}：${FIGURES[key as FigureKey].definition}`,
    )
  }

  // The figure opens its list: as many records as it says, page after page.
  await tap(large.tile)
  await waitForRoute(page, '/pages/stats/list')
  const totalText = await onScreen(page.locator('[data-testid="list-total"]'))
  expect(((await totalText.textContent()) ?? '').trim()).toBe(String(large.value))
  for (let i = 0; i < 10; i++) {
    const more = page.locator('.list-foot .nut-button').filter({ hasText: '加载更多' })
    if (!(await more.count())) break
    await tap(more.first())
    await page.waitForTimeout(200)
  }
  await waitForText(page, `已显示全部 ${large.value} 条`)
  expect(await page.locator('[data-testid="list-row"]').count()).toBe(large.value)
  await expect(page.locator('[data-testid="list-row"]').first().textContent()).resolves.toContain('规上企业')

  // 台账导出: the enterprise ledger of the whole street, downloaded from its temporary link.
  await page.goto(`${e2e.cloud.url}/#/pages/stats/ledger`)
  await page.reload()
  await waitForText(page, '1. 选择台账')
  await tapButton(page, '生成企业复工台账')
  const file = await onScreen(page.locator('[data-testid="ledger-file"]'), 60_000)
  const url = (await file.getAttribute('data-url')) ?? ''
  expect(url).toMatch(/^http/)
  expect(await file.locator('[data-testid="ledger-download"]').getAttribute('href')).toBe(url)
  await expect(file.textContent()).resolves.toContain(`企业名录 ${total.value} 行`)
  const res = await fetch(url)
  expect(res.status).toBe(200)
  const body = Buffer.from(await res.arrayBuffer())
  // An .xlsx is a ZIP archive: PK\x03\x04.
  expect(body.subarray(0, 4).toString('binary')).toBe('PK\x03\x04')
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(body as unknown as ArrayBuffer)
  const directory = wb.getWorksheet('企业名录')
  expect(directory).toBeDefined()
  // Header row + one row per registered enterprise: the dashboard's 登记企业.
  expect(directory!.actualRowCount - 1).toBe(total.value)
  expect(wb.getWorksheet('复工申请')).toBeDefined()

  expect(real(problems)).toEqual([])
  await context.close()
})

test('at a PC window the dashboard uses the width and a figure list is a sortable table', async () => {
  const { page, context, problems } = await newDesktopPage(e2e.browser)
  await loginWithForm(page, e2e.cloud.url, STREET_ADMIN)
  await page.goto(`${e2e.cloud.url}/#/pages/stats/dashboard`)
  await page.reload()
  const first = await figure(page, 'enterprises.total')
  // The page is drawn at the design's size (not Taro's doubled rem of a large window).
  await expect(page.evaluate(() => document.documentElement.classList.contains('wide-root'))).resolves.toBe(
    true,
  )
  // 企业 and 职工 share the first row: seven tiles side by side at one height.
  const staff = await figure(page, 'staff.total')
  const a = (await first.tile.boundingBox())!
  const b = (await staff.tile.boundingBox())!
  expect(Math.abs(a.y - b.y)).toBeLessThan(2)
  expect(b.x).toBeGreaterThan(a.x + a.width * 4)
  // Charts side by side.
  const apps = (await (await onScreen(page.locator('[data-testid="chart-applications"]'))).boundingBox())!
  const reports = (await page.locator('[data-testid="chart-reports"]').boundingBox())!
  expect(Math.abs(apps.y - reports.y)).toBeLessThan(2)
  expect(reports.x).toBeGreaterThan(apps.x + apps.width - 1)

  // Under the mouse, a figure says what it counts.
  const due = await figure(page, 'reports.due')
  await due.tile.hover()
  const tip = await onScreen(due.tile.locator('[data-testid="figure-tip"]'))
  await expect(tip.textContent()).resolves.toBe(FIGURES['reports.due'].definition)

  // 正在隔离 → every row says how many reports it owes today (the function test holds their sum to 今日应报).
  const active = await figure(page, 'quarantine.active')
  await tap(active.tile)
  await waitForRoute(page, '/pages/stats/list')
  const people = await onScreen(page.locator('[data-testid="figure-table"]'))
  await onScreen(people.locator('[data-testid="dt-row"]'))
  const dueColumn = await people
    .locator('.dt__cell--head')
    .evaluateAll((els) => els.findIndex((el) => (el as HTMLElement).innerText.trim().startsWith('今日应报')))
  expect(dueColumn).toBeGreaterThan(-1)
  const dues = await columnTexts(page, people, dueColumn)
  expect(dues.length).toBe(Math.min(50, active.value))
  expect(dues.every((d) => /^\d 次$/.test(d))).toBe(true)
  await page.goBack()
  await waitForRoute(page, '/pages/stats/dashboard')

  // 登记企业 → a table with every enterprise on one page.
  await tap(first.tile)
  await waitForRoute(page, '/pages/stats/list')
  const table = await onScreen(page.locator('[data-testid="figure-table"]'))
  await onScreen(table.locator('[data-testid="dt-row"]'))
  expect(await table.locator('[data-testid="dt-row"]').count()).toBe(first.value)
  await waitForText(page, `共 ${first.value} 条`)

  // Sorting by 登记时间 (column 6): ascending, then descending.
  const head = table.locator('.dt__cell--head').filter({ hasText: '登记时间' })
  await head.click()
  const asc = await columnTexts(page, table, 6)
  expect(asc).toEqual([...asc].sort())
  await head.click()
  const desc = await columnTexts(page, table, 6)
  expect(desc).toEqual([...asc].reverse())

  // The quick filter keeps the rows that mention what is typed.
  const name = (await columnTexts(page, table, 0))[0]!
  const filter = page.locator('.dt__filter input')
  await filter.click()
  await filter.pressSequentially(name, { delay: 5 })
  const rows = table.locator('[data-testid="dt-row"]')
  for (const deadline = Date.now() + 5_000; (await rows.count()) >= first.value;) {
    if (Date.now() > deadline) throw new Error('the quick filter left every row')
    await page.waitForTimeout(100)
  }
  expect(await columnTexts(page, table, 0)).toContain(name)

  expect(real(problems)).toEqual([])
  await context.close()
})
