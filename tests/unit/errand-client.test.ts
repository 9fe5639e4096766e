import {
  itemsSummary,
  nextStepLabel,
  waitedText,
  windowKey,
  yuanToFen,
} from '../../client/pages/errand/parts/labels'
import { startingForm, stepCall } from '../../client/pages/errand/parts/assigneeSteps'
import type { Errand } from '../../client/services/errand'
import { settlementsFor } from '../../shared/errand'

/** The small pure helpers of the errand pages: money typed in yuan, list summaries, the next-step button. */
describe('errand page helpers', () => {
  it('reads money typed in yuan as whole fen, and refuses what is not money', () => {
    expect(yuanToFen('')).toBeUndefined()
    expect(yuanToFen(' 86.5 ')).toBe(8650)
    expect(yuanToFen('0.07')).toBe(7)
    expect(yuanToFen('100')).toBe(10000)
    expect(yuanToFen('19.99')).toBe(1999)
    for (const bad of ['1.234', '-3', '1e3', 'abc', '12,5']) expect(yuanToFen(bad)).toBeNaN()
  })

  it('summarises items for a list card', () => {
    const items = [
      { name: '大米', quantity: 1, unit: '袋' },
      { name: '鸡蛋', quantity: 2, unit: '盒' },
      { name: '青菜', quantity: 3 },
      { name: '牛奶', quantity: 1, unit: '箱' },
    ]
    expect(itemsSummary(items.slice(0, 2))).toBe('大米 ×1袋、鸡蛋 ×2盒')
    expect(itemsSummary(items)).toBe('大米 ×1袋、鸡蛋 ×2盒、青菜 ×3 等4样')
  })

  it('names the one next step of the assignee', () => {
    expect(nextStepLabel({ status: 'claimed', category: 'groceries' })).toBe('开始采购')
    expect(nextStepLabel({ status: 'purchasing', category: 'medicine' })).toBe('开始配送')
    expect(nextStepLabel({ status: 'delivering', category: 'daily' })).toBe('已送达')
    expect(nextStepLabel({ status: 'delivered', category: 'daily' })).toBeUndefined()
    expect(nextStepLabel({ status: 'claimed', category: 'psych' })).toBe('已完成疏导')
  })

  it('maps delivery windows and waits to words', () => {
    expect(windowKey(null)).toBe('asap')
    expect(windowKey({ start: '09:00', end: '12:00' })).toBe('morning')
    expect(windowKey({ start: '07:00', end: '08:00' })).toBe('asap')
    expect(waitedText(0)).toBe('刚刚发起')
    expect(waitedText(12)).toBe('已等待 12 分钟')
    expect(waitedText(65)).toBe('已等待 1 小时5 分钟')
  })
})

describe('settling a delivery', () => {
  it('a contactless delivery is settled by reimbursement only; handed over, either way', () => {
    expect(settlementsFor({ contactless: true })).toEqual(['reimbursed'])
    expect(settlementsFor({ contactless: false })).toEqual(['paid_by_resident', 'reimbursed'])
  })

  it('the delivered sheet starts with the only choice made, and the rule reaches the call', () => {
    const e = {
      _id: 'e1',
      category: 'groceries',
      contactless: true,
      budgetFen: 5000,
      spentFen: 3000,
      receiptFileId: 'cloud://receipts/r.jpg',
    } as Errand
    const form = startingForm(e)
    expect(form.settlement).toBe('reimbursed')
    expect(startingForm({ ...e, contactless: false }).settlement).toBe('')
    const call = stepCall('drop', e, { ...form, dropOff: 'cloud://dropoff/d.jpg' })
    expect(call).toMatchObject({ action: 'advance', input: { settlement: 'reimbursed' } })
  })
})
