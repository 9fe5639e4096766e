import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

/**
 * A labelled form field: the label on top (a red * when required, units or a counter on the right), the
 * control, then the field's own error in red — or, without one, its hint.
 */
export function Field({
  label,
  required,
  error,
  hint,
  extra,
  children,
  id,
  testId,
}: {
  label: string
  required?: boolean
  error?: string
  hint?: ReactNode
  /** Shown on the label line, right aligned (units, counters). */
  extra?: ReactNode
  children: ReactNode
  /** Anchor for scrolling to the first error. */
  id?: string
  testId?: string
}) {
  return (
    <View className={`field${error ? ' field--error' : ''}`} id={id} data-field={label} data-testid={testId}>
      <View className="field__label">
        <Text>
          {required && <Text className="field__req">*</Text>}
          {label}
        </Text>
        {extra ? <View className="field__extra">{extra}</View> : null}
      </View>
      {children}
      {error ? (
        <View className="field__error" role="alert">
          {error}
        </View>
      ) : (
        hint && <View className="field__hint">{hint}</View>
      )}
    </View>
  )
}

/** What a picker field shows: the chosen value, or a grey prompt, and an arrow. Tapping opens the picker. */
export function SelectBox({
  value,
  placeholder,
  onClick,
  disabled,
  testId,
}: {
  value?: string
  placeholder: string
  onClick: () => void
  disabled?: boolean
  testId?: string
}) {
  return (
    <View
      className={`select-box${value ? '' : ' select-box--empty'}${disabled ? ' select-box--disabled' : ''}`}
      onClick={disabled ? undefined : onClick}
      data-testid={testId}
    >
      <Text className="select-box__text">{value || placeholder}</Text>
      <Text className="select-box__arrow">›</Text>
    </View>
  )
}
