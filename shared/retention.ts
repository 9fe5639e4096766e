/**
 * How long personal details are kept once they are no longer needed (个人信息保护法: 保存期限应当为实现处理目的
 * 所必要的最短时间). The street admin sets the days; the daily retentionScan timer anonymises what is past its
 * time. Records are anonymised, not deleted: the dashboard counts them (status, dates, fever flags), so its
 * figures for past days stay what they were.
 */
export interface RetentionPolicy {
  /** Days after a quarantine is released: its address, phone, reasons, and its reports' temperatures and symptoms. */
  healthDays: number
  /** Days after an errand is completed or cancelled (and its money settled): the delivery address and phones. */
  errandDays: number
  /** Days after release (or after the declaration, for people never quarantined): ID numbers are masked for good. */
  idNumberDays: number
}

export const DEFAULT_RETENTION: RetentionPolicy = { healthDays: 30, errandDays: 30, idNumberDays: 30 }
export const RETENTION_DAYS_RANGE = { min: 7, max: 365 } as const

/** What the anonymised name of a person reads. */
export const ANONYMISED_NAME = '（已匿名）'

/** The policy in words, for the rules page. */
export function retentionLines(p: RetentionPolicy): { label: string; text: string }[] {
  return [
    {
      label: '隔离和体温记录',
      text: `解除隔离 ${p.healthDays} 天后，删去住址、电话、隔离原因和每次报备的体温、症状（只留统计用的次数）`,
    },
    {
      label: '企业一日两检',
      text: `检测 ${p.healthDays} 天后（异常的：防疫队伍结案 ${p.healthDays} 天后），删去姓名和体温（只留统计用的结果）`,
    },
    { label: '跑腿代购', text: `完成或取消 ${p.errandDays} 天后（垫付款已结清），删去送货地址和电话` },
    {
      label: '身份证号',
      text: `解除隔离 ${p.idNumberDays} 天后（未隔离的人：申报 ${p.idNumberDays} 天后），健康申报中的身份证号永久遮挡`,
    },
    { label: '导出的台账', text: '7 天后自动删除' },
  ]
}

/** What one retention run changed, per kind of record: the counts of its audit entry. */
export interface RetentionCounts {
  quarantines: number
  reports: number
  revisions: number
  declarations: number
  errands: number
  /** 一日两检 checks and closed cases: the person's name and temperature (the flags the figures count stay). */
  onsiteChecks: number
  onsiteCases: number
}

/** A run that changed nothing. */
export const NOTHING_RETAINED: Readonly<RetentionCounts> = {
  quarantines: 0,
  reports: 0,
  revisions: 0,
  declarations: 0,
  errands: 0,
  onsiteChecks: 0,
  onsiteCases: 0,
}
