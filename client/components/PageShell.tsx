import { Toast } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { ReactNode } from 'react'
import { largeType } from '../utils/largeType'
import { TOAST_ID } from '../utils/toast'

/** The frame of every page: background, padding for the tab bar / safe area, large type, and the page's toast. */
export const PageShell = observer(function PageShell({
  children,
  className,
}: {
  children: ReactNode
  className?: string
}) {
  return (
    <View className={`page${largeType.get() ? ' page--large' : ''}${className ? ` ${className}` : ''}`}>
      {children}
      <Toast id={TOAST_ID} />
    </View>
  )
})
