import { Toast } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { TOAST_ID } from '../utils/toast'

/** The frame of every page: background, padding for the tab bar / safe area, and the page's toast. */
export function PageShell({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <View className={`page${className ? ` ${className}` : ''}`}>
      {children}
      <Toast id={TOAST_ID} />
    </View>
  )
}
