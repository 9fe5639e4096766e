import {
  creditCodeCheckChar,
  idNumberCheckChar,
  isValidCreditCode,
  isValidIdNumber,
} from '../../shared/checksums'

describe('统一社会信用代码 (GB 32100-2015)', () => {
  // Published codes of well-known companies.
  it.each(['91350100M000100Y43', '91110000802100433B', '91440300708461136T'])('accepts %s', (code) => {
    expect(isValidCreditCode(code)).toBe(true)
  })

  it('rejects a wrong check character, a forbidden letter, and a wrong length', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false)
    expect(isValidCreditCode('91350100M000100I43')).toBe(false)
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false)
  })

  it('computes the check character', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3')
  })
})

describe('居民身份证号 (GB 11643-1999)', () => {
  it('accepts a valid number, including an X check character in either case', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true)
    expect(isValidIdNumber('11010519491231002x')).toBe(true)
    expect(isValidIdNumber('440524188001010014')).toBe(false) // year before 1900
  })

  it('rejects a wrong check digit and an impossible date', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false)
    const feb30 = '11010519490230001'
    expect(isValidIdNumber(feb30 + idNumberCheckChar(feb30))).toBe(false)
  })
})
