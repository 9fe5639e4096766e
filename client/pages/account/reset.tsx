// Form controls' styles first: the page's own styles adjust them.
import '../../styles/forms'
import { Form, Input } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { resetPasswordInput } from '../../../shared/schemas/account'
import { FormFooter } from '../../components/FormFooter'
import { PageShell } from '../../components/PageShell'
import { resetPassword } from '../../services/cloud'
import { PAGES, restartAt } from '../../utils/nav'
import { toast } from '../../utils/toast'
import { useSubmit } from '../../utils/useSubmit'
import { firstIssue, zodRule } from '../../utils/zodRule'

interface Values {
  phone?: string
  code?: string
  password?: string
}

/**
 * H5, without a login: forgot the password → ask the community's admin or the grid worker for a reset code (no
 * SMS needed), then set a new password here with phone + code.
 */
function ResetPage() {
  const [form] = Form.useForm()
  const { busy, error, setError, run } = useSubmit()

  const onFinish = async (values: Values) => {
    const parsed = resetPasswordInput.safeParse({
      phone: values.phone ?? '',
      code: values.code ?? '',
      password: values.password ?? '',
    })
    if (!parsed.success) return setError(firstIssue(parsed.error))
    await run(async () => {
      await resetPassword(parsed.data.phone, parsed.data.code, parsed.data.password)
      toast.success('新密码已设置，请登录')
      setTimeout(() => restartAt(PAGES.login), 900)
    })
  }

  return (
    <PageShell>
      <View className="hint">
        忘记密码时，请联系所在社区的管理员或网格员，说明您的手机号，他们会给您一个8位重置码（24小时内有效，只能用一次）。
      </View>
      <View className="card" style={{ padding: '4px 0 8px' }}>
        <Form
          form={form}
          className="app-form"
          labelPosition="top"
          validateTrigger="onBlur"
          onFinish={onFinish}
        >
          <Form.Item label="手机号" name="phone" rules={[zodRule(resetPasswordInput.shape.phone)]}>
            <Input className="app-input" type="tel" maxLength={11} placeholder="注册时的手机号" clearable />
          </Form.Item>
          <Form.Item label="重置码" name="code" rules={[zodRule(resetPasswordInput.shape.code)]}>
            <Input
              className="app-input"
              maxLength={9}
              placeholder="管理员或网格员给您的8位重置码"
              clearable
            />
          </Form.Item>
          <Form.Item label="新密码" name="password" rules={[zodRule(resetPasswordInput.shape.password)]}>
            <Input
              className="app-input"
              type="password"
              maxLength={64}
              placeholder="至少8位，需包含字母和数字"
            />
          </Form.Item>
          <FormFooter error={error} busy={busy} label="设置新密码" onSubmit={() => form.submit()} />
        </Form>
      </View>
    </PageShell>
  )
}

export default ResetPage
