/**
 * Inputs that several tests need as a person would fill them in: a declaration that puts someone in home
 * quarantine, an enterprise and a complete reopening application. Valid check digits are computed, not typed.
 */
import { creditCodeCheckChar, idNumberCheckChar } from '../../shared/checksums'

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

/** `health.declare` for someone back from 湖北 (a risk area by default): they are put in home quarantine. */
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
    fromProvince: '湖北省',
    fromCity: '武汉市',
    arrivalDate: '2026-03-01',
    placesStayed: [],
    contactWithCases: false,
    symptoms: [],
  }
}

/** A complete application form (submittable), for a shop with a few staff. */
export function applicationForm(officer: { name: string; phone: string }, plannedDate = '2099-01-01') {
  return {
    plannedDate,
    staffTotal: 4,
    staffOnSite: 4,
    staffFromOutside: 0,
    staffFromRiskAreas: 0,
    supplies: { masks: 100, disinfectantLitres: 5, thermometers: 1 },
    measures: ['entranceTemperature', 'disinfectionSchedule', 'emergencyPlan'],
    emergencyPlan: { text: '发现发热人员立即隔离并报告社区。' },
    disinfectionPlan: { text: '每日早晚各消毒一次并登记。' },
    safetyOfficer: officer,
  }
}
