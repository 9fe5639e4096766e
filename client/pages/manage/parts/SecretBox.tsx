import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReactNode } from 'react'

/**
 * A secret to copy and hand on (a new API key, the push's signing secret): what it is, the secret itself
 * (selectable), a copy button, and any further actions beside it.
 */
export function SecretBox({
  label,
  secret,
  testId,
  children,
}: {
  label: ReactNode
  secret: string
  testId: string
  children?: ReactNode
}) {
  return (
    <View className="mg-secret" data-testid={testId}>
      <View>{label}</View>
      <Text selectable className="mg-secret__key">
        {secret}
      </Text>
      <View className="mg-secret__actions">
        <Button size="small" onClick={() => void Taro.setClipboardData({ data: secret })}>
          复制
        </Button>
        {children}
      </View>
    </View>
  )
}
