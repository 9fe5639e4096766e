// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Button, Checkbox, Input, Radio, TextArea } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import dayjs from 'dayjs'
import { useState } from 'react'
import { isEditable } from '../../../shared/application'
import { MEASURES, MEASURE_LABELS, type Measure } from '../../../shared/schemas/application'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { useConfirm } from '../../components/useConfirm'
import { applicationApi, type Application, type Enterprise } from '../../services/application'
import { CloudError, errorMessage } from '../../services/cloud'
import { APP_PAGES, pageUrl } from '../../utils/applicationPages'
import { openPage } from '../../utils/nav'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import {
  draftErrors,
  FIELD_ORDER,
  submitErrors,
  toForm,
  toValues,
  type FormValues,
  type PlanMode,
} from './parts/applicationForm'
import { DateField } from './parts/DateField'
import { Field, FormSection } from './parts/Field'
import { UploadField } from './parts/UploadField'
import { fieldId, scrollToFirstError, useFormState } from './parts/useFormState'
import './parts/parts.scss'
import './form.scss'

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

type Form = ReturnType<typeof useFormState<FormValues>>

/** The shared schema's message for a count above the total (shared/schemas/application.ts). */
const OVER_TOTAL = '人数不能超过职工总数'

/** The schema path each value's errors are reported under. */
const VALUE_PATHS: Partial<Record<keyof FormValues, string>> = {
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
          <Text className="ap-field__req">*</Text>
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
        <View className="ap-field__error" role="alert">
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

function ApplicationFormView({
  enterprise,
  existing,
}: {
  enterprise: Enterprise
  existing: Application | null
}) {
  const f = useFormState<FormValues>(toValues(existing?.form), VALUE_PATHS)
  const { values: v, errors } = f
  const [appId, setAppId] = useState(existing?._id)
  const [busy, setBusy] = useState<'draft' | 'submit' | null>(null)
  const [formError, setFormError] = useState('')
  const [tried, setTried] = useState(false)
  const { dialog, confirm } = useConfirm()
  const open = Object.keys(errors).length
  const returned = existing?.status === 'returned'

  const save = async (complete: boolean): Promise<string> => {
    const { application } = await applicationApi.saveDraft(
      enterprise._id,
      toForm(f.current(), complete),
      appId,
    )
    setAppId(application._id)
    return application._id
  }

  const saveDraft = async () => {
    const errs = draftErrors(f.current())
    f.setErrors(errs)
    setTried(false)
    if (Object.keys(errs).length) {
      setFormError('有填写不正确的地方，请按红字提示修改')
      scrollToFirstError(errs, FIELD_ORDER)
      return
    }
    setFormError('')
    setBusy('draft')
    try {
      await save(false)
      toast.success('草稿已保存')
    } catch (e) {
      setFormError(errorMessage(e))
    } finally {
      setBusy(null)
    }
  }

  const submit = () => {
    const errs = submitErrors(f.current())
    f.setErrors(errs)
    setTried(true)
    setFormError('')
    if (Object.keys(errs).length) {
      scrollToFirstError(errs, FIELD_ORDER)
      return
    }
    confirm({
      title: returned ? '重新提交审核' : '提交审核',
      content: `提交后由发展保障中心、安监中心、防疫专业队伍三方审核，审核期间不能修改申请内容。确定提交「${enterprise.name}」的复工申请吗？`,
      confirmText: '确定提交',
      action: async () => {
        setBusy('submit')
        try {
          const id = await save(true)
          await applicationApi.submit(id)
          toast.success('已提交，请等待审核')
          setTimeout(() => {
            void Taro.redirectTo({ url: pageUrl(APP_PAGES.detail, { id }) })
          }, 600)
        } catch (e) {
          setBusy(null)
          throw e
        }
      },
    })
  }

  const tomorrow = dayjs().add(1, 'day').format('YYYY-MM-DD')
  const toggleMeasure = (m: Measure, on: boolean) =>
    f.set('measures', on ? [...new Set([...v.measures, m])] : v.measures.filter((x) => x !== m))

  return (
    <View className="ap-form">
      <View className="card ap-form-head">
        <View className="ap-form-head__name">{enterprise.name}</View>
        <View className="muted">
          {returned ? '审核人员退回了申请，请按意见补充后重新提交' : '请如实填写，带 * 的为必填项'}
        </View>
      </View>
      {returned && existing && <ReturnNotes app={existing} />}

      <FormSection title="复工计划" index={1}>
        <Field label="计划复工日期" required error={errors.plannedDate} id={fieldId('plannedDate')}>
          <DateField
            title="计划复工日期"
            value={v.plannedDate}
            suggest={tomorrow}
            onChange={(d) => {
              f.set('plannedDate', d)
              f.setError('plannedDate', undefined)
            }}
          />
        </Field>
      </FormSection>

      <FormSection title="人员情况" index={2} note="到岗、省外返回、风险地区返回人数都不能超过职工总数。">
        <CountRow f={f} k="staffTotal" label="职工总数" unit="人" />
        <CountRow f={f} k="staffOnSite" label="首批到岗人数" unit="人" />
        <CountRow f={f} k="staffFromOutside" label="省外返回人数" unit="人" />
        <CountRow f={f} k="staffFromRiskAreas" label="风险地区返回人数" unit="人" hint="需居家隔离观察" />
      </FormSection>

      <FormSection title="防疫物资" index={3} note="现有库存数量，按不少于7天用量准备。">
        <CountRow f={f} k="masks" label="口罩" unit="只" />
        <CountRow f={f} k="disinfectantLitres" label="消毒液" unit="升" />
        <CountRow f={f} k="thermometers" label="体温计" unit="支" />
      </FormSection>

      <FormSection title="防控措施" index={4} note="勾选已经落实的措施。">
        <View className="ap-checks" id={fieldId('measures')}>
          {MEASURES.map((m) => {
            const on = v.measures.includes(m)
            return (
              <View
                key={m}
                className={`ap-check${on ? ' ap-check--on' : ''}`}
                onClick={() => toggleMeasure(m, !on)}
                data-measure={m}
              >
                <Checkbox checked={on} className="ap-check__box" />
                <Text className="ap-check__label">{MEASURE_LABELS[m]}</Text>
              </View>
            )
          })}
        </View>
        {errors.measures && <View className="ap-field__error">{errors.measures}</View>}
      </FormSection>

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

      {(formError || (tried && open > 0)) && (
        <View className="form-error ap-form__error" role="alert">
          {formError || `还有 ${open} 项需要填写或更正，请按红字提示修改`}
        </View>
      )}

      <View className="ap-bar">
        <Button
          className="ap-bar__secondary"
          size="large"
          fill="outline"
          type="primary"
          loading={busy === 'draft'}
          disabled={busy !== null}
          onClick={() => void saveDraft()}
        >
          保存草稿
        </Button>
        <Button
          className="ap-bar__primary"
          size="large"
          type="primary"
          loading={busy === 'submit'}
          disabled={busy !== null}
          onClick={submit}
        >
          {returned ? '重新提交审核' : '提交审核'}
        </Button>
      </View>
      {dialog}
    </View>
  )
}

/** The reasons the reviewers gave when returning the application, shown on top of the form. */
function ReturnNotes({ app }: { app: Application }) {
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

interface Loaded {
  enterprise: Enterprise
  application: Application | null
}

function Content({ enterpriseId, id }: { enterpriseId?: string; id?: string }) {
  const remote = useRemote<Loaded>(
    async () => {
      if (id) {
        const b = await applicationApi.get(id)
        return { enterprise: b.enterprise, application: b.application }
      }
      const { items } = await applicationApi.myEnterprises()
      const enterprise = items.find((e) => e._id === enterpriseId)
      if (!enterprise) throw new CloudError('NOT_FOUND', '没有找到这家企业')
      // One open application per enterprise: continue it rather than start a second one.
      if (enterprise.openApplicationId) {
        const b = await applicationApi.get(enterprise.openApplicationId)
        return { enterprise, application: b.application }
      }
      return { enterprise, application: null }
    },
    [enterpriseId, id],
    { refreshOnShow: false },
  )
  if (remote.status === 'loading') return <LoadingBlock cards={3} rows={3} />
  if (remote.status === 'error' || !remote.data)
    return <ErrorBlock message={remote.error} onRetry={() => void remote.reload()} />
  const { enterprise, application } = remote.data
  if (application && !isEditable(application.status))
    return (
      <EmptyBlock
        title="这份申请不能修改"
        description="申请已在审核中或已结束，可以在申请详情中查看进度。"
        action={
          <Button
            type="primary"
            size="large"
            onClick={() => openPage(pageUrl(APP_PAGES.detail, { id: application._id }))}
          >
            查看申请
          </Button>
        }
      />
    )
  return <ApplicationFormView enterprise={enterprise} existing={application} />
}

function ApplicationFormPage() {
  const { params } = useRouter()
  const id = params.id || undefined
  const enterpriseId = params.enterpriseId || undefined
  return (
    <PageShell className="ap-has-bar">
      <AccountGate roles={['owner']}>
        {() =>
          id || enterpriseId ? (
            <Content id={id} enterpriseId={enterpriseId} />
          ) : (
            <EmptyBlock title="链接不完整" description="请从“我的企业”选择要申请复工的企业。" />
          )
        }
      </AccountGate>
    </PageShell>
  )
}

export default ApplicationFormPage
