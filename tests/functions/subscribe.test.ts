/**
 * Subscribe messages end to end: people authorise in WeChat (the simulator's requestSubscribeMessage) and the app
 * counts it (`account.subscribed`); each notice that carries a message uses one authorisation and goes out through
 * node-sdk's callWxOpenApi to the local cloud's WeChat, which validates it and records it in the outbox. The inbox
 * is written whatever happens. The functions' clock is fixed to a Shanghai morning.
 */
import { SUBSCRIBE_TEMPLATES, type SubscribeKind } from '../../config/subscribe'
import { clock } from '../../cloudfunctions/_lib/clock'
import { DEMO, TestCloud } from '../helpers/cloud'
import { creditCode, quarantineDeclaration, reopeningForm } from '../helpers/fixtures'
import { WeChatClient } from '../helpers/wechat'
import { seedOnsiteEnterprise } from '../../emulator/seedOnsite'
import { onsiteStaffId } from '../../shared/onsite'

let cloud: TestCloud
let admin: string
let reviewers: string[]

const at = (t: string) => Date.parse(`${t}+08:00`)
const T0 = at('2026-03-02T09:00:00')
const GRID = { streetId: 'street-demo', communityId: 'community-heping', gridId: 'grid-heping-2' }

let seq = 0
const next = () => String(++seq).padStart(6, '0')

beforeAll(async () => {
  clock.now = () => T0
  cloud = await TestCloud.start({ wechatSimulator: true })
  ;[admin, ...reviewers] = await Promise.all(
    [DEMO.admin, DEMO.economy, DEMO.safety, DEMO.epidemic].map((p) => cloud.login(p)),
  )
})
afterAll(async () => {
  clock.now = () => Date.now()
  await cloud.stop()
})

interface Message {
  touser: string
  kind: string
  page: string
  data: Record<string, string>
}

const outboxOf = async (user: WeChatClient): Promise<Message[]> =>
  (await cloud.sdk().database().collection('subscribe_outbox').where({ touser: user.openid }).get())
    .data as Message[]

/** The timer that sends the notices claims queued, at `time` (by default a minute after the clock). */
const noticeScan = (time = clock.now() + 60_000) => cloud.timer('noticeScan', new Date(time))

const inboxTitles = async (user: WeChatClient): Promise<string[]> =>
  (await user.ok<{ items: { title: string }[] }>('account', { action: 'inbox' })).items.map((i) => i.title)

/** A mini-program user who proved a phone and set up. */
async function wxUser(role: 'resident' | 'owner', name: string): Promise<WeChatClient> {
  const user = new WeChatClient(cloud.server, { openid: `o_subscribe_${next()}`, phone: `135${next()}00` })
  await user.ok('account', { action: 'provePhone', code: await user.phoneCode() })
  await user.ok('account', { action: 'setup', name, role })
  return user
}

/** The person taps 「允许」 on WeChat's dialog `times` times and the client reports each to the app. */
async function authorise(user: WeChatClient, kind: SubscribeKind, times = 1): Promise<number> {
  let remaining = 0
  for (let i = 0; i < times; i++) {
    await user.requestSubscribeMessage([SUBSCRIBE_TEMPLATES[kind].id])
    remaining = (
      await user.ok<{ remaining: Record<string, number> }>('account', {
        action: 'subscribed',
        accepted: [kind],
      })
    ).remaining[kind]!
  }
  return remaining
}

async function wxButler(): Promise<WeChatClient> {
  const { invite } = await cloud.ok<{ invite: { code: string } }>(admin, 'account', {
    action: 'createInvite',
    role: 'butler',
    scope: GRID,
  })
  const user = await wxUser('resident', '微信管家')
  await user.ok('account', { action: 'redeemInvite', code: invite.code })
  return user
}

async function quarantined(name = '隔离居民'): Promise<WeChatClient> {
  const user = await wxUser('resident', name)
  const { quarantine } = await user.ok<{ quarantine: unknown }>(
    'health',
    quarantineDeclaration({ name, phone: '13500000000', n: ++seq, ...GRID }),
  )
  expect(quarantine).not.toBeNull()
  return user
}

let butler: WeChatClient
beforeAll(async () => {
  butler = await wxButler()
})

