/**
 * Screenshots of the reopening pages (a*.png): the owner's enterprises and application form, the
 * reviewer's queue and review, the commitment, the plate, the public verify page, an inspection.
 *
 * Runs its own emulator in this process on a throw-away data dir, serving the H5 build in E2E_STATIC_DIR
 * (default dist/h5). The applications in various states are prepared through the API; the pictures are
 * taken through the UI, as the people would see them.
 *
 *   SHOTS=application npx tsx scripts/screenshots.ts
 */
import type { Browser, Page } from 'playwright-core'
import { clock } from '../cloudfunctions/_lib/clock'
import { creditCodeCheckChar } from '../shared/checksums'
import { shanghaiDate } from '../shared/time'
import { type Gateway, loginWithForm, onPhoneOf, startDemoCloud } from '../tests/e2e/demo'
import {
  newPhonePage,
  onScreen,
  scrollTo,
  tap,
  tapButton,
  tapText,
  waitForRoute,
  waitForText,
} from '../tests/e2e/helpers'

type Shot = (page: Page, name: string) => Promise<void>

const OWNER = '13800000041'
const ECONOMY = '13800000011'
const SAFETY = '13800000012'
const EPIDEMIC = '13800000013'
const GRID_WORKER = '13800000021'
const ADMIN = '13800000001'

function creditCode(seq: number): string {
  const first17 = `9135010${String(20240000 + seq).padStart(8, '0')}MA`.slice(0, 17)
  return first17 + creditCodeCheckChar(first17)
}

interface Tokens {
  owner: string
  economy: string
  safety: string
  epidemic: string
  grid: string
}

interface App {
  _id: string
  round: number
  enterpriseId: string
}

const fullForm = (extra: Record<string, unknown> = {}) => ({
  plannedDate: shanghaiDate(Date.now() + 2 * 24 * 3600_000),
  staffTotal: 12,
  staffOnSite: 9,
  staffFromOutside: 3,
  staffFromRiskAreas: 1,
  supplies: { masks: 300, disinfectantLitres: 25, thermometers: 4 },
  measures: ['entranceTemperature', 'disinfectionSchedule', 'splitMeals', 'isolationRoom', 'emergencyPlan'],
  emergencyPlan: { text: '发现发热、干咳人员立即安排到临时隔离室，由安全员报告社区并联系定点医院。' },
  disinfectionPlan: { text: '每日早晚各消毒一次，公共区域每2小时消毒，登记消毒记录表。' },
  safetyOfficer: { name: '孙丽', phone: OWNER },
  ...extra,
})

