// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Button, Checkbox, TextArea } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import dayjs from 'dayjs'
import { useState } from 'react'
import { inspectInput } from '../../../shared/schemas/application'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { useConfirm } from '../../components/useConfirm'
import { applicationApi } from '../../services/application'
import type { Input, Reply } from '../../services/api'
import { APP_PAGES, pageUrl } from '../../utils/applicationPages'
import { openPage, goBack } from '../../utils/nav'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import { DateField } from '../../components/DateField'
import { ChoiceCards } from '../../components/ChoiceCards'
import { Field } from '../../components/Field'
import { FormSection } from './parts/FormSection'
import { INSPECTION_CHECKS, INSPECTION_RESULT_LABELS, type InspectionCheck } from './parts/labels'
import { StatusTag } from './parts/StatusTag'
import { UploadField } from './parts/UploadField'
import { issuesByPath } from './parts/useFormState'
import './parts/parts.scss'
import './inspect.scss'

type ApplicationBundle = Reply<'application', 'get'>
type InspectionInput = Input<'application', 'inspect'>

type Result = InspectionInput['result']
const RESULTS: Result[] = ['pass', 'rectify', 'revoke']
const RESULT_HINTS: Record<Result, string> = {
  pass: '各项措施落实到位',
  rectify: '存在问题，限期整改后复查',
  revoke: '问题严重，撤销复工，公示牌立即失效',
}

