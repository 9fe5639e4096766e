import { creditCodeCheckChar, idNumberCheckChar } from '../../shared/checksums'
import { shanghaiDate } from '../../shared/time'

/**
 * Records the tests and the screenshot scripts make again and again through the functions, in the demo
 * street (emulator/seed.ts).
 */

/** The demo owner's (孙丽, 13800000041) corner shop in 幸福里第一网格, as `application.registerEnterprise` takes it. */
export const DEMO_SHOP = {
  name: '幸福里便利店',
  creditCode: '91350100M000100Y43',
  kind: 'shop',
  industry: '零售',
  address: '幸福里12号底商',
  communityId: 'community-xingfu',
  gridId: 'grid-xingfu-1',
  legalRepresentative: '孙丽',
  contactName: '孙丽',
  contactPhone: '13800000041',
} as const

/** A complete reopening application form (application.saveDraft), planned for tomorrow in Shanghai. */
export function reopeningForm() {
  return {
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
  }
}

/**
 * The travel part of a health declaration that puts the person into home quarantine: back from 武汉 (a risk
 * area in the demo rules) on `arrivalDate`, no contact, no symptoms.
 */
export function backFromWuhan(arrivalDate: string) {
  return {
    fromProvince: '湖北省',
    fromCity: '武汉市',
    arrivalDate,
    placesStayed: [],
    contactWithCases: false,
    symptoms: [],
  }
}

/** An ID number with a valid GB 11643 check digit, distinct per `n` (0–999). */
export function idNumber(n: number): string {
  const first = `33010619900101${String(n % 1000).padStart(3, '0')}`
  return first + idNumberCheckChar(first)
}

/** A credit code with a valid GB 32100 check digit, distinct per `n`. */
export function creditCode(n: number): string {
  const first = `91330106MA2${String(n).padStart(6, '0')}`
  return first + creditCodeCheckChar(first)
}

/** A whole `health.declare` event that puts the person into home quarantine (back from 武汉 on 2026-03-01). */
export function quarantineDeclaration(p: {
  name: string
  phone: string
  n: number
  communityId: string
  gridId: string
  building?: string
  room?: string
}) {
  return {
    action: 'declare',
    name: p.name,
    idNumber: idNumber(p.n),
    phone: p.phone,
    communityId: p.communityId,
    gridId: p.gridId,
    building: p.building ?? '5',
    room: p.room ?? '502',
    ...backFromWuhan('2026-03-01'),
  }
}