/** The owner's enterprises and applications in the states the pictures need. */
async function populate(api: Gateway, t: Tokens) {
  let seq = 1
  const register = async (name: string, kind: string, industry: string, address: string) => {
    const { enterprise } = await api.call<{ enterprise: { _id: string } }>(t.owner, 'application', {
      action: 'registerEnterprise',
      name,
      creditCode: creditCode(seq++),
      kind,
      industry,
      address,
      communityId: 'community-xingfu',
      gridId: 'grid-xingfu-1',
      legalRepresentative: '孙丽',
      contactName: '孙丽',
      contactPhone: OWNER,
    })
    return enterprise._id
  }
  const draft = async (enterpriseId: string, form: Record<string, unknown> = fullForm()) =>
    (
      await api.call<{ application: App }>(t.owner, 'application', {
        action: 'saveDraft',
        enterpriseId,
        form,
      })
    ).application
  const submit = async (app: App) =>
    (
      await api.call<{ application: App }>(t.owner, 'application', {
        action: 'submit',
        applicationId: app._id,
      })
    ).application
  const review = (token: string, app: App, decision: string, comment?: string) =>
    api.call(token, 'application', {
      action: 'review',
      applicationId: app._id,
      round: app.round,
      decision,
      ...(comment ? { comment } : {}),
    })
  const approveAll = async (app: App) => {
    for (const token of [t.economy, t.safety, t.epidemic]) await review(token, app, 'approve')
  }
  const sign = (token: string, app: App, party: string, signerName: string) =>
    api.call(token, 'application', {
      action: 'commit',
      applicationId: app._id,
      party,
      signerName,
      agreed: true,
    })

  // Reopened, with its plate: the shop.
  const shop = await draft(await register('幸福里便利店', 'shop', '零售', '幸福里12号底商'))
  const shopApp = await submit(shop)
  await approveAll(shopApp)
  await sign(t.owner, shopApp, 'enterprise', '孙丽')
  await sign(t.grid, shopApp, 'community', '陈静')
  await sign(t.owner, shopApp, 'person', '孙丽')
  await api.call(t.owner, 'application', {
    action: 'reportDifficulty',
    enterpriseId: shop.enterpriseId,
    kind: 'supplies',
    text: '口罩采购困难，现有库存只够一周使用，希望街道帮助联系供货渠道。',
  })

  // Approved, waiting for signatures: the printing shop.
  const print = await submit(await draft(await register('东湖印务有限公司', 'small', '印刷', '东湖路88号')))
  await approveAll(print)
  await sign(t.owner, print, 'enterprise', '孙丽')

  // In review: the machine works (发展保障中心 has approved), the restaurant (returned once, resubmitted).
  const works = await submit(
    await draft(await register('东湖精密机械有限公司', 'large', '制造', '东湖工业园3号')),
  )
  await review(t.economy, works, 'approve')
  const restaurant = await submit(await draft(await register('和平饭店', 'small', '餐饮', '和平路16号')))
  await review(t.safety, restaurant, 'return', '请补充厨房通风和餐具消毒记录')
  await api.call(t.owner, 'application', {
    action: 'saveDraft',
    enterpriseId: restaurant.enterpriseId,
    applicationId: restaurant._id,
    form: { disinfectionPlan: { text: '每日早晚各消毒一次，餐具高温消毒并登记，厨房每日通风4次。' } },
  })
  const restaurant2 = await submit(restaurant)
  await review(t.epidemic, restaurant2, 'approve')
  const hardware = await submit(await draft(await register('东湖五金店', 'shop', '五金零售', '东湖路102号')))

  // Reopened, then revoked at a follow-up inspection: the laundry.
  const laundry = await submit(await draft(await register('幸福里洗衣店', 'shop', '洗衣服务', '幸福里8号')))
  await approveAll(laundry)
  await sign(t.owner, laundry, 'enterprise', '孙丽')
  await sign(t.grid, laundry, 'community', '陈静')
  await sign(t.owner, laundry, 'person', '孙丽')
  await api.call(t.grid, 'application', {
    action: 'inspect',
    applicationId: laundry._id,
    disinfectionRecords: false,
    suppliesOk: true,
    staffHealthRecords: false,
    trajectoryChecked: true,
    findings: '连续5天无消毒记录，职工健康档案缺失',
    result: 'revoke',
  })

  // A draft being filled in: the barber's.
  const barber = await draft(await register('幸福里理发店', 'shop', '美容美发', '幸福里20号'), {
    plannedDate: shanghaiDate(Date.now() + 3 * 24 * 3600_000),
    staffTotal: 6,
    staffOnSite: 4,
    supplies: { masks: 120, disinfectantLitres: 10, thermometers: 2 },
    measures: ['entranceTemperature', 'disinfectionSchedule'],
  })
  return { shop: shopApp, print, works, restaurant: restaurant2, hardware, laundry, barber }
}

/** Waits until the page has stopped scrolling (a scroll animation of its own, e.g. to the first error). */
async function scrollSettled(page: Page): Promise<void> {
  let last = -1
  for (let i = 0; i < 50; i++) {
    const y = await page.evaluate(() =>
      Math.max(window.scrollY, ...Array.from(document.querySelectorAll('.taro_page'), (el) => el.scrollTop)),
    )
    if (y === last) return
    last = y
    await page.waitForTimeout(100)
  }
}

