import { Form, Input } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import { z } from 'zod'
import type { SelfServiceRole } from '../../../shared/roles'
import { setupInput } from '../../../shared/schemas/account'
import { PageShell } from '../../components/PageShell'
import { SelfRolePicker } from '../../components/SelfRolePicker'
import { ErrorBlock, LoadingBlock } from '../../components/StateView'
import { errorMessage, hasSession } from '../../services/cloud'
import { session } from '../../stores'
import { PAGES, restartAt } from '../../utils/nav'
import { firstIssue, zodRule } from '../../utils/zodRule'
import './index.scss'
import { FormFooter } from '../../components/FormFooter'

interface SetupValues {
  name?: string
  phone?: string
  role?: SelfServiceRole
}

const roleRule = zodRule(
  z.enum(['owner', 'employee', 'resident'], { errorMap: () => ({ message: '请选择您的身份' }) }),
)

const SetupForm = observer(function SetupForm() {
  const [form] = Form.useForm()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const user = session.user

  const onFinish = async (values: SetupValues) => {
    const parsed = setupInput.safeParse({
      name: values.name ?? '',
      phone: values.phone ?? '',
      role: values.role,
    })
    if (!parsed.success) return setError(firstIssue(parsed.error))
    setBusy(true)
    setError('')
    try {
      const { name, phone, role } = parsed.data
      await session.setup({ name, phone, role })
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
      <Form.Item label="手机号" name="phone" rules={[zodRule(setupInput.shape.phone)]}>
        <Input className="app-input" type="tel" maxLength={11} placeholder="方便社区与您联系" clearable />
      </Form.Item>
      <Form.Item label="我的身份" name="role" rules={[roleRule]} validateTrigger="onChange">
        <SelfRolePicker />
      </Form.Item>
      <FormFooter error={error} busy={busy} label="保存并进入" onSubmit={() => form.submit()} />
    </Form>
  )
})

function SetupPage() {
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

  return (
    <PageShell className="setup">
      <View className="setup-intro card">
        <View className="setup-intro__title">欢迎使用复工通</View>
        <View className="setup-intro__text">第一次使用，请填写以下信息，方便社区和街道与您联系。</View>
      </View>
      {state === 'loading' && <LoadingBlock cards={1} />}
      {state === 'error' && <ErrorBlock message={error} onRetry={check} />}
      {state === 'form' && (
        <View className="card setup-card">
          <SetupForm />
        </View>
      )}
      <View className="hint">
        街道、社区工作人员：请先选择“居民”，进入后在“我的 → 工作人员领取岗位”输入邀请码。
      </View>
    </PageShell>
  )
}

export default SetupPage
