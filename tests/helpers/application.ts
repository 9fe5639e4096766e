import { shanghaiDate } from '../../shared/time'

/** A shop of 幸福里 registering itself (application.registerEnterprise), as the demo owner 孙丽. */
export const enterpriseInput = (creditCode: string, name = '幸福里便利店') => ({
  action: 'registerEnterprise',
  name,
  creditCode,
  kind: 'shop',
  industry: '零售',
  address: '幸福里12号底商',
  communityId: 'community-xingfu',
  gridId: 'grid-xingfu-1',
  legalRepresentative: '孙丽',
  contactName: '孙丽',
  contactPhone: '13800000041',
})

/** A complete reopening form, planned for tomorrow (Shanghai). */
export const fullForm = () => ({
  plannedDate: shanghaiDate(Date.now() + 24 * 3600_000),
  staffTotal: 10,
  staffOnSite: 8,
  staffFromOutside: 2,
  staffFromRiskAreas: 1,
  supplies: { masks: 200, disinfectantLitres: 20, thermometers: 3 },
  measures: ['entranceTemperature', 'disinfectionSchedule', 'emergencyPlan'],
  emergencyPlan: { text: '发现发热人员立即隔离并报告社区。' },
  disinfectionPlan: { text: '每日早晚各消毒一次并登记。' },
  safetyOfficer: { name: '孙丽', phone: '13800000041' },
})
