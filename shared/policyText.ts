/**
 * What each scope rule of shared/policy.ts means, in words: for the README's 安全 section and docs/access.md.
 * Kept apart from the rules themselves so that the mini-program's main package, which carries the policy, does
 * not carry the prose too.
 */
import type { RuleName } from './policy'

export const RULE_TEXTS: Record<RuleName, string> = {
  none: '不涉及他人的记录',
  mine: '只读写本人的记录',
  myScope: '只列出负责范围内的记录（网格员、管家：本网格；社区管理员：本社区；其他：本街道）',
  own: '本人的记录（企业：本人登记或受托管理的企业）',
  scope: '负责范围内的记录（网格员、管家：本网格；社区管理员：本社区；街道管理员、审核人员：本街道）',
  street: '本街道的记录',
  ownOrScope: '本人的记录；工作人员：负责范围内的记录',
  ledger: '管家：本人垫付的记录；网格员、管理员：负责范围内的记录',
  others: '负责范围内他人的账号（不能改自己）',
  review: '本街道的申请，且审核人员与企业无利害关系（企业主、管理人员、职工须回避）',
  decide: '负责范围内的企业，且与企业无利害关系（须回避）',
  sign: '企业主：本人企业的企业方和责任人方；网格员：本社区的社区方；管理员：负责范围内的社区方',
  healthRecord: '本人的健康记录；管家、网格员、管理员、防疫专业队伍：负责范围内的',
  statsScope: '负责范围内的统计；健康类统计和台账审核人员仅防疫专业队伍',
  figures: '负责范围内的统计数字；区级：任一街道的统计数字（不含名单）',
  invite: '负责范围内的邀请码；区级：区级发出的邀请码（区级工作人员、街道管理员）',
  errandView: '跑腿需求的发起人、认领人、可认领的管家，以及负责范围内的网格员和管理员',
  errandQueue: '本网格（等待一段时间后本社区）待认领的需求',
  errandAssignee: '本人认领的需求',
  errandRequester: '本人发起的需求',
  errandHandoff: '本人发起或认领的需求',
  shop: '企业主：本人的企业；网格员、管理员：负责范围内的企业',
}
