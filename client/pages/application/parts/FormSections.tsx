import { Checkbox, Input, Radio, TextArea } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import dayjs from 'dayjs'
import { MEASURES, MEASURE_LABELS, type Measure } from '../../../../shared/schemas/application'
import { DateField } from '../../../components/DateField'
import { Field } from '../../../components/Field'
import type { Reply } from '../../../services/api'
import { draftErrors, type FormValues, type PlanMode } from './applicationForm'
import { FormSection } from './FormSection'
import { UploadField } from './UploadField'
import { fieldId, type useFormState } from './useFormState'

type Application = Reply<'application', 'get'>['application']

type CountKey =
  | 'staffTotal'
  | 'staffOnSite'
  | 'staffFromOutside'
  | 'staffFromRiskAreas'
  | 'masks'
  | 'disinfectantLitres'
  | 'thermometers'

const ERROR_PATH: Record<CountKey, string> = {
  staffTotal: 'staffTotal',
  staffOnSite: 'staffOnSite',
  staffFromOutside: 'staffFromOutside',
  staffFromRiskAreas: 'staffFromRiskAreas',
  masks: 'supplies.masks',
  disinfectantLitres: 'supplies.disinfectantLitres',
  thermometers: 'supplies.thermometers',
}

/** The form state the sections share (values, errors, setters). */
export type Form = ReturnType<typeof useFormState<FormValues>>

/** The shared schema's message for a count above the total (shared/schemas/application.ts). */
const OVER_TOTAL = '人数不能超过职工总数'

/** The schema path each value's errors are reported under. */
export const VALUE_PATHS: Partial<Record<keyof FormValues, string>> = {
  ...ERROR_PATH,
  emergencyMode: 'emergencyPlan',
  emergencyText: 'emergencyPlan',
  emergencyFile: 'emergencyPlan',
  disinfectionMode: 'disinfectionPlan',
  disinfectionText: 'disinfectionPlan',
  disinfectionFile: 'disinfectionPlan',
  officerName: 'safetyOfficer.name',
  officerPhone: 'safetyOfficer.phone',
}

/** "职工总数 [ 12 ] 人" — label left, a number box right; the error below. */
function CountRow({
  f,
  k,
  label,
  unit,
  hint,
}: {
  f: Form
  k: CountKey
  label: string
  unit: string
  hint?: string
}) {
  const path = ERROR_PATH[k]
  const error = f.errors[path]
  return (
    <View className={`ap-count${error ? ' ap-count--error' : ''}`} id={fieldId(path)} data-count={label}>
      <View className="ap-count__row">
        <View className="ap-count__label">
          <Text className="field__req">*</Text>
          {label}
          {hint && <View className="ap-count__hint">{hint}</View>}
        </View>
        <Input
          className="ap-count__input"
          align="right"
          type="number"
          value={f.values[k]}
          placeholder="0"
          maxLength={6}
          onChange={(val) => f.set(k, val.replace(/[^\d]/g, ''))}
          onBlur={() => {
            // Counts are checked together: "cannot exceed the total" involves two fields. Messages about
            // empty fields (from a submit attempt) stay until those fields are filled in.
            const errs = draftErrors(f.current())
            for (const p of Object.values(ERROR_PATH)) {
              if (errs[p]) f.setError(p, errs[p])
              else if (f.errors[p] === OVER_TOTAL) f.setError(p, undefined)
            }
          }}
        />
        <Text className="ap-count__unit">{unit}</Text>
      </View>
      {error && (
        <View className="field__error" role="alert">
          {error}
        </View>
      )}
    </View>
  )
}

function PlanField({
  f,
  which,
  label,
  placeholder,
}: {
  f: Form
  which: 'emergency' | 'disinfection'
  label: string
  placeholder: string
}) {
  const keys =
    which === 'emergency'
      ? ({
          mode: 'emergencyMode',
          text: 'emergencyText',
          file: 'emergencyFile',
          path: 'emergencyPlan',
        } as const)
      : ({
          mode: 'disinfectionMode',
          text: 'disinfectionText',
          file: 'disinfectionFile',
          path: 'disinfectionPlan',
        } as const)
  const mode = f.values[keys.mode]
  const path = keys.path
  const clear = () => f.setError(path, undefined)
  return (
    <Field label={label} required error={f.errors[path]} id={fieldId(path)}>
      <Radio.Group
        className="ap-seg"
        value={mode}
        shape="button"
        direction="horizontal"
        onChange={(val) => {
          f.set(keys.mode, String(val) as PlanMode)
          clear()
        }}
      >
        <Radio value="text" shape="button" className="ap-seg__item">
          直接填写
        </Radio>
        <Radio value="file" shape="button" className="ap-seg__item">
          上传文件
        </Radio>
      </Radio.Group>
      {mode === 'text' ? (
        <TextArea
          className="ap-textarea"
          value={f.values[keys.text]}
          placeholder={placeholder}
          maxLength={2000}
          showCount
          autoSize
          onChange={(val) => {
            f.set(keys.text, val)
            clear()
          }}
        />
      ) : (
        <UploadField
          value={f.values[keys.file]}
          onChange={(val) => {
            f.set(keys.file, val)
            clear()
          }}
          dir="plans"
          max={1}
          addText="拍照或选图"
          allowDocuments
        />
      )}
    </Field>
  )
}

