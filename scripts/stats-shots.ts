/**
 * The street console in pictures: dashboard (phone and desktop), a figure's list (phone and desktop table),
 * the ledger page with a generated file, administration (hub, places, accounts, audit log).
 *
 * Runs its own emulator in this process on a throw-away data dir, serving the H5 build in E2E_STATIC_DIR
 * (default dist/h5), with the demo street plus a fortnight of records written through the SDK
 * (scripts/scenario.ts) and a few administrative changes made through the functions, so the audit log has
 * something to say. `SHOTS=stats npx tsx scripts/screenshots.ts` takes only these.
 */
import tcb from '@cloudbase/node-sdk'
import type { Browser, Page } from 'playwright-core'
import { type Gateway, loginWithForm, onPhoneOf, startDemoCloud } from '../tests/e2e/demo'
import {
  newDesktopPage,
  onScreen,
  openRoute,
  tap,
  tapButton,
  waitForRoute,
  waitForText,
} from '../tests/e2e/helpers'
import { buildScenario, type ScenarioSummary } from './scenario'

type Shot = (page: Page, name: string) => Promise<void>

export const STREET_ADMIN = '13800000001'

export const DEMO_GRIDS = [
  { _id: 'grid-xingfu-1', communityId: 'community-xingfu' },
  { _id: 'grid-xingfu-2', communityId: 'community-xingfu' },
  { _id: 'grid-heping-1', communityId: 'community-heping' },
  { _id: 'grid-heping-2', communityId: 'community-heping' },
]

/**
 * The demo street with a fortnight of records (small enough for a browser test: every list a few pages at
 * most), written through the SDK in the shapes the functions write. Call after startDemoCloud (which points
 * the SDK of this process at the emulator and adds the demo accounts).
 */
export async function seedStatsStreet(
  size: { enterprises: number; people: number; errands: number; difficulties: number } = {
    enterprises: 40,
    people: 260,
    errands: 40,
    difficulties: 8,
  },
): Promise<ScenarioSummary> {
  return buildScenario(tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database(), {
    streetId: 'street-demo',
    grids: DEMO_GRIDS,
    now: Date.now(),
    days: 14,
    ...size,
    seed: 20200301,
    staff: {
      'grid-xingfu-1': {
        butlerId: 'account-demo-butler',
        butlerName: '赵磊',
        gridWorkerId: 'account-demo-grid-worker',
      },
    },
  })
}

/** A few administrative changes through the functions: what the audit log and the places page show. */
export async function adminChanges(gateway: Gateway): Promise<void> {
  const admin = await gateway.login(STREET_ADMIN)
  const { community } = await gateway.call<{ community: { _id: string } }>(admin, 'admin', {
    action: 'createCommunity',
    name: '东湖新村社区',
  })
  await gateway.call(admin, 'admin', {
    action: 'createGrid',
    communityId: community._id,
    name: '东湖新村第一网格',
  })
  await gateway.call(admin, 'admin', {
    action: 'renameGrid',
    gridId: 'grid-heping-2',
    name: '和平第二网格（北区）',
  })
  await gateway.call(admin, 'admin', {
    action: 'setRole',
    accountId: 'account-demo-resident',
    role: 'gridWorker',
    gridId: 'grid-heping-1',
  })
  await gateway.call(admin, 'admin', {
    action: 'setDisabled',
    accountId: 'account-demo-employee',
    disabled: true,
    reason: '已离职',
  })
}

async function waitForCharts(page: Page): Promise<void> {
  await onScreen(page.locator('[data-testid="chart-applications"] canvas'), 30_000)
  // F2 draws on the next tick after the canvas is laid out.
  await page.waitForTimeout(600)
}

