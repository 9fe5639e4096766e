import { randomUUID } from 'node:crypto'
import { clock } from '../../cloudfunctions/_lib/clock'
import type { ErrandDoc } from '../../cloudfunctions/errand/model'
import { deliverDueNotices, deliverQueuedNotices } from '../../cloudfunctions/errand/notices'
import { idNumberCheckChar } from '../../shared/checksums'
import { maskName } from '../../shared/errand'
import { DEMO, TestCloud } from '../helpers/cloud'

/**
 * 跑腿代购 through the gateway and the real SDK against the emulator. The functions' clock is fixed to a
 * Shanghai morning (they run in this process and share `clock`), so waits and lateness are exact.
 */

let cloud: TestCloud
let admin: string
let butler: string
let gridWorker: string
let resident: string

const at = (t: string) => Date.parse(`${t}+08:00`)
const T0 = at('2026-03-02T09:00:00')
const MIN = 60_000

let phoneSeq = 0
const nextPhone = () => `137${String(++phoneSeq).padStart(8, '0')}`
let idSeq = 0
const nextIdNumber = () => {
  const first = `33010619900101${String(++idSeq).padStart(3, '0')}`
  return first + idNumberCheckChar(first)
}

interface Errand {
  _id: string
  status: string
  category: string
  queue: string
  building: string
  room?: string
  phone?: string
  requesterName: string
  handoffCode?: string | null
  assignee?: { _id: string; name: string; phone?: string } | null
  urgent: boolean
  contactless: boolean
  budgetFen: number
  spentFen?: number | null
  settlement?: string | null
  claimedAt?: number | null
  purchasingAt?: number | null
  deliveringAt?: number | null
  deliveredAt?: number | null
  confirmedAt?: number | null
  rating?: { stars: number; comment: string } | null
  codeAttemptsLeft?: number
}
type One = { errand: Errand }

interface Person {
  token: string
  name: string
  phone: string
  room: string
}

/** A resident who declares arrival from 湖北省 (a risk area by default) and is put in home quarantine. */
async function quarantined(gridId = 'grid-xingfu-1', communityId = 'community-xingfu'): Promise<Person> {
  const phone = nextPhone()
  const name = `隔离居民${phoneSeq}`
  const room = String(1000 + phoneSeq)
  const token = await cloud.newUser(phone, 'resident', name)
  const r = await cloud.ok<{ quarantine: { _id: string } | null }>(token, 'health', {
    action: 'declare',
    name,
    idNumber: nextIdNumber(),
    phone,
    communityId,
    gridId,
    building: '3',
    room,
    fromProvince: '湖北省',
    fromCity: '武汉市',
    arrivalDate: '2026-03-01',
    placesStayed: [],
    contactWithCases: false,
    symptoms: [],
  })
  expect(r.quarantine).not.toBeNull()
  return { token, name, phone, room }
}

/** A butler or grid worker made the real way: an admin invitation redeemed by a new user. */
async function staff(
  role: 'butler' | 'gridWorker',
  gridId = 'grid-xingfu-1',
  communityId = 'community-xingfu',
): Promise<{ token: string; accountId: string }> {
  const { invite } = await cloud.ok<{ invite: { code: string } }>(admin, 'account', {
    action: 'createInvite',
    role,
    scope: { streetId: 'street-demo', communityId, gridId },
  })
  const phone = nextPhone()
  const token = await cloud.newUser(phone, 'resident', `工作人员${phoneSeq}`)
  const { account } = await cloud.ok<{ account: { _id: string } }>(token, 'account', {
    action: 'redeemInvite',
    code: invite.code,
  })
  return { token, accountId: account._id }
}

const groceries = (extra: Record<string, unknown> = {}) => ({
  action: 'create',
  category: 'groceries',
  items: [
    { name: '大米', quantity: 1, unit: '袋' },
    { name: '鸡蛋', quantity: 2, unit: '盒', note: '普通鸡蛋即可' },
  ],
  budgetFen: 10000,
  deliveryWindow: { start: '10:00', end: '12:00' },
  note: '放门口鞋柜上',
  ...extra,
})

const errandCall = (token: string, action: string, event: Record<string, unknown>) =>
  cloud.call<One>(token, 'errand', { action, ...event })
const errandOk = (token: string, action: string, event: Record<string, unknown>) =>
  cloud.ok<One>(token, 'errand', { action, ...event })

const receipt = 'cloud://reopen-local.emulator/receipts/r1.jpg'
const dropOff = 'cloud://reopen-local.emulator/dropoff/d1.jpg'

/** Claims and walks a request up to delivered. */
async function deliver(
  token: string,
  errandId: string,
  settlement: 'paid_by_resident' | 'reimbursed' = 'reimbursed',
  spentFen = 8650,
): Promise<void> {
  await errandOk(token, 'claim', { errandId })
  await errandOk(token, 'advance', { errandId, to: 'purchasing' })
  await errandOk(token, 'advance', { errandId, to: 'delivering', spentFen, receiptFileId: receipt })
  await errandOk(token, 'advance', { errandId, to: 'delivered', dropOffFileId: dropOff, settlement })
}

const db = () => cloud.sdk().database()

