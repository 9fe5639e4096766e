import { daysBetween, formatShanghai, shanghaiDate, startOfShanghaiDay } from '../../shared/time'

// These run under two machine zones (npm run test:unit sets TZ=UTC and TZ=America/Los_Angeles).
describe('Shanghai calendar', () => {
  it('a moment just before and at Shanghai midnight falls on different days', () => {
    expect(shanghaiDate(Date.parse('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01') // 23:59:59 in Shanghai
    expect(shanghaiDate(Date.parse('2026-03-01T16:00:00.000Z'))).toBe('2026-03-02') // 00:00 the next day
  })

  it('07:59 and 12:00 read as Shanghai wall-clock times', () => {
    expect(formatShanghai(Date.parse('2026-03-01T23:59:00Z'), 'YYYY-MM-DD HH:mm')).toBe('2026-03-02 07:59')
    expect(formatShanghai(Date.parse('2026-03-02T04:00:00Z'), 'HH:mm')).toBe('12:00')
  })

  it('the start of a Shanghai day is 16:00 UTC the day before', () => {
    expect(new Date(startOfShanghaiDay('2026-03-02')).toISOString()).toBe('2026-03-01T16:00:00.000Z')
  })

  it('counts days between dates across a month end', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3)
    expect(daysBetween('2026-03-02', '2026-03-01')).toBe(-1)
  })
})
