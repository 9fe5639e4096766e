import { DEMO, TestCloud } from '../helpers/cloud'
import { DEMO_SHOP, reopeningForm } from '../helpers/fixtures'

let cloud: TestCloud
let owner: string
let economy: string
let safety: string
let epidemic: string
let gridWorker: string
let admin: string
/** An admin of the other community (和平社区): must not act for 幸福里社区's enterprises. */
let hepingAdmin: string

const enterpriseInput = (creditCode: string, name: string = DEMO_SHOP.name) => ({
  action: 'registerEnterprise',
  ...DEMO_SHOP,
  name,
  creditCode,
})
const fullForm = reopeningForm()

// Valid GB 32100 codes for test enterprises.
const CODES = [
  '91350100M000100Y43',
  '91110000802100433B',
  '91440300708461136T',
  '91310000132149237G',
  '91310000710935628W',
  '91330106MA2B000123',
]

interface App {
  _id: string
  status: string
  round: number
  plateId?: string
}

async function newApplication(code: string, name?: string): Promise<App> {
  const { enterprise } = await cloud.ok<{ enterprise: { _id: string } }>(
    owner,
    'application',
    enterpriseInput(code, name),
  )
  const { application } = await cloud.ok<{ application: App }>(owner, 'application', {
    action: 'saveDraft',
    enterpriseId: enterprise._id,
    form: fullForm,
  })
  return application
}

const decide = (token: string, app: App, decision: string, comment?: string) =>
  cloud.call<{ application: App }>(token, 'application', {
    action: 'review',
    applicationId: app._id,
    round: app.round,
    decision,
    ...(comment ? { comment } : {}),
  })

beforeAll(async () => {
  cloud = await TestCloud.start()
  ;[owner, economy, safety, epidemic, gridWorker, admin] = await Promise.all(
    [DEMO.owner, DEMO.economy, DEMO.safety, DEMO.epidemic, DEMO.gridWorker, DEMO.admin].map((p) =>
      cloud.login(p),
    ),
  )
})
beforeAll(async () => {
  const { invite } = await cloud.ok<{ invite: { code: string } }>(admin, 'account', {
    action: 'createInvite',
    role: 'admin',
    scope: { streetId: 'street-demo', communityId: 'community-heping' },
  })
  hepingAdmin = await cloud.newUser('13922220009', 'resident', '和平社区管理员')
  await cloud.ok(hepingAdmin, 'account', { action: 'redeemInvite', code: invite.code })
})
afterAll(() => cloud.stop())

describe('enterprise registration', () => {
  it('refuses a bad credit code and a second registration of the same code', async () => {
    const bad = await cloud.call(owner, 'application', enterpriseInput('91350100M000100Y44'))
    expect(bad.body).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: expect.stringContaining('统一社会信用代码不正确'),
    })
    await cloud.ok(owner, 'application', enterpriseInput(CODES[4]!, '重复测试'))
    const again = await cloud.call(owner, 'application', enterpriseInput(CODES[4]!, '重复测试'))
    expect(again.body).toMatchObject({ ok: false, code: 'CREDIT_CODE_TAKEN' })
  })

  it('tells the registrant of a credit code it is already theirs, and anyone else to contact them', async () => {
    const { enterprise } = await cloud.ok<{ enterprise: { _id: string } }>(
      owner,
      'application',
      enterpriseInput(CODES[5]!, '自己的店'),
    )
    const mine = await cloud.call(owner, 'application', enterpriseInput(CODES[5]!, '自己的店'))
    expect(mine.body).toMatchObject({
      ok: false,
      code: 'CREDIT_CODE_TAKEN',
      message: '您已经登记过「自己的店」，不用再登记，可以在“我的企业”里查看和修改',
      details: { enterpriseId: enterprise._id },
    })
    const other = await cloud.newUser('13922220019', 'owner', '另一位店主')
    const theirs = await cloud.call(other, 'application', enterpriseInput(CODES[5]!, '自己的店'))
    expect(theirs.body).toMatchObject({
      ok: false,
      code: 'CREDIT_CODE_TAKEN',
      message: '这个统一社会信用代码已经登记过了，如需管理请联系原登记人',
    })
    expect((theirs.body as { details?: unknown }).details).toBeUndefined()
  })

  it('refuses non-owners and grids of another community', async () => {
    const r = await cloud.call(economy, 'application', enterpriseInput(CODES[3]!))
    expect(r.body).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' })
    const wrongGrid = await cloud.call(owner, 'application', {
      ...enterpriseInput(CODES[3]!),
      gridId: 'grid-heping-1',
    })
    expect(wrongGrid.body).toMatchObject({ ok: false, code: 'SCOPE_NOT_FOUND' })
  })
})

