import {
  DEPARTMENTS,
  DEPARTMENT_LABELS,
  ROLE_SCOPE_LEVEL,
  type Department,
  type StaffRole,
} from '../../../../shared/roles'
import type { InviteStatus, InviteView } from '../../../../shared/account'
import { scopeShort } from '../../../utils/format'

export const STAFF_CHOICES: Array<{ value: StaffRole; label: string; hint: string }> = [
  { value: 'butler', label: '社区管家', hint: '为居家人员跑腿代购，需选择负责的网格' },
  { value: 'gridWorker', label: '网格员', hint: '负责网格内人员的报备与巡查，需选择网格' },
  { value: 'reviewer', label: '审核人员', hint: '参与复工申请三方审核，需选择所属部门' },
  { value: 'admin', label: '街道管理员', hint: '管理全街道的数据、台账和邀请' },
]

/** What district staff (区级) invite: their own kind, and a street's admin (the first of a new street). */
export const DISTRICT_CHOICES: Array<{ value: 'district' | 'admin'; label: string; hint: string }> = [
  { value: 'district', label: '区级工作人员', hint: '查看全区汇总和各街道的数据看板，新建、修改街道' },
  {
    value: 'admin',
    label: '街道管理员',
    hint: '选择街道；新街道的第一位管理员由区级邀请，再由他邀请本街道的工作人员',
  },
]

export const DEPARTMENT_CHOICES: Array<{ value: Department; label: string }> = DEPARTMENTS.map((d) => ({
  value: d,
  label: DEPARTMENT_LABELS[d],
}))

export const VALIDITY_CHOICES: Array<{ value: number; label: string }> = [
  { value: 24, label: '24小时' },
  { value: 72, label: '3天' },
  { value: 168, label: '7天' },
]

export const STATUS_TEXT: Record<InviteStatus, string> = {
  unused: '未使用',
  used: '已使用',
  expired: '已过期',
  revoked: '已作废',
}

/** Tag colours per status: blue = still usable, green = done, grey = lapsed, red = revoked. */
export const STATUS_COLORS: Record<InviteStatus, { background: string; color: string }> = {
  unused: { background: '#1f6fd8', color: '#ffffff' },
  used: { background: '#e6f5ec', color: '#1f7a45' },
  expired: { background: '#eef0f3', color: '#6b7487' },
  revoked: { background: '#fdecec', color: '#c23030' },
}

export function needsGrid(role: StaffRole): boolean {
  return ROLE_SCOPE_LEVEL[role] === 'grid'
}

/** Where an invite places its holder: a district invite the whole district (全区), any other its scope. */
export function inviteScope(invite: Pick<InviteView, 'role' | 'scopeNames'>): string {
  return invite.role === 'district' ? '全区' : scopeShort(invite.scopeNames)
}
