/**
 * Screenshots of the health pages (declare form, quarantine card, report sheet, board, history, …).
 *
 * Quarantine pictures need days of readings and a fixed "now", so this part runs its own emulator in
 * this process on a throw-away data dir, serving the H5 build in E2E_STATIC_DIR (default dist/h5), and
 * sets the functions' clock (cloudfunctions/_lib/clock.ts) to Friday 6 March 2026, 09:00 Shanghai:
 * day 5 of a quarantine that started on Monday.
 */
import tcb from '@cloudbase/node-sdk'
import type { Browser, Page } from 'playwright-core'
import { clock } from '../cloudfunctions/_lib/clock'
import { idNumberCheckChar } from '../shared/checksums'
import { type Gateway, loginWithForm, onPhoneOf, startDemoCloud } from '../tests/e2e/demo'
import {
  fillDeclarationFromWuhan,
  fillField,
  newPhonePage,
  onScreen,
  openRoute,
  scrollTo,
  tap,
  tapButton,
  tapText,
  turnOnLargeType,
  waitForRoute,
  waitForText,
} from '../tests/e2e/helpers'
import { DEMO_SHOP } from '../tests/helpers/fixtures'

type Shot = (page: Page, name: string) => Promise<void>

const at = (t: string) => Date.parse(`${t}+08:00`)
const DAYS = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']
const TODAY = '2026-03-06'

function idNumber(seq: number): string {
  const first = `3301061985031${String(seq).padStart(4, '0')}`
  return first + idNumberCheckChar(first)
}

/** Days of quarantine for a few people in 幸福里第一网格, so the card and board have something to show. */
async function populate(api: Gateway): Promise<{ joinCode: string }> {
  clock.now = () => at(`${DAYS[0]}T07:30:00`)
  const owner = await api.login('13800000041')
  const { enterprise } = await api.call<{ enterprise: { _id: string; joinCode: string } }>(
    owner,
    'application',
    { action: 'registerEnterprise', ...DEMO_SHOP },
  )
  const people: { token: string; name: string; phone: string; from: [string, string]; room: string }[] = [
    {
      token: await api.login('13800000051'),
      name: '周杰',
      phone: '13800000051',
      from: ['湖北省', '武汉市'],
      room: '501',
    },
    {
      token: await api.newUser('13700000101', '王桂兰', 'resident'),
      name: '王桂兰',
      phone: '13700000101',
      from: ['湖北省', '孝感市'],
      room: '302',
    },
    {
      token: await api.newUser('13700000102', '李建国', 'employee'),
      name: '李建国',
      phone: '13700000102',
      from: ['湖北省', '黄冈市'],
      room: '1102',
    },
    {
      token: await api.newUser('13700000103', '陈晓燕', 'employee'),
      name: '陈晓燕',
      phone: '13700000103',
      from: ['湖北省', '武汉市'],
      room: '601',
    },
  ]
  // Two colleagues who came back from home, screened normal: the owner sees them as fit for work.
  const colleagues = [
    { token: await api.newUser('13700000104', '赵海涛', 'employee'), name: '赵海涛', phone: '13700000104' },
    { token: await api.newUser('13700000105', '孙美玲', 'employee'), name: '孙美玲', phone: '13700000105' },
  ]
  let seq = 1
  for (const p of people) {
    await api.call(p.token, 'health', {
      action: 'declare',
      name: p.name,
      idNumber: idNumber(seq++),
      phone: p.phone,
      communityId: 'community-xingfu',
      gridId: 'grid-xingfu-1',
      building: '3',
      room: p.room,
      fromProvince: p.from[0],
      fromCity: p.from[1],
      arrivalDate: DAYS[0],
      placesStayed: [],
      contactWithCases: false,
      symptoms: [],
      ...(p.name === '周杰' || p.name === '陈晓燕' || p.name === '李建国'
        ? { enterpriseCode: enterprise.joinCode }
        : {}),
    })
  }
  for (const c of colleagues) {
    await api.call(c.token, 'health', {
      action: 'declare',
      name: c.name,
      idNumber: idNumber(seq++),
      phone: c.phone,
      communityId: 'community-xingfu',
      gridId: 'grid-xingfu-2',
      building: '8',
      room: '201',
      fromProvince: '浙江省',
      fromCity: '温州市',
      arrivalDate: DAYS[0],
      placesStayed: [],
      contactWithCases: false,
      symptoms: [],
      enterpriseCode: enterprise.joinCode,
    })
  }
  // Readings: 周杰 normal with one fever on Wednesday afternoon; 王桂兰 forgets some; 李建国 fine.
  const temps: Record<string, number[]> = {
    周杰: [36.5, 36.7, 36.4, 36.8, 36.6, 37.6, 36.9, 36.6],
    王桂兰: [36.3, 36.6, 36.5, 0, 36.4, 36.7, 0, 0],
    李建国: [36.6, 36.8, 36.5, 36.7, 36.6, 36.9, 36.5, 36.8],
    陈晓燕: [36.4, 36.5, 36.6, 36.5, 36.7, 36.6, 36.5, 36.6],
  }
  for (const [d, day] of DAYS.entries()) {
    for (const [s, time] of (['09:10', '14:20'] as const).entries()) {
      clock.now = () => at(`${day}T${time}:00`)
      for (const p of people) {
        const t = temps[p.name]![d * 2 + s]!
        if (!t) continue
        await api.call(p.token, 'health', {
          action: 'report',
          temperature: t,
          symptoms: [],
          requestId: `shot-${p.phone}-${day}-${s}`,
        })
      }
      const end = s === 0 ? '12:00' : '20:00'
      clock.now = () => at(`${day}T${end}:05`)
      await tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).callFunction({
        name: 'healthScan',
        data: { Type: 'Timer', TriggerName: 'hourly', Time: new Date(at(`${day}T${end}:00`)).toISOString() },
      })
    }
  }
  // This morning: 李建国 has a fever, 陈晓燕 is fine, the others have not reported yet.
  clock.now = () => at(`${TODAY}T08:20:00`)
  await api.call(people[2]!.token, 'health', {
    action: 'report',
    temperature: 38.1,
    symptoms: ['cough'],
    requestId: 'shot-today-1',
  })
  await api.call(people[3]!.token, 'health', {
    action: 'report',
    temperature: 36.5,
    symptoms: [],
    requestId: 'shot-today-2',
  })
  clock.now = () => at(`${TODAY}T09:00:00`)
  return { joinCode: enterprise.joinCode }
}

