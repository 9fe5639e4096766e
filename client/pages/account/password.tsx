// Form controls' styles first: the page's own styles adjust them.
import '../../styles/forms'
import { Form, Input } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { changePasswordInput, passwordSchema } from '../../../shared/schemas/account'
import { AccountGate } from '../../components/AccountGate'
import { FormFooter } from '../../components/FormFooter'
import { PageShell } from '../../components/PageShell'
import { changePassword } from '../../services/cloud'
import { goBack } from '../../utils/nav'
import { toast } from '../../utils/toast'
import { useSubmit } from '../../utils/useSubmit'
import { firstIssue, zodRule } from '../../utils/zodRule'

interface Values {
  oldPassword?: string
  newPassword?: string
  again?: string
}

/** H5: the old password and a new one; the person's other devices are signed out. */
function PasswordForm() {
  const [form] = Form.useForm()
  const { busy, error, setError, run } = useSubmit()

  const onFinish = async (values: Values) => {
    const parsed = changePasswordInput.safeParse({
      oldPassword: values.oldPassword ?? '',
      newPassword: values.newPassword ?? '',
    })
    if (!parsed.success) return setError(firstIssue(parsed.error))
    if (values.again !== values.newPassword) return setError('两次输入的新密码不一致')
    await run(async () => {
      await changePassword(parsed.data.oldPassword, parsed.data.newPassword)
      toast.success('密码已修改')
      setTimeout(goBack, 900)
    })
  }

  return (
    <View>
      <View className="card" style={{ padding: '4px 0 8px' }}>
        <Form
          form={form}
          className="app-form"
          labelPosition="top"
          validateTrigger="onBlur"
          onFinish={onFinish}
        >
          <Form.Item label="原密码" name="oldPassword">
            <Input className="app-input" type="password" maxLength={64} placeholder="请输入现在的密码" />
          </Form.Item>
          <Form.Item label="新密码" name="newPassword" rules={[zodRule(passwordSchema)]}>
            <Input
              className="app-input"
              type="password"
              maxLength={64}
              placeholder="至少8位，需包含字母和数字"
            />
          </Form.Item>
          <Form.Item label="再输入一次新密码" name="again">
            <Input className="app-input" type="password" maxLength={64} placeholder="再输入一次新密码" />
          </Form.Item>
          <FormFooter error={error} busy={busy} label="修改密码" onSubmit={() => form.submit()} />
        </Form>
      </View>
      <View className="hint">修改后，您在其他手机或电脑上的登录会失效，需要用新密码重新登录。</View>
    </View>
  )
}

function PasswordPage() {
  return (
    <PageShell>
      <AccountGate action={['account', 'me']}>{() => <PasswordForm />}</AccountGate>
    </PageShell>
  )
}

export default PasswordPage
