import { SELF_SERVICE_ROLES, ROLE_LABELS, type SelfServiceRole } from '../../shared/roles'
import { ChoiceCards } from './ChoiceCards'

const HINTS: Record<SelfServiceRole, string> = {
  resident: '社区居民、居家隔离人员',
  employee: '在企业、商户上班的职工',
  owner: '企业、商户、五小门店负责人',
}

const CHOICES = (['resident', 'employee', 'owner'] as const)
  .filter((r) => (SELF_SERVICE_ROLES as readonly string[]).includes(r))
  .map((r) => ({ value: r, label: ROLE_LABELS[r], hint: HINTS[r] }))

/** 居民 / 职工 / 企业主 as three large choices. Works inside a NutUI Form.Item (value + onChange). */
export function SelfRolePicker({
  value,
  onChange,
}: {
  value?: SelfServiceRole
  onChange?: (value: SelfServiceRole) => void
}) {
  return <ChoiceCards choices={CHOICES} value={value} onChange={onChange} />
}