/** 1 复工计划: the planned day, tomorrow suggested. */
export function PlanSection({ f }: { f: Form }) {
  const tomorrow = dayjs().add(1, 'day').format('YYYY-MM-DD')
  return (
    <FormSection title="复工计划" index={1}>
      <Field label="计划复工日期" required error={f.errors.plannedDate} id={fieldId('plannedDate')}>
        <DateField
          title="计划复工日期"
          value={f.values.plannedDate}
          suggest={tomorrow}
          onChange={(d) => {
            f.set('plannedDate', d)
            f.setError('plannedDate', undefined)
          }}
        />
      </Field>
    </FormSection>
  )
}

/** 2 人员情况: the staff counts, none above the total. */
export function StaffSection({ f }: { f: Form }) {
  return (
    <FormSection title="人员情况" index={2} note="到岗、省外返回、风险地区返回人数都不能超过职工总数。">
      <CountRow f={f} k="staffTotal" label="职工总数" unit="人" />
      <CountRow f={f} k="staffOnSite" label="首批到岗人数" unit="人" />
      <CountRow f={f} k="staffFromOutside" label="省外返回人数" unit="人" />
      <CountRow f={f} k="staffFromRiskAreas" label="风险地区返回人数" unit="人" hint="需居家隔离观察" />
    </FormSection>
  )
}

/** 3 防疫物资: what is in stock. */
export function SuppliesSection({ f }: { f: Form }) {
  return (
    <FormSection title="防疫物资" index={3} note="现有库存数量，按不少于7天用量准备。">
      <CountRow f={f} k="masks" label="口罩" unit="只" />
      <CountRow f={f} k="disinfectantLitres" label="消毒液" unit="升" />
      <CountRow f={f} k="thermometers" label="体温计" unit="支" />
    </FormSection>
  )
}

/** 4 防控措施: the measures in place, ticked. */
export function MeasuresSection({ f }: { f: Form }) {
  const measures = f.values.measures
  const toggle = (m: Measure, on: boolean) =>
    f.set('measures', on ? [...new Set([...measures, m])] : measures.filter((x) => x !== m))
  return (
    <FormSection title="防控措施" index={4} note="勾选已经落实的措施。">
      <View className="ap-checks" id={fieldId('measures')}>
        {MEASURES.map((m) => {
          const on = measures.includes(m)
          return (
            <View
              key={m}
              className={`ap-check${on ? ' ap-check--on' : ''}`}
              onClick={() => toggle(m, !on)}
              data-measure={m}
            >
              <Checkbox checked={on} className="ap-check__box" />
              <Text className="ap-check__label">{MEASURE_LABELS[m]}</Text>
            </View>
          )
        })}
      </View>
      {f.errors.measures && <View className="field__error">{f.errors.measures}</View>}
    </FormSection>
  )
}

/** 5 应急预案与消毒方案: each written out or uploaded. */
export function PlansSection({ f }: { f: Form }) {
  return (
    <FormSection
      title="应急预案与消毒方案"
      index={5}
      note="可以直接填写要点，也可以上传已有方案的照片或文件。"
    >
      <PlanField
        f={f}
        which="emergency"
        label="应急预案"
        placeholder="如：发现发热人员立即隔离到临时隔离室，并报告社区…"
      />
      <PlanField
        f={f}
        which="disinfection"
        label="消毒方案"
        placeholder="如：每日早晚各消毒一次，重点区域…，并登记消毒记录"
      />
    </FormSection>
  )
}

/** 6 疫情防控安全员: who takes temperatures, logs disinfection and talks to the community. */
export function OfficerSection({ f }: { f: Form }) {
  const { values: v, errors } = f
  return (
    <FormSection title="疫情防控安全员" index={6} note="负责每日体温检测、消毒登记和对接社区。">
      <Field label="姓名" required error={errors['safetyOfficer.name']} id={fieldId('safetyOfficer.name')}>
        <Input
          className="app-input"
          value={v.officerName}
          placeholder="安全员姓名"
          maxLength={20}
          clearable
          onChange={(val) => f.set('officerName', val)}
        />
      </Field>
      <Field
        label="手机号"
        required
        error={errors['safetyOfficer.phone']}
        id={fieldId('safetyOfficer.phone')}
      >
        <Input
          className="app-input"
          type="tel"
          value={v.officerPhone}
          placeholder="安全员手机号"
          maxLength={11}
          clearable
          onChange={(val) => f.set('officerPhone', val)}
          onBlur={() => {
            const errs = draftErrors(f.current())
            f.setError('safetyOfficer.phone', errs['safetyOfficer.phone'])
          }}
        />
      </Field>
    </FormSection>
  )
}

/** The reasons the reviewers gave when returning the application, shown on top of the form. */
export function ReturnNotes({ app }: { app: Application }) {
  const notes = Object.values(app.reviews).filter((r) => r && r.decision !== 'approve' && r.comment)
  if (!notes.length) return null
  return (
    <View className="card ap-notes" data-testid="return-notes">
      <View className="ap-notes__title">需要补充的内容</View>
      {notes.map((r) => (
        <View className="ap-notes__item" key={r!.reviewerId + r!.at}>
          {r!.comment}
        </View>
      ))}
    </View>
  )
}
