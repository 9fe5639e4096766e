import { shanghaiDate } from './time'

/** From this age on a person is asked once, after declaring, whether they want large type. */
export const SENIOR_AGE = 60

/**
 * The birth date in a GB 11643 ID number (digits 7–14, YYYYMMDD) as YYYY-MM-DD; undefined when those digits are
 * not a real date (the check character is the schema's business, not this one's).
 */
export function birthDateOfIdNumber(idNumber: string): string | undefined {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dXx]$/.exec(idNumber.trim())
  if (!m) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return undefined
  return `${m[1]}-${m[2]}-${m[3]}`
}

/**
 * Whole years of age at moment `now` on the Shanghai calendar: one more on the birthday itself, from Shanghai
 * midnight. Someone born on 29 February turns a year older on 1 March in a common year.
 */
export function ageOn(birthDate: string, now: number): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = shanghaiDate(now).split('-').map(Number) as [number, number, number]
  const hadBirthday = tm > bm || (tm === bm && td >= bd)
  return ty - by - (hadBirthday ? 0 : 1)
}

/** 60 or older on the Shanghai calendar by the ID number's birth date: 老年人 are 六十周岁以上 in Chinese law. */
export function isSeniorByIdNumber(idNumber: string, now: number): boolean {
  const birth = birthDateOfIdNumber(idNumber)
  return birth !== undefined && ageOn(birth, now) >= SENIOR_AGE
}