beforeAll(async () => {
  clock.now = () => T0
  cloud = await TestCloud.start()
  ;[admin, butler, gridWorker, resident] = await Promise.all(
    [DEMO.admin, DEMO.butler, DEMO.gridWorker, DEMO.resident].map((p) => cloud.login(p)),
  )
})
beforeEach(() => {
  clock.now = () => T0
})
afterAll(async () => {
  clock.now = () => Date.now()
  await cloud.stop()
})

describe('the whole errand', () => {
  it('ask → claim → buy → deliver → confirm with the code → rate → reimburse and settle', async () => {
    const r = await quarantined()
    const { errand } = await errandOk(r.token, 'create', groceries())
    // The address comes from the quarantine record, not from the request.
    expect(errand).toMatchObject({
      status: 'open',
      queue: 'butler',
      building: '3',
      room: r.room,
      phone: r.phone,
      contactless: true,
      urgent: false,
      handoffCode: null,
    })
    const errandId = errand._id

    // The queue shows the building only, and a masked name.
    const open = await cloud.ok<{ items: Errand[] }>(butler, 'errand', { action: 'listOpen', limit: 100 })
    const listed = open.items.find((i) => i._id === errandId)!
    expect(listed).toMatchObject({ building: '3', requesterName: maskName(r.name) })
    expect(listed).not.toHaveProperty('room')
    expect(listed).not.toHaveProperty('phone')
    expect(JSON.stringify(open)).not.toContain(r.phone)
    // The grid worker oversees it, but the phone and room stay with whoever claims it.
    const overseen = (await errandOk(gridWorker, 'get', { errandId })).errand
    expect(overseen.phone).not.toBe(r.phone)
    expect(overseen).not.toHaveProperty('room')

    clock.now = () => T0 + 3 * MIN
    const claimed = (await errandOk(butler, 'claim', { errandId })).errand
    expect(claimed).toMatchObject({
      status: 'claimed',
      room: r.room,
      phone: r.phone,
      claimedAt: T0 + 3 * MIN,
    })
    expect(claimed).not.toHaveProperty('handoffCode')
    const code = (await errandOk(r.token, 'get', { errandId })).errand.handoffCode!
    expect(code).toMatch(/^\d{4}$/)
    // Whom to call: the requester their butler and the grid worker, the butler the grid worker.
    type Contacts = { contacts: { role: string; name: string; phone: string }[] }
    const theirs = await cloud.ok<Contacts>(r.token, 'errand', { action: 'get', errandId })
    expect(theirs.contacts.map((c) => [c.role, c.name, c.phone])).toEqual([
      ['butler', '赵磊', DEMO.butler],
      ['gridWorker', '陈静', DEMO.gridWorker],
    ])
    const butlers = await cloud.ok<Contacts>(butler, 'errand', { action: 'get', errandId })
    expect(butlers.contacts.map((c) => c.name)).toEqual(['陈静'])
    const overseers = await cloud.ok<Contacts>(gridWorker, 'errand', { action: 'get', errandId })
    expect(overseers.contacts).toEqual([])

    clock.now = () => T0 + 10 * MIN
    await errandOk(butler, 'advance', { errandId, to: 'purchasing' })
    clock.now = () => T0 + 40 * MIN
    await errandOk(butler, 'advance', {
      errandId,
      to: 'delivering',
      spentFen: 8650,
      receiptFileId: receipt,
    })
    clock.now = () => T0 + 60 * MIN
    const delivered = (
      await errandOk(butler, 'advance', {
        errandId,
        to: 'delivered',
        dropOffFileId: dropOff,
        settlement: 'reimbursed',
      })
    ).errand
    expect(delivered).toMatchObject({
      status: 'delivered',
      spentFen: 8650,
      settlement: 'reimbursed',
      purchasingAt: T0 + 10 * MIN,
      deliveringAt: T0 + 40 * MIN,
      deliveredAt: T0 + 60 * MIN,
    })

    clock.now = () => T0 + 62 * MIN
    const confirmed = (await errandOk(butler, 'confirm', { errandId, code })).errand
    expect(confirmed).toMatchObject({ status: 'confirmed', confirmedAt: T0 + 62 * MIN })

    // Feedback: once, and it shows on the butler's profile.
    const { errand: me } = await errandOk(r.token, 'get', { errandId })
    const butlerId = me.assignee!._id
    const before = await cloud.ok<{ completed: number; ratingCount: number }>(r.token, 'errand', {
      action: 'butlerStats',
      butlerId,
    })
    // Tags are from the shared list only, each once.
    expect((await errandCall(r.token, 'rate', { errandId, stars: 5, tags: ['很好'] })).body).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    })
    expect(
      (await errandCall(r.token, 'rate', { errandId, stars: 5, tags: ['物品齐全', '物品齐全'] })).body,
    ).toMatchObject({ ok: false, message: '评价标签不能重复' })
    const rated = await errandOk(r.token, 'rate', {
      errandId,
      stars: 5,
      comment: '很及时，谢谢！',
      tags: ['送得很及时', '物品齐全'],
    })
    expect(rated.errand.rating).toMatchObject({ tags: ['送得很及时', '物品齐全'], comment: '很及时，谢谢！' })
    expect((await errandCall(r.token, 'rate', { errandId, stars: 1 })).body).toMatchObject({
      ok: false,
      code: 'ERRAND_ALREADY_RATED',
    })
    const stats = await cloud.ok<{
      completed: number
      ratingCount: number
      ratingAverage: number
      recent: { stars: number; comment: string }[]
    }>(butler, 'errand', { action: 'butlerStats' })
    expect(stats.completed).toBe(before.completed)
    expect(stats.ratingCount).toBe(before.ratingCount + 1)
    expect(stats.ratingAverage).toBeGreaterThan(0)
    expect(stats.recent[0]).toMatchObject({
      stars: 5,
      comment: '很及时，谢谢！',
      tags: ['送得很及时', '物品齐全'],
    })

    // Money: the butler's own ledger, the grid worker's grid, the admin settles with an audit record.
    type Ledger = {
      items: { _id: string; amountFen: number; status: string; butlerId: string }[]
      totals: { pendingFen: number; settledFen: number }
    }
    const own = await cloud.ok<Ledger>(butler, 'errand', { action: 'ledger' })
    expect(own.items).toContainEqual(
      expect.objectContaining({ _id: errandId, amountFen: 8650, status: 'pending', butlerId }),
    )
    expect(own.totals.pendingFen).toBeGreaterThanOrEqual(8650)
    const grid = await cloud.ok<Ledger>(gridWorker, 'errand', { action: 'ledger', status: 'pending' })
    expect(grid.items.map((i) => i._id)).toContain(errandId)
    expect(
      (await cloud.call(butler, 'errand', { action: 'settle', entryIds: [errandId] })).body,
    ).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_ROLE',
    })
    const settled = await cloud.ok<{ settled: number; totalFen: number }>(admin, 'errand', {
      action: 'settle',
      entryIds: [errandId],
      note: '三月第一批',
    })
    expect(settled).toEqual({ settled: 1, totalFen: 8650 })
    const again = await cloud.call(admin, 'errand', { action: 'settle', entryIds: [errandId] })
    expect(again.body).toMatchObject({ ok: false, code: 'LEDGER_ALREADY_SETTLED' })
    const after = await cloud.ok<Ledger>(butler, 'errand', { action: 'ledger' })
    expect(after.items.find((i) => i._id === errandId)!.status).toBe('settled')
    expect(after.totals.settledFen).toBeGreaterThanOrEqual(8650)
    const { data: audit } = await db()
      .collection('audit_logs')
      .where({ action: 'errand.settle' })
      .limit(10)
      .get()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({
      actorId: 'account-demo-admin',
      after: { ids: [errandId], totalFen: 8650 },
    })
  })

  it('paid by the resident at the door leaves nothing to reimburse; over budget needs a reason', async () => {
    const r = await quarantined()
    const { errand } = await errandOk(r.token, 'create', groceries({ budgetFen: 5000, contactless: false }))
    const errandId = errand._id
    await errandOk(butler, 'claim', { errandId })
    await errandOk(butler, 'advance', { errandId, to: 'purchasing' })
    const over = await errandCall(butler, 'advance', {
      errandId,
      to: 'delivering',
      spentFen: 6200,
      receiptFileId: receipt,
    })
    expect(over.body).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: '实际花费超出预算，请说明原因',
    })
    await errandOk(butler, 'advance', {
      errandId,
      to: 'delivering',
      spentFen: 6200,
      receiptFileId: receipt,
      overBudgetReason: '大米涨价',
    })
    await errandOk(butler, 'advance', {
      errandId,
      to: 'delivered',
      dropOffFileId: dropOff,
      settlement: 'paid_by_resident',
    })
    const seen = (await errandOk(r.token, 'get', { errandId })).errand
    expect(seen).toMatchObject({ spentFen: 6200, overBudget: true, overBudgetReason: '大米涨价' })
    const { data } = await db().collection('errand_ledger').doc(errandId).get()
    expect(data).toHaveLength(0)
  })
})

