import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { errorMessage, IS_WEAPP } from '../services/cloud'
import { session } from '../stores'

interface Props {
  label: string
  /** After the phone was proven (the session holds the new proof or account). */
  onProven?: () => void
  fill?: 'solid' | 'outline'
}

/**
 * WeChat's phone-number button (mini-program only): the person picks a number WeChat has verified, the page gets a
 * one-time code, and the account function exchanges it with WeChat for the number — so the number is proven, not
 * typed. Renders nothing in H5, where the phone registered with is the proven one.
 */
export function PhoneButton({ label, onProven, fill = 'outline' }: Props) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  if (!IS_WEAPP) return null

  const onGetPhoneNumber = async (e: { detail: { code?: string; errMsg?: string } }) => {
    const code = e.detail?.code
    if (!code) {
      setError(
        /deny|cancel/.test(e.detail?.errMsg ?? '')
          ? '您没有同意使用微信手机号'
          : '没有获取到手机号，请再试一次',
      )
      return
    }
    setBusy(true)
    setError('')
    try {
      await session.provePhone(code)
      onProven?.()
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="phone-button">
      <Button
        type="primary"
        fill={fill}
        size="large"
        block
        loading={busy}
        disabled={busy}
        openType="getPhoneNumber"
        onGetPhoneNumber={(e) =>
          void onGetPhoneNumber(e as unknown as { detail: { code?: string; errMsg?: string } })
        }
      >
        {label}
      </Button>
      {error && (
        <View className="form-error" role="alert">
          {error}
        </View>
      )}
    </View>
  )
}