describe('the whole flow', () => {
  it('draft → return → resubmit → approved → three commitments → reopened → plate verified → inspection revokes', async () => {
    const draft = await newApplication(CODES[0]!)
    expect(draft.status).toBe('draft')

    // Reviewing a draft is refused.
    expect((await decide(economy, { ...draft, round: 1 }, 'approve')).body).toMatchObject({
      code: 'APPLICATION_NOT_REVIEWING',
    })
    // Committing before approval is refused.
    const early = await cloud.call(owner, 'application', {
      action: 'commit',
      applicationId: draft._id,
      party: 'enterprise',
      signerName: '孙丽',
      agreed: true,
    })
    expect(early.body).toMatchObject({ code: 'APPLICATION_NOT_APPROVED' })
    // A second open application for the same enterprise is refused.
    const { application: first } = await cloud.ok<{ application: App & { enterpriseId: string } }>(
      owner,
      'application',
      { action: 'get', applicationId: draft._id },
    )
    const second = await cloud.call(owner, 'application', {
      action: 'saveDraft',
      enterpriseId: first.enterpriseId,
      form: {},
    })
    expect(second.body).toMatchObject({ code: 'APPLICATION_ALREADY_OPEN' })

    const { application: submitted } = await cloud.ok<{ application: App }>(owner, 'application', {
      action: 'submit',
      applicationId: draft._id,
    })
    expect(submitted).toMatchObject({ status: 'reviewing', round: 1 })
    // Editing while reviewing is refused.
    const edit = await cloud.call(owner, 'application', {
      action: 'saveDraft',
      enterpriseId: first.enterpriseId,
      applicationId: draft._id,
      form: { staffTotal: 12 },
    })
    expect(edit.body).toMatchObject({ code: 'APPLICATION_NOT_EDITABLE' })

    // The queue shows it to each department, oldest first.
    const queue = await cloud.ok<{ items: App[]; pendingCount: number }>(safety, 'application', {
      action: 'listForReview',
    })
    expect(queue.items.map((a) => a._id)).toContain(draft._id)

    expect((await decide(economy, submitted, 'approve')).body.ok).toBe(true)
    // Deciding twice is refused.
    expect((await decide(economy, submitted, 'approve')).body).toMatchObject({ code: 'ALREADY_DECIDED' })
    // Reject and return need a reason.
    expect((await decide(safety, submitted, 'return')).body).toMatchObject({ code: 'INVALID_INPUT' })
    const returned = await decide(safety, submitted, 'return', '请补充消毒记录表')
    expect(returned.body).toMatchObject({ ok: true, data: { application: { status: 'returned' } } })
    // After a return the queue no longer holds it for the department that had not decided.
    const epidemicQueue = await cloud.ok<{ items: App[] }>(epidemic, 'application', {
      action: 'listForReview',
    })
    expect(epidemicQueue.items.map((a) => a._id)).not.toContain(draft._id)

    await cloud.ok(owner, 'application', {
      action: 'saveDraft',
      enterpriseId: first.enterpriseId,
      applicationId: draft._id,
      form: { disinfectionPlan: { text: '每日早晚各消毒一次，附消毒记录表。' } },
    })
    const { application: round2 } = await cloud.ok<{ application: App }>(owner, 'application', {
      action: 'submit',
      applicationId: draft._id,
    })
    expect(round2).toMatchObject({ status: 'reviewing', round: 2 })
    for (const token of [economy, safety]) expect((await decide(token, round2, 'approve')).body.ok).toBe(true)
    const last = await decide(epidemic, round2, 'approve')
    expect(last.body).toMatchObject({ ok: true, data: { application: { status: 'approved' } } })

    // The grid worker of the enterprise's grid is asked to sign for the community, and lists it as waiting;
    // the owner sees who that is (phone masked).
    const gridInbox = await cloud.ok<{ items: { title: string; link?: string }[] }>(gridWorker, 'account', {
      action: 'inbox',
    })
    expect(gridInbox.items).toContainEqual(
      expect.objectContaining({
        title: '请代表社区签署三方承诺',
        link: `/pages/application/commit?id=${draft._id}`,
      }),
    )
    type Waiting = { items: { _id: string; enterpriseName: string; signed: number }[]; total: number }
    const waiting = () => cloud.ok<Waiting>(gridWorker, 'application', { action: 'signatures' })
    expect((await waiting()).items).toContainEqual(expect.objectContaining({ _id: draft._id, signed: 0 }))
    const signer = async () =>
      (
        await cloud.ok<{ communitySigner: { name: string; phone: string } | null }>(owner, 'application', {
          action: 'get',
          applicationId: draft._id,
        })
      ).communitySigner
    expect(await signer()).toMatchObject({ name: '陈静', phone: '138****0021' })
    expect((await cloud.call(owner, 'application', { action: 'signatures' })).body).toMatchObject({
      code: 'FORBIDDEN_ROLE',
    })

    // Commitments: each party once, by the right people.
    const sign = (token: string, party: string) =>
      cloud.call<{ application: App }>(token, 'application', {
        action: 'commit',
        applicationId: draft._id,
        party,
        signerName: '签字人',
        agreed: true,
      })
    expect((await sign(economy, 'community')).body).toMatchObject({ code: 'FORBIDDEN_ROLE' })
    expect((await sign(owner, 'community')).body).toMatchObject({ code: 'FORBIDDEN_ROLE' })
    expect((await sign(hepingAdmin, 'community')).body).toMatchObject({ code: 'FORBIDDEN_SCOPE' })
    expect((await sign(owner, 'enterprise')).body.ok).toBe(true)
    expect((await sign(owner, 'enterprise')).body).toMatchObject({ code: 'ALREADY_SIGNED' })
    expect((await sign(gridWorker, 'community')).body.ok).toBe(true)
    expect((await waiting()).items.map((a) => a._id)).not.toContain(draft._id)
    expect(await signer()).toBeNull()
    const done = await sign(owner, 'person')
    expect(done.body).toMatchObject({ ok: true, data: { application: { status: 'reopened' } } })

    const plate = await cloud.ok<{
      token: string
      creditCode: string
      valid: boolean
      verifyUrl: string
      qr: string
    }>(owner, 'application', { action: 'plate', applicationId: draft._id })
    expect(plate.valid).toBe(true)
    expect(plate.creditCode).toBe('913501********0Y43')
    expect(plate.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(plate.verifyUrl).toBe(`${cloud.url}/#/pages/verify/index?token=${plate.token}`)
    expect(plate.qr).toMatch(/^data:image\/png;base64,/)
    const verified = await cloud.ok<{ valid: boolean }>(undefined, 'application', {
      action: 'verifyPlate',
      token: plate.token,
    })
    expect(verified.valid).toBe(true)
    const guessed = await cloud.call(undefined, 'application', {
      action: 'verifyPlate',
      token: plate.token.slice(0, -1) + (plate.token.endsWith('A') ? 'B' : 'A'),
    })
    expect(guessed.body).toMatchObject({ ok: false, code: 'NOT_FOUND' })

    // The owner was told at each step.
    const inbox = await cloud.ok<{ items: { title: string }[] }>(owner, 'account', {
      action: 'inbox',
      pageSize: 50,
    })
    const titles = inbox.items.map((i) => i.title)
    expect(titles).toEqual(
      expect.arrayContaining(['复工申请需要补充材料', '复工申请已通过审核', '复工公示牌已生成']),
    )

    // The public page shows the standing after each inspection: 限期整改至…, lifted by one that passes.
    type Check = { valid: boolean; standing: string; standingText: string; revokeReason: string }
    const check = () =>
      cloud.ok<Check>(undefined, 'application', { action: 'verifyPlate', token: plate.token })
    const inspect = (result: string, extra: Record<string, unknown> = {}) =>
      cloud.ok(gridWorker, 'application', {
        action: 'inspect',
        applicationId: draft._id,
        disinfectionRecords: result === 'pass',
        suppliesOk: true,
        staffHealthRecords: true,
        trajectoryChecked: true,
        findings: result === 'pass' ? '消毒记录已补齐' : '消毒记录不全',
        result,
        ...extra,
      })
    expect(await check()).toMatchObject({ valid: true, standing: 'valid', standingText: '有效' })
    await inspect('rectify', { rectifyDeadline: '2026-03-20' })
    const rectify = await check()
    expect(rectify).toMatchObject({ valid: true, standing: 'rectify', standingText: '限期整改至3月20日' })
    // The findings stay with the enterprise and the staff.
    expect(JSON.stringify(rectify)).not.toContain('消毒记录不全')
    await inspect('pass')
    expect(await check()).toMatchObject({ standing: 'valid', standingText: '有效' })

    // Follow-up inspection revokes it; the public page says so.
    const inspected = await cloud.call(gridWorker, 'application', {
      action: 'inspect',
      applicationId: draft._id,
      disinfectionRecords: false,
      suppliesOk: false,
      staffHealthRecords: true,
      trajectoryChecked: true,
      findings: '无消毒记录，口罩储备不足',
      result: 'revoke',
    })
    expect(inspected.body.ok).toBe(true)
    const after = await check()
    expect(after.valid).toBe(false)
    expect(after).toMatchObject({ standing: 'revoked', standingText: '已撤销' })
    expect(after.revokeReason).toContain('无消毒记录')

    const history = await cloud.ok<{ events: { type: string }[]; inspections: unknown[] }>(
      economy,
      'application',
      { action: 'get', applicationId: draft._id },
    )
    expect(history.events.map((e) => e.type)).toEqual([
      'created',
      'submitted',
      'reviewed',
      'reviewed',
      'returned',
      'submitted',
      'reviewed',
      'reviewed',
      'reviewed',
      'approved',
      'committed',
      'committed',
      'committed',
      'reopened',
      'inspected',
      'inspected',
      'inspected',
      'revoked',
    ])
    expect(history.inspections).toHaveLength(3)
  })

  it('a reject ends the application and frees the enterprise to apply again', async () => {
    const app = await newApplication(CODES[1]!, '和平饭店')
    const { application } = await cloud.ok<{ application: App & { enterpriseId: string } }>(
      owner,
      'application',
      { action: 'submit', applicationId: app._id },
    )
    const r = await decide(epidemic, application, 'reject', '厨房通风不达标')
    expect(r.body).toMatchObject({ ok: true, data: { application: { status: 'rejected' } } })
    expect((await decide(economy, application, 'approve')).body).toMatchObject({
      code: 'APPLICATION_NOT_REVIEWING',
    })
    const again = await cloud.call(owner, 'application', {
      action: 'saveDraft',
      enterpriseId: application.enterpriseId,
      form: {},
    })
    expect(again.body.ok).toBe(true)
  })
})

describe('refusals', () => {
  it('counts over the total and a past date', async () => {
    const { enterprise } = await cloud.ok<{ enterprise: { _id: string } }>(
      owner,
      'application',
      enterpriseInput(CODES[2]!, '计数测试'),
    )
    const over = await cloud.call(owner, 'application', {
      action: 'saveDraft',
      enterpriseId: enterprise._id,
      form: { ...fullForm, staffOnSite: 11 },
    })
    expect(over.body).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '人数不能超过职工总数' })
    const { application } = await cloud.ok<{ application: App }>(owner, 'application', {
      action: 'saveDraft',
      enterpriseId: enterprise._id,
      form: { ...fullForm, plannedDate: '2020-01-01' },
    })
    const past = await cloud.call(owner, 'application', { action: 'submit', applicationId: application._id })
    expect(past.body).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '计划复工日期不能早于今天' })
  })

  it('wrong role, someone else’s application', async () => {
    const other = await cloud.newUser('13922220001', 'owner', '别家老板')
    const mine = await cloud.ok<{ items: App[] }>(owner, 'application', { action: 'listMine' })
    const id = mine.items[0]!._id
    expect((await cloud.call(other, 'application', { action: 'get', applicationId: id })).body).toMatchObject(
      { code: 'FORBIDDEN_SCOPE' },
    )
    expect(
      (await cloud.call(other, 'application', { action: 'submit', applicationId: id })).body,
    ).toMatchObject({ code: 'FORBIDDEN_SCOPE' })
    const resident = await cloud.login(DEMO.resident)
    expect((await cloud.call(resident, 'application', { action: 'listForReview' })).body).toMatchObject({
      code: 'FORBIDDEN_ROLE',
    })
    expect(
      (
        await cloud.call(owner, 'application', {
          action: 'review',
          applicationId: id,
          round: 1,
          decision: 'approve',
        })
      ).body,
    ).toMatchObject({ code: 'FORBIDDEN_ROLE' })
  })

  it('two reviewers of the same department deciding at the same moment: one decision is recorded', async () => {
    const app = await newApplication('91320000134789661N', '并发审核')
    const { application } = await cloud.ok<{ application: App }>(owner, 'application', {
      action: 'submit',
      applicationId: app._id,
    })
    const { invite } = await cloud.ok<{ invite: { code: string } }>(admin, 'account', {
      action: 'createInvite',
      role: 'reviewer',
      department: 'economy',
      scope: { streetId: 'street-demo' },
    })
    const second = await cloud.newUser('13922220002', 'resident', '第二审核')
    await cloud.ok(second, 'account', { action: 'redeemInvite', code: invite.code })
    const replies = await Promise.all([
      decide(economy, application, 'approve'),
      decide(second, application, 'return', '材料不全'),
    ])
    expect(replies.filter((r) => r.body.ok)).toHaveLength(1)
    expect(replies.find((r) => !r.body.ok)!.body).toMatchObject({ code: 'ALREADY_DECIDED' })
    const { events } = await cloud.ok<{ events: { type: string; department?: string }[] }>(
      economy,
      'application',
      { action: 'get', applicationId: app._id },
    )
    expect(events.filter((e) => e.type === 'reviewed' && e.department === 'economy')).toHaveLength(1)
  })
})