describe('refusals', () => {
  it('a contactless delivery cannot be settled as paid at the door, only reimbursed', async () => {
    const r = await quarantined()
    const { errand } = await errandOk(r.token, 'create', groceries())
    expect(errand.contactless).toBe(true)
    const errandId = errand._id
    await errandOk(butler, 'claim', { errandId })
    await errandOk(butler, 'advance', { errandId, to: 'purchasing' })
    await errandOk(butler, 'advance', { errandId, to: 'delivering', spentFen: 3000, receiptFileId: receipt })
    const atDoor = await errandCall(butler, 'advance', {
      errandId,
      to: 'delivered',
      dropOffFileId: dropOff,
      settlement: 'paid_by_resident',
    })
    expect(atDoor.body).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: '无接触配送没有当面交接，不能选“居民当面支付”，请选“社区报销”',
    })
    expect((await errandOk(r.token, 'get', { errandId })).errand.status).toBe('delivering')
    await errandOk(butler, 'advance', {
      errandId,
      to: 'delivered',
      dropOffFileId: dropOff,
      settlement: 'reimbursed',
    })
    const { data } = await db().collection('errand_ledger').doc(errandId).get()
    expect(data).toHaveLength(1)
  })

  it('a resident who is not in quarantine and not marked as needing help cannot ask', async () => {
    const r = await errandCall(resident, 'create', groceries())
    expect(r.body).toMatchObject({ ok: false, code: 'ERRAND_NOT_ELIGIBLE' })
    // Staff cannot ask either.
    expect((await errandCall(butler, 'create', groceries())).body).toMatchObject({ code: 'FORBIDDEN_ROLE' })
  })

  it("someone else's request: no reading, cancelling, confirming or rating it", async () => {
    const owner = await quarantined()
    const other = await quarantined()
    const { errand } = await errandOk(owner.token, 'create', groceries())
    const errandId = errand._id
    for (const [action, extra] of [
      ['get', {}],
      ['cancel', {}],
      ['confirm', { code: '0000' }],
      ['rate', { stars: 5 }],
    ] as const) {
      const r = await errandCall(other.token, action, { errandId, ...extra })
      expect([action, r.body]).toEqual([
        action,
        expect.objectContaining({ ok: false, code: 'FORBIDDEN_SCOPE' }),
      ])
    }
    // Another butler of the grid cannot move a request claimed by someone else.
    const second = await staff('butler')
    await errandOk(butler, 'claim', { errandId })
    for (const [action, extra] of [
      ['advance', { to: 'purchasing' }],
      ['release', { reason: '顺路帮忙' }],
    ] as const) {
      const r = await errandCall(second.token, action, { errandId, ...extra })
      expect(r.body).toMatchObject({ ok: false, code: 'FORBIDDEN_SCOPE' })
    }
    const taken = await errandCall(second.token, 'claim', { errandId })
    expect(taken.body).toMatchObject({ ok: false, code: 'ERRAND_TAKEN', message: '已被其他管家认领' })
  })

  it('a butler outside the grid cannot see or claim; one of the same community may after the wait', async () => {
    const r = await quarantined()
    const { errand } = await errandOk(r.token, 'create', groceries())
    const errandId = errand._id
    const heping = await staff('butler', 'grid-heping-1', 'community-heping')
    const neighbour = await staff('butler', 'grid-xingfu-2', 'community-xingfu')
    const ids = async (token: string) =>
      (await cloud.ok<{ items: Errand[] }>(token, 'errand', { action: 'listOpen', limit: 100 })).items.map(
        (i) => i._id,
      )
    expect(await ids(heping.token)).not.toContain(errandId)
    expect((await errandCall(heping.token, 'claim', { errandId })).body).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_SCOPE',
    })
    expect((await errandCall(heping.token, 'get', { errandId })).body).toMatchObject({
      code: 'FORBIDDEN_SCOPE',
    })
    expect(await ids(neighbour.token)).not.toContain(errandId)
    expect((await errandCall(neighbour.token, 'claim', { errandId })).body).toMatchObject({
      ok: false,
      code: 'ERRAND_GRID_FIRST',
      message: expect.stringContaining('15分钟后'),
    })
    clock.now = () => T0 + 15 * MIN
    expect(await ids(neighbour.token)).toContain(errandId)
    expect((await errandCall(heping.token, 'claim', { errandId })).body).toMatchObject({
      code: 'FORBIDDEN_SCOPE',
    })
    const claimed = (await errandOk(neighbour.token, 'claim', { errandId })).errand
    expect(claimed).toMatchObject({ status: 'claimed', room: r.room })
  })

  it('skipping a step, going back, or delivering without receipt and photo is refused', async () => {
    const r = await quarantined()
    const { errand } = await errandOk(r.token, 'create', groceries())
    const errandId = errand._id
    expect((await errandCall(butler, 'advance', { errandId, to: 'purchasing' })).body).toMatchObject({
      code: 'FORBIDDEN_SCOPE', // not claimed yet, so not the assignee
    })
    await errandOk(butler, 'claim', { errandId })
    const skip = await errandCall(butler, 'advance', {
      errandId,
      to: 'delivering',
      spentFen: 100,
      receiptFileId: receipt,
    })
    expect(skip.body).toMatchObject({
      ok: false,
      code: 'ERRAND_STEP_INVALID',
      message: '当前是「已认领」，下一步只能是「采购中」',
    })
    expect((await errandCall(butler, 'advance', { errandId, to: 'delivered' })).body).toMatchObject({
      code: 'ERRAND_STEP_INVALID',
    })
    await errandOk(butler, 'advance', { errandId, to: 'purchasing' })
    expect((await errandCall(butler, 'advance', { errandId, to: 'claimed' })).body).toMatchObject({
      code: 'ERRAND_STEP_INVALID',
    })
    const noReceipt = await errandCall(butler, 'advance', { errandId, to: 'delivering', spentFen: 3000 })
    expect(noReceipt.body).toMatchObject({ code: 'INVALID_INPUT', message: '请先填写：购物小票照片' })
    await errandOk(butler, 'advance', { errandId, to: 'delivering', spentFen: 3000, receiptFileId: receipt })
    const noPhoto = await errandCall(butler, 'advance', {
      errandId,
      to: 'delivered',
      settlement: 'reimbursed',
    })
    expect(noPhoto.body).toMatchObject({ code: 'INVALID_INPUT', message: '请先填写：送达照片' })
    // Confirming with the code is not an `advance`.
    expect((await errandCall(butler, 'advance', { errandId, to: 'confirmed' })).body).toMatchObject({
      code: 'ERRAND_STEP_INVALID',
    })
    // The requester cannot confirm before delivery either.
    const code = (await errandOk(r.token, 'get', { errandId })).errand.handoffCode!
    expect((await errandCall(r.token, 'confirm', { errandId, code })).body).toMatchObject({
      code: 'ERRAND_STEP_INVALID',
    })
  })

  it('a wrong code is refused; after five wrong tries only the requester can confirm', async () => {
    const r = await quarantined()
    const { errand } = await errandOk(r.token, 'create', groceries())
    const errandId = errand._id
    await deliver(butler, errandId)
    const code = (await errandOk(r.token, 'get', { errandId })).errand.handoffCode!
    const wrong = code === '0000' ? '1111' : '0000'
    const first = await errandCall(butler, 'confirm', { errandId, code: wrong })
    expect(first.body).toMatchObject({
      ok: false,
      code: 'ERRAND_CODE_WRONG',
      message: '交接码不正确，还可以再试4次',
    })
    // Four more at once: the attempts are counted atomically, so none slips past the limit.
    const rest = await Promise.all(
      Array.from({ length: 4 }, () => errandCall(butler, 'confirm', { errandId, code: wrong })),
    )
    for (const x of rest) expect(x.body).toMatchObject({ ok: false, code: 'ERRAND_CODE_WRONG' })
    const locked = await errandCall(butler, 'confirm', { errandId, code })
    expect(locked.body).toMatchObject({ ok: false, code: 'ERRAND_CODE_LOCKED' })
    expect((await errandCall(r.token, 'confirm', { errandId, code: wrong })).body).toMatchObject({
      code: 'ERRAND_CODE_WRONG',
    })
    const ok = (await errandOk(r.token, 'confirm', { errandId, code })).errand
    expect(ok.status).toBe('confirmed')
  })

  it('the requester may cancel before purchasing, not after', async () => {
    const r = await quarantined()
    const a = (await errandOk(r.token, 'create', groceries())).errand
    const b = (await errandOk(r.token, 'create', groceries())).errand
    // Open: cancelled at once.
    expect((await errandOk(r.token, 'cancel', { errandId: a._id, reason: '家人送来了' })).errand.status).toBe(
      'cancelled',
    )
    expect((await errandCall(butler, 'claim', { errandId: a._id })).body).toMatchObject({
      code: 'ERRAND_CLOSED',
    })
    // Purchasing: too late.
    await errandOk(butler, 'claim', { errandId: b._id })
    await errandOk(butler, 'advance', { errandId: b._id, to: 'purchasing' })
    expect((await errandCall(r.token, 'cancel', { errandId: b._id })).body).toMatchObject({
      ok: false,
      code: 'ERRAND_NOT_CANCELLABLE',
    })
  })

  it('a butler may release a claim with a reason; it goes back to the queue for others', async () => {
    const r = await quarantined()
    const { errand } = await errandOk(r.token, 'create', groceries())
    const errandId = errand._id
    await errandOk(butler, 'claim', { errandId })
    // As a scan reads it, before the release and the next claim below.
    const stale = (await db().collection('errands').doc(errandId).get()).data[0] as ErrandDoc
    expect(stale.pendingNotices!.map((n) => n.id)).toEqual([`${errandId}-claim-1`])
    const firstCode = (await errandOk(r.token, 'get', { errandId })).errand.handoffCode
    expect((await errandCall(butler, 'release', { errandId })).body).toMatchObject({ code: 'INVALID_INPUT' })
    clock.now = () => T0 + 20 * MIN
    const released = (await errandOk(butler, 'release', { errandId, reason: '临时有紧急任务' })).errand
    expect(released).toMatchObject({ status: 'open', assignee: null })
    const seen = (await errandOk(r.token, 'get', { errandId })).errand
    expect(seen).toMatchObject({ status: 'open', handoffCode: null })
    const other = await staff('butler')
    await errandOk(other.token, 'claim', { errandId })
    const mine = (await errandOk(r.token, 'get', { errandId })).errand
    expect(mine.assignee!._id).toBe(other.accountId)
    expect(mine.handoffCode).toMatch(/^\d{4}$/)
    expect(firstCode).toMatch(/^\d{4}$/)
    // The release delivered the first claim's notice before its own; the second claim queued another. A scan
    // that read the request before all that delivers nothing twice and leaves the new notice queued.
    const deps = { db: db(), now: () => clock.now(), newId: () => randomUUID() }
    expect(await deliverQueuedNotices(deps, stale)).toBe(0)
    const queued = (await db().collection('errands').doc(errandId).get()).data[0] as ErrandDoc
    expect(queued.pendingNotices!.map((n) => n.id)).toEqual([`${errandId}-claim-2`])
    expect(queued.noticesDueAt).toBe(T0 + 20 * MIN)
    // (Other tests' claims may be due too.)
    expect((await deliverDueNotices(deps, T0 + 21 * MIN)).delivered).toBeGreaterThanOrEqual(1)
    const { data: notes } = await db()
      .collection('inbox')
      .where({ _id: db().command.in([1, 2].map((n) => `${errandId}-claim-${n}`)) })
      .get()
    expect(notes).toHaveLength(2)
    const after = (await db().collection('errands').doc(errandId).get()).data[0] as ErrandDoc
    expect(after).toMatchObject({ pendingNotices: [], noticesDueAt: null })
  })

  it('at most three open requests: five fired at once make three; a delivered one frees a place', async () => {
    const r = await quarantined()
    const replies = await Promise.all(
      Array.from({ length: 5 }, () => errandCall(r.token, 'create', groceries())),
    )
    const ok = replies.filter((x) => x.body.ok)
    const refused = replies.filter((x) => !x.body.ok)
    expect(ok).toHaveLength(3)
    expect(refused).toHaveLength(2)
    for (const x of refused) expect(x.body).toMatchObject({ code: 'ERRAND_LIMIT' })
    const mine = await cloud.ok<{ items: Errand[]; openCount: number; maxOpen: number }>(r.token, 'errand', {
      action: 'mine',
      active: true,
    })
    expect(mine).toMatchObject({ openCount: 3, maxOpen: 3 })
    expect((await errandCall(r.token, 'create', groceries())).body).toMatchObject({ code: 'ERRAND_LIMIT' })
    await deliver(butler, (ok[0]!.body as { data: One }).data.errand._id)
    const { errand } = await errandOk(r.token, 'create', groceries())
    expect(errand.status).toBe('open')
    // A retry of the same submission answers with the first request instead of making another.
    const requestId = 'retry-once-0001'
    await errandOk(r.token, 'cancel', { errandId: errand._id })
    const one = await cloud.ok<One & { repeated: boolean }>(r.token, 'errand', groceries({ requestId }))
    const two = await cloud.ok<One & { repeated: boolean }>(r.token, 'errand', groceries({ requestId }))
    expect(two).toMatchObject({ repeated: true, errand: { _id: one.errand._id } })
  })

  it('only medicine may be urgent, and urgent medicine comes first in the queue', async () => {
    const r = await quarantined()
    const bad = await errandCall(r.token, 'create', groceries({ urgent: true }))
    expect(bad.body).toMatchObject({ code: 'INVALID_INPUT', message: '只有药品需求可以标记加急' })
    clock.now = () => T0 - 60 * MIN // an older ordinary request…
    const plain = (await errandOk(r.token, 'create', groceries())).errand
    clock.now = () => T0 + 30 * MIN // …and a newer urgent one
    const urgent = (
      await errandOk(r.token, 'create', {
        category: 'medicine',
        items: [{ name: '布洛芬缓释胶囊', quantity: 1, unit: '盒' }],
        budgetFen: 3000,
        urgent: true,
      })
    ).errand
    const { items } = await cloud.ok<{ items: Errand[] }>(butler, 'errand', {
      action: 'listOpen',
      limit: 100,
    })
    const order = items.map((i) => i._id)
    expect(order.indexOf(urgent._id)).toBeLessThan(order.indexOf(plain._id))
    expect(items[0]!.urgent).toBe(true)
  })
})

