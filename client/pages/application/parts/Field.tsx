import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

interface FieldProps {
  label: string
  required?: boolean
  error?: string
  hint?: ReactNode
  /** Shown on the label line, right aligned (units, counters). */
  extra?: ReactNode
  children: ReactNode
  /** Anchor for scrolling to the first error. */
  id?: string
}

/** A labelled form field: label on top, the control, then its hint or its error in red. */
export function Field({ label, required, error, hint, extra, children, id }: FieldProps) {
  return (
    <View className={`ap-field${error ? ' ap-field--error' : ''}`} id={id} data-field={label}>
      <View className="ap-field__label">
        <Text>
          {required && <Text className="ap-field__req">*</Text>}
          {label}
        </Text>
        {extra && <View className="ap-field__extra">{extra}</View>}
      </View>
      {children}
      {error ? (
        <View className="ap-field__error" role="alert">
          {error}
        </View>
      ) : (
        hint && <View className="ap-field__hint">{hint}</View>
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
}: {
  value?: string
  placeholder: string
  onClick: () => void
  disabled?: boolean
}) {
  return (
    <View
      className={`ap-select${value ? '' : ' ap-select--empty'}${disabled ? ' ap-select--disabled' : ''}`}
      onClick={disabled ? undefined : onClick}
    >
      <Text className="ap-select__text">{value || placeholder}</Text>
      <Text className="ap-select__arrow">›</Text>
    </View>
  )
}

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
