import { idNumberCheckChar } from '../../shared/checksums'
import type { AccountView } from '../../shared/account'
import {
  checkDeclaration,
  emptyDeclaration,
  idNumberError,
  type DeclareFormState,
} from '../../client/pages/health/parts/declareForm'
import { EMPTY_STEP, startingForm, stepCall } from '../../client/pages/errand/parts/assigneeSteps'
import type { Errand } from '../../client/services/errand'
import { greeting } from '../../client/utils/format'
import { inviteScope } from '../../client/pages/admin/parts/labels'

/** What the form parts of the pages send, or say is missing, before anything goes to a function. */

const ID17 = '33010619850312051'
const ID = ID17 + idNumberCheckChar(ID17)

const account = {
  _id: 'a1',
  name: '周杰',
  phone: '138****0051',
  role: 'employee',
  scope: { streetId: 'street-demo', communityId: 'community-xingfu', gridId: 'grid-xingfu-1' },
  scopeNames: { street: '东湖街道' },
  disabled: false,
  createdAt: 0,
} as AccountView

const filled = (): DeclareFormState => ({
  ...emptyDeclaration(account, ''),
  idNumber: ID,
  phone: '13800000051',
  building: '3',
  room: '501',
  fromProvince: '湖北省',
  fromCity: '武汉市',
  arrivalDate: '2026-03-02',
  contactWithCases: 'no',
})

describe('the health declaration form', () => {
  it('starts from the account: name, community and grid, and the enterprise code of the QR', () => {
    const form = emptyDeclaration(account, 'AB12CD')
    expect(form).toMatchObject({
      name: '周杰',
      communityId: 'community-xingfu',
      gridId: 'grid-xingfu-1',
      enterpriseCode: 'AB12CD',
    })
  })

  it('sends a complete declaration as the schema takes it', () => {
    const checked = checkDeclaration({ ...filled(), placesStayed: [{ province: '浙江省', city: '' }] })
    expect(checked.ok).toBe(true)
    if (!checked.ok) return
    expect(checked.input).toMatchObject({ idNumber: ID, contactWithCases: false, fromCity: '武汉市' })
    expect(checked.input.placesStayed).toEqual([{ province: '浙江省' }])
    expect(checked.input).not.toHaveProperty('enterpriseCode')
  })

  it('names every missing pick and the unanswered question, and nothing that is fine', () => {
    const checked = checkDeclaration({
      ...filled(),
      communityId: '',
      gridId: '',
      arrivalDate: '',
      contactWithCases: '',
    })
    expect(checked.ok).toBe(false)
    if (checked.ok) return
    expect(checked.errors.communityId).toBe('请选择所在社区')
    expect(checked.errors.gridId).toBe('请选择所在网格')
    expect(checked.errors.arrivalDate).toBe('请选择到达日期')
    expect(checked.errors.contactWithCases).toBeTruthy()
    expect(checked.errors.name).toBeUndefined()
    expect(checked.errors.idNumber).toBeUndefined()
  })

  it('says which part of an ID number is wrong', () => {
    const wrongDigit = ID17 + (ID.endsWith('1') ? '2' : '1')
    expect(idNumberError(wrongDigit)).toContain('最后一位（校验码）不对')
    expect(idNumberError(ID17)).toBe('身份证号应为18位，现在是17位')
    expect(idNumberError(ID)).toBeUndefined()
    const checked = checkDeclaration({ ...filled(), idNumber: wrongDigit })
    expect(!checked.ok && checked.errors.idNumber).toContain('校验码')
  })

  it('asks for a province for every place added', () => {
    const checked = checkDeclaration({ ...filled(), placesStayed: [{ province: '', city: '' }] })
    expect(!checked.ok && checked.errors.placesStayed).toBe('请为每个地点选择省份')
  })
})

const errand = (over: Partial<Errand> = {}) =>
  ({
    _id: 'e1',
    category: 'groceries',
    status: 'purchasing',
    budgetFen: 5000,
    spentFen: null,
    receiptFileId: null,
    overBudgetReason: null,
    ...over,
  }) as Errand