describe('psychological support and households that need help', () => {
  it('a 心理疏导 request goes to the grid worker, not the butler queue', async () => {
    const r = await quarantined()
    const { errand } = await errandOk(r.token, 'create', {
      category: 'psych',
      note: '隔离第三天，晚上睡不着',
    })
    expect(errand).toMatchObject({ queue: 'gridWorker', status: 'open' })
    const butlerQueue = await cloud.ok<{ items: Errand[] }>(butler, 'errand', {
      action: 'listOpen',
      limit: 100,
    })
    expect(butlerQueue.items.map((i) => i._id)).not.toContain(errand._id)
    expect((await errandCall(butler, 'claim', { errandId: errand._id })).body).toMatchObject({
      code: 'FORBIDDEN_ROLE',
    })
    const gwQueue = await cloud.ok<{ items: Errand[] }>(gridWorker, 'errand', { action: 'listOpen' })
    expect(gwQueue.items.map((i) => i._id)).toContain(errand._id)
    await errandOk(gridWorker, 'claim', { errandId: errand._id })
    expect(
      (await errandCall(gridWorker, 'advance', { errandId: errand._id, to: 'purchasing' })).body,
    ).toMatchObject({
      code: 'ERRAND_STEP_INVALID',
    })
    await errandOk(gridWorker, 'advance', { errandId: errand._id, to: 'delivered', note: '电话沟通半小时' })
    const code = (await errandOk(r.token, 'get', { errandId: errand._id })).errand.handoffCode!
    const done = (await errandOk(r.token, 'confirm', { errandId: errand._id, code })).errand
    expect(done).toMatchObject({ status: 'confirmed' })
  })

  it('the grid worker marks a household as needing help; it may then ask, and not after unmarking', async () => {
    const phone = nextPhone()
    const elder = await cloud.newUser(phone, 'resident', '独居老人')
    expect((await errandCall(elder, 'create', groceries())).body).toMatchObject({
      code: 'ERRAND_NOT_ELIGIBLE',
    })
    expect(
      (
        await cloud.call(butler, 'errand', {
          action: 'markNeedsHelp',
          phone,
          building: '7',
          room: '101',
          reason: 'elderly',
        })
      ).body,
    ).toMatchObject({ code: 'FORBIDDEN_ROLE' })
    const { household } = await cloud.ok<{ household: { _id: string; gridId: string } }>(
      gridWorker,
      'errand',
      {
        action: 'markNeedsHelp',
        phone,
        building: '7',
        room: '101',
        reason: 'elderly',
        note: '85岁，行动不便',
      },
    )
    expect(household.gridId).toBe('grid-xingfu-1')
    const { errand } = await errandOk(elder, 'create', groceries())
    expect(errand).toMatchObject({ building: '7', room: '101', phone, gridId: 'grid-xingfu-1' })
    const listed = await cloud.ok<{ items: { _id: string }[] }>(gridWorker, 'errand', {
      action: 'listNeedsHelp',
    })
    expect(listed.items.map((i) => i._id)).toContain(household._id)
    await cloud.ok(gridWorker, 'errand', {
      action: 'unmarkNeedsHelp',
      accountId: household._id,
      reason: '子女已回家',
    })
    expect((await errandCall(elder, 'create', groceries())).body).toMatchObject({
      code: 'ERRAND_NOT_ELIGIBLE',
    })
  })
})

