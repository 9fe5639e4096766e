import {
  DEFAULT_ERRAND_SETTINGS,
  ERRAND_CATEGORIES,
  ERRAND_STATES,
  canAdvance,
  canCancel,
  canRelease,
  communityOpensAt,
  compareOpen,
  countsAsOpen,
  formatYuan,
  isDeliveryLate,
  isOverBudget,
  isUnclaimedTooLong,
  maskName,
  missingForStep,
  nextStep,
  queueOf,
  stateLabel,
  unclaimedLimitMinutes,
  type ErrandRelation,
  type ErrandState,
} from '../../shared/errand'
import { POLICY, refusal, type Principal } from '../../shared/policy'
import { createErrandInput, setErrandSettingsInput } from '../../shared/schemas/errand'

const MIN = 60_000
const someone: Principal = { _id: 'a', role: 'butler', scope: { streetId: 's' } }
const s = DEFAULT_ERRAND_SETTINGS

describe('the errand state machine', () => {
  it('walks claimed → purchasing → delivering → delivered one step at a time', () => {
    const path: ErrandState[] = ['claimed', 'purchasing', 'delivering', 'delivered']
    for (let i = 0; i < path.length - 1; i++) {
      expect(nextStep(path[i]!, 'groceries')).toBe(path[i + 1])
      expect(canAdvance(path[i]!, path[i + 1]!, 'groceries')).toBe(true)
    }
    expect(nextStep('delivered', 'groceries')).toBeUndefined()
    expect(nextStep('open', 'groceries')).toBeUndefined()
  })

  it('refuses every skip, every step back and every step out of a final state', () => {
    for (const from of ERRAND_STATES) {
      for (const to of ERRAND_STATES) {
        const allowed = canAdvance(from, to, 'medicine')
        expect(allowed).toBe(nextStep(from, 'medicine') === to)
      }
    }
    expect(canAdvance('claimed', 'delivering', 'medicine')).toBe(false)
    expect(canAdvance('claimed', 'delivered', 'medicine')).toBe(false)
    expect(canAdvance('delivering', 'purchasing', 'medicine')).toBe(false)
    expect(canAdvance('delivered', 'confirmed', 'medicine')).toBe(false) // confirming takes the code
    expect(canAdvance('cancelled', 'claimed', 'medicine')).toBe(false)
  })

  it('takes psychological support from claimed straight to delivered, in the grid worker queue', () => {
    expect(nextStep('claimed', 'psych')).toBe('delivered')
    expect(canAdvance('claimed', 'purchasing', 'psych')).toBe(false)
    expect(queueOf('psych')).toBe('gridWorker')
    for (const c of ERRAND_CATEGORIES.filter((c) => c !== 'psych')) expect(queueOf(c)).toBe('butler')
    expect(stateLabel('delivered', 'psych')).toBe('已完成疏导')
    expect(stateLabel('delivered', 'groceries')).toBe('已送达')
  })

  it('lets the requester cancel only before purchasing, and the assignee release only before delivering', () => {
    expect(ERRAND_STATES.filter(canCancel)).toEqual(['open', 'claimed'])
    expect(ERRAND_STATES.filter(canRelease)).toEqual(['claimed', 'purchasing'])
  })

  it('counts a request against the limit until it is delivered or cancelled', () => {
    expect(ERRAND_STATES.filter(countsAsOpen)).toEqual(['open', 'claimed', 'purchasing', 'delivering'])
  })

  it('says who may take each step (the policy’s errand rules)', () => {
    const may = (action: keyof typeof POLICY.errand, relations: ErrandRelation[]) =>
      !refusal(POLICY.errand[action].rule, someone, { relations })
    expect(may('claim', ['queueStaff'])).toBe(true)
    expect(may('claim', ['overseer'])).toBe(false)
    expect(may('advance', ['assignee'])).toBe(true)
    expect(may('advance', ['requester', 'overseer', 'queueStaff'])).toBe(false)
    expect(may('release', ['assignee'])).toBe(true)
    expect(may('confirm', ['requester'])).toBe(true)
    expect(may('confirm', ['assignee'])).toBe(true)
    expect(may('confirm', ['overseer'])).toBe(false)
    expect(may('cancel', ['requester'])).toBe(true)
    expect(may('cancel', ['assignee'])).toBe(false)
    expect(may('rate', ['requester'])).toBe(true)
    expect(may('rate', ['assignee'])).toBe(false)
    expect(may('get', ['overseer'])).toBe(true)
    expect(may('get', [])).toBe(false)
  })
})

