/**
 * Screenshots of the 防疫物资 and 健康证 pages (p*.png) on a phone, against an in-process emulator with the
 * demo street and its supplies demo (emulator/seed.ts seedSupplyDemo): the grid worker's stock and hand-out
 * sheet, the owner's receipts, purchases, the shop's staff list, the grid worker's certificates to verify.
 * `SHOTS=supplies npx tsx scripts/screenshots.ts`, or on its own: `npx tsx scripts/supplies-shots.ts`.
 */
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { seedSupplyDemo } from '../emulator/seed'
import { signIn, startDemoCloud } from '../tests/e2e/demo'
import { launchBrowser, newPhonePage, openRoute, tapButton, waitForText } from '../tests/e2e/helpers'

const PEOPLE = {
  admin: '13800000001',
  gridWorker: '13800000021',
  owner: '13800000041',
  employee: '13800000051',
}

export async function suppliesScreenshots(
  browser: Browser,
  shot: (page: Page, name: string) => Promise<void>,
): Promise<void> {
  const cloud = await startDemoCloud('supplies-shots')
  await seedSupplyDemo()
  try {
    const on = async (who: keyof typeof PEOPLE) => {
      const p = await newPhonePage(browser)
      await signIn(p.context, await cloud.gateway.login(PEOPLE[who]))
      return p.page
    }
    const worker = await on('gridWorker')
    await openRoute(worker, cloud.url, '/pages/index/index', '防疫物资')
    await shot(worker, 'p00-home-grid-worker')
    await openRoute(worker, cloud.url, '/pages/supplies/stock', '街道库存')
    await waitForText(worker, '老街坊面馆')
    await shot(worker, 'p01-stock')
    await tapButton(worker, '发放物资')
    await waitForText(worker, '现场签收人')
    await shot(worker, 'p02-hand-out-sheet')
    await openRoute(worker, cloud.url, '/pages/supplies/purchases', '老街坊面馆')
    await shot(worker, 'p03-purchases')
    await openRoute(worker, cloud.url, '/pages/application/certificates', '待核验的健康证')
    await waitForText(worker, '周杰')
    await shot(worker, 'p04-certificates-to-verify')
    await openRoute(
      worker,
      cloud.url,
      '/pages/application/certificate-staff?enterpriseId=ent-demo-shop',
      '可以上岗',
    )
    await shot(worker, 'p05-shop-staff-grid-worker')

    const owner = await on('owner')
    await openRoute(owner, cloud.url, '/pages/index/index', '防疫物资')
    await shot(owner, 'p06-home-owner')
    await openRoute(owner, cloud.url, '/pages/supplies/stock', '街道发放的物资')
    await waitForText(owner, '待确认')
    await shot(owner, 'p07-received')
    await owner.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
    await shot(owner, 'p08-purchase-form')
    await openRoute(owner, cloud.url, '/pages/application/certificate-staff', '可以上岗')
    await shot(owner, 'p09-shop-staff-owner')
    await openRoute(owner, cloud.url, '/pages/application/certificates', '我的健康证')
    await waitForText(owner, '即将到期')
    await shot(owner, 'p10-my-certificates')

    const admin = await on('admin')
    await openRoute(admin, cloud.url, '/pages/supplies/stock', '街道库存')
    await tapButton(admin, '登记入库')
    await waitForText(admin, '来源说明')
    await shot(admin, 'p11-receive-sheet')
    await openRoute(admin, cloud.url, '/pages/stats/dashboard', '物资发放')
    await waitForText(admin, '受助企业')
    await admin.locator('text=物资发放').first().scrollIntoViewIfNeeded()
    await shot(admin, 'p12-dashboard-hand-outs')
  } finally {
    await cloud.close()
  }
}

if (require.main === module) {
  const out = path.resolve(__dirname, '..', 'screenshots')
  void (async () => {
    const session = await launchBrowser()
    try {
      await suppliesScreenshots(session.browser, async (page, name) => {
        await page.waitForTimeout(400)
        await page.screenshot({ path: path.join(out, `${name}.png`) })
        console.log(`  screenshots/${name}.png`)
      })
    } finally {
      await session.close()
    }
  })().catch((e) => {
    console.error(e)
    process.exit(1)
  })
}
