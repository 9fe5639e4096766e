import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

/** A titled card section of a long form. */
export function FormSection({
  title,
  note,
  children,
  index,
}: {
  title: string
  note?: string
  children: ReactNode
  index?: number
}) {
  return (
    <View className="card ap-section">
      <View className="ap-section__head">
        {index !== undefined && <View className="ap-section__index">{index}</View>}
        <Text className="ap-section__title">{title}</Text>
      </View>
      {note && <View className="ap-section__note">{note}</View>}
      {children}
    </View>
  )
}

/** A label / value line of a read-only record. */
export function InfoRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="ap-info">
      <Text className="ap-info__label">{label}</Text>
      <View className="ap-info__value">{children}</View>
    </View>
  )
}