describe('difficulties', () => {
  it('an owner reports a difficulty; staff of another community cannot answer it; the street admin closes it', async () => {
    const { items } = await cloud.ok<{ items: { _id: string }[] }>(owner, 'application', {
      action: 'myEnterprises',
    })
    const { difficulty } = await cloud.ok<{ difficulty: { _id: string } }>(owner, 'application', {
      action: 'reportDifficulty',
      enterpriseId: items[0]!._id,
      kind: 'supplies',
      text: '口罩储备只够三天，采购渠道断了',
    })
    const other = await cloud.call(hepingAdmin, 'application', {
      action: 'answerDifficulty',
      difficultyId: difficulty._id,
      answer: '我们来协调',
    })
    expect(other.body).toMatchObject({ ok: false, code: 'FORBIDDEN_SCOPE' })
    const hepingList = await cloud.ok<{ items: { _id: string }[] }>(hepingAdmin, 'application', {
      action: 'listDifficulties',
    })
    expect(hepingList.items.map((d) => d._id)).not.toContain(difficulty._id)
    const answered = await cloud.ok<{ difficulty: { status: string } }>(admin, 'application', {
      action: 'answerDifficulty',
      difficultyId: difficulty._id,
      answer: '已联系街道物资组，明天送200只口罩',
    })
    expect(answered.difficulty.status).toBe('closed')
    const again = await cloud.call(admin, 'application', {
      action: 'answerDifficulty',
      difficultyId: difficulty._id,
      answer: '补充一下',
    })
    expect(again.body).toMatchObject({ ok: false, code: 'CONFLICT' })
  })
})