describe('what each step needs', () => {
  it('money and receipt by delivering; drop-off photo and settlement at delivery; nothing for psych', () => {
    expect(missingForStep('purchasing', 'groceries', {})).toEqual([])
    expect(missingForStep('delivering', 'groceries', {})).toEqual(['实际花费', '购物小票照片'])
    expect(missingForStep('delivering', 'groceries', { spentFen: 0, receiptFileId: 'cloud://x' })).toEqual([])
    expect(missingForStep('delivered', 'groceries', { spentFen: 1200, receiptFileId: 'cloud://x' })).toEqual([
      '送达照片',
      '结算方式',
    ])
    expect(missingForStep('delivered', 'psych', {})).toEqual([])
  })

  it('compares money in whole fen', () => {
    expect(isOverBudget(5000, 5000)).toBe(false)
    expect(isOverBudget(5000, 5001)).toBe(true)
    expect(formatYuan(12345)).toBe('¥123.45')
    expect(formatYuan(5)).toBe('¥0.05')
  })
})

describe('limits and lateness', () => {
  const t0 = Date.parse('2026-03-02T09:00:00+08:00')
  const open = (category: 'medicine' | 'groceries', urgent: boolean) => ({
    category,
    urgent,
    status: 'open' as const,
    openedAt: t0,
  })

  it('defaults: three open requests, 30 minutes unclaimed, 10 for urgent medicine, 3 hours to deliver', () => {
    expect(s).toMatchObject({
      maxOpen: 3,
      unclaimedMinutes: 30,
      urgentUnclaimedMinutes: 10,
      deliverWithinMinutes: 180,
    })
    expect(unclaimedLimitMinutes(open('medicine', true), s)).toBe(10)
    expect(unclaimedLimitMinutes(open('medicine', false), s)).toBe(30)
  })

  it('an unclaimed request is late exactly at its limit', () => {
    expect(isUnclaimedTooLong(open('medicine', true), t0 + 10 * MIN - 1, s)).toBe(false)
    expect(isUnclaimedTooLong(open('medicine', true), t0 + 10 * MIN, s)).toBe(true)
    expect(isUnclaimedTooLong(open('groceries', false), t0 + 29 * MIN, s)).toBe(false)
    expect(isUnclaimedTooLong(open('groceries', false), t0 + 30 * MIN, s)).toBe(true)
    expect(isUnclaimedTooLong({ ...open('groceries', false), status: 'claimed' }, t0 + 99 * MIN, s)).toBe(
      false,
    )
  })

  it('a claimed request is late three hours after the claim unless delivered', () => {
    const claimed = { status: 'purchasing' as const, claimedAt: t0 }
    expect(isDeliveryLate(claimed, t0 + 180 * MIN - 1, s)).toBe(false)
    expect(isDeliveryLate(claimed, t0 + 180 * MIN, s)).toBe(true)
    expect(isDeliveryLate({ ...claimed, status: 'delivered' }, t0 + 999 * MIN, s)).toBe(false)
  })

  it('opens to the community after the wait', () => {
    expect(communityOpensAt({ createdAt: t0 }, s)).toBe(t0 + 15 * MIN)
  })

  it('orders the queue urgent first, then oldest', () => {
    const rows = [
      { _id: 'a', urgent: false, createdAt: 1 },
      { _id: 'b', urgent: true, createdAt: 5 },
      { _id: 'c', urgent: false, createdAt: 0 },
      { _id: 'd', urgent: true, createdAt: 3 },
    ]
    expect(rows.sort(compareOpen).map((r) => r._id)).toEqual(['d', 'b', 'c', 'a'])
  })

  it('masks names for the queue', () => {
    expect(maskName('张三')).toBe('张*')
    expect(maskName('欧阳娜娜')).toBe('欧***')
    expect(maskName('李')).toBe('李')
  })
})

describe('request schema', () => {
  const groceries = {
    category: 'groceries',
    items: [{ name: '大米', quantity: 1, unit: '袋' }],
    budgetFen: 8000,
  }

  it('defaults to contactless and not urgent', () => {
    const v = createErrandInput.parse(groceries)
    expect(v).toMatchObject({ contactless: true, urgent: false })
  })

  it('lets only medicine be urgent', () => {
    expect(createErrandInput.safeParse({ ...groceries, urgent: true }).error?.issues[0]?.message).toBe(
      '只有药品需求可以标记加急',
    )
    expect(createErrandInput.safeParse({ ...groceries, category: 'medicine', urgent: true }).success).toBe(
      true,
    )
  })

  it('needs items and a budget for shopping, and a note but no items for psych', () => {
    expect(createErrandInput.safeParse({ ...groceries, items: [] }).success).toBe(false)
    expect(createErrandInput.safeParse({ ...groceries, budgetFen: 12.5 }).success).toBe(false)
    expect(createErrandInput.safeParse({ category: 'psych' }).error?.issues[0]?.message).toBe(
      '请简单说说需要哪方面的帮助',
    )
    expect(
      createErrandInput.safeParse({ category: 'psych', note: '隔离期间睡不好，心里很焦虑' }).success,
    ).toBe(true)
    expect(
      createErrandInput.safeParse({ ...groceries, deliveryWindow: { start: '18:00', end: '09:00' } }).success,
    ).toBe(false)
  })

  it('refuses settings where urgent waits longer than normal', () => {
    const v = setErrandSettingsInput.safeParse({ ...s, urgentUnclaimedMinutes: 60 })
    expect(v.success).toBe(false)
  })
})
