/**
 * Journey (c): a resident in home quarantine asks for groceries in the mini-program; a butler (another WeChat
 * user) claims it, photographs the receipt — uploaded with wx.cloud.uploadFile — delivers, and the resident
 * confirms; the street admin, who signs in on the web, joins the mini-program with a link code and finds the two
 * progress messages in the outbox. Mini-programs side by side, one local cloud; the functions' clock is fixed to a
 * Shanghai morning.
 */
import { clock } from '../../cloudfunctions/_lib/clock'
import { DEMO, TestCloud } from '../helpers/cloud'
import { quarantineDeclaration } from '../helpers/fixtures'
import { WeChatClient } from '../helpers/wechat'
import { joinWithLinkCode } from './journeys'
import { MiniProgram, textOf, type PageHost } from './runtime'

let cloud: TestCloud
let resident: MiniProgram
let butler: MiniProgram
let admin: MiniProgram | undefined
let errandId = ''
const at = (t: string) => Date.parse(`${t}+08:00`)
/** A tiny JPEG as the camera would hand it over. */
const PHOTO = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
  'base64',
)

beforeAll(async () => {
  clock.now = () => at('2026-03-02T09:30:00')
  cloud = await TestCloud.start({ wechatSimulator: true })
  // The resident: set up in the mini-program earlier, quarantined after declaring a return from 湖北.
  const r = new WeChatClient(cloud.server, { openid: 'o_journey_resident', phone: '13512340201' })
  await r.ok('account', { action: 'provePhone', code: await r.phoneCode() })
  await r.ok('account', { action: 'setup', name: '周居家', role: 'resident' })
  await r.ok(
    'health',
    quarantineDeclaration({
      name: '周居家',
      phone: '13512340201',
      n: 201,
      communityId: 'community-heping',
      gridId: 'grid-heping-2',
      building: '2',
      room: '203',
    }),
  )
  // The butler of that grid: a WeChat user who redeemed the street admin's invitation.
  const admin = await cloud.login(DEMO.admin)
  const { invite } = await cloud.ok<{ invite: { code: string } }>(admin, 'account', {
    action: 'createInvite',
    role: 'butler',
    scope: { streetId: 'street-demo', communityId: 'community-heping', gridId: 'grid-heping-2' },
  })
  const b = new WeChatClient(cloud.server, { openid: 'o_journey_butler', phone: '13512340202' })
  await b.ok('account', { action: 'provePhone', code: await b.phoneCode() })
  await b.ok('account', { action: 'setup', name: '吴管家', role: 'resident' })
  await b.ok('account', { action: 'redeemInvite', code: invite.code })
  resident = await MiniProgram.launch({ server: cloud.server, identity: r.identity })
  butler = await MiniProgram.launch({ server: cloud.server, identity: b.identity })
})
afterAll(async () => {
  await Promise.all([resident, butler, admin].map((mp) => mp?.close()))
  clock.now = () => Date.now()
  await cloud.stop()
})

const outboxStatuses = async () =>
  (
    await cloud.sdk().database().collection('subscribe_outbox').where({ touser: 'o_journey_resident' }).get()
  ).data.map((m) => (m as { data: Record<string, string> }).data.phrase2)