export async function healthScreenshots(browser: Browser, shot: Shot): Promise<void> {
  const cloud = await startDemoCloud('shots-health')
  const base = cloud.url
  try {
    const api = cloud.gateway
    const { joinCode } = await populate(api)

    // --- the employee: quarantine card on day 5, the report sheet --------------------------------
    await onPhoneOf(browser, base, '13800000051', async (page) => {
      await shot(page, 'h00-home-employee')
      await tapText(page, '体温报备')
      await waitForRoute(page, '/pages/health/card')
      await waitForText(page, '居家隔离第')
      await onScreen(page.locator('[data-testid="temp-chart"] canvas'))
      await shot(page, 'h01-card')
      await scrollTo(page, '.reasons-card')
      await shot(page, 'h01b-card-chart')
      await scrollTo(page, '.qcard')
      await tapButton(page, '报备上午体温')
      await waitForText(page, '体温（℃）')
      await tap(await onScreen(page.locator('[data-testid="temp-plus"]')))
      await tap(await onScreen(page.locator('[data-testid="temp-plus"]')))
      await shot(page, 'h02-report-sheet')
      for (let i = 0; i < 7; i++) await tap(await onScreen(page.locator('[data-testid="temp-plus"]')))
      await tapText(page, '咳嗽')
      await shot(page, 'h02b-report-sheet-fever')
      // The same card and sheet in large type (我的 → 大字模式).
      await turnOnLargeType(page, base)
      await openRoute(page, base, '/pages/health/card', '居家隔离第')
      await onScreen(page.locator('.page--large [data-testid="temp-chart"] canvas'))
      await shot(page, 'h13-card-large')
      await tapButton(page, '报备上午体温')
      await waitForText(page, '体温（℃）')
      await shot(page, 'h14-report-sheet-large')
    })

    // --- a resident declaring with the shop's code (as from the poster QR) ------------------------
    {
      const { page, context } = await newPhonePage(browser)
      await api.newUser('13700000201', '刘秀英', 'employee')
      await loginWithForm(page, base, '13700000201')
      await page.goto(`${base}/#/pages/health/declare?code=${joinCode}`)
      await waitForText(page, '请如实填写')
      await shot(page, 'h03-declare-form')
      await fillField(page, '18位身份证号', '330106198503120512')
      await fillField(page, '方便社区联系您', '1370000')
      await tapButton(page, '提交申报')
      await waitForText(page, '还有内容没填好')
      await scrollTo(page, '.declare-head')
      await shot(page, 'h03b-declare-errors')
      await scrollTo(page, '[data-testid="pick-date"]')
      await shot(page, 'h03c-declare-travel')
      // The same person, submitted through the function: the result screen.
      await context.close()
    }

    // --- the butler: board, history, inbox --------------------------------------------------------
    await onPhoneOf(browser, base, '13800000031', async (page) => {
      await shot(page, 'h04-home-butler')
      await tapText(page, '管家工作台')
      await waitForRoute(page, '/pages/health/board')
      await waitForText(page, '隔离人员')
      await onScreen(page.locator('[data-testid="board-row"]'))
      await shot(page, 'h05-board')
      await tap(await onScreen(page.locator('[data-testid="board-row"]').filter({ hasText: '周杰' })))
      await waitForRoute(page, '/pages/health/history')
      await waitForText(page, '每日记录')
      await onScreen(page.locator('[data-testid="temp-chart"] canvas'))
      await shot(page, 'h06-history')
      await scrollTo(page, '.changes')
      await shot(page, 'h06b-history-days')
      await scrollTo(page, '[data-testid="person-card"]')
      await tapButton(page, '代为录入体温')
      await waitForText(page, '体温（℃）')
      await shot(page, 'h07-record-for')
      await page.goBack()
      await waitForRoute(page, '/pages/health/board')
      await tapButton(page, '全部重点人员名单')
      await waitForRoute(page, '/pages/health/key-persons')
      await onScreen(page.locator('[data-testid="key-person"]'))
      await shot(page, 'h08-key-persons')
    })

    // --- the grid worker: extend with a reason, through the confirmation ---------------------------
    await onPhoneOf(browser, base, '13800000021', async (page) => {
      await tapText(page, '管家工作台')
      await waitForRoute(page, '/pages/health/board')
      await tap(await onScreen(page.locator('[data-testid="board-row"]').filter({ hasText: '李建国' })))
      await waitForRoute(page, '/pages/health/history')
      await tapButton(page, '延长隔离')
      await waitForText(page, '延长几天')
      const reason = await onScreen(page.locator('.decide-sheet textarea'))
      await reason.fill('今日上午发热 38.1℃ 伴咳嗽，需继续观察')
      await shot(page, 'h09-extend-sheet')
      await tapButton(page, '下一步')
      await waitForText(page, '确认延长隔离')
      await shot(page, 'h09b-extend-confirm')
    })

    // --- the owner: staff status; the admin: rules -------------------------------------------------
    await onPhoneOf(browser, base, '13800000041', async (page) => {
      await tapText(page, '员工健康')
      await waitForRoute(page, '/pages/health/staff')
      await waitForText(page, '员工情况')
      await shot(page, 'h10-staff')
    })
    await onPhoneOf(browser, base, '13800000001', async (page) => {
      await shot(page, 'h11-home-admin')
      // The street admin has no grid of their own: the board starts at the first grid, with a picker.
      await tapText(page, '隔离看板')
      await waitForRoute(page, '/pages/health/board')
      await onScreen(page.locator('[data-testid="board-row"]'))
      await shot(page, 'h11a-board-admin')
      await page.goBack()
      await waitForRoute(page, '/pages/index/index')
      await tapText(page, '筛查规则')
      await waitForRoute(page, '/pages/health/rules')
      await waitForText(page, '风险地区')
      await shot(page, 'h11-rules')
      await scrollTo(page, '.rules .form-actions')
      await shot(page, 'h11b-rules-bottom')
    })

    // --- declaring as a key person: the result ------------------------------------------------------
    {
      const { page, context } = await newPhonePage(browser)
      await api.newUser('13700000202', '黄丽娟', 'resident')
      await loginWithForm(page, base, '13700000202')
      await page.goto(`${base}/#/pages/health/declare`)
      await waitForText(page, '请如实填写')
      await fillDeclarationFromWuhan(page, {
        idNumber: idNumber(90),
        phone: '13700000202',
        building: '5',
        room: '402',
      })
      await waitForText(page, '2026年3月6日')
      await shot(page, 'h12a-declare-filled')
      await tapButton(page, '提交申报')
      await waitForText(page, '您被列为重点人员')
      await shot(page, 'h12-declare-result')
      await context.close()
    }
  } finally {
    clock.now = () => Date.now()
    await cloud.close()
  }
}
