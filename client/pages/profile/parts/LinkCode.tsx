import { Cell } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { accountApi } from '../../../services/account'
import { errorMessage, IS_WEAPP } from '../../../services/cloud'
import { dateTime } from '../../../utils/format'

/**
 * 「关联其他登录方式」: a 6-digit code, valid ten minutes, that the same person enters on their other platform (H5
 * ↔ mini-program) after proving the same phone there; both then use this account. Only a proven phone links.
 */
export function LinkCode({ phoneProven }: { phoneProven: boolean }) {
  const [code, setCode] = useState<{ code: string; expiresAt: number } | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const other = IS_WEAPP ? '网页版' : '微信小程序'

  const issue = async () => {
    if (busy) return
    setBusy(true)
    setError('')
    try {
      setCode(await accountApi.linkCode())
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }

  if (!phoneProven) return null
  return (
    <View>
      <Cell
        clickable
        title="关联其他登录方式"
        description={`在${other}也用这个账号`}
        extra={<Text className="me-arrow">{busy ? '…' : '›'}</Text>}
        onClick={() => void issue()}
      />
      {(code || error) && (
        <View className="me-link-code" data-testid="link-code">
          {code ? (
            <>
              <View className="me-link-code__code">{code.code}</View>
              <View className="me-link-code__text">
                在{other}验证同一个手机号后输入这个关联码，{dateTime(code.expiresAt)}前有效。
              </View>
            </>
          ) : (
            <View className="form-error">{error}</View>
          )}
        </View>
      )}
    </View>
  )
}
