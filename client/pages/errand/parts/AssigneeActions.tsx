import { Button, Input, Popup, TextArea } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState, type ReactNode } from 'react'
import {
  HANDOFF_CODE_LENGTH,
  SETTLEMENTS,
  SETTLEMENT_LABELS,
  isOverBudget,
  missingForStep,
  type Settlement,
} from '../../../../shared/errand'
import { advanceErrandInput, confirmErrandInput, releaseErrandInput } from '../../../../shared/schemas/errand'
import { CloudError, errorMessage } from '../../../services/cloud'
import { errandApi, type Errand } from '../../../services/errand'
import { type Input as ActionInput } from '../../../services/api'
import { toast } from '../../../utils/toast'
import { firstIssue } from '../../../utils/zodRule'
import { formatYuan, nextStepLabel, yuanToFen } from './labels'
import { PhotoPicker } from './Photo'

type AdvanceInput = ActionInput<'errand', 'advance'>

type SheetKind = 'buy' | 'drop' | 'code' | 'release' | 'psych'

/** What happened, so the page can refresh the right list. */
export type ActionOutcome = 'claimed' | 'advanced' | 'confirmed' | 'released' | 'gone'

const RELEASE_REASONS = ['临时有紧急任务', '买不到所需物品', '身体不适']

/** The one big button an assignee sees on a request, by its state. */
export function primaryLabel(e: Errand): string | undefined {
  if (e.status === 'delivered') return '核对交接码'
  return nextStepLabel(e)
}

function Sheet({
  visible,
  title,
  description,
  onClose,
  children,
  testId,
}: {
  visible: boolean
  title: string
  description?: string
  onClose: () => void
  children: ReactNode
  testId: string
}) {
  return (
    <Popup
      visible={visible}
      position="bottom"
      round
      closeable
      title={title}
      description={description}
      className="e-sheet"
      onClose={onClose}
    >
      <View className="e-sheet__body" data-testid={testId}>
        {children}
      </View>
    </Popup>
  )
}

function Field({ label, children, extra }: { label: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <View className="e-field">
      <View className="e-field__label">
        <Text>{label}</Text>
        {extra ? <Text className="e-field__extra">{extra}</Text> : null}
      </View>
      {children}
    </View>
  )
}

interface Form {
  spent: string
  receipt: string
  overReason: string
  dropOff: string
  settlement: Settlement | ''
  note: string
  code: string
  reason: string
}

const EMPTY: Form = {
  spent: '',
  receipt: '',
  overReason: '',
  dropOff: '',
  settlement: '',
  note: '',
  code: '',
  reason: '',
}

/**
 * The assignee's steps, shared by the queue and the detail page: claim; the ONE next-step button (开始采购
 * at once; 开始配送 asks for the amount and the receipt photo; 已送达 for the photo at the door and how it is
 * settled); the handoff code read out by the resident; and handing a request back with a reason.
 */