describe('groceries for a resident in quarantine', () => {
  it('the resident asks, and allows two progress messages', async () => {
    const home = resident.page
    await home.tap('跑腿代购')
    const mine = await resident.waitForPage('pages/errand/mine')
    await mine.tap('＋ 发起新需求')
    const form = await resident.waitForPage('pages/errand/new')
    await form.tap('生活物资')
    await form.fill('css=input[placeholder=物品名称，如 大米]', '大米')
    await form.tap('100元')
    await form.tap('提交需求')
    const detail = await resident.waitForPage('pages/errand/detail')
    await detail.waitFor('请耐心等待认领')
    errandId = detail.query.id!
    expect(detail.text()).toContain('大米')
    await detail.tap('开启进度通知')
    await detail.waitFor('已开启 1 条微信通知')
    await detail.tap('再开启一条')
    await detail.waitFor('已开启 2 条微信通知')
    expect(resident.errors).toEqual([])
  })

  it('the butler claims it, photographs the receipt (wx.cloud.uploadFile) and delivers', async () => {
    await butler.page.tap('跑腿接单')
    const queue = await butler.waitForPage('pages/errand/queue')
    await queue.waitFor('大米')
    await queue.tap('认领')
    await queue.tap(/^我的任务/)
    await queue.tap('开始采购')
    await queue.waitFor('开始配送')
    await queue.tap('开始配送')
    await queue.fill('css=input[placeholder=如 86.50]', '42.5')
    butler.user.picks.push([{ data: PHOTO, ext: 'jpg' }])
    await queue.tap('拍摄购物小票')
    await queue.waitFor('重拍')
    await queue.tap('确认，开始配送')
    await queue.waitFor('已送达')
    await queue.tap('已送达')
    butler.user.picks.push([{ data: PHOTO, ext: 'jpg' }])
    await queue.tap('拍摄放在门口的物品')
    await queue.waitFor('重拍')
    // Left at the door (the form's default is contactless): the community reimburses, nobody pays face to face.
    expect(queue.text()).not.toContain('居民当面支付')
    await queue.tap('社区报销')
    await queue.tap('确认已送达')
    // The sheet slides away (NutUI keeps it in the tree, hidden); the task card now reads 已送达.
    await queue.waitFor((p: PageHost) => p.select('.e-status').some((n) => textOf(n) === '已送达'))

    // The receipt is in cloud storage, uploaded by the butler's WeChat client.
    const { data } = await cloud.sdk().database().collection('errands').doc(errandId).get()
    const errand = data[0] as { status: string; receiptFileId: string; spentFen: number }
    expect(errand).toMatchObject({ status: 'delivered', spentFen: 4250 })
    expect(errand.receiptFileId).toMatch(/^cloud:\/\/.+\/receipts\/.+\.jpg$/)
    const { fileList } = await cloud.sdk().getTempFileURL({ fileList: [errand.receiptFileId] })
    const stored = Buffer.from(await (await fetch(fileList[0]!.tempFileURL)).arrayBuffer())
    expect(stored).toEqual(PHOTO)
    expect(await outboxStatuses()).toEqual(expect.arrayContaining(['已认领', '已送达']))
    expect(butler.errors).toEqual([])
  })

  it('the resident sees it delivered and confirms receipt', async () => {
    const detail = resident.page
    await detail.pullDownRefresh()
    await detail.waitFor('确认收货')
    await detail.tap('确认收货')
    await detail.tap('css=.nut-dialog-footer-ok')
    // The tip under the status (the progress steps always list 已确认收货 as the last step).
    await detail.waitFor('已确认收货，感谢配合')
    const { data } = await cloud.sdk().database().collection('errands').doc(errandId).get()
    expect((data[0] as { status: string }).status).toBe('confirmed')
    expect(resident.errors).toEqual([])
  })

  it('the street admin, who uses the web version, joins the mini-program with a link code and finds both messages in the outbox', async () => {
    // H5 (password) first: 「我的 › 关联其他登录方式」 hands out a 6-digit code.
    const joined = await joinWithLinkCode(cloud, DEMO.admin, 'o_journey_admin')
    admin = joined.mp
    const home = joined.home
    await home.waitFor('张伟')
    await home.tap('街道管理')
    const manage = await admin.waitForPage('pages/manage/index')
    await manage.tap('微信消息记录')
    const outbox = await admin.waitForPage('pages/manage/outbox')
    await outbox.waitFor((p: PageHost) => p.select('.mg-msg').length > 0)
    // Exactly one message per progress step, to the resident, with what WeChat would show.
    const toResident = outbox
      .select('.mg-msg')
      .map(textOf)
      .filter((t) => t.includes('跑腿进度通知') && t.includes('周居家（居民）'))
    expect(toResident).toHaveLength(2)
    expect(toResident.find((t) => t.includes('已认领'))).toContain('大米')
    expect(toResident.find((t) => t.includes('已送达'))).toContain('吴管家')
    expect(admin.errors).toEqual([])
  })
})