describe('the expiry scan', () => {
  it('alerts the grid worker once per late request, however often it runs, and only for the system', async () => {
    const r = await quarantined()
    const ordinary = (await errandOk(r.token, 'create', groceries())).errand
    const urgent = (
      await errandOk(r.token, 'create', {
        category: 'medicine',
        items: [{ name: '连花清瘟胶囊', quantity: 1, unit: '盒' }],
        budgetFen: 4000,
        urgent: true,
      })
    ).errand
    const slow = (await errandOk(r.token, 'create', groceries())).errand
    await errandOk(butler, 'claim', { errandId: slow._id })

    const alerts = async () => {
      const { data } = await db()
        .collection('alerts')
        .where({
          _id: db().command.in(
            [ordinary, urgent, slow].flatMap((e) => [
              `errand:unclaimed:${e._id}:0`,
              `errand:unclaimed:${e._id}:1`,
              `errand:late:${e._id}:1`,
            ]),
          ),
        })
        .get()
      return (data as { _id: string }[]).map((a) => a._id).sort()
    }
    // Read the grid worker's inbox in the store: every new quarantine also lands there, more than a page.
    const inbox = async (text: string) => {
      const { data } = await db()
        .collection('inbox')
        .where({ accountId: 'account-demo-grid-worker' })
        .limit(1000)
        .get()
      return (data as { title: string; body: string }[]).filter((i) => i.body.includes(text))
    }
    type Scan = { done: Record<string, { unclaimed: number; late: number }> }
    const scanAt = (ms: number) => cloud.timer<Scan>('errandScan', new Date(ms))

    // 9 minutes: nothing is late yet.
    await scanAt(T0 + 9 * MIN)
    expect(await alerts()).toEqual([])
    // 10 minutes: the urgent medicine.
    clock.now = () => T0 + 10 * MIN
    await scanAt(T0 + 10 * MIN)
    expect(await alerts()).toEqual([`errand:unclaimed:${urgent._id}:0`])
    // 30 minutes, twice: the ordinary request, once; the urgent one not again.
    clock.now = () => T0 + 30 * MIN
    await scanAt(T0 + 30 * MIN)
    const second = await scanAt(T0 + 30 * MIN)
    expect(second.done['street-demo']).toEqual({ unclaimed: 0, late: 0 })
    expect(await alerts()).toEqual(
      [`errand:unclaimed:${urgent._id}:0`, `errand:unclaimed:${ordinary._id}:0`].sort(),
    )
    // 3 hours after the claim, not delivered: the late alert, once.
    clock.now = () => T0 + 181 * MIN
    await scanAt(T0 + 180 * MIN)
    await scanAt(T0 + 185 * MIN)
    expect(await alerts()).toEqual(
      [
        `errand:unclaimed:${urgent._id}:0`,
        `errand:unclaimed:${ordinary._id}:0`,
        `errand:late:${slow._id}:1`,
      ].sort(),
    )
    expect(await inbox('无人认领')).toEqual(
      expect.arrayContaining([expect.objectContaining({ title: '加急药品无人认领' })]),
    )
    const lateNotes = (await inbox('仍未送达')).filter((i) => i.body.includes(r.name))
    expect(lateNotes).toHaveLength(1)
    const unclaimedNotes = (await inbox('无人认领')).filter((i) => i.body.includes(r.name))
    expect(unclaimedNotes).toHaveLength(2)

    // Clients cannot run it, with or without a login.
    const fromClient = await cloud.call(gridWorker, 'errandScan', {
      Type: 'Timer',
      Time: new Date().toISOString(),
    })
    expect(fromClient.body).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' })
    const anonymous = await cloud.call(undefined, 'errandScan', {
      Type: 'Timer',
      Time: new Date().toISOString(),
    })
    expect(anonymous.body).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' })
  })
})

