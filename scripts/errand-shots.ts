/**
 * Screenshots of the errand pages (跑腿代购): the request form, the resident's list and detail with the handoff
 * code, the butler's queue and next steps, the rating, the ledger and the grid worker's oversight.
 *
 * Runs its own emulator in this process on a throw-away data dir, serving the H5 build in E2E_STATIC_DIR
 * (default dist/h5). Requests are made "minutes ago" by moving the functions' clock
 * (cloudfunctions/_lib/clock.ts) back while they are created, so the queue shows real waits.
 *
 *   SHOTS=errand npx tsx scripts/screenshots.ts
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { clock } from '../cloudfunctions/_lib/clock'
import { idNumberCheckChar } from '../shared/checksums'
import { type Gateway, signIn, startDemoCloud } from '../tests/e2e/demo'
import {
  newPhonePage,
  onScreen,
  openRoute,
  scrollTo,
  tap,
  tapText,
  turnOnLargeType,
  waitForRoute,
  waitForText,
  waitForTextGone,
} from '../tests/e2e/helpers'
import { backFromWuhan } from '../tests/helpers/fixtures'
import { shanghaiDate } from '../shared/time'

type Shot = (page: Page, name: string) => Promise<void>

const MIN = 60_000

/** The butler's photos: a shop receipt and the bag at the door, drawn in the browser and uploaded. */
interface Photos {
  receipt: string
  dropOff: string
}

const receiptRow = (item: string, price: string) =>
  `<div style="display:flex;justify-content:space-between"><span>${item}</span><span>${price}</span></div>`
const RECEIPT_HTML = `<div style="width:300px;height:360px;padding:24px;box-sizing:border-box;background:#fffdf7;
  font:16px/1.9 sans-serif;color:#333"><div style="text-align:center;font-weight:700;font-size:20px">幸福里便民超市</div>
  <div style="text-align:center;color:#888;font-size:13px">购物小票 No.0318</div><hr>${[
    ['大米 5斤装 ×1', '32.50'],
    ['鸡蛋 1盒 ×1', '18.00'],
    ['抽纸 ×2', '12.80'],
    ['洗洁精 ×1', '5.20'],
  ]
    .map(([item, price]) => receiptRow(item!, price!))
    .join('')}<hr>${receiptRow('<b>合计</b>', '<b>68.50 元</b>')}</div>`
const DROP_OFF_HTML = `<div style="width:400px;height:300px;background:linear-gradient(#c9b79c 0 62%,#8d7b66 62%);
  position:relative;font-family:sans-serif"><div style="position:absolute;left:40px;top:40px;width:120px;height:170px;
  background:#6b4f3a;border:6px solid #4a3627"></div><div style="position:absolute;left:58px;top:18px;color:#fff;
  background:#3b7;padding:2px 8px;border-radius:4px">601</div><div style="position:absolute;left:210px;top:130px;
  width:120px;height:110px;background:#f4f4f0;border-radius:10px 10px 4px 4px;box-shadow:0 6px 12px #0004">
  <div style="margin:34px auto 0;width:70px;text-align:center;color:#c33;font-weight:700">跑腿<br>代购</div></div></div>`

async function drawPhotos(browser: Browser, api: Gateway, butler: string): Promise<Photos> {
  const page = await browser.newPage()
  const png = async (html: string) => {
    await page.setContent(`<body style="margin:0">${html}</body>`)
    return page.locator('body > div').screenshot()
  }
  const receipt = await png(RECEIPT_HTML)
  const dropOff = await png(DROP_OFF_HTML)
  await page.close()
  return {
    receipt: await api.upload(butler, receipt, 'receipts'),
    dropOff: await api.upload(butler, dropOff, 'dropoff'),
  }
}

let idSeq = 0
function idNumber(): string {
  const first = `42010619750301${String(++idSeq).padStart(3, '0')}`
  return first + idNumberCheckChar(first)
}

interface Person {
  token: string
  name: string
  phone: string
  room: string
}

