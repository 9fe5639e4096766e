import { certificateStanding, daysToExpiry, mayWork, takeFromStock, warningDue } from '../../shared/supplies'

const at = (t: string) => Date.parse(`${t}+08:00`)

describe('stock', () => {
  it('never goes below zero: too much, nothing, a fraction or a negative is refused', () => {
    expect(takeFromStock(100, 10)).toBe(90)
    expect(takeFromStock(10, 10)).toBe(0)
    expect(takeFromStock(9, 10)).toBeUndefined()
    expect(takeFromStock(100, 0)).toBeUndefined()
    expect(takeFromStock(100, -5)).toBeUndefined()
    expect(takeFromStock(100, 1.5)).toBeUndefined()
  })
})

describe('health certificate expiry, in Shanghai days whatever the machine zone', () => {
  it('counts days to the last valid day: 0 on it, -1 from the midnight after (16:00 UTC)', () => {
    expect(daysToExpiry('2026-04-15', at('2026-04-15T23:59:59'))).toBe(0)
    expect(daysToExpiry('2026-04-15', at('2026-04-16T00:00:00'))).toBe(-1)
    expect(daysToExpiry('2026-04-15', Date.parse('2026-04-15T15:59:59Z'))).toBe(0)
    expect(daysToExpiry('2026-04-15', Date.parse('2026-04-15T16:00:00Z'))).toBe(-1)
    expect(daysToExpiry('2026-04-15', at('2026-03-16T07:59:00'))).toBe(30)
    expect(daysToExpiry('2026-04-15', at('2026-03-15T23:59:00'))).toBe(31)
  })

  it('standing: missing, pending, rejected, valid, expiring within 30 days, expired; only valid ones may work', () => {
    const now = at('2026-03-01T12:00:00')
    expect(certificateStanding(undefined, now)).toBe('missing')
    expect(certificateStanding({ status: 'pending', expiresOn: '2026-12-31' }, now)).toBe('pending')
    expect(certificateStanding({ status: 'rejected', expiresOn: '2026-12-31' }, now)).toBe('rejected')
    expect(certificateStanding({ status: 'verified', expiresOn: '2026-12-31' }, now)).toBe('valid')
    expect(certificateStanding({ status: 'verified', expiresOn: '2026-03-31' }, now)).toBe('expiring')
    expect(certificateStanding({ status: 'verified', expiresOn: '2026-02-28' }, now)).toBe('expired')
    expect(certificateStanding({ status: 'pending', expiresOn: '2026-02-28' }, now)).toBe('expired')
    expect(
      ['missing', 'pending', 'rejected', 'valid', 'expiring', 'expired'].filter((s) => mayWork(s as never)),
    ).toEqual(['valid', 'expiring'])
  })

  it('warns at 30 and at 7 days, once each; a certificate first seen within 7 days gets only the 7-day warning', () => {
    expect(warningDue(31, [])).toBeUndefined()
    expect(warningDue(30, [])).toBe(30)
    expect(warningDue(29, [30])).toBeUndefined()
    expect(warningDue(8, [30])).toBeUndefined()
    expect(warningDue(7, [30])).toBe(7)
    expect(warningDue(3, [30, 7])).toBeUndefined()
    expect(warningDue(5, [])).toBe(7)
    expect(warningDue(0, [30])).toBe(7)
    expect(warningDue(-1, [])).toBeUndefined()
  })
})