export function useAssigneeActions(onDone: (outcome: ActionOutcome, errand?: Errand) => void): {
  claim: (e: Errand) => Promise<void>
  next: (e: Errand) => void
  release: (e: Errand) => void
  busyId: string
  sheets: ReactNode
} {
  const [sheet, setSheet] = useState<{ kind: SheetKind; errand: Errand } | null>(null)
  const [visible, setVisible] = useState(false)
  const [form, setForm] = useState<Form>(EMPTY)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [busyId, setBusyId] = useState('')

  const open = useCallback((kind: SheetKind, errand: Errand) => {
    setSheet({ kind, errand })
    setForm({
      ...EMPTY,
      // Already recorded (e.g. a receipt saved before a failed step): start from it.
      spent: errand.spentFen != null ? String(errand.spentFen / 100) : '',
      receipt: errand.receiptFileId ?? '',
      overReason: errand.overBudgetReason ?? '',
    })
    setError('')
    setVisible(true)
  }, [])
  const close = useCallback(() => setVisible(false), [])
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }))

  const claim = useCallback(
    async (e: Errand) => {
      if (busyId) return
      setBusyId(e._id)
      try {
        const { errand } = await errandApi.claim(e._id)
        toast.success(e.category === 'psych' ? '已接单，请尽快联系' : '认领成功，请尽快采购')
        onDone('claimed', errand)
      } catch (err) {
        const code = err instanceof CloudError ? err.code : ''
        if (code === 'ERRAND_TAKEN') toast.fail('已被其他管家认领')
        else toast.fail(errorMessage(err))
        if (code === 'ERRAND_TAKEN' || code === 'ERRAND_CLOSED' || code === 'NOT_FOUND') onDone('gone')
      } finally {
        setBusyId('')
      }
    },
    [busyId, onDone],
  )

  const advance = useCallback(
    async (input: AdvanceInput, success: string) => {
      const { errand } = await errandApi.advance(input)
      toast.success(success)
      onDone('advanced', errand)
    },
    [onDone],
  )

  const next = useCallback(
    (e: Errand) => {
      if (e.status === 'delivered') return open('code', e)
      if (e.category === 'psych') return open('psych', e)
      if (e.status === 'purchasing') return open('buy', e)
      if (e.status === 'delivering') return open('drop', e)
      if (e.status !== 'claimed' || busyId) return
      setBusyId(e._id)
      advance({ errandId: e._id, to: 'purchasing' }, '已开始采购')
        .catch((err: unknown) => toast.fail(errorMessage(err)))
        .finally(() => setBusyId(''))
    },
    [advance, busyId, open],
  )

  const release = useCallback((e: Errand) => open('release', e), [open])

  const submit = async () => {
    if (!sheet || busy) return
    const e = sheet.errand
    setError('')
    let run: () => Promise<void>
    if (sheet.kind === 'buy') {
      const spentFen = yuanToFen(form.spent)
      const over = spentFen != null && !Number.isNaN(spentFen) && isOverBudget(e.budgetFen, spentFen)
      const input: AdvanceInput = {
        errandId: e._id,
        to: 'delivering',
        ...(spentFen !== undefined ? { spentFen } : {}),
        ...(form.receipt ? { receiptFileId: form.receipt } : {}),
        ...(over && form.overReason.trim() ? { overBudgetReason: form.overReason.trim() } : {}),
      }
      const parsed = advanceErrandInput.safeParse(input)
      if (!parsed.success) return setError(firstIssue(parsed.error))
      const missing = missingForStep('delivering', e.category, input)
      if (missing.length) return setError(`请先填写：${missing.join('、')}`)
      if (over && !input.overBudgetReason) return setError('实际花费超出预算，请说明原因')
      run = () => advance(input, '已开始配送，居民会收到通知')
    } else if (sheet.kind === 'drop') {
      const input: AdvanceInput = {
        errandId: e._id,
        to: 'delivered',
        ...(form.dropOff ? { dropOffFileId: form.dropOff } : {}),
        ...(form.settlement ? { settlement: form.settlement } : {}),
        ...(form.note.trim() ? { note: form.note.trim() } : {}),
      }
      const missing = missingForStep('delivered', e.category, { ...e, ...input })
      if (missing.length) return setError(`请先填写：${missing.join('、')}`)
      const parsed = advanceErrandInput.safeParse(input)
      if (!parsed.success) return setError(firstIssue(parsed.error))
      run = () => advance(input, '已送达，请居民确认收货')
    } else if (sheet.kind === 'psych') {
      const input: AdvanceInput = {
        errandId: e._id,
        to: 'delivered',
        ...(form.note.trim() ? { note: form.note.trim() } : {}),
      }
      run = () => advance(input, '已记录完成疏导')
    } else if (sheet.kind === 'code') {
      const parsed = confirmErrandInput.safeParse({ errandId: e._id, code: form.code })
      if (!parsed.success) return setError(firstIssue(parsed.error))
      run = async () => {
        const { errand } = await errandApi.confirm(e._id, parsed.data.code)
        toast.success('交接完成')
        onDone('confirmed', errand)
      }
    } else {
      const parsed = releaseErrandInput.safeParse({ errandId: e._id, reason: form.reason })
      if (!parsed.success) return setError(firstIssue(parsed.error))
      run = async () => {
        await errandApi.release(e._id, parsed.data.reason)
        toast.success('已退回，需求重新排队')
        onDone('released')
      }
    }
    setBusy(true)
    try {
      await run()
      setVisible(false)
    } catch (err) {
      const code = err instanceof CloudError ? err.code : ''
      setError(errorMessage(err))
      if (code === 'ERRAND_CODE_LOCKED') {
        setVisible(false)
        toast.fail(errorMessage(err))
        onDone('gone')
      }
    } finally {
      setBusy(false)
    }
  }

  const e = sheet?.errand
  const spentFen = yuanToFen(form.spent)
  const over = e && spentFen != null && !Number.isNaN(spentFen) && isOverBudget(e.budgetFen, spentFen)
  const errorLine = error ? (
    <View className="form-error e-sheet__error" role="alert">
      {error}
    </View>
  ) : null
  const submitButton = (text: string, danger = false) => (
    <Button
      type={danger ? 'danger' : 'primary'}
      size="large"
      block
      className="e-sheet__submit"
      loading={busy}
      disabled={busy}
      onClick={() => void submit()}
    >
      {text}
    </Button>
  )

  let content: ReactNode = null
  let title = ''
  let description: string | undefined
  if (sheet && e) {
    if (sheet.kind === 'buy') {
      title = '买好了，开始配送'
      description = `预算 ${formatYuan(e.budgetFen)}，请如实填写并拍下小票`
      content = (
        <>
          <Field label="实际花费（元）" extra={`预算 ${formatYuan(e.budgetFen)}`}>
            <Input
              className="app-input e-money"
              type="digit"
              placeholder="如 86.50"
              value={form.spent}
              onChange={(v) => set('spent', v)}
            />
          </Field>
          {over ? (
            <Field label="超出预算的原因">
              <TextArea
                className="e-textarea"
                placeholder="如：鸡蛋涨价，已电话征得居民同意"
                maxLength={200}
                value={form.overReason}
                onChange={(v) => set('overReason', v)}
              />
            </Field>
          ) : null}
          <Field label="购物小票照片">
            <PhotoPicker
              value={form.receipt}
              onChange={(v) => set('receipt', v)}
              dir="receipts"
              label="拍摄购物小票"
              testId="receipt-photo"
            />
          </Field>
          {errorLine}
          {submitButton('确认，开始配送')}
        </>
      )
    } else if (sheet.kind === 'drop') {
      title = '确认已送达'
      description = e.contactless ? '无接触配送：放在门口后拍照留存' : '请当面交给居民并拍照留存'
      const spent = e.spentFen ?? 0
      content = (
        <>
          <Field label={e.contactless ? '门口物品照片' : '送达照片'}>
            <PhotoPicker
              value={form.dropOff}
              onChange={(v) => set('dropOff', v)}
              dir="dropoff"
              label={e.contactless ? '拍摄放在门口的物品' : '拍摄送达照片'}
              testId="dropoff-photo"
            />
          </Field>
          <Field label="结算方式" extra={`实际花费 ${formatYuan(spent)}`}>
            <View className="e-choices" role="radiogroup">
              {SETTLEMENTS.map((s) => (
                <View
                  key={s}
                  role="radio"
                  aria-checked={form.settlement === s}
                  className={`e-choice${form.settlement === s ? ' e-choice--on' : ''}`}
                  onClick={() => set('settlement', s)}
                >
                  <View className="e-choice__label">{SETTLEMENT_LABELS[s]}</View>
                  <View className="e-choice__hint">
                    {s === 'paid_by_resident'
                      ? '居民当面把钱付给您（微信或现金）'
                      : `您先垫付的 ${formatYuan(spent)} 由街道统一报销`}
                  </View>
                </View>
              ))}
            </View>
          </Field>
          <Field label="备注（选填）">
            <Input
              className="app-input"
              placeholder="如：已挂在门把手上"
              maxLength={200}
              value={form.note}
              onChange={(v) => set('note', v)}
            />
          </Field>
          {errorLine}
          {submitButton('确认已送达')}
        </>
      )
    } else if (sheet.kind === 'psych') {
      title = '完成心理疏导'
      description = '记录一下这次沟通，居民确认后即完成'
      content = (
        <>
          <Field label="沟通情况（选填）">
            <TextArea
              className="e-textarea"
              placeholder="如：电话沟通半小时，情绪稳定"
              maxLength={200}
              value={form.note}
              onChange={(v) => set('note', v)}
            />
          </Field>
          {errorLine}
          {submitButton('确认已完成疏导')}
        </>
      )
    } else if (sheet.kind === 'code') {
      title = '核对交接码'
      description = `请${e.requesterName}读出手机上显示的${HANDOFF_CODE_LENGTH}位交接码`
      content = (
        <>
          <Input
            className="app-input e-code-input"
            type="number"
            placeholder="输入交接码"
            maxLength={6}
            value={form.code}
            onChange={(v) => set('code', v.replace(/\D/g, ''))}
          />
          {e.codeAttemptsLeft != null ? (
            <View className="e-sheet__tip">
              还可以输错 {e.codeAttemptsLeft} 次；多次输错后需居民本人在手机上确认收货
            </View>
          ) : null}
          {errorLine}
          {submitButton('确认交接')}
        </>
      )
    } else {
      title = '退回需求'
      description = '退回后需求会重新排队，由其他管家认领'
      content = (
        <>
          <View className="e-quick">
            {RELEASE_REASONS.map((r) => (
              <View
                key={r}
                className={`e-quick__chip${form.reason === r ? ' e-quick__chip--on' : ''}`}
                onClick={() => set('reason', r)}
              >
                {r}
              </View>
            ))}
          </View>
          <Field label="退回原因">
            <TextArea
              className="e-textarea"
              placeholder="请写明原因，居民会看到"
              maxLength={200}
              value={form.reason}
              onChange={(v) => set('reason', v)}
            />
          </Field>
          {errorLine}
          {submitButton('确认退回', true)}
        </>
      )
    }
  }

  // Reset a leftover error when the sheet closes.
  useEffect(() => {
    if (!visible) setError('')
  }, [visible])

  const sheets = (
    <Sheet
      visible={visible}
      title={title}
      description={description}
      onClose={close}
      testId={`sheet-${sheet?.kind ?? 'none'}`}
    >
      {content}
    </Sheet>
  )
  return { claim, next, release, busyId, sheets }
}
