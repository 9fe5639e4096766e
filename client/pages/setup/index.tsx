// Form controls' styles first: the page's own styles adjust them.
import '../../styles/forms'
import { Form, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import { z } from 'zod'
import type { SelfServiceRole } from '../../../shared/roles'
import { setupInput } from '../../../shared/schemas/account'
import { PageShell } from '../../components/PageShell'
import { PhoneButton } from '../../components/PhoneButton'
import { ChoiceCards } from '../../components/ChoiceCards'
import { SelfRolePicker } from '../../components/SelfRolePicker'
import { accountApi } from '../../services/account'
import { ErrorBlock, LoadingBlock } from '../../components/StateView'
import { errorMessage, hasSession, IS_WEAPP } from '../../services/cloud'
import { session } from '../../stores'
import { PAGES, restartAt } from '../../utils/nav'
import { firstIssue, zodRule } from '../../utils/zodRule'
import { FormFooter } from '../../components/FormFooter'
import { LinkForm } from './parts/LinkForm'
import './index.scss'

interface SetupValues {
  name?: string
  phone?: string
  role?: SelfServiceRole
  streetId?: string
}

const roleRule = zodRule(
  z.enum(['owner', 'employee', 'resident'], { errorMap: () => ({ message: '请选择您的身份' }) }),
)

/** Where the phone comes from: the proven one, WeChat's phone-number button, or (H5, or by choice) typed. */
const PhoneField = observer(function PhoneField({ typing, onType }: { typing: boolean; onType: () => void }) {
  const proof = session.proof
  if (proof)
    return (
      <View className="setup-phone" data-testid="setup-phone">
        <Text className="setup-phone__number">{proof.phone}</Text>
        <Text className="setup-phone__proven">{IS_WEAPP ? '已通过微信验证' : '注册时的手机号'}</Text>
      </View>
    )
  if (IS_WEAPP && !typing)
    return (
      <View className="setup-phone">
        <PhoneButton label="使用微信手机号" />
        <View className="setup-phone__hint">
          验证过的手机号才能让社区为您登记帮扶、联系您。
          <Text className="setup-phone__type" onClick={onType}>
            手动填写
          </Text>
        </View>
      </View>
    )
  return null
})

const SetupForm = observer(function SetupForm() {
  const [form] = Form.useForm()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const [typing, setTyping] = useState(false)
  const user = session.user
  const proof = session.proof
  // H5 without a proof (an older account) and the mini-program by choice: the number is typed, unproven.
  const typed = !proof && (!IS_WEAPP || typing)
  // A district with several streets: the newcomer chooses theirs (with one street there is nothing to choose).
  const [streets, setStreets] = useState<{ _id: string; name: string }[]>([])
  useEffect(() => {
    accountApi
      .streets()
      .then((r) => setStreets(r.streets))
      .catch(() => undefined)
  }, [])

  const onFinish = async (values: SetupValues) => {
    if (!proof && !typed) return setError('请先点击「使用微信手机号」验证手机号')
    const parsed = setupInput.safeParse({
      name: values.name ?? '',
      ...(typed ? { phone: values.phone ?? '' } : {}),
      role: values.role,
      ...(values.streetId ? { streetId: values.streetId } : {}),
    })
    if (!parsed.success) return setError(firstIssue(parsed.error))
    if (streets.length > 1 && !parsed.data.streetId) return setError('请选择您所在的街道')
    setBusy(true)
    setError('')
    try {
      const { name, phone, role, streetId } = parsed.data
      await session.setup({ name, role, ...(phone ? { phone } : {}), ...(streetId ? { streetId } : {}) })
      restartAt(PAGES.home)
    } catch (e) {
      const message = errorMessage(e)
      // Someone (another tab, a retry) finished it already: just go in.
      if ((e as { code?: string }).code === 'ACCOUNT_EXISTS') {
        await session.load(true).catch(() => undefined)
        restartAt(PAGES.home)
        return
      }
      setError(message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Form
      form={form}
      className="app-form"
      labelPosition="top"
      validateTrigger="onBlur"
      initialValues={{ name: user?.name ?? '', phone: user?.phone ?? '' }}
      onFinish={onFinish}
    >
      <Form.Item label="姓名" name="name" rules={[zodRule(setupInput.shape.name)]}>
        <Input className="app-input" maxLength={20} placeholder="请填写真实姓名" clearable />
      </Form.Item>
      {typed ? (
        <Form.Item label="手机号" name="phone" rules={[zodRule(setupInput.shape.phone.unwrap())]}>
          <Input className="app-input" type="tel" maxLength={11} placeholder="方便社区与您联系" clearable />
        </Form.Item>
      ) : (
        // Named so NutUI's Form accepts the item; the proven phone is the function's to read, not a form value.
        <Form.Item label="手机号" name="provenPhone">
          <PhoneField typing={typing} onType={() => setTyping(true)} />
        </Form.Item>
      )}
      {streets.length > 1 && (
        <Form.Item label="所在街道" name="streetId" validateTrigger="onChange">
          <ChoiceCards choices={streets.map((s) => ({ value: s._id, label: s.name }))} />
        </Form.Item>
      )}
      <Form.Item label="我的身份" name="role" rules={[roleRule]} validateTrigger="onChange">
        <SelfRolePicker />
      </Form.Item>
      <FormFooter error={error} busy={busy} label="保存并进入" onSubmit={() => form.submit()} />
    </Form>
  )
})

const SetupPage = observer(function SetupPage() {
  const signedIn = hasSession()
  const [state, setState] = useState<'loading' | 'form' | 'error'>('loading')
  const [error, setError] = useState('')

  const check = () => {
    setState('loading')
    session
      .load(true)
      .then((account) => {
        // Already set up: nothing to do here.
        if (account) restartAt(PAGES.home)
        else setState('form')
      })
      .catch((e: unknown) => {
        setError(errorMessage(e))
        setState('error')
      })
  }

  useEffect(() => {
    if (!signedIn) restartAt(PAGES.login)
    else check()
  }, [signedIn])

  // The proven phone already belongs to an account (the same person on H5, or another WeChat): join it.
  const linking = state === 'form' && session.proof?.held === true

  return (
    <PageShell className="setup">
      <View className="setup-intro card">
        <View className="setup-intro__title">欢迎使用复工通</View>
        <View className="setup-intro__text">
          {linking
            ? '这个手机号已经有复工通账号了，关联后两边用的是同一个账号。'
            : '第一次使用，请填写以下信息，方便社区和街道与您联系。'}
        </View>
      </View>
      {state === 'loading' && <LoadingBlock cards={1} />}
      {state === 'error' && <ErrorBlock message={error} onRetry={check} />}
      {state === 'form' && <View className="card setup-card">{linking ? <LinkForm /> : <SetupForm />}</View>}
      {!linking && (
        <View className="hint">
          街道、社区工作人员：请先选择“居民”，进入后在“我的 → 工作人员领取岗位”输入邀请码。
        </View>
      )}
    </PageShell>
  )
})

export default SetupPage