async function quarantined(api: Gateway, name: string, phone: string, room: string): Promise<Person> {
  const token = await api.newUser(phone, name)
  await api.call(token, 'health', {
    action: 'declare',
    name,
    idNumber: idNumber(),
    phone,
    communityId: 'community-xingfu',
    gridId: 'grid-xingfu-1',
    building: '3',
    room,
    ...backFromWuhan(shanghaiDate(clock.now())),
  })
  return { token, name, phone, room }
}

/** Runs `fn` with the functions' clock `minutesAgo` minutes in the past. */
async function ago<T>(minutesAgo: number, fn: () => Promise<T>): Promise<T> {
  const at = Date.now() - minutesAgo * MIN
  clock.now = () => at
  try {
    return await fn()
  } finally {
    clock.now = () => Date.now()
  }
}

interface Scene {
  resident: Person
  residentToken: string
  butler: string
  gridWorker: string
  admin: string
  delivering: string
  toRate: string
  purchasing: string
}

async function populate(api: Gateway, browser: Browser): Promise<Scene> {
  clock.now = () => Date.now()
  const [butler, gridWorker, admin] = await Promise.all(
    ['13800000031', '13800000021', '13800000001'].map((p) => api.login(p)),
  )
  const photos = await drawPhotos(browser, api, butler!)
  const lin = await ago(200, () => quarantined(api, '林秀英', '13700000301', '1201'))
  const wang = await ago(200, () => quarantined(api, '王桂兰', '13700000302', '302'))
  const li = await ago(200, () => quarantined(api, '李建国', '13700000303', '1102'))
  const chen = await ago(200, () => quarantined(api, '陈晓燕', '13700000304', '601'))
  const zhang = await ago(200, () => quarantined(api, '张建华', '13700000305', '802'))
  const liu = await ago(200, () => quarantined(api, '刘芳', '13700000306', '1503'))

  // Yesterday-ish: 林秀英's first request, delivered, confirmed and rated; reimbursed, so in the ledger.
  const first = await ago(170, () =>
    api.call<{ errand: { _id: string } }>(lin.token, 'errand', {
      action: 'create',
      category: 'groceries',
      items: [
        { name: '大米', quantity: 1, unit: '袋', note: '5斤装' },
        { name: '鸡蛋', quantity: 1, unit: '盒' },
      ],
      budgetFen: 8000,
    }),
  )
  const firstId = first.errand._id
  await ago(165, () =>
    api.call<{ errand: { _id: string } }>(butler, 'errand', { action: 'claim', errandId: firstId }),
  )
  await ago(160, () =>
    api.call<{ errand: { _id: string } }>(butler, 'errand', {
      action: 'advance',
      errandId: firstId,
      to: 'purchasing',
    }),
  )
  await ago(140, () =>
    api.call<{ errand: { _id: string } }>(butler, 'errand', {
      action: 'advance',
      errandId: firstId,
      to: 'delivering',
      spentFen: 6850,
      receiptFileId: photos.receipt,
    }),
  )
  await ago(125, () =>
    api.call<{ errand: { _id: string } }>(butler, 'errand', {
      action: 'advance',
      errandId: firstId,
      to: 'delivered',
      dropOffFileId: photos.dropOff,
      settlement: 'reimbursed',
    }),
  )
  const code1 = (
    await api.call<{ errand: { handoffCode: string } }>(lin.token, 'errand', {
      action: 'get',
      errandId: firstId,
    })
  ).errand.handoffCode
  await ago(120, () =>
    api.call<{ errand: { _id: string } }>(lin.token, 'errand', {
      action: 'confirm',
      errandId: firstId,
      code: code1,
    }),
  )

  // Another resident's, delivered and confirmed but not rated yet — for the rating picture.
  const toRate = await ago(150, () =>
    api.call<{ errand: { _id: string } }>(chen.token, 'errand', {
      action: 'create',
      category: 'daily',
      items: [
        { name: '抽纸', quantity: 2, unit: '提' },
        { name: '洗洁精', quantity: 1, unit: '瓶' },
      ],
      budgetFen: 6000,
      contactless: true,
    }),
  )
  const toRateId = toRate.errand._id
  await ago(145, () =>
    api.call<{ errand: { _id: string } }>(butler, 'errand', { action: 'claim', errandId: toRateId }),
  )
  await ago(140, () =>
    api.call<{ errand: { _id: string } }>(butler, 'errand', {
      action: 'advance',
      errandId: toRateId,
      to: 'purchasing',
    }),
  )
  await ago(110, () =>
    api.call<{ errand: { _id: string } }>(butler, 'errand', {
      action: 'advance',
      errandId: toRateId,
      to: 'delivering',
      spentFen: 4320,
      receiptFileId: photos.receipt,
    }),
  )
  await ago(95, () =>
    api.call<{ errand: { _id: string } }>(butler, 'errand', {
      action: 'advance',
      errandId: toRateId,
      to: 'delivered',
      dropOffFileId: photos.dropOff,
      settlement: 'reimbursed',
    }),
  )
  const code2 = (
    await api.call<{ errand: { handoffCode: string } }>(chen.token, 'errand', {
      action: 'get',
      errandId: toRateId,
    })
  ).errand.handoffCode
  await ago(90, () =>
    api.call<{ errand: { _id: string } }>(chen.token, 'errand', {
      action: 'confirm',
      errandId: toRateId,
      code: code2,
    }),
  )

  // 林秀英 now: groceries on the way (the code is shown big).
  const delivering = await ago(55, () =>
    api.call<{ errand: { _id: string } }>(lin.token, 'errand', {
      action: 'create',
      category: 'groceries',
      items: [
        { name: '青菜', quantity: 2, unit: '把' },
        { name: '猪肉', quantity: 1, unit: '斤', note: '要瘦一点的' },
        { name: '西红柿', quantity: 4, unit: '个' },
        { name: '牛奶', quantity: 1, unit: '箱' },
      ],
      budgetFen: 15000,
      deliveryWindow: { start: '09:00', end: '12:00' },
      note: '放门口鞋柜上，谢谢',
    }),
  )
  const deliveringId = delivering.errand._id
  await ago(50, () =>
    api.call<{ errand: { _id: string } }>(butler, 'errand', { action: 'claim', errandId: deliveringId }),
  )
  await ago(45, () =>
    api.call<{ errand: { _id: string } }>(butler, 'errand', {
      action: 'advance',
      errandId: deliveringId,
      to: 'purchasing',
    }),
  )
  await ago(8, () =>
    api.call<{ errand: { _id: string } }>(butler, 'errand', {
      action: 'advance',
      errandId: deliveringId,
      to: 'delivering',
      spentFen: 13260,
      receiptFileId: photos.receipt,
    }),
  )

  // The butler's other work: one just claimed, one being bought.
  const claimed = await ago(35, () =>
    api.call<{ errand: { _id: string } }>(zhang.token, 'errand', {
      action: 'create',
      category: 'medicine',
      items: [{ name: '硝苯地平缓释片', quantity: 2, unit: '盒', note: '降压药，和上次一样' }],
      budgetFen: 6000,
    }),
  )
  await ago(20, () =>
    api.call<{ errand: { _id: string } }>(butler, 'errand', {
      action: 'claim',
      errandId: claimed.errand._id,
    }),
  )
  const purchasing = await ago(40, () =>
    api.call<{ errand: { _id: string } }>(liu.token, 'errand', {
      action: 'create',
      category: 'groceries',
      items: [
        { name: '挂面', quantity: 2, unit: '把' },
        { name: '苹果', quantity: 6, unit: '个' },
      ],
      budgetFen: 5000,
      deliveryWindow: { start: '14:00', end: '18:00' },
    }),
  )
  await ago(30, () =>
    api.call<{ errand: { _id: string } }>(butler, 'errand', {
      action: 'claim',
      errandId: purchasing.errand._id,
    }),
  )
  await ago(25, () =>
    api.call<{ errand: { _id: string } }>(butler, 'errand', {
      action: 'advance',
      errandId: purchasing.errand._id,
      to: 'purchasing',
    }),
  )

  // The open queue: an urgent medicine (newest, first), one waiting too long, one recent.
  await ago(42, () =>
    api.call<{ errand: { _id: string } }>(wang.token, 'errand', {
      action: 'create',
      category: 'groceries',
      items: [
        { name: '面粉', quantity: 1, unit: '袋' },
        { name: '白菜', quantity: 1, unit: '颗' },
        { name: '豆腐', quantity: 2, unit: '块' },
        { name: '酱油', quantity: 1, unit: '瓶' },
      ],
      budgetFen: 8000,
    }),
  )
  await ago(12, () =>
    api.call<{ errand: { _id: string } }>(chen.token, 'errand', {
      action: 'create',
      category: 'daily',
      items: [{ name: '垃圾袋', quantity: 2, unit: '卷' }],
      budgetFen: 2000,
      deliveryWindow: { start: '18:00', end: '21:00' },
    }),
  )
  await ago(4, () =>
    api.call<{ errand: { _id: string } }>(li.token, 'errand', {
      action: 'create',
      category: 'medicine',
      items: [{ name: '布洛芬缓释胶囊', quantity: 1, unit: '盒' }],
      budgetFen: 3000,
      urgent: true,
      note: '发烧38度，家里没有退烧药',
    }),
  )
  // Someone who would like to talk, in the grid worker's queue.
  await ago(18, () =>
    api.call<{ errand: { _id: string } }>(wang.token, 'errand', {
      action: 'create',
      category: 'psych',
      note: '一个人隔离，晚上睡不着，想找人聊聊',
    }),
  )

  return {
    resident: lin,
    residentToken: lin.token,
    butler,
    gridWorker,
    admin,
    delivering: deliveringId,
    toRate: toRateId,
    purchasing: purchasing.errand._id,
  }
}

