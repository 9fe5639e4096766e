import type { CommitmentParty } from '../../../../shared/application'

/** 复工复产疫情防控三方承诺书: what each party promises. */
export const COMMITMENT_TITLE = '复工复产疫情防控三方承诺书'

export function commitmentIntro(enterpriseName: string, communityName: string): string {
  return `为统筹做好疫情防控和复工复产工作，${enterpriseName}（以下简称“企业”）、${
    communityName || '企业所在社区'
  }（以下简称“社区”）和企业复工责任人，经三方协商，共同作出如下承诺：`
}

export const COMMITMENT_CLAUSES: Record<CommitmentParty, { heading: string; clauses: string[] }> = {
  enterprise: {
    heading: '一、企业承诺',
    clauses: [
      '严格落实疫情防控主体责任，主要负责人为第一责任人，设立疫情防控安全员，明确岗位职责。',
      '每日对进入人员测量体温、查验健康状况并登记来访人员信息；发现发热、干咳等症状人员，立即安排到临时隔离室并报告社区。',
      '储备足量口罩、消毒液、体温计等防疫物资，每日对办公、生产、就餐等场所定时消毒并登记消毒记录。',
      '建立职工健康档案，如实掌握职工行程；从风险地区返回的人员按规定居家隔离，隔离期未满不安排上岗。',
      '实行错峰上下班、分餐就餐，减少人员聚集；制定并演练应急处置预案。',
      '所报复工材料真实有效，自觉接受街道、社区及相关部门的监督检查和“回头看”，发现问题立即整改。如有隐瞒、谎报，愿承担相应法律责任。',
    ],
  },
  community: {
    heading: '二、社区承诺',
    clauses: [
      '做好企业复工的属地服务，由网格员联系企业，及时传达疫情防控要求和政策。',
      '协助企业核查返岗职工的行程和健康状况，对需要居家隔离的人员落实居家观察管理。',
      '定期上门开展“回头看”检查，督促企业落实各项防控措施，发现问题督促整改并及时报告街道。',
      '企业出现疑似病例等突发情况时，第一时间到场协助处置。',
    ],
  },
  person: {
    heading: '三、复工责任人承诺',
    clauses: [
      '本人作为企业复工疫情防控责任人，如实申报本人及职工的健康状况和行程，不瞒报、不谎报、不迟报。',
      '每日督促落实体温检测、场所消毒和个人防护，保障防疫物资充足。',
      '发现异常情况第一时间报告社区，并配合做好隔离、排查等处置工作。',
      '对以上承诺事项负责，违反承诺愿承担相应责任。',
    ],
  },
}

export const SIGN_BUTTON: Record<CommitmentParty, string> = {
  enterprise: '以企业名义签署',
  community: '代表社区签署',
  person: '以责任人身份签署',
}

export const SIGNER_LABEL: Record<CommitmentParty, string> = {
  enterprise: '企业签署人（法定代表人或授权人）',
  community: '社区签署人',
  person: '复工责任人',
}