describe('authorisations', () => {
  it('are counted one per 「允许」, only for mini-program callers', async () => {
    const user = await wxUser('resident', '订阅者')
    expect(await authorise(user, 'errandStatus')).toBe(1)
    expect(await authorise(user, 'errandStatus', 2)).toBe(3)
    const web = await cloud.newUser('13500009999')
    const r = await cloud.call(web, 'account', { action: 'subscribed', accepted: ['errandStatus'] })
    expect(r.body).toMatchObject({ ok: false, code: 'WECHAT_ONLY' })
  })
})

describe('each notice sends one message, tested through the outbox', () => {
  it('the reminder an hour before a slot closes goes to who authorised it, once; the others get the inbox', async () => {
    const allowed = await quarantined('提醒我')
    const silent = await quarantined('不订阅')
    await authorise(allowed, 'reportReminder', 2)
    await cloud.timer('healthScan', new Date(at('2026-03-02T11:00:00')))
    await cloud.timer('healthScan', new Date(at('2026-03-02T11:00:00')))
    const sent = await outboxOf(allowed)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({
      kind: 'reportReminder',
      page: 'pages/health/card',
      data: { thing1: '上午体温报备', time2: '2026年3月2日 12:00' },
    })
    expect(await outboxOf(silent)).toHaveLength(0)
    expect(await inboxTitles(silent)).toContain('请报备体温')
    expect(await inboxTitles(allowed)).toContain('请报备体温')
  })

  it('a fever report alerts the grid’s butler', async () => {
    await authorise(butler, 'feverAlert')
    const person = await quarantined('发热的人')
    await person.ok('health', { action: 'report', temperature: 38.6, symptoms: [], requestId: `r-${next()}` })
    const sent = await outboxOf(butler)
    expect(sent.filter((m) => m.kind === 'feverAlert')).toEqual([
      expect.objectContaining({
        page: expect.stringMatching(/^pages\/health\/history\?id=/),
        data: expect.objectContaining({ thing1: '发热的人（5栋502）', thing2: '38.6℃' }),
      }),
    ])
  })

  it('an errand being claimed and then delivered sends two messages to the resident', async () => {
    const resident = await quarantined('要代购的人')
    await authorise(resident, 'errandStatus', 2)
    const { errand } = await resident.ok<{ errand: { _id: string } }>('errand', {
      action: 'create',
      category: 'groceries',
      items: [{ name: '大米', quantity: 1, unit: '袋' }],
      budgetFen: 5000,
    })
    const errandId = errand._id
    await butler.ok('errand', { action: 'claim', errandId })
    // The claim queued its notice (errand/notices.ts); noticeScan sends it, once however often it runs.
    expect(await outboxOf(resident)).toEqual([])
    expect(await inboxTitles(resident)).not.toContain('管家已认领您的需求')
    await noticeScan()
    await noticeScan()
    expect((await outboxOf(resident)).map((m) => m.data.phrase2)).toEqual(['已认领'])
    expect((await inboxTitles(resident)).filter((t) => t === '管家已认领您的需求')).toHaveLength(1)
    await butler.ok('errand', { action: 'advance', errandId, to: 'purchasing' })
    const receipt = await butler.uploadFile(`receipts/${butler.openid}/r.jpg`, Buffer.from('jpeg'))
    await butler.ok('errand', {
      action: 'advance',
      errandId,
      to: 'delivering',
      spentFen: 4200,
      receiptFileId: receipt.fileID,
    })
    const photo = await butler.uploadFile(`dropoff/${butler.openid}/d.jpg`, Buffer.from('jpeg'))
    await butler.ok('errand', {
      action: 'advance',
      errandId,
      to: 'delivered',
      dropOffFileId: photo.fileID,
      // Left at the door (contactless by default): settled by the community's reimbursement.
      settlement: 'reimbursed',
    })
    const sent = await outboxOf(resident)
    expect(sent.map((m) => m.data.phrase2).sort()).toEqual(['已认领', '已送达'])
    expect(sent[0]).toMatchObject({
      kind: 'errandStatus',
      data: { thing1: '生活物资：大米', thing3: '管家微信管家' },
    })
  })

  it('an application returned and then approved: two messages; a long enterprise name is fitted, not refused', async () => {
    const owner = await wxUser('owner', '微信企业主')
    const name = '东湖街道幸福里社区第一网格便民生活超市有限公司'
    const { enterprise } = await owner.ok<{ enterprise: { _id: string } }>('application', {
      action: 'registerEnterprise',
      name,
      creditCode: creditCode(++seq),
      kind: 'shop',
      industry: '零售',
      address: '和平路8号',
      communityId: GRID.communityId,
      gridId: GRID.gridId,
      legalRepresentative: '王五',
      contactName: '王五',
      contactPhone: '13500000001',
    })
    const form = reopeningForm()
    type App = { _id: string; round: number }
    const { application } = await owner.ok<{ application: App }>('application', {
      action: 'saveDraft',
      enterpriseId: enterprise._id,
      form,
    })
    await owner.ok('application', { action: 'submit', applicationId: application._id })
    await authorise(owner, 'reviewResult', 2)
    const review = (token: string, app: App, decision: string, comment?: string) =>
      cloud.ok<{ application: App }>(token, 'application', {
        action: 'review',
        applicationId: app._id,
        round: app.round,
        decision,
        ...(comment ? { comment } : {}),
      })
    const returned = await review(reviewers[0]!, { ...application, round: 1 }, 'return', '请补充消毒记录')
    expect((await outboxOf(owner)).map((m) => m.data.phrase2)).toEqual(['退回补充'])
    await owner.ok('application', { action: 'submit', applicationId: application._id })
    let app = { ...returned.application, round: returned.application.round + 1 }
    for (const r of reviewers) app = (await review(r, app, 'approve')).application
    const sent = await outboxOf(owner)
    expect(sent.map((m) => m.data.phrase2).sort()).toEqual(['审核通过', '退回补充'])
    const thing = sent[0]!.data.thing1!
    expect([...thing]).toHaveLength(20)
    expect(thing.endsWith('…')).toBe(true)
  })

  it('with no authorisation left nothing is sent, and the inbox still tells', async () => {
    const resident = await quarantined('只订阅一次')
    await authorise(resident, 'errandStatus', 1)
    const { errand } = await resident.ok<{ errand: { _id: string } }>('errand', {
      action: 'create',
      category: 'medicine',
      items: [{ name: '退烧药', quantity: 1, unit: '盒' }],
      budgetFen: 3000,
    })
    clock.now = () => T0 + 60_000
    await butler.ok('errand', { action: 'claim', errandId: errand._id })
    // Released before any scan: the release first delivers the claim's queued notice (with the one authorisation),
    // so the resident reads 认领 before 退回, in the order they happened.
    clock.now = () => T0 + 120_000
    await butler.ok('errand', { action: 'release', errandId: errand._id, reason: '临时有事' })
    expect((await inboxTitles(resident)).slice(0, 2)).toEqual(['需求已重新排队', '管家已认领您的需求'])
    clock.now = () => T0 + 180_000
    await butler.ok('errand', { action: 'claim', errandId: errand._id })
    await noticeScan(T0 + 240_000)
    expect(await outboxOf(resident)).toHaveLength(1)
    const titles = await inboxTitles(resident)
    expect(titles.filter((t) => t === '管家已认领您的需求')).toHaveLength(2)
    clock.now = () => T0
  })
})

