import { Popup } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import type { ReactNode } from 'react'

/** The errand pages' bottom sheet (the assignee's steps, the household form): a title, a note, the form. */
export function ErrandSheet({
  visible,
  title,
  description,
  onClose,
  children,
  testId,
}: {
  visible: boolean
  title: string
  description?: string
  onClose: () => void
  children: ReactNode
  testId?: string
}) {
  return (
    <Popup
      visible={visible}
      position="bottom"
      round
      closeable
      title={title}
      description={description}
      className="e-sheet"
      onClose={onClose}
    >
      <View className="e-sheet__body" data-testid={testId}>
        {children}
      </View>
    </Popup>
  )
}