describe("the assignee's sheets", () => {
  it('start from what was already recorded', () => {
    expect(startingForm(errand({ spentFen: 8650, receiptFileId: 'cloud://r.jpg' }))).toMatchObject({
      spent: '86.5',
      receipt: 'cloud://r.jpg',
    })
  })

  it('bought: asks for the amount and the receipt, and for a reason only when over budget', () => {
    expect(stepCall('buy', errand(), EMPTY_STEP)).toEqual({ error: '请先填写：实际花费、购物小票照片' })
    const within = stepCall('buy', errand(), { ...EMPTY_STEP, spent: '48.5', receipt: 'cloud://r.jpg' })
    expect(within).toEqual({
      action: 'advance',
      input: { errandId: 'e1', to: 'delivering', spentFen: 4850, receiptFileId: 'cloud://r.jpg' },
      success: '已开始配送，居民会收到通知',
    })
    const over = { ...EMPTY_STEP, spent: '60', receipt: 'cloud://r.jpg' }
    expect(stepCall('buy', errand(), over)).toEqual({ error: '实际花费超出预算，请说明原因' })
    const explained = stepCall('buy', errand(), { ...over, overReason: ' 鸡蛋涨价 ' })
    expect('input' in explained && explained.input.overBudgetReason).toBe('鸡蛋涨价')
  })

  it('delivered: needs the photo at the door and how it is settled', () => {
    const bought = errand({ status: 'delivering', spentFen: 4850, receiptFileId: 'cloud://r.jpg' })
    expect(stepCall('drop', bought, EMPTY_STEP)).toEqual({ error: '请先填写：送达照片、结算方式' })
    const done = stepCall('drop', bought, {
      ...EMPTY_STEP,
      dropOff: 'cloud://d.jpg',
      settlement: 'reimbursed',
    })
    expect('input' in done && done.input).toEqual({
      errandId: 'e1',
      to: 'delivered',
      dropOffFileId: 'cloud://d.jpg',
      settlement: 'reimbursed',
    })
  })

  it('the code and handing back go through the shared schemas', () => {
    expect(stepCall('code', errand(), { ...EMPTY_STEP, code: '12' })).toHaveProperty('error')
    expect(stepCall('code', errand(), { ...EMPTY_STEP, code: '1234' })).toEqual({
      action: 'confirm',
      code: '1234',
    })
    expect(stepCall('release', errand(), EMPTY_STEP)).toHaveProperty('error')
    expect(stepCall('release', errand(), { ...EMPTY_STEP, reason: '身体不适' })).toEqual({
      action: 'release',
      reason: '身体不适',
    })
    expect(stepCall('psych', errand({ category: 'psych' }), EMPTY_STEP)).toMatchObject({
      action: 'advance',
      input: { errandId: 'e1', to: 'delivered' },
    })
  })
})

describe('the home greeting', () => {
  // Runs under TZ=UTC and TZ=America/Los_Angeles: the hour is Shanghai's either way.
  const at = (t: string) => Date.parse(`2026-03-02T${t}+08:00`)
  it.each([
    ['00:30', '夜深了'],
    ['04:59', '夜深了'],
    ['05:00', '早上好'],
    ['05:30', '早上好'],
    ['08:59', '早上好'],
    ['09:00', '上午好'],
    ['12:00', '中午好'],
    ['13:00', '下午好'],
    ['18:00', '晚上好'],
    ['23:59', '晚上好'],
  ])('at %s in Shanghai says %s', (time, hello) => {
    expect(greeting(at(time))).toBe(hello)
  })
})

describe('where an invite places its holder (the invite form and the list)', () => {
  it.each([
    ['district', { street: '区防控指挥部' }, '全区'],
    ['admin', { street: '北湖街道' }, '北湖街道（全街道）'],
    ['butler', { street: '东湖街道', community: '幸福里社区', grid: '第一网格' }, '幸福里社区 · 第一网格'],
  ] as const)('role %s, scope %j: %s', (role, scopeNames, shown) => {
    expect(inviteScope({ role, scopeNames })).toBe(shown)
  })
})