describe('the outbox page (admin.outbox)', () => {
  it('shows a street admin every message with its keywords named and its recipient resolved', async () => {
    const { items, total } = await cloud.ok<{
      items: { title: string; lines: { name: string; value: string }[]; recipient: { name: string } | null }[]
      total: number
    }>(admin, 'admin', { action: 'outbox', kind: 'feverAlert' })
    expect(total).toBe(1)
    expect(items[0]).toMatchObject({
      title: '发热预警',
      recipient: { name: '微信管家' },
      lines: expect.arrayContaining([{ name: '体温', value: '38.6℃' }]),
    })
  })

  it('is for street admins only', async () => {
    const { invite } = await cloud.ok<{ invite: { code: string } }>(admin, 'account', {
      action: 'createInvite',
      role: 'admin',
      scope: { streetId: GRID.streetId, communityId: GRID.communityId },
    })
    const communityAdmin = await cloud.newUser('13922227777')
    await cloud.ok(communityAdmin, 'account', { action: 'redeemInvite', code: invite.code })
    const refused = await cloud.call(communityAdmin, 'admin', { action: 'outbox' })
    // The policy admits the street's admin only (shared/policy.ts): refused for who they are.
    expect(refused.body).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' })
    const resident = await cloud.newUser('13500008889')
    expect((await cloud.call(resident, 'admin', { action: 'outbox' })).body).toMatchObject({
      code: 'FORBIDDEN_ROLE',
    })
  })
})

