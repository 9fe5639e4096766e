// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { AccountView as Account } from '../../../shared/account'
import { isSeniorByIdNumber } from '../../../shared/age'
import { AccountGate } from '../../components/AccountGate'
import { DraftNote } from '../../components/DraftNote'
import { FormFooter } from '../../components/FormFooter'
import { PageShell } from '../../components/PageShell'
import { QueuedCard } from '../../components/QueuedCard'
import { useConfirm } from '../../components/useConfirm'
import { ErrorBlock, LoadingBlock } from '../../components/StateView'
import { accountApi } from '../../services/account'
import { newRequestId, type Reply } from '../../services/api'
import { healthApi } from '../../services/health'
import { queueSettled, sendOrKeep } from '../../services/offlineQueue'
import { offerLargeTypeOnce, setLargeType } from '../../utils/largeType'
import { HEALTH_PAGES, restartAt } from '../../utils/nav'
import { useDraft, useKeepDraft } from '../../utils/draft'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import { useSubmit } from '../../utils/useSubmit'
import {
  blurError,
  checkDeclaration,
  emptyDeclaration,
  type DeclareErrors,
  type DeclareFormState,
} from './parts/declareForm'
import { DeclareResult } from './parts/DeclareResult'
import {
  BasicSection,
  HealthSection,
  HomeSection,
  TravelSection,
  WorkSection,
  type SectionProps,
} from './parts/DeclareSections'
import './health.scss'

function DeclareForm({ account }: { account: Account }) {
  const code = (useRouter().params.code ?? '').trim().toUpperCase()
  const remote = useRemote(
    async () => {
      await queueSettled()
      const [scopes, status] = await Promise.all([accountApi.scopes(), healthApi.myStatus()])
      return { scopes, status }
    },
    [],
    { refreshOnShow: false },
  )
  // The declaration as typed lives on this device until it is sent; a code from the poster's QR wins.
  const draft = useDraft(`declaration.${account._id}`, emptyDeclaration(account, code))
  const [form, setForm] = useState<DeclareFormState>(() =>
    code ? { ...draft.initial, enterpriseCode: code } : draft.initial,
  )
  useKeepDraft(draft, form)
  const [errors, setErrors] = useState<DeclareErrors>({})
  const { busy, error: formError, setError: setFormError, run } = useSubmit()
  const [done, setDone] = useState<Reply<'health', 'declare'> | null>(null)
  const { dialog, confirm } = useConfirm()
  // One declaration, one request id: a retry after a lost answer, or a send from the offline queue, is stored once.
  const requestId = useRef(newRequestId())

  if (done)
    return (
      <>
        <DeclareResult {...done} onAgain={() => setDone(null)} />
        {dialog}
      </>
    )
  if (!remote.data) {
    if (remote.status === 'error')
      return <ErrorBlock message={remote.error} onRetry={() => void remote.reload()} />
    return <LoadingBlock rows={4} />
  }
  const { scopes, status } = remote.data

  const setError = (k: keyof DeclareFormState, message: string | undefined) =>
    setErrors((e) => ({ ...e, [k]: message }))
  const section: SectionProps = {
    form,
    errors,
    set: (k, v) => {
      setForm((f) => ({ ...f, [k]: typeof v === 'function' ? v(f[k]) : v }))
      setError(k, undefined)
    },
    setError,
    blurCheck: (k) => setError(k, blurError(form, k)),
  }

  const submit = async () => {
    const checked = checkDeclaration(form)
    setErrors(checked.ok ? {} : checked.errors)
    if (!checked.ok) {
      setFormError('还有内容没填好，请检查标红的项目')
      return
    }
    await run(async () => {
      // Without a network the declaration waits on this phone (QueuedCard above the form) and goes out later.
      const sent = await sendOrKeep(
        'health',
        'declare',
        { ...checked.input, requestId: requestId.current },
        `健康申报 · ${checked.input.name}`,
      )
      requestId.current = newRequestId()
      draft.clear()
      if (sent.sent) setDone(sent.data)
      else {
        setForm(emptyDeclaration(account, code))
        toast.info('网络不好，已保存在手机上，联网后自动发送')
      }
      // Once per phone, for someone 60 or older by the ID number just declared: offer large type (我的 turns it off).
      if (isSeniorByIdNumber(checked.input.idNumber, Date.now()) && offerLargeTypeOnce())
        confirm({
          title: '字太小看不清？',
          content: '可以打开大字模式：字放大，按钮更好点。以后在“我的”里随时可以关。',
          confirmText: '打开大字模式',
          cancelText: '不用了',
          action: () => setLargeType(true),
        })
      Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
    })
  }

  return (
    <View className="declare" data-testid="declare-form">
      {/* Once one is sent, what the person's status is may have changed (a quarantine began). */}
      <QueuedCard fn="health" action="declare" onSent={() => void remote.reload(true)} />
      {status.quarantine && (
        <View className="notice-card" onClick={() => restartAt(HEALTH_PAGES.card)}>
          您正在居家隔离（第 {status.quarantine.day} 天），每天记得报备体温。
          <Text className="notice-card__link">打开隔离卡 ›</Text>
        </View>
      )}
      {draft.restored && (
        <DraftNote
          onDiscard={() => {
            setForm(draft.discard())
            setErrors({})
          }}
        />
      )}
      <View className="declare-head">
        <View className="declare-head__title">健康申报</View>
        <View className="declare-head__sub">
          请如实填写。信息只用于疫情防控，身份证号只有您本人和街道能看到。
        </View>
      </View>

      <View className="section-title">基本信息</View>
      <BasicSection {...section} />
      <View className="section-title">现在住在哪里</View>
      <HomeSection {...section} scopes={scopes} />
      <View className="section-title">从哪里来</View>
      <TravelSection {...section} today={status.today} />
      <View className="section-title">健康状况</View>
      <HealthSection {...section} />
      <View className="section-title">工作单位</View>
      <WorkSection
        {...section}
        employee={account.role === 'employee'}
        fromQr={Boolean(code)}
        onError={setFormError}
      />

      <View className="declare-promise">本人承诺以上信息真实，如有隐瞒愿承担相应责任。</View>
      <FormFooter error={formError} busy={busy} label="提交申报" onSubmit={() => void submit()} />
      {dialog}
    </View>
  )
}

function DeclarePage() {
  return (
    <PageShell className="health">
      <AccountGate action={['health', 'declare']}>
        {(account) => <DeclareForm account={account} />}
      </AccountGate>
    </PageShell>
  )
}

export default DeclarePage
