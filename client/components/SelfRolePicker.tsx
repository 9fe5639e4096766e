import { Radio } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { ROLE_LABELS, SELF_SERVICE_ROLES, type SelfServiceRole } from '../../shared/roles'

const HINTS: Record<SelfServiceRole, string> = {
  resident: '社区居民、居家隔离人员',
  employee: '在企业、商户上班的职工',
  owner: '企业、商户、五小门店负责人',
}

interface Props {
  value?: SelfServiceRole
  onChange?: (value: SelfServiceRole) => void
}

/** 居民 / 职工 / 企业主 as three large choices. Works inside a NutUI Form.Item (value + onChange). */
export function SelfRolePicker({ value, onChange }: Props) {
  return (
    <Radio.Group
      className="role-picker"
      value={value ?? ''}
      direction="vertical"
      onChange={(v) => onChange?.(String(v) as SelfServiceRole)}
    >
      {(['resident', 'employee', 'owner'] as const)
        .filter((r) => (SELF_SERVICE_ROLES as readonly string[]).includes(r))
        .map((r) => (
          <Radio
            key={r}
            value={r}
            className={`role-picker__item${value === r ? ' role-picker__item--on' : ''}`}
          >
            <View className="role-picker__label">{ROLE_LABELS[r]}</View>
            <View className="role-picker__hint">{HINTS[r]}</View>
          </Radio>
        ))}
    </Radio.Group>
  )
}