// After the outbox page's counts above: one more fever alert, of 一日两检.
describe('企业一日两检', () => {
  it('a positive antigen in 一日两检 alerts the epidemic team by subscribe message in the same call', async () => {
    const { invite } = await cloud.ok<{ invite: { code: string } }>(admin, 'account', {
      action: 'createInvite',
      role: 'reviewer',
      department: 'epidemic',
      scope: { streetId: 'street-demo' },
    })
    const team = await wxUser('resident', '微信防疫队员')
    await team.ok('account', { action: 'redeemInvite', code: invite.code })
    await authorise(team, 'feverAlert')
    const db = cloud.sdk().database()
    await seedOnsiteEnterprise(db, { _id: 'ent-subscribe', name: '订阅测试厂', status: 'reopened' }, T0)
    // Anyone of the enterprise on its staff list records their own check (a mini-program user here too).
    const worker = await wxUser('owner', '阳性职工')
    const { account } = await worker.ok<{ account: { _id: string } }>('account', { action: 'me' })
    await db.collection('onsite_staff').add({
      _id: onsiteStaffId('ent-subscribe', account._id),
      enterpriseId: 'ent-subscribe',
      streetId: 'street-demo',
      communityId: 'community-xingfu',
      gridId: 'grid-xingfu-1',
      accountId: account._id,
      name: '阳性职工',
      onSite: true,
      onSiteSince: T0,
      stopped: false,
      stoppedCaseId: null,
      updatedAt: T0,
    })
    await worker.ok('onsite', {
      action: 'record',
      enterpriseId: 'ent-subscribe',
      temperature: 36.6,
      antigen: 'positive',
      pcrSampled: true,
    })
    expect(await outboxOf(team)).toEqual([
      expect.objectContaining({
        kind: 'feverAlert',
        page: 'pages/onsite/board?enterpriseId=ent-subscribe',
        data: expect.objectContaining({ thing1: '阳性职工（订阅测试厂）', thing2: '抗原阳性' }),
      }),
    ])
  })
})

describe('健康证', () => {
  it('the 30-day expiry warning reaches the owner by subscribe message; the 7-day one, with none left, the inbox only', async () => {
    const owner = await wxUser('owner', '持证店主')
    const { enterprise } = await owner.ok<{ enterprise: { _id: string } }>('application', {
      action: 'registerEnterprise',
      name: '订阅测试面馆',
      creditCode: creditCode(++seq),
      kind: 'shop',
      industry: '餐饮',
      address: '和平路9号',
      communityId: GRID.communityId,
      gridId: GRID.gridId,
      legalRepresentative: '持证店主',
      contactName: '持证店主',
      contactPhone: '13500000002',
    })
    const { certificate } = await owner.ok<{ certificate: { _id: string } }>('certificate', {
      action: 'upload',
      enterpriseId: enterprise._id,
      photo: 'cloud://reopen-local.emulator/certificates/owner.jpg',
      number: 'JKZ2026000999',
      authority: '区疾病预防控制中心',
      expiresOn: '2026-04-15',
    })
    await cloud.ok(admin, 'certificate', { action: 'verify', certificateId: certificate._id, approve: true })
    await authorise(owner, 'certificateExpiry')
    await cloud.timer('certificateScan', new Date(at('2026-03-16T09:00:00')))
    expect(await outboxOf(owner)).toEqual([
      expect.objectContaining({
        kind: 'certificateExpiry',
        page: `pages/application/certificate-staff?enterpriseId=${enterprise._id}`,
        data: { thing1: '持证店主', date2: '2026年4月15日', thing3: '到期后不能上岗，请及时换证' },
      }),
    ])
    await cloud.timer('certificateScan', new Date(at('2026-04-08T09:00:00')))
    expect(await outboxOf(owner)).toHaveLength(1)
    expect((await inboxTitles(owner)).filter((t) => t.startsWith('健康证'))).toEqual(
      expect.arrayContaining(['健康证30天内到期', '健康证7天内到期']),
    )
  })
})
