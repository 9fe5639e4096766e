import { Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { linkInput } from '../../../../shared/schemas/account'
import { FormFooter } from '../../../components/FormFooter'
import { errorMessage, IS_WEAPP } from '../../../services/cloud'
import { session } from '../../../stores'
import { PAGES, restartAt } from '../../../utils/nav'
import { firstIssue } from '../../../utils/zodRule'

/**
 * The proven phone belongs to an account already: the same person set it up on their other platform (H5 or the
 * mini-program). That account shows a 6-digit code (我的 › 关联其他登录方式); entering it here joins it.
 */
export const LinkForm = observer(function LinkForm() {
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const other = IS_WEAPP ? '网页版' : '微信小程序'

  const submit = async () => {
    const parsed = linkInput.safeParse({ code })
    if (!parsed.success) return setError(firstIssue(parsed.error))
    setBusy(true)
    setError('')
    try {
      await session.link(parsed.data.code)
      restartAt(PAGES.home)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="setup-link">
      <View className="setup-phone">
        <Text className="setup-phone__number">{session.proof?.phone}</Text>
        <Text className="setup-phone__proven">已有账号</Text>
      </View>
      <View className="setup-link__steps">
        <View>1. 在{other}打开「我的 › 关联其他登录方式」，获取6位关联码（10分钟内有效）；</View>
        <View>2. 把关联码填在下面，两边就共用同一个账号。</View>
      </View>
      <Input
        className="app-input setup-link__code"
        type="number"
        maxLength={6}
        value={code}
        placeholder="6位关联码"
        onChange={(v) => {
          setCode(v)
          setError('')
        }}
      />
      <FormFooter error={error} busy={busy} label="关联并进入" onSubmit={() => void submit()} />
      <View className="setup-link__note">不是您的账号？请联系所在社区核实这个手机号。</View>
    </View>
  )
})
