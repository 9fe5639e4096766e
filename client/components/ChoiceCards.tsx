import { Radio } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import type { ReactNode } from 'react'

export interface ChoiceCard<V extends string> {
  value: V
  label: string
  hint?: ReactNode
  /** Picked, it warns (`warn`: orange) or alarms (`danger`: red) instead of the blue of a plain pick. */
  tone?: 'warn' | 'danger'
}

/**
 * A few large choices, one under the other, each a label with a line of explanation (身份, 企业类型, 检查结论,
 * 结算方式). Works inside a NutUI Form.Item too (value + onChange).
 */
export function ChoiceCards<V extends string>({
  choices,
  value,
  onChange,
}: {
  choices: readonly ChoiceCard<V>[]
  value?: V | ''
  onChange?: (value: V) => void
}) {
  return (
    <Radio.Group
      className="choice-cards"
      value={value ?? ''}
      direction="vertical"
      onChange={(v) => onChange?.(String(v) as V)}
    >
      {choices.map((c) => (
        <Radio
          key={c.value}
          value={c.value}
          className={`choice-card${value === c.value ? ` choice-card--on${c.tone ? ` choice-card--${c.tone}` : ''}` : ''}`}
        >
          <View className="choice-card__label">{c.label}</View>
          {c.hint ? <View className="choice-card__hint">{c.hint}</View> : null}
        </Radio>
      ))}
    </Radio.Group>
  )
}
