// Form controls' styles first: the page's own styles adjust them.
import '../../styles/forms'
import { Cell, Form, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { roleLabel } from '../../../shared/roles'
import { nameSchema } from '../../../shared/schemas/account'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { IS_WEAPP } from '../../services/cloud'
import { PhoneButton } from '../../components/PhoneButton'
import type { AccountView as Account } from '../../../shared/account'
import { session } from '../../stores'
import { scopeText } from '../../utils/format'
import { goBack } from '../../utils/nav'
import { toast } from '../../utils/toast'
import { zodRule } from '../../utils/zodRule'
import { FormFooter } from '../../components/FormFooter'
import { useSubmit } from '../../utils/useSubmit'
import './edit.scss'

interface EditValues {
  name?: string
}

function EditForm({ account }: { account: Account }) {
  const [form] = Form.useForm()
  const { busy, error, run } = useSubmit()

  const onFinish = async (values: EditValues) => {
    const name = (values.name ?? '').trim()
    if (!name || name === account.name) {
      toast.info('您没有修改任何内容')
      return
    }
    await run(async () => {
      await session.updateProfile({ name })
      toast.success('已保存')
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
          initialValues={{ name: account.name }}
          onFinish={onFinish}
        >
          <Form.Item label="姓名" name="name" rules={[zodRule(nameSchema)]}>
            <Input className="app-input" maxLength={20} placeholder="请填写真实姓名" clearable />
          </Form.Item>
          <FormFooter error={error} busy={busy} label="保存" onSubmit={() => form.submit()} />
        </Form>
      </View>
      <PhoneCard account={account} />
      <Cell.Group>
        <Cell title="身份" extra={<Text>{roleLabel(account.role, account.department)}</Text>} />
        <Cell title="辖区" extra={<Text>{scopeText(account.scopeNames) || '尚未分配'}</Text>} />
      </Cell.Group>
      <View className="hint">身份和辖区由街道管理员分配，如需变更请使用邀请码或联系街道。</View>
    </View>
  )
}

/**
 * The phone is changed only by proving the new one — WeChat's phone-number button in the mini-program; on H5 the
 * number is the one registered with — so nobody can type in somebody else's number.
 */
function PhoneCard({ account }: { account: Account }) {
  return (
    <View className="card edit-phone">
      <View className="edit-phone__row">
        <Text className="edit-phone__label">手机号</Text>
        <Text className="edit-phone__number">{account.phone}</Text>
        <Text className={`edit-phone__state${account.phoneProven ? ' edit-phone__state--ok' : ''}`}>
          {account.phoneProven ? '已验证' : '未验证'}
        </Text>
      </View>
      {IS_WEAPP ? (
        <PhoneButton
          label={account.phoneProven ? '更换为其他微信手机号' : '使用微信手机号验证'}
          onProven={() => toast.success('手机号已更新')}
        />
      ) : (
        <View className="edit-phone__hint">
          网页版的手机号是注册时的手机号；如需更换，请在微信小程序中用微信手机号验证。
        </View>
      )}
    </View>
  )
}

function ProfileEditPage() {
  return (
    <PageShell>
      <AccountGate action={['account', 'updateProfile']}>
        {(account) => <EditForm account={account} />}
      </AccountGate>
    </PageShell>
  )
}

export default ProfileEditPage
