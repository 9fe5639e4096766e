// Form controls' styles first: the page's own styles adjust them.
import '../../styles/forms'
import { Cell, Form, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { roleLabel } from '../../../shared/roles'
import { nameSchema, phoneSchema } from '../../../shared/schemas/account'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { errorMessage } from '../../services/cloud'
import type { Account } from '../../services/types'
import { session } from '../../stores'
import { scopeText } from '../../utils/format'
import { goBack } from '../../utils/nav'
import { toast } from '../../utils/toast'
import { zodRule } from '../../utils/zodRule'
import { FormFooter } from '../../components/FormFooter'

interface EditValues {
  name?: string
  phone?: string
}

const optionalPhone = zodRule(phoneSchema.optional())

function EditForm({ account }: { account: Account }) {
  const [form] = Form.useForm()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  const onFinish = async (values: EditValues) => {
    const name = (values.name ?? '').trim()
    const phone = (values.phone ?? '').trim()
    const change: { name?: string; phone?: string } = {}
    if (name && name !== account.name) change.name = name
    if (phone) change.phone = phone
    if (!change.name && !change.phone) {
      toast.info('您没有修改任何内容')
      return
    }
    setBusy(true)
    setError('')
    try {
      await session.updateProfile(change)
      toast.success('已保存')
      setTimeout(goBack, 900)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View>
      <View className="card" style={{ padding: '4px 0 8px' }}>
        <Form
          form={form}
          className="app-form"
          labelPosition="top"
          validateTrigger="onBlur"
          initialValues={{ name: account.name, phone: '' }}
          onFinish={onFinish}
        >
          <Form.Item label="姓名" name="name" rules={[zodRule(nameSchema)]}>
            <Input className="app-input" maxLength={20} placeholder="请填写真实姓名" clearable />
          </Form.Item>
          <Form.Item label="手机号" name="phone" rules={[optionalPhone]}>
            <Input
              className="app-input"
              type="tel"
              maxLength={11}
              placeholder={`当前 ${account.phone}，不改请留空`}
              clearable
            />
          </Form.Item>
          <FormFooter error={error} busy={busy} label="保存" onSubmit={() => form.submit()} />
        </Form>
      </View>
      <Cell.Group>
        <Cell title="身份" extra={<Text>{roleLabel(account.role, account.department)}</Text>} />
        <Cell title="辖区" extra={<Text>{scopeText(account.scopeNames) || '尚未分配'}</Text>} />
      </Cell.Group>
      <View className="hint">身份和辖区由街道管理员分配，如需变更请使用邀请码或联系街道。</View>
    </View>
  )
}

function ProfileEditPage() {
  return (
    <PageShell>
      <AccountGate>{(account) => <EditForm account={account} />}</AccountGate>
    </PageShell>
  )
}

export default ProfileEditPage
