import { Check } from '@nutui/icons-react-taro'
import { ScrollView, Text, View } from '@tarojs/components'
import { Sheet } from './Sheet'

export interface Choice<V extends string = string> {
  value: V
  label: string
  hint?: string
  /** Levels of indentation (a grid under its community). */
  indent?: number
  disabled?: boolean
  /** Said instead of the choice when a disabled choice is tapped. */
  disabledHint?: string
}

interface Props<V extends string> {
  visible: boolean
  title: string
  description?: string
  choices: Choice<V>[]
  value?: V
  onSelect: (value: V) => void
  onClose: () => void
  /** A centred dialog instead of a bottom sheet (desktop layout). */
  centred?: boolean
}

/**
 * A list of choices in a sheet, picked with one tap or click. Used instead of NutUI's wheel pickers where the
 * page also serves the desktop layout: a wheel only turns with a finger, not with a mouse.
 */
export function ChoiceSheet<V extends string>({
  visible,
  title,
  description,
  choices,
  value,
  onSelect,
  onClose,
  centred,
}: Props<V>) {
  return (
    <Sheet
      visible={visible}
      title={title}
      description={description}
      centred={centred}
      className="choice-sheet"
      onClose={onClose}
    >
      <ScrollView scrollY className="choice-sheet__list" data-testid="choice-sheet">
        {choices.map((c) => {
          const on = c.value === value
          return (
            <View
              key={c.value}
              className={`choice-sheet__item${on ? ' choice-sheet__item--on' : ''}${
                c.disabled ? ' choice-sheet__item--disabled' : ''
              }`}
              style={c.indent ? { paddingLeft: `${16 + c.indent * 22}px` } : undefined}
              onClick={() => {
                if (c.disabled) return
                onSelect(c.value)
                onClose()
              }}
            >
              <View className="choice-sheet__text">
                <Text className="choice-sheet__label">{c.label}</Text>
                {(c.disabled ? c.disabledHint : c.hint) && (
                  <Text className="choice-sheet__hint">{c.disabled ? c.disabledHint : c.hint}</Text>
                )}
              </View>
              {on && <Check size={18} color="#1f6fd8" />}
            </View>
          )
        })}
      </ScrollView>
    </Sheet>
  )
}
