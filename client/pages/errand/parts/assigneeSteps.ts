import { isOverBudget, missingForStep, settlementsFor, type Settlement } from '../../../../shared/errand'
import { advanceErrandInput, confirmErrandInput, releaseErrandInput } from '../../../../shared/schemas/errand'
import type { Input } from '../../../services/api'
import type { Errand } from '../../../services/errand'
import { firstIssue } from '../../../utils/zodRule'
import { yuanToFen } from './labels'

/** The sheets an assignee fills in: bought (配送), delivered, psychological support done, the code, hand back. */
export type SheetKind = 'buy' | 'drop' | 'code' | 'release' | 'psych'

/** What the sheets ask for, as typed. */
export interface StepForm {
  spent: string
  receipt: string
  overReason: string
  dropOff: string
  settlement: Settlement | ''
  note: string
  code: string
  reason: string
}

export const EMPTY_STEP: StepForm = {
  spent: '',
  receipt: '',
  overReason: '',
  dropOff: '',
  settlement: '',
  note: '',
  code: '',
  reason: '',
}

/** A sheet opened on a request starts from what is already recorded (a receipt saved before a failed step). */
export function startingForm(e: Errand): StepForm {
  const settlements = settlementsFor(e)
  return {
    ...EMPTY_STEP,
    // One way to settle (a contactless delivery): it is chosen already.
    settlement: settlements.length === 1 ? settlements[0]! : '',
    spent: e.spentFen != null ? String(e.spentFen / 100) : '',
    receipt: e.receiptFileId ?? '',
    overReason: e.overBudgetReason ?? '',
  }
}

/** Does the typed amount exceed the budget (then a reason is asked for)? */
export function isOver(e: Errand, spent: string): boolean {
  const spentFen = yuanToFen(spent)
  return spentFen != null && !Number.isNaN(spentFen) && isOverBudget(e.budgetFen, spentFen)
}

/** The call a filled-in sheet makes. */
export type StepCall =
  | { action: 'advance'; input: Input<'errand', 'advance'>; success: string }
  | { action: 'confirm'; code: string }
  | { action: 'release'; reason: string }

/**
 * Checks a sheet against the shared schemas and the step's requirements: the call to make, or the sentence
 * that says what is still missing.
 */
export function stepCall(kind: SheetKind, e: Errand, form: StepForm): StepCall | { error: string } {
  if (kind === 'buy') {
    const spentFen = yuanToFen(form.spent)
    const over = isOver(e, form.spent)
    const input: Input<'errand', 'advance'> = {
      errandId: e._id,
      to: 'delivering',
      ...(spentFen !== undefined ? { spentFen } : {}),
      ...(form.receipt ? { receiptFileId: form.receipt } : {}),
      ...(over && form.overReason.trim() ? { overBudgetReason: form.overReason.trim() } : {}),
    }
    const parsed = advanceErrandInput.safeParse(input)
    if (!parsed.success) return { error: firstIssue(parsed.error) }
    const missing = missingForStep('delivering', e.category, input)
    if (missing.length) return { error: `请先填写：${missing.join('、')}` }
    if (over && !input.overBudgetReason) return { error: '实际花费超出预算，请说明原因' }
    return { action: 'advance', input, success: '已开始配送，居民会收到通知' }
  }
  if (kind === 'drop') {
    const input: Input<'errand', 'advance'> = {
      errandId: e._id,
      to: 'delivered',
      ...(form.dropOff ? { dropOffFileId: form.dropOff } : {}),
      ...(form.settlement ? { settlement: form.settlement } : {}),
      ...(form.note.trim() ? { note: form.note.trim() } : {}),
    }
    const missing = missingForStep('delivered', e.category, { ...e, ...input })
    if (missing.length) return { error: `请先填写：${missing.join('、')}` }
    const parsed = advanceErrandInput.safeParse(input)
    if (!parsed.success) return { error: firstIssue(parsed.error) }
    return { action: 'advance', input, success: '已送达，请居民确认收货' }
  }
  if (kind === 'psych') {
    const note = form.note.trim()
    return {
      action: 'advance',
      input: { errandId: e._id, to: 'delivered', ...(note ? { note } : {}) },
      success: '已记录完成疏导',
    }
  }
  if (kind === 'code') {
    const parsed = confirmErrandInput.safeParse({ errandId: e._id, code: form.code })
    if (!parsed.success) return { error: firstIssue(parsed.error) }
    return { action: 'confirm', code: parsed.data.code }
  }
  const parsed = releaseErrandInput.safeParse({ errandId: e._id, reason: form.reason })
  if (!parsed.success) return { error: firstIssue(parsed.error) }
  return { action: 'release', reason: parsed.data.reason }
}
