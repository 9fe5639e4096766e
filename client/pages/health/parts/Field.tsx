import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

/** A form row: label on top, the control, and the field's own error under it. */
export function Field({
  label,
  required,
  hint,
  error,
  children,
  testId,
}: {
  label: string
  required?: boolean
  hint?: string
  error?: string
  children: ReactNode
  testId?: string
}) {
  return (
    <View className={`hfield${error ? ' hfield--error' : ''}`} data-testid={testId}>
      <View className="hfield__label">
        {required && <Text className="hfield__star">*</Text>}
        {label}
      </View>
      {children}
      {hint && !error && <View className="hfield__hint">{hint}</View>}
      {error && (
        <View className="hfield__error" role="alert">
          {error}
        </View>
      )}
    </View>
  )
}

/** Looks like an input; tapping it opens a picker. */
export function PickBox({
  value,
  placeholder,
  onTap,
  testId,
}: {
  value?: string
  placeholder: string
  onTap: () => void
  testId?: string
}) {
  return (
    <View className={`pickbox${value ? '' : ' pickbox--empty'}`} onClick={onTap} data-testid={testId}>
      <Text className="pickbox__text">{value || placeholder}</Text>
      <Text className="pickbox__arrow">›</Text>
    </View>
  )
}
