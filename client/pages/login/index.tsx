// Form controls' styles first: the page's own styles adjust them.
import '../../styles/forms'
import { ShieldCheck } from '@nutui/icons-react-taro'
import { Form, Input, Tabs } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { loginInput, registerInput } from '../../../shared/schemas/account'
import type { SelfServiceRole } from '../../../shared/roles'
import { z } from 'zod'
import { PageShell } from '../../components/PageShell'
import { SelfRolePicker } from '../../components/SelfRolePicker'
import { errorMessage, IS_WEAPP } from '../../services/cloud'
import { session } from '../../stores'
import { openPage, PAGES, restartAt } from '../../utils/nav'
import { toast } from '../../utils/toast'
import { firstIssue, zodRule } from '../../utils/zodRule'
// The password page exists only in H5 (WeChat is the login in the mini-program), so do its Tabs styles.
import '@nutui/nutui-react-taro/dist/es/packages/tabs/style/css'
import '@nutui/nutui-react-taro/dist/es/packages/tabpane/style/css'
import './index.scss'
import { FormFooter } from '../../components/FormFooter'
import { useSubmit } from '../../utils/useSubmit'

const roleRule = zodRule(
  z.enum(['owner', 'employee', 'resident'], { errorMap: () => ({ message: '请选择您的身份' }) }),
)

interface LoginValues {
  phone?: string
  password?: string
}

interface RegisterValues extends LoginValues {
  name?: string
  role?: SelfServiceRole
}

function LoginForm() {
  const [form] = Form.useForm()
  const { busy, error, setError, run } = useSubmit()

  const onFinish = async (values: LoginValues) => {
    const parsed = loginInput.safeParse({ phone: values.phone ?? '', password: values.password ?? '' })
    if (!parsed.success) return setError(firstIssue(parsed.error))
    await run(async () => {
      const account = await session.login(parsed.data.phone, parsed.data.password)
      // Profile done → home; registered but never finished the profile → setup.
      restartAt(account ? PAGES.home : PAGES.setup)
    })
  }

  return (
    <Form form={form} className="app-form" labelPosition="top" validateTrigger="onBlur" onFinish={onFinish}>
      <Form.Item label="手机号" name="phone" rules={[zodRule(loginInput.shape.phone)]}>
        <Input className="app-input" type="tel" maxLength={11} placeholder="请输入11位手机号" clearable />
      </Form.Item>
      <Form.Item label="密码" name="password" rules={[zodRule(loginInput.shape.password)]}>
        <Input className="app-input" type="password" maxLength={64} placeholder="请输入密码" />
      </Form.Item>
      <FormFooter error={error} busy={busy} label="登录" onSubmit={() => form.submit()} />
      <View className="login-forgot" onClick={() => openPage(PAGES.passwordReset)}>
        忘记密码？用重置码设置新密码
      </View>
    </Form>
  )
}

function RegisterForm() {
  const [form] = Form.useForm()
  const { busy, error, setError, run } = useSubmit()

  const onFinish = async (values: RegisterValues) => {
    const parsed = registerInput.safeParse({
      name: values.name ?? '',
      phone: values.phone ?? '',
      password: values.password ?? '',
    })
    if (!parsed.success) return setError(firstIssue(parsed.error))
    const role = values.role
    if (!role) return setError('请选择您的身份')
    await run(async () => {
      const { name, phone, password } = parsed.data
      await session.register(phone, password, name)
      try {
        await session.setup({ name, phone, role })
      } catch (e) {
        // Registered but the profile did not save: finish it on the setup page instead of registering twice.
        toast.fail(errorMessage(e))
        restartAt(PAGES.setup)
        return
      }
      restartAt(PAGES.home)
    })
  }

  return (
    <Form form={form} className="app-form" labelPosition="top" validateTrigger="onBlur" onFinish={onFinish}>
      <Form.Item label="姓名" name="name" rules={[zodRule(registerInput.shape.name)]}>
        <Input className="app-input" maxLength={20} placeholder="请填写真实姓名" clearable />
      </Form.Item>
      <Form.Item label="手机号" name="phone" rules={[zodRule(registerInput.shape.phone)]}>
        <Input className="app-input" type="tel" maxLength={11} placeholder="请输入11位手机号" clearable />
      </Form.Item>
      <Form.Item label="密码" name="password" rules={[zodRule(registerInput.shape.password)]}>
        <Input className="app-input" type="password" maxLength={64} placeholder="至少8位，需包含字母和数字" />
      </Form.Item>
      <Form.Item label="我的身份" name="role" rules={[roleRule]} validateTrigger="onChange">
        <SelfRolePicker />
      </Form.Item>
      <FormFooter error={error} busy={busy} label="注册并进入" onSubmit={() => form.submit()} />
    </Form>
  )
}

function LoginPage() {
  const [tab, setTab] = useState<string>('login')
  // The registration form is drawn when its tab is first opened (and kept after, with what was typed): most
  // visitors sign in, and on a slow phone drawing both forms delays the one they came for.
  const [registerOpened, setRegisterOpened] = useState(false)
  useEffect(() => {
    // In the mini-program WeChat is the login; this page is for the H5 app only.
    if (IS_WEAPP) restartAt(PAGES.home)
  }, [])
  return (
    <PageShell className="page--flush login">
      <View className="login-hero">
        <View className="login-hero__logo">
          <ShieldCheck size={34} color="#ffffff" />
        </View>
        <View className="login-hero__title">复工通</View>
        <View className="login-hero__sub">街道复工复产 · 健康报备 · 便民服务</View>
      </View>
      <View className="login-card">
        <Tabs
          value={tab}
          onChange={(v) => {
            setTab(String(v))
            if (v === 'register') setRegisterOpened(true)
          }}
          activeType="line"
          align="left"
          autoHeight
          className="login-tabs"
        >
          <Tabs.TabPane title="登录" value="login">
            <LoginForm />
          </Tabs.TabPane>
          <Tabs.TabPane title="注册" value="register">
            {registerOpened && <RegisterForm />}
          </Tabs.TabPane>
        </Tabs>
      </View>
    </PageShell>
  )
}

export default LoginPage