/** A phone signed in as `token`; `storage` adds other app storage. */
async function phone(
  browser: Browser,
  token: string,
  storage: Record<string, unknown> = {},
): Promise<{ page: Page; context: BrowserContext }> {
  const { page, context } = await newPhonePage(browser)
  await signIn(context, token, storage)
  return { page, context }
}

/** What the request form remembers from the last request on this phone (client/pages/errand/parts/lastRequest.ts). */
const LAST_REQUEST = {
  'reopen.errand.last': {
    category: 'groceries',
    items: [
      { name: '青菜', quantity: 2, unit: '把' },
      { name: '猪肉', quantity: 1, unit: '斤', note: '要瘦一点的' },
      { name: '西红柿', quantity: 4, unit: '个' },
    ],
    budgetYuan: '',
    windowKey: 'morning',
    contactless: true,
  },
}

export async function errandScreenshots(browser: Browser, shot: Shot): Promise<void> {
  const cloud = await startDemoCloud('shots-errand')
  const base = cloud.url
  try {
    const api = cloud.gateway
    const s = await populate(api, browser)

    // --- the resident: home, list with the code, detail, the request form -------------------------
    {
      const { page, context } = await phone(browser, s.residentToken, LAST_REQUEST)
      await openRoute(page, base, '/pages/index/index', '办事服务')
      await shot(page, 'e00-home-resident')
      await tapText(page, '跑腿代购')
      await waitForRoute(page, '/pages/errand/mine')
      await onScreen(page.locator('[data-testid="handoff-code"]'))
      await shot(page, 'e02-resident-list-code')
      await tap(await onScreen(page.locator('[data-testid="errand-card-mine"]').first()))
      await waitForRoute(page, '/pages/errand/detail')
      await waitForText(page, '管家送到时，请把这个号码读给管家核对')
      await shot(page, 'e03-resident-detail-code')
      await scrollTo(page, '[data-testid="errand-items"]')
      await shot(page, 'e03b-resident-detail-items')
      await openRoute(page, base, '/pages/errand/new', '送达地址')
      await waitForText(page, '已按您上次的清单填好')
      await shot(page, 'e01-request-form')
      await tapText(page, '100元')
      await shot(page, 'e01a-request-form-budget')
      await tapText(page, '常用药、慢性病用药')
      await scrollTo(page, '.e-switches')
      await shot(page, 'e01b-request-form-medicine')
      await turnOnLargeType(page, base)
      await openRoute(page, base, '/pages/errand/new', '送达地址')
      await onScreen(page.locator('.page--large [data-testid="item-row"]'))
      await shot(page, 'e11-request-form-large')
      await context.close()
    }

    // --- a resident rates a confirmed request ---------------------------------------------------------
    {
      const chen = await api.login('13700000304')
      const { page, context } = await phone(browser, chen)
      await openRoute(page, base, `/pages/errand/detail?id=${s.toRate}`, '已确认收货')
      // The butler's receipt and door photos, as pictures.
      await scrollTo(page, '.e-photos')
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('.e-photo-view__img img')].filter(
            (i) => (i as HTMLImageElement).naturalWidth > 0,
          ).length === 2,
      )
      await shot(page, 'e07a-resident-photos')
      await scrollTo(page, '[data-testid="rate-card"]')
      await tap(await onScreen(page.locator('[data-testid="star-5"]')))
      await tapText(page, '送得很及时')
      await tapText(page, '态度很好')
      await shot(page, 'e07-rate')
      await context.close()
    }

    // --- the butler: queue, my tasks, the receipt sheet, the code ---------------------------------------
    {
      const { page, context } = await phone(browser, s.butler)
      await openRoute(page, base, '/pages/index/index', '办事服务')
      await shot(page, 'e10-home-butler')
      await tapText(page, '跑腿接单')
      await waitForRoute(page, '/pages/errand/queue')
      await onScreen(page.locator('[data-testid="errand-card-queue"]').first())
      await shot(page, 'e04-butler-queue')
      await tapText(page, '我的任务')
      await onScreen(page.locator('[data-testid="errand-card-task"] .e-next').first())
      await shot(page, 'e05-butler-next-step')
      const buy = page.locator(`[data-testid="errand-card-task"][data-id="${s.purchasing}"] .e-next`)
      await tap(await onScreen(buy))
      await waitForText(page, '买好了，开始配送')
      const money = await onScreen(page.locator('input[placeholder="如 86.50"]'), 15_000, {
        withinHeight: true,
      })
      await money.click()
      await money.pressSequentially('46.8', { delay: 5 })
      await money.evaluate((el) => (el as HTMLInputElement).blur())
      await shot(page, 'e06-butler-receipt-sheet')
      await tap(
        await onScreen(page.locator('.e-sheet .nut-popup-title-right'), 5_000, { withinHeight: true }),
      )
      await waitForTextGone(page, '买好了，开始配送')
      const drop = page.locator(`[data-testid="errand-card-task"][data-id="${s.delivering}"] .e-next`)
      await tap(await onScreen(drop))
      await waitForText(page, '确认已送达')
      await tapText(page, '社区报销')
      await shot(page, 'e06b-butler-dropoff-sheet')
      await context.close()
    }

    // --- the grid worker: late and unclaimed ------------------------------------------------------------
    {
      const { page, context } = await phone(browser, s.gridWorker)
      await openRoute(page, base, '/pages/errand/grid', '跑腿督办')
      await onScreen(page.locator('[data-testid="watch-counts"]'))
      await onScreen(page.locator('[data-testid="errand-card-oversee"]').first())
      await shot(page, 'e09-grid-watch')
      await context.close()
    }

    // --- the admin settles the reimbursements -----------------------------------------------------------
    {
      const { page, context } = await phone(browser, s.admin)
      await openRoute(page, base, '/pages/errand/ledger', '代购垫付台账')
      await onScreen(page.locator('[data-testid="ledger-entry"]').first())
      await tapText(page, '全选')
      await shot(page, 'e08-ledger-admin')
      await tapText(page, /^结算$/)
      await waitForText(page, '确认已向管家支付')
      await shot(page, 'e08b-ledger-settle-confirm')
      await context.close()
    }
  } finally {
    clock.now = () => Date.now()
    await cloud.close()
  }
}