function InspectForm({ bundle }: { bundle: ApplicationBundle }) {
  const app = bundle.application
  const [checks, setChecks] = useState<Record<InspectionCheck, boolean>>({
    disinfectionRecords: false,
    suppliesOk: false,
    staffHealthRecords: false,
    trajectoryChecked: false,
  })
  const [findings, setFindings] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [result, setResult] = useState<Result | ''>('')
  const [deadline, setDeadline] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [done, setDone] = useState<Result | null>(null)
  const { dialog, confirm } = useConfirm()

  if (done)
    return (
      <View className="card in-done" data-testid="inspection-done">
        <View className="in-done__title">检查记录已提交</View>
        <View className="in-done__text">
          结论：{INSPECTION_RESULT_LABELS[done]}。企业已收到通知{done === 'revoke' ? '，公示牌已失效' : ''}。
        </View>
        <Button
          type="primary"
          size="large"
          block
          onClick={() => openPage(pageUrl(APP_PAGES.detail, { id: app._id }))}
        >
          查看申请详情
        </Button>
      </View>
    )

  const submit = () => {
    const input = {
      applicationId: app._id,
      ...checks,
      findings: findings.trim(),
      photos,
      result: result || undefined,
      ...(result === 'rectify' && deadline ? { rectifyDeadline: deadline } : {}),
    }
    const parsed = inspectInput.safeParse(input)
    if (!parsed.success) {
      setErrors(issuesByPath(parsed.error.issues))
      toast.fail(parsed.error.issues[0]?.message ?? '请检查填写内容')
      return
    }
    setErrors({})
    const r = parsed.data.result
    confirm({
      title: r === 'revoke' ? '撤销复工' : '提交检查结果',
      content:
        r === 'revoke'
          ? `确定撤销「${app.enterpriseName}」的复工？公示牌将立即失效，扫码核验显示“已撤销”，企业需整改后重新申请。`
          : r === 'rectify'
            ? `要求「${app.enterpriseName}」在 ${parsed.data.rectifyDeadline} 前完成整改？企业会收到通知。`
            : `确认「${app.enterpriseName}」回头看检查通过？`,
      confirmText: r === 'revoke' ? '确认撤销' : '确认提交',
      danger: r === 'revoke',
      action: async () => {
        await applicationApi.inspect(parsed.data as InspectionInput)
        toast.success('检查记录已提交')
        setDone(r)
        setTimeout(() => goBack(pageUrl(APP_PAGES.detail, { id: app._id })), 1500)
      },
    })
  }

  return (
    <View className="ap-form">
      <View className="card in-head">
        <View className="in-head__top">
          <Text className="in-head__name">{app.enterpriseName}</Text>
          <StatusTag status={app.status} />
        </View>
        <View className="muted">
          {bundle.enterprise.address} · 复工日期 {app.form.plannedDate}
        </View>
      </View>

      <FormSection title="检查项目" index={1} note="逐项核对，已落实的请勾选。">
        <View className="ap-checks">
          {INSPECTION_CHECKS.map((c) => {
            const on = checks[c.key]
            return (
              <View
                key={c.key}
                className={`ap-check ap-check--tall${on ? ' ap-check--on' : ''}`}
                onClick={() => setChecks({ ...checks, [c.key]: !on })}
                data-check={c.key}
              >
                <Checkbox checked={on} className="ap-check__box" />
                <View className="ap-check__body">
                  <View className="ap-check__label">{c.label}</View>
                  <View className="ap-check__hint">{c.hint}</View>
                </View>
              </View>
            )
          })}
        </View>
      </FormSection>

      <FormSection title="检查情况" index={2}>
        <Field label="发现的问题和现场情况" required error={errors.findings}>
          <TextArea
            className="ap-textarea"
            value={findings}
            placeholder="如：消毒记录缺少近3天登记；口罩库存约50只，不足7天用量"
            maxLength={1000}
            showCount
            autoSize
            onChange={(v) => {
              setFindings(v)
              setErrors((e) => ({ ...e, findings: '' }))
            }}
          />
        </Field>
        <Field label="现场照片（选填，最多9张）">
          <UploadField value={photos} onChange={setPhotos} dir="inspections" max={9} addText="拍照" />
        </Field>
      </FormSection>

      <FormSection title="检查结论" index={3}>
        <ChoiceCards
          choices={RESULTS.map((r) => ({
            value: r,
            label: INSPECTION_RESULT_LABELS[r],
            hint: RESULT_HINTS[r],
            ...(r === 'revoke'
              ? { tone: 'danger' as const }
              : r === 'rectify'
                ? { tone: 'warn' as const }
                : {}),
          }))}
          value={result}
          onChange={(v) => {
            setResult(v)
            setErrors((e) => ({ ...e, result: '' }))
          }}
        />
        {errors.result && <View className="field__error">{errors.result}</View>}
        {result === 'rectify' && (
          <Field label="整改期限" required error={errors.rectifyDeadline}>
            <DateField
              title="整改期限"
              value={deadline}
              suggest={dayjs().add(3, 'day').format('YYYY-MM-DD')}
              days={90}
              onChange={(d) => {
                setDeadline(d)
                setErrors((e) => ({ ...e, rectifyDeadline: '' }))
              }}
            />
          </Field>
        )}
      </FormSection>

      <View className="form-actions">
        <Button type={result === 'revoke' ? 'danger' : 'primary'} size="large" block onClick={submit}>
          {result === 'revoke' ? '提交并撤销复工' : '提交检查结果'}
        </Button>
      </View>
      {dialog}
    </View>
  )
}

function Inspect({ id }: { id: string }) {
  const remote = useRemote(() => applicationApi.get(id), [id], { refreshOnShow: false })
  if (remote.status === 'loading') return <LoadingBlock cards={3} rows={3} />
  if (remote.status === 'error' || !remote.data)
    return <ErrorBlock message={remote.error} onRetry={() => void remote.reload()} />
  const app = remote.data.application
  if (app.status !== 'reopened')
    return (
      <EmptyBlock
        title="暂不能检查"
        description="只能对已复工的企业进行回头看检查。"
        action={
          <Button type="primary" size="large" onClick={() => openPage(pageUrl(APP_PAGES.detail, { id }))}>
            查看申请
          </Button>
        }
      />
    )
  return <InspectForm bundle={remote.data} />
}

function InspectPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  return (
    <PageShell>
      <AccountGate action={['application', 'inspect']}>
        {() => (id ? <Inspect id={id} /> : <EmptyBlock title="链接不完整" description="没有指定申请。" />)}
      </AccountGate>
    </PageShell>
  )
}

export default InspectPage
