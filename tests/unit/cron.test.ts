import { nextRuns, parseTriggerCron, yearMatches } from '../../emulator/cron'

describe('timer triggers (7-field cron, Asia/Shanghai)', () => {
  it('splits off the year field', () => {
    expect(parseTriggerCron('0 0 9 * * * *')).toEqual({ pattern: '0 0 9 * * *', year: '*' })
    expect(() => parseTriggerCron('0 9 * * *')).toThrow(/7 fields/)
  })

  it('fires at 09:00 China time whatever the machine zone', () => {
    // 2026-03-01 00:30 UTC is 08:30 in Shanghai: the next 09:00 is 01:00 UTC the same day.
    const [first, second] = nextRuns('0 0 9 * * * *', 2, new Date('2026-03-01T00:30:00Z'))
    expect(first!.toISOString()).toBe('2026-03-01T01:00:00.000Z')
    expect(second!.toISOString()).toBe('2026-03-02T01:00:00.000Z')
  })

  it('treats midnight as the start of the China day', () => {
    const [run] = nextRuns('0 0 0 * * * *', 1, new Date('2026-03-01T15:59:59Z'))
    expect(run!.toISOString()).toBe('2026-03-01T16:00:00.000Z')
  })

  it('honours the year field', () => {
    expect(yearMatches('2026', 2026)).toBe(true)
    expect(yearMatches('2025-2027', 2028)).toBe(false)
    expect(nextRuns('0 0 12 1 1 * 2027', 1, new Date('2026-06-01T00:00:00Z'))[0]!.toISOString()).toBe(
      '2027-01-01T04:00:00.000Z',
    )
  })
})
