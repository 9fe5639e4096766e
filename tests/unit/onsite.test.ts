import { DEFAULT_RULES } from '../../shared/health'
import {
  checkDue,
  checksDueToday,
  checkState,
  findingOf,
  findingText,
  onsitePhase,
  onsiteWindowAt,
  stopsWork,
} from '../../shared/onsite'

/** A Shanghai wall-clock moment, whatever the machine's zone (the unit lane runs under UTC and Los Angeles). */
const at = (t: string) => Date.parse(`${t}+08:00`)
const street = {
  onsiteSlots: { morning: { start: '07:30', end: '11:00' }, afternoon: { start: '13:30', end: '17:00' } },
}

describe('一日两检 windows (Asia/Shanghai)', () => {
  it.each([
    ['2026-04-01T07:59:59', null],
    ['2026-04-01T08:00:00', 'morning'],
    ['2026-04-01T11:59:59', 'morning'],
    ['2026-04-01T12:00:00', null],
    ['2026-04-01T13:59:00', null],
    ['2026-04-01T14:00:00', 'afternoon'],
    ['2026-04-01T17:59:59', 'afternoon'],
    ['2026-04-01T18:00:00', null],
    ['2026-04-01T00:00:00', null],
  ])('by default at %s: %s', (t, slot) => {
    expect(onsiteWindowAt(at(t), DEFAULT_RULES)?.slot ?? null).toBe(slot)
  })

  it("follows the street's own windows, and dates by the Shanghai day across UTC midnight", () => {
    expect(onsiteWindowAt(at('2026-04-01T07:30:00'), street)).toEqual({ date: '2026-04-01', slot: 'morning' })
    expect(onsiteWindowAt(at('2026-04-01T07:29:59'), street)).toBeNull()
    expect(onsiteWindowAt(at('2026-04-01T11:00:00'), street)).toBeNull()
    // 07:45 in Shanghai is 23:45 UTC the day before.
    expect(onsiteWindowAt(Date.parse('2026-03-31T23:45:00Z'), street)).toEqual({
      date: '2026-04-01',
      slot: 'morning',
    })
    expect(onsitePhase('2026-04-01', 'afternoon', at('2026-04-01T12:00:00'), street)).toBe('upcoming')
    expect(onsitePhase('2026-04-01', 'morning', at('2026-04-01T12:00:00'), street)).toBe('closed')
  })
})

describe('findings', () => {
  it('a fever is the threshold itself; a positive antigen stops work; invalid does not', () => {
    expect(findingOf(37.3, 'negative', { feverThreshold: 37.3 })).toEqual({ fever: true, positive: false })
    expect(findingOf(37.2, 'negative', { feverThreshold: 37.3 })).toEqual({ fever: false, positive: false })
    expect(stopsWork(findingOf(36.5, 'positive', { feverThreshold: 37.3 }))).toBe(true)
    expect(stopsWork(findingOf(36.5, 'invalid', { feverThreshold: 37.3 }))).toBe(false)
    expect(findingText({ fever: true, positive: true }, 37.8)).toBe('抗原阳性、体温 37.8℃')
  })
})

describe('what a window reads on the board', () => {
  const done = (o: Partial<{ fever: boolean; positive: boolean; confirmedAt: number | null }>) => ({
    status: 'done' as const,
    fever: false,
    positive: false,
    confirmedAt: 1,
    ...o,
  })
  it('problems first: positive, fever, missed, to confirm, to do', () => {
    expect(checkState(done({ positive: true, fever: true }), 'open')).toBe('positive')
    expect(checkState(done({ fever: true }), 'closed')).toBe('fever')
    expect(checkState(done({ confirmedAt: null }), 'open')).toBe('unconfirmed')
    expect(checkState(done({}), 'open')).toBe('ok')
    expect(checkState(null, 'closed')).toBe('missing')
    expect(checkState({ ...done({}), status: 'missed' }, 'closed')).toBe('missing')
    expect(checkState(null, 'open')).toBe('pending')
    expect(checkState(null, 'upcoming')).toBe('upcoming')
    expect(checkState(null, 'closed', false)).toBe('notDue')
  })

  it('owed only while on site and not stopped, and not for a window closed before they were put on site', () => {
    const closes = { morning: at('2026-04-01T12:00:00'), afternoon: at('2026-04-01T18:00:00') }
    const since = (t: string) => ({ onSite: true, stopped: false, onSiteSince: at(t) })
    expect(checksDueToday(since('2026-04-01T07:00:00'), closes)).toBe(2)
    expect(checksDueToday(since('2026-04-01T12:00:00'), closes)).toBe(1)
    expect(checksDueToday({ ...since('2026-04-01T07:00:00'), stopped: true }, closes)).toBe(0)
    expect(checkDue({ onSite: false, stopped: false, onSiteSince: null }, closes.morning)).toBe(false)
  })
})
