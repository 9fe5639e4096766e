/**
 * Check digits of Chinese identifiers, so a typo is caught on the form instead of at the review desk.
 */

// GB 32100-2015: 18 characters from this alphabet (no I, O, S, V, Z); the last is a check character.
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

export function creditCodeCheckChar(first17: string): string | undefined {
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_ALPHABET.indexOf(first17[i] ?? '')
    if (v < 0) return undefined
    sum += v * CREDIT_WEIGHTS[i]!
  }
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31]
}

/** 统一社会信用代码: 18 characters with a valid GB 32100-2015 check character. */
export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false
  return creditCodeCheckChar(code.slice(0, 17)) === code[17]
}

// GB 11643-1999: 17 digits weighted 2^(17-i) mod 11, check character from this table.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

export function idNumberCheckChar(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!
  return ID_CHECK[sum % 11]
}

/** 居民身份证号: 18 characters, a real birth date, and a valid GB 11643 check character. */
export function isValidIdNumber(id: string): boolean {
  const v = id.toUpperCase()
  if (!/^\d{17}[\dX]$/.test(v)) return false
  const y = Number(v.slice(6, 10))
  const m = Number(v.slice(10, 12))
  const d = Number(v.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return false
  return idNumberCheckChar(v.slice(0, 17)) === v[17]
}
