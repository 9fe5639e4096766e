// Form controls' styles first: the page's own styles adjust them.
import '../../styles/forms'
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css'
import { Success } from '@nutui/icons-react-taro'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { roleLabel } from '../../../shared/roles'
import { redeemInviteInput } from '../../../shared/schemas/account'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { useConfirm } from '../../components/useConfirm'
import { errorMessage } from '../../services/cloud'
import type { AccountView as Account } from '../../../shared/account'
import { session } from '../../stores'
import { normaliseCode, scopeShort } from '../../utils/format'
import { PAGES, restartAt } from '../../utils/nav'
import { firstIssue } from '../../utils/zodRule'
import './redeem.scss'
import { FormFooter } from '../../components/FormFooter'

function RedeemDone({ account }: { account: Account }) {
  return (
    <View className="redeem-done card">
      <Success size={56} color="#1f9d55" />
      <View className="redeem-done__title">兑换成功</View>
      <View className="redeem-done__text">您现在的身份是</View>
      <View className="redeem-done__role" data-testid="redeem-role">
        {roleLabel(account.role, account.department)}
      </View>
      <View className="redeem-done__scope">
        <Text className="redeem-done__scope-label">负责辖区</Text>
        <View>{scopeShort(account.scopeNames)}</View>
      </View>
      <View className="form-actions">
        <Button type="primary" size="large" block onClick={() => restartAt(PAGES.home)}>
          回到首页
        </Button>
      </View>
    </View>
  )
}

function RedeemForm({ account }: { account: Account }) {
  // Scanning an invitation QR opens this page with ?code=…
  const [code, setCode] = useState(() =>
    (Taro.getCurrentInstance().router?.params.code ?? '').toUpperCase().slice(0, 8),
  )
  const [error, setError] = useState('')
  const [done, setDone] = useState<Account | null>(null)
  const { dialog, confirm } = useConfirm()

  if (done) return <RedeemDone account={done} />

  const submit = () => {
    const parsed = redeemInviteInput.safeParse({ code })
    if (!parsed.success) {
      setError(firstIssue(parsed.error))
      return
    }
    setError('')
    confirm({
      title: '确认兑换',
      content: `兑换后，您的身份将由“${roleLabel(account.role, account.department)}”变为邀请码对应的工作岗位。确定兑换吗？`,
      confirmText: '确定兑换',
      action: async () => {
        try {
          setDone(await session.redeemInvite(parsed.data.code))
          Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
        } catch (e) {
          setError(errorMessage(e))
        }
      },
    })
  }

  return (
    <View>
      <View className="card redeem-card">
        <View className="redeem-card__title">请输入邀请码</View>
        <View className="redeem-card__text">邀请码由街道管理员提供，共8位，字母不区分大小写。</View>
        <Input
          className="redeem-input"
          value={code}
          maxLength={12}
          align="center"
          placeholder="例如 AB3C7KMP"
          onChange={(v) => {
            setCode(normaliseCode(v))
            if (error) setError('')
          }}
          clearable
          data-testid="redeem-code"
        />
        <View className="redeem-count">{code.length} / 8</View>
        <FormFooter error={error} label="兑换" disabled={code.length !== 8} onSubmit={submit} />
      </View>
      <View className="hint">兑换成功后，首页会显示新岗位的办事入口。邀请码只能使用一次。</View>
      {dialog}
    </View>
  )
}

function RedeemPage() {
  return (
    <PageShell>
      <AccountGate action={['account', 'redeemInvite']}>
        {(account) => <RedeemForm account={account} />}
      </AccountGate>
    </PageShell>
  )
}

export default RedeemPage
