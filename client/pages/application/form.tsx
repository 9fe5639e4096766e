// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { isEditable } from '../../../shared/application'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { DraftNote } from '../../components/DraftNote'
import { useConfirm } from '../../components/useConfirm'
import type { Reply } from '../../services/api'
import { applicationApi } from '../../services/application'
import { CloudError, errorMessage } from '../../services/cloud'
import { APP_PAGES, pageUrl } from '../../utils/applicationPages'
import { openPage } from '../../utils/nav'
import { useDraft, useKeepDraft } from '../../utils/draft'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import {
  draftErrors,
  FIELD_ORDER,
  submitErrors,
  toForm,
  toValues,
  type FormValues,
} from './parts/applicationForm'
import {
  MeasuresSection,
  OfficerSection,
  PlanSection,
  PlansSection,
  ReturnNotes,
  StaffSection,
  SuppliesSection,
  VALUE_PATHS,
} from './parts/FormSections'
import { scrollToFirstError, useFormState } from './parts/useFormState'
import './parts/parts.scss'
import './form.scss'

type Application = Reply<'application', 'get'>['application']
type Enterprise = Reply<'application', 'get'>['enterprise']

function ApplicationFormView({
  enterprise,
  existing,
  accountId,
}: {
  enterprise: Enterprise
  existing: Application | null
  accountId: string
}) {
  // What was typed since the last save lives on this device until it is sent (a reload loses nothing). One
  // open application per enterprise: the enterprise names the draft, before and after its first save.
  const draft = useDraft(`application.${accountId}.${enterprise._id}`, toValues(existing?.form))
  const f = useFormState<FormValues>(draft.initial, VALUE_PATHS)
  useKeepDraft(draft, f.values)
  const { errors } = f
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
    f.checkLive(Object.keys(errs).length ? draftErrors : null)
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
      // Saved on the server: from now on that is what the form opens with.
      draft.rebase(f.current())
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
    // From now on "还有 N 项" follows the form as it is filled in.
    f.checkLive((v) => submitErrors(v))
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
          draft.clear()
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

  return (
    <View className="ap-form">
      <View className="card ap-form-head">
        <View className="ap-form-head__name">{enterprise.name}</View>
        <View className="muted">
          {returned ? '审核人员退回了申请，请按意见补充后重新提交' : '请如实填写，带 * 的为必填项'}
        </View>
      </View>
      {returned && existing && <ReturnNotes app={existing} />}
      {draft.restored && <DraftNote onDiscard={() => f.reset(draft.discard())} />}

      <PlanSection f={f} />
      <StaffSection f={f} />
      <SuppliesSection f={f} />
      <MeasuresSection f={f} />
      <PlansSection f={f} />
      <OfficerSection f={f} />

      {(formError || (tried && open > 0)) && (
        <View className="form-error" role="alert">
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

interface Loaded {
  enterprise: Enterprise
  application: Application | null
}

function Content({ enterpriseId, id, accountId }: { enterpriseId?: string; id?: string; accountId: string }) {
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
  return <ApplicationFormView enterprise={enterprise} existing={application} accountId={accountId} />
}

function ApplicationFormPage() {
  const { params } = useRouter()
  const id = params.id || undefined
  const enterpriseId = params.enterpriseId || undefined
  return (
    <PageShell className="ap-has-bar">
      <AccountGate action={['application', 'saveDraft']}>
        {(account) =>
          id || enterpriseId ? (
            <Content id={id} enterpriseId={enterpriseId} accountId={account._id} />
          ) : (
            <EmptyBlock title="链接不完整" description="请从“我的企业”选择要申请复工的企业。" />
          )
        }
      </AccountGate>
    </PageShell>
  )
}

export default ApplicationFormPage
