import type { ApplicationState, CommitmentParty, Decision } from '../../../../shared/application'
import type { Reply } from '../../../services/api'

type ApplicationEvent = Reply<'application', 'get'>['events'][number]
type Inspection = Reply<'application', 'get'>['inspections'][number]

/** Colours of a state: a calm tint for what is moving, green for done, red for what stopped. */
export const STATE_TONES: Record<ApplicationState, { color: string; background: string }> = {
  draft: { color: '#4a5468', background: '#eef1f5' },
  reviewing: { color: '#1f6fd8', background: '#e8f1fc' },
  returned: { color: '#b8650f', background: '#fff3e3' },
  approved: { color: '#0b8178', background: '#e3f6f4' },
  rejected: { color: '#c62f2f', background: '#fdecec' },
  reopened: { color: '#17834a', background: '#e5f6ec' },
  revoked: { color: '#c62f2f', background: '#fdecec' },
}

export const DECISION_LABELS: Record<Decision, string> = {
  approve: '通过',
  return: '退回补充',
  reject: '不通过',
}

export const DECISION_TONES: Record<Decision, string> = {
  approve: '#1f9d55',
  return: '#d9822b',
  reject: '#d93a3a',
}

export const EVENT_LABELS: Record<ApplicationEvent['type'], string> = {
  created: '创建申请',
  submitted: '提交审核',
  reviewed: '部门审核',
  approved: '三方审核通过',
  rejected: '审核未通过',
  returned: '退回补充材料',
  committed: '签署承诺',
  reopened: '准予复工，公示牌已生成',
  inspected: '回头看检查',
  revoked: '撤销复工',
}

export const PARTY_LABELS: Record<CommitmentParty, string> = {
  enterprise: '企业',
  community: '社区',
  person: '复工责任人',
}

export const INSPECTION_RESULT_LABELS: Record<Inspection['result'], string> = {
  pass: '检查通过',
  rectify: '限期整改',
  revoke: '撤销复工',
}

export const INSPECTION_RESULT_TONES: Record<Inspection['result'], string> = {
  pass: '#1f9d55',
  rectify: '#d9822b',
  revoke: '#d93a3a',
}

export const INSPECTION_CHECKS = [
  { key: 'disinfectionRecords', label: '消毒记录齐全', hint: '每日消毒有登记、有签字' },
  { key: 'suppliesOk', label: '防疫物资充足', hint: '口罩、消毒液、体温计满足需要' },
  { key: 'staffHealthRecords', label: '职工健康档案完整', hint: '每日体温、健康申报可查' },
  { key: 'trajectoryChecked', label: '已核查职工行程轨迹', hint: '返岗职工14天内行程已核实' },
] as const

export type InspectionCheck = (typeof INSPECTION_CHECKS)[number]['key']

/** A short, readable reference for an application id (the last 8 characters, upper case). */
export function shortId(id: string): string {
  return id.slice(-8).toUpperCase()
}
