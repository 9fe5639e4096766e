import { Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { SUPPLY_KINDS, SUPPLY_LABELS, SUPPLY_UNITS, type SupplyKind } from '../../../../shared/supplies'
import { Field } from '../../../components/Field'

/** The kind of supplies as chips, and the quantity in its unit: the part every supplies form shares. */
export function KindAndQuantity({
  kind,
  quantity,
  onKind,
  onQuantity,
  errors,
  onHand,
}: {
  kind: SupplyKind | ''
  quantity: string
  onKind: (k: SupplyKind) => void
  onQuantity: (q: string) => void
  errors: Record<string, string>
  /** What the street has of each kind, shown on the chips when handing out. */
  onHand?: Partial<Record<SupplyKind, number>>
}) {
  return (
    <>
      <Field label="物资种类" required error={errors.kind}>
        <View className="sp-chips">
          {SUPPLY_KINDS.map((k) => (
            <View
              key={k}
              className={`sp-chip${kind === k ? ' sp-chip--on' : ''}`}
              data-testid={`kind-${k}`}
              onClick={() => onKind(k)}
            >
              <Text>{SUPPLY_LABELS[k]}</Text>
              {onHand && (
                <Text className="sp-chip__sub">
                  余 {onHand[k] ?? 0}
                  {SUPPLY_UNITS[k]}
                </Text>
              )}
            </View>
          ))}
        </View>
      </Field>
      <Field label="数量" required error={errors.quantity} extra={kind ? SUPPLY_UNITS[kind] : undefined}>
        <Input
          className="app-input"
          type="number"
          placeholder="请输入整数"
          maxLength={7}
          value={quantity}
          onChange={onQuantity}
        />
      </Field>
    </>
  )
}

/** A labelled one-line text box of the supplies forms: a note, a name; its error under it, or its hint. */
export function TextField({
  label,
  error,
  hint,
  placeholder,
  maxLength,
  value,
  onChange,
}: {
  label: string
  error?: string
  hint?: ReactNode
  placeholder: string
  maxLength: number
  value: string
  onChange: (v: string) => void
}) {
  return (
    <Field label={label} error={error} hint={hint}>
      <Input
        className="app-input"
        placeholder={placeholder}
        maxLength={maxLength}
        value={value}
        onChange={onChange}
      />
    </Field>
  )
}

/** A form's zod issues by the field they are about. */
export function issuesOf(issues: { path: (string | number)[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const i of issues) {
    const key = String(i.path[0] ?? 'form')
    out[key] ??= i.message
  }
  return out
}

/** What a person typed as a quantity: a number for the schema to check, or undefined when empty. */
export const quantityOf = (text: string) => (text.trim() === '' ? undefined : Number(text))