export async function applicationScreenshots(browser: Browser, shot: Shot): Promise<void> {
  clock.now = () => Date.now()
  const cloud = await startDemoCloud('shots-app')
  const base = cloud.url
  try {
    const api = cloud.gateway
    const tokens: Tokens = {
      owner: await api.login(OWNER),
      economy: await api.login(ECONOMY),
      safety: await api.login(SAFETY),
      epidemic: await api.login(EPIDEMIC),
      grid: await api.login(GRID_WORKER),
    }
    const apps = await populate(api, tokens)

    // --- the owner: home, enterprises, an enterprise, the application form ----------------------
    {
      const { page, context } = await newPhonePage(browser)
      await loginWithForm(page, base, OWNER)
      await shot(page, 'a00-home-owner')
      await tapText(page, '我的企业')
      await waitForRoute(page, '/pages/application/enterprises')
      await waitForText(page, '幸福里理发店')
      await shot(page, 'a01-enterprises')
      await tap(
        await onScreen(page.locator('[data-testid="enterprise-card"]').filter({ hasText: '幸福里便利店' })),
      )
      await waitForRoute(page, '/pages/application/enterprise')
      await waitForText(page, '职工加入码')
      await shot(page, 'a02-enterprise')
      await tapButton(page, '显示加入码海报')
      await scrollTo(page, '[data-testid="join-poster"]', { top: true })
      await shot(page, 'a02b-join-poster')

      await page.goto(
        `${base}/#/pages/application/form?enterpriseId=${apps.barber.enterpriseId}&id=${apps.barber._id}`,
      )
      await waitForRoute(page, '/pages/application/form')
      await waitForText(page, '幸福里理发店')
      await shot(page, 'a03-application-form')
      // Over the total, caught on the spot with the shared schema's message.
      const onSite = await onScreen(page.locator('.ap-count[data-count="首批到岗人数"] input'))
      await onSite.fill('8')
      await onSite.evaluate((el) => (el as HTMLInputElement).blur())
      await waitForText(page, '人数不能超过职工总数')
      await scrollTo(page, '#f-staffTotal', { top: true })
      await shot(page, 'a04-application-form-counts')
      await tapButton(page, '提交审核')
      await waitForText(page, /还有 \d+ 项需要填写或更正/)
      // The page scrolls itself to the first error; once it stops, look at the plans further down.
      await scrollSettled(page)
      await scrollTo(page, '#f-emergencyPlan', { top: true })
      await shot(page, 'a05-application-form-missing')

      // The form has unsent changes: leaving asks first (the browser's beforeunload on a new load); leave.
      page.once('dialog', (d) => void d.accept())
      await page.goto('about:blank')
      await page.goto(`${base}/#/pages/application/list`)
      await waitForRoute(page, '/pages/application/list')
      await waitForText(page, '我的申请')
      await shot(page, 'a06-my-applications')

      await page.goto(`${base}/#/pages/application/detail?id=${apps.restaurant._id}`)
      await waitForText(page, '三方审核中')
      await shot(page, 'a07-detail-reviewing')
      await scrollTo(page, '.ap-timeline', { top: true })
      await shot(page, 'a07b-detail-timeline')

      await page.goto(`${base}/#/pages/application/commit?id=${apps.print._id}`)
      await waitForText(page, '复工复产疫情防控三方承诺书')
      await shot(page, 'a08-commit')
      await scrollTo(page, '[data-testid="sign-person"]', { top: true })
      await shot(page, 'a08b-commit-sign')

      await page.goto(`${base}/#/pages/application/plate?id=${apps.shop._id}`)
      await onScreen(page.locator('[data-testid="plate"]'))
      await shot(page, 'a09-plate')
      // What 打印公示牌 puts on paper: the plate alone.
      await page.emulateMedia({ media: 'print' })
      await shot(page, 'a09b-plate-print')
      await page.emulateMedia({ media: 'screen' })
      const verifyUrl = (
        (await (await onScreen(page.locator('[data-testid="verify-url"]'))).textContent()) ?? ''
      ).trim()

      await page.goto(`${base}/#/pages/application/plate?id=${apps.laundry._id}`)
      await onScreen(page.locator('[data-testid="plate-revoked"]'))
      await shot(page, 'a10-plate-revoked')

      await page.goto(`${base}/#/pages/application/difficulties?enterpriseId=${apps.shop.enterpriseId}`)
      await waitForText(page, '我的诉求')
      await shot(page, 'a11-difficulties')
      await context.close()

      // --- anyone scanning the QR ------------------------------------------------------------
      const visitor = await newPhonePage(browser)
      await visitor.page.goto(verifyUrl)
      await waitForText(visitor.page, '该企业已通过三方审核，准予复工')
      await shot(visitor.page, 'a12-verify-valid')
      const revoked = await api.call<{ verifyUrl: string }>(tokens.owner, 'application', {
        action: 'plate',
        applicationId: apps.laundry._id,
      })
      await visitor.page.goto(revoked.verifyUrl)
      await visitor.page.reload()
      await waitForText(visitor.page, '撤销原因')
      await shot(visitor.page, 'a13-verify-revoked')
      await visitor.page.goto(`${base}/#/pages/verify/index?token=${'x'.repeat(43)}`)
      await visitor.page.reload()
      await waitForText(visitor.page, '没有查到这块公示牌')
      await shot(visitor.page, 'a14-verify-unknown')
      await visitor.context.close()
    }

    // --- 安监中心: the queue, a review with the previous round, the return dialog ------------------
    {
      const { page, context } = await newPhonePage(browser)
      await loginWithForm(page, base, SAFETY)
      await tapText(page, '审核队列')
      await waitForRoute(page, '/pages/application/queue')
      await waitForText(page, '东湖五金店')
      await shot(page, 'a15-review-queue')
      await tap(await onScreen(page.locator('[data-testid="queue-item"]').filter({ hasText: '和平饭店' })))
      await waitForRoute(page, '/pages/application/review')
      await waitForText(page, '您代表')
      await shot(page, 'a16-review')
      await scrollTo(page, '.ap-round', { top: true })
      await shot(page, 'a16b-review-history')
      await tapButton(page, '退回补充')
      await waitForText(page, '退回后企业修改并重新提交')
      await shot(page, 'a17-review-return-dialog')
      await tapButton(page, '取消')
      await page.goBack()
      await waitForRoute(page, '/pages/application/queue')
      await tap(await onScreen(page.locator('.q-tabs__item').filter({ hasText: '已审核' })))
      await waitForText(page, '本部门意见')
      await shot(page, 'a18-review-queue-decided')
      await context.close()
    }

    // --- the grid worker: a follow-up inspection --------------------------------------------
    await onPhoneOf(browser, base, GRID_WORKER, async (page) => {
      await page.goto(`${base}/#/pages/application/inspect?id=${apps.shop._id}`)
      await waitForText(page, '检查项目')
      for (const item of ['消毒记录齐全', '防疫物资充足', '职工健康档案完整']) await tapText(page, item)
      await tapText(page, '存在问题，限期整改后复查')
      await waitForText(page, '整改期限')
      await shot(page, 'a19-inspect')
      await page.goto(`${base}/#/pages/index/index`)
      await tapText(page, '复工签署')
      await waitForRoute(page, '/pages/application/find')
      await waitForText(page, '粘贴申请的链接')
      await shot(page, 'a20-find')
    })

    // --- the street admin: enterprises' difficulties, answered ---------------------------------
    await onPhoneOf(browser, base, ADMIN, async (page) => {
      await tapText(page, '企业诉求')
      await waitForRoute(page, '/pages/application/difficulties')
      await waitForText(page, '口罩采购困难')
      await shot(page, 'a21-difficulties-staff')
      await tapButton(page, '答复并办结')
      await waitForText(page, '答复企业诉求')
      const box = await onScreen(page.locator('.ap-comment textarea'))
      await box.fill('已联系街道防疫物资储备点，明天上午可到街道领取口罩500只。')
      await tap(await onScreen(page.locator('.nut-dialog-footer-ok'), 15_000, { withinHeight: true }))
      await waitForText(page, '已办结')
      await shot(page, 'a22-difficulties-answered')
    })
  } finally {
    await cloud.close()
  }
}