describe('contention', () => {
  // The test keeps to a size two shared cores finish quickly; `npm run bench` runs the full 50 × 200.
  const BUTLERS = 20
  const RESIDENTS = 4
  const PER_RESIDENT = 20
  const ERRANDS = RESIDENTS * PER_RESIDENT
  const CONTENDERS = 10
  it(`${BUTLERS} butlers claiming the same ${ERRANDS} requests at once: each is claimed exactly once, no claim lost`, async () => {
    const started = Date.now()
    // Residents with a limit of 20 open requests each make the requests.
    await cloud.ok(admin, 'errand', {
      action: 'setSettings',
      maxOpen: 20,
      unclaimedMinutes: 30,
      urgentUnclaimedMinutes: 10,
      deliverWithinMinutes: 180,
      communityAfterMinutes: 15,
    })
    const residents: Person[] = []
    for (let i = 0; i < RESIDENTS; i++) residents.push(await quarantined())
    const errandIds = (
      await Promise.all(
        residents.map(async (p) => {
          const ids: string[] = []
          for (let i = 0; i < PER_RESIDENT; i++)
            ids.push((await errandOk(p.token, 'create', groceries())).errand._id)
          return ids
        }),
      )
    ).flat()
    expect(new Set(errandIds).size).toBe(ERRANDS)
    const butlers: { token: string; accountId: string }[] = []
    for (let i = 0; i < BUTLERS; i += 10)
      butlers.push(...(await Promise.all(Array.from({ length: 10 }, () => staff('butler')))))
    const setupSeconds = (Date.now() - started) / 1000

    // All at the same time, each working through its share in its own random order; every request is
    // contested by CONTENDERS of the butlers.
    const shuffle = <T>(xs: T[]) => [...xs].sort(() => Math.random() - 0.5)
    const shares = butlers.map(() => [] as string[])
    for (const errandId of errandIds)
      for (const i of shuffle([...butlers.keys()]).slice(0, CONTENDERS)) shares[i]!.push(errandId)
    const claimStarted = Date.now()
    const wins = new Map<string, string[]>()
    const failures: Record<string, number> = {}
    await Promise.all(
      butlers.map(async (b, i) => {
        for (const errandId of shuffle(shares[i]!)) {
          const r = await errandCall(b.token, 'claim', { errandId })
          if (r.body.ok) wins.set(errandId, [...(wins.get(errandId) ?? []), b.accountId])
          else failures[r.body.code] = (failures[r.body.code] ?? 0) + 1
        }
      }),
    )
    const claimSeconds = (Date.now() - claimStarted) / 1000
    expect(failures).toEqual({ ERRAND_TAKEN: ERRANDS * (CONTENDERS - 1) })
    expect(wins.size).toBe(ERRANDS)
    for (const winners of wins.values()) expect(winners).toHaveLength(1)
    // What the store holds agrees with what the winners were told.
    const stored = new Map<string, { status: string; assigneeId: string; round: number }>()
    for (let skip = 0; skip < ERRANDS; skip += 100) {
      const { data } = await db()
        .collection('errands')
        .where({ _id: db().command.in(errandIds) })
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(100)
        .get()
      for (const e of data as { _id: string; status: string; assigneeId: string; round: number }[])
        stored.set(e._id, e)
    }
    expect(stored.size).toBe(ERRANDS)
    for (const id of errandIds) {
      expect(stored.get(id)).toMatchObject({ status: 'claimed', assigneeId: wins.get(id)![0], round: 1 })
    }
    // Each won claim queued one notice to its requester; two scans at once deliver each exactly once.
    const due = new Date(clock.now() + MIN)
    const scans = await Promise.all([0, 1].map(() => cloud.timer<{ delivered: number }>('noticeScan', due)))
    // (Earlier tests' claims may be due too.)
    expect(scans[0]!.delivered + scans[1]!.delivered).toBeGreaterThanOrEqual(ERRANDS)
    const { data: notes } = await db()
      .collection('inbox')
      .where({ _id: db().command.in(errandIds.map((id) => `${id}-claim-1`)) })
      .limit(1000)
      .get()
    expect(notes).toHaveLength(ERRANDS)
    expect(new Set(notes.map((n: { title: string }) => n.title))).toEqual(new Set(['管家已认领您的需求']))
    const { total: stillDue } = await db()
      .collection('errands')
      .where({ _id: db().command.in(errandIds), noticesDueAt: db().command.neq(null) })
      .count()
    expect(stillDue).toBe(0)
    console.log(
      `contention: setup ${setupSeconds.toFixed(1)} s; ${ERRANDS * CONTENDERS} claims by ${BUTLERS} butlers in ${claimSeconds.toFixed(1)} s (${((ERRANDS * CONTENDERS) / claimSeconds).toFixed(0)} claims/s)`,
    )
    await cloud.ok(admin, 'errand', {
      action: 'setSettings',
      maxOpen: 3,
      unclaimedMinutes: 30,
      urgentUnclaimedMinutes: 10,
      deliverWithinMinutes: 180,
      communityAfterMinutes: 15,
    })
  }, 120_000)
})
