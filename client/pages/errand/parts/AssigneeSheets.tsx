import { Input, TextArea } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { HANDOFF_CODE_LENGTH, SETTLEMENT_LABELS, settlementsFor } from '../../../../shared/errand'
import { ChoiceCards } from '../../../components/ChoiceCards'
import { Field } from '../../../components/Field'
import type { Errand } from '../../../services/errand'
import type { SheetKind, StepForm } from './assigneeSteps'
import { isOver } from './assigneeSteps'
import { formatYuan } from './labels'
import { PhotoPicker } from './Photo'

const RELEASE_REASONS = ['临时有紧急任务', '买不到所需物品', '身体不适']

interface SheetProps {
  errand: Errand
  form: StepForm
  set: <K extends keyof StepForm>(k: K, v: StepForm[K]) => void
}

/** Each sheet's title, the line under it, and its button. */
export function sheetText(
  kind: SheetKind,
  e: Errand,
): { title: string; description: string; submit: string } {
  switch (kind) {
    case 'buy':
      return {
        title: '买好了，开始配送',
        description: `预算 ${formatYuan(e.budgetFen)}，请如实填写并拍下小票`,
        submit: '确认，开始配送',
      }
    case 'drop':
      return {
        title: '确认已送达',
        description: e.contactless ? '无接触配送：放在门口后拍照留存' : '请当面交给居民并拍照留存',
        submit: '确认已送达',
      }
    case 'psych':
      return {
        title: '完成心理疏导',
        description: '记录一下这次沟通，居民确认后即完成',
        submit: '确认已完成疏导',
      }
    case 'code':
      return {
        title: '核对交接码',
        description: `请${e.requesterName}读出手机上显示的${HANDOFF_CODE_LENGTH}位交接码`,
        submit: '确认交接',
      }
    case 'release':
      return { title: '退回需求', description: '退回后需求会重新排队，由其他管家认领', submit: '确认退回' }
  }
}

/** 买好了: what it cost, why more than the budget, the receipt. */
function BuySheet({ errand: e, form, set }: SheetProps) {
  return (
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
      {isOver(e, form.spent) ? (
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
    </>
  )
}

/** 已送达: the photo at the door and how the money is settled. */
function DropSheet({ errand: e, form, set }: SheetProps) {
  const spent = e.spentFen ?? 0
  return (
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
        <ChoiceCards
          // Contactless: nobody opens the door to pay, so only the community's reimbursement is offered.
          choices={settlementsFor(e).map((s) => ({
            value: s,
            label: SETTLEMENT_LABELS[s],
            hint:
              s === 'paid_by_resident'
                ? '居民当面把钱付给您（微信或现金）'
                : `您先垫付的 ${formatYuan(spent)} 由街道统一报销`,
          }))}
          value={form.settlement}
          onChange={(s) => set('settlement', s)}
        />
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
    </>
  )
}

/** 心理疏导 done: a note on the conversation. */
function PsychSheet({ form, set }: SheetProps) {
  return (
    <Field label="沟通情况（选填）">
      <TextArea
        className="e-textarea"
        placeholder="如：电话沟通半小时，情绪稳定"
        maxLength={200}
        value={form.note}
        onChange={(v) => set('note', v)}
      />
    </Field>
  )
}

/** The handoff code the resident reads out. */
function CodeSheet({ errand: e, form, set }: SheetProps) {
  return (
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
    </>
  )
}

/** Handing a request back, with a reason the resident sees. */
function ReleaseSheet({ form, set }: SheetProps) {
  return (
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
    </>
  )
}

export const SHEETS: Record<SheetKind, (props: SheetProps) => JSX.Element> = {
  buy: BuySheet,
  drop: DropSheet,
  psych: PsychSheet,
  code: CodeSheet,
  release: ReleaseSheet,
}