export async function statsScreenshots(browser: Browser, shot: Shot): Promise<void> {
  const cloud = await startDemoCloud('shots-stats')
  try {
    await seedStatsStreet()
    await adminChanges(cloud.gateway)
    const base = cloud.url

    // --- phone ---
    await onPhoneOf(browser, base, STREET_ADMIN, async (page) => {
      await shot(page, 's00-home-admin')
      await tap(await onScreen(page.locator('.home-entry').filter({ hasText: '数据看板' })))
      await waitForRoute(page, '/pages/stats/dashboard')
      await onScreen(page.locator('[data-testid="figure-enterprises.total"]'))
      await shot(page, 's01-dashboard-phone')
      await tap(await onScreen(page.locator('.st-seg__item').filter({ hasText: '近7天' })))
      await waitForText(page, /（7天）/)
      await onScreen(page.locator('[data-testid="figure-applications.received"]'))
      await page.locator('.st-section').scrollIntoViewIfNeeded()
      await waitForCharts(page)
      await shot(page, 's02-dashboard-charts-phone')
      await page.locator('[data-testid="chart-fever"]').scrollIntoViewIfNeeded()
      await page.waitForTimeout(300)
      await shot(page, 's02b-dashboard-charts2-phone')
      await page.evaluate(() => window.scrollTo(0, 0))
      await tap(await onScreen(page.locator('[data-testid="scope-button"]')))
      await waitForText(page, '选择统计范围')
      await shot(page, 's03-scope-sheet')
      await tap(await onScreen(page.locator('.choice-sheet__item').filter({ hasText: '幸福里社区' })))
      await onScreen(page.locator('.st-scope__name').filter({ hasText: '幸福里社区' }))
      await tap(await onScreen(page.locator('[data-testid="figure-applications.reopened"]')))
      await waitForRoute(page, '/pages/stats/list')
      await onScreen(page.locator('[data-testid="list-row"]'))
      await shot(page, 's04-figure-list-phone')

      await openRoute(page, base, '/pages/stats/ledger')
      await waitForText(page, '1. 选择台账')
      await tapButton(page, '生成企业复工台账')
      await onScreen(page.locator('[data-testid="ledger-file"]'), 60_000)
      await shot(page, 's05-ledger-phone')

      await openRoute(page, base, '/pages/manage/index')
      await waitForText(page, '社区与网格')
      await onScreen(page.locator('.mg-hero__num').filter({ hasText: /^\d+$/ }))
      await shot(page, 's06-manage-hub')
      await openRoute(page, base, '/pages/manage/places')
      await onScreen(page.locator('[data-testid="community-card"]'))
      await shot(page, 's07-places-phone')
      await openRoute(page, base, '/pages/manage/accounts')
      await onScreen(page.locator('[data-testid="account-row"]'))
      await shot(page, 's08-accounts-phone')
      await tap(
        await onScreen(
          page
            .locator('[data-testid="account-row"]')
            .filter({ hasText: '吴芳' })
            .locator('.nut-button')
            .filter({ hasText: '调整身份' }),
        ),
      )
      await waitForText(page, '调整身份：吴芳')
      await shot(page, 's09-role-sheet')
      await openRoute(page, base, '/pages/manage/audit')
      await onScreen(page.locator('[data-testid="audit-row"]'))
      await shot(page, 's10-audit-phone')
    })

    // --- desktop ---
    {
      const { page, context } = await newDesktopPage(browser)
      await loginWithForm(page, base, STREET_ADMIN)
      await openRoute(page, base, '/pages/stats/dashboard')
      await onScreen(page.locator('[data-testid="figure-enterprises.total"]'))
      await tap(await onScreen(page.locator('.st-seg__item').filter({ hasText: '近14天' })))
      await waitForText(page, /（14天）/)
      await waitForCharts(page)
      await page.evaluate(() => window.scrollTo(0, 0))
      await shot(page, 's11-dashboard-desktop')
      await page.locator('.st-section').scrollIntoViewIfNeeded()
      await page.waitForTimeout(300)
      await shot(page, 's12-dashboard-charts-desktop')
      await page.locator('[data-testid="chart-fever"]').scrollIntoViewIfNeeded()
      await page.waitForTimeout(300)
      await shot(page, 's12b-dashboard-charts2-desktop')
      await page.evaluate(() => window.scrollTo(0, 0))
      await tap(await onScreen(page.locator('[data-testid="figure-applications.received"]')))
      await waitForRoute(page, '/pages/stats/list')
      await onScreen(page.locator('[data-testid="figure-table"] [data-testid="dt-row"]'))
      await shot(page, 's13-figure-table-desktop')
      await openRoute(page, base, '/pages/manage/accounts')
      await onScreen(page.locator('[data-testid="accounts-table"] [data-testid="dt-row"]'))
      await shot(page, 's14-accounts-desktop')
      await openRoute(page, base, '/pages/manage/audit')
      await onScreen(page.locator('[data-testid="audit-table"] [data-testid="dt-row"]'))
      await shot(page, 's15-audit-desktop')
      await openRoute(page, base, '/pages/stats/ledger')
      await waitForText(page, '1. 选择台账')
      await tap(await onScreen(page.locator('[data-testid="ledger-kind-dailyReports"]')))
      await tapButton(page, '生成体温报备台账')
      await onScreen(page.locator('[data-testid="ledger-file"]'), 60_000)
      await page.locator('.nut-toast').first().waitFor({ state: 'detached', timeout: 10_000 })
      await shot(page, 's16-ledger-desktop')
      await context.close()
    }
  } finally {
    await cloud.close()
  }
}
