import { Popup } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import type { ReactNode } from 'react'

interface Props {
  visible: boolean
  title: string
  description?: string
  /** A centred dialog instead of a bottom sheet (the desktop layout). */
  centred?: boolean
  className?: string
  onClose: () => void
  children: ReactNode
}

/**
 * A NutUI Popup with a title, as a bottom sheet on the phone or a centred dialog on a PC. NutUI draws the
 * title only for bottom sheets, so a centred one gets the same header from here.
 */
export function Sheet({ visible, title, description, centred, className, onClose, children }: Props) {
  return (
    <Popup
      visible={visible}
      position={centred ? 'center' : 'bottom'}
      round
      closeable
      title={centred ? undefined : title}
      description={centred ? undefined : description}
      className={`app-sheet${centred ? ' app-sheet--centred' : ''}${className ? ` ${className}` : ''}`}
      onClose={onClose}
    >
      {centred && (
        <View className="app-sheet__head">
          <View className="app-sheet__title">{title}</View>
          {description && <View className="app-sheet__description">{description}</View>}
        </View>
      )}
      {children}
    </Popup>
  )
}
