import { ageOn, birthDateOfIdNumber, isSeniorByIdNumber } from '../../shared/age'

// Born 1966-11-26 (digits 7–14 of a GB 11643 number). Runs under TZ=UTC and TZ=America/Los_Angeles.
const ID = '110101196611260011'

describe('age from an ID number, Asia/Shanghai', () => {
  it('reads the birth date from digits 7–14 and refuses a date that does not exist', () => {
    expect(birthDateOfIdNumber(ID)).toBe('1966-11-26')
    expect(birthDateOfIdNumber('11010119660230001X')).toBeUndefined()
    expect(birthDateOfIdNumber('1101011966112600')).toBeUndefined()
  })

  it('turns 60 at Shanghai midnight of the 60th birthday, not at UTC midnight', () => {
    const justBefore = Date.parse('2026-11-25T15:59:59.999Z') // 2026-11-25 23:59:59.999 in Shanghai
    const atMidnight = Date.parse('2026-11-25T16:00:00.000Z') // 2026-11-26 00:00 in Shanghai
    expect(ageOn('1966-11-26', justBefore)).toBe(59)
    expect(isSeniorByIdNumber(ID, justBefore)).toBe(false)
    expect(ageOn('1966-11-26', atMidnight)).toBe(60)
    expect(isSeniorByIdNumber(ID, atMidnight)).toBe(true)
    // Still 2026-11-25 on a UTC clock: the machine's zone must not matter.
    expect(isSeniorByIdNumber(ID, Date.parse('2026-11-25T20:00:00Z'))).toBe(true)
  })

  it('a 29 February birthday counts from 1 March in a common year', () => {
    expect(ageOn('1964-02-29', Date.parse('2024-02-28T12:00:00Z'))).toBe(59)
    expect(ageOn('1964-02-29', Date.parse('2024-02-29T12:00:00Z'))).toBe(60)
    expect(ageOn('1964-02-29', Date.parse('2025-02-28T12:00:00Z'))).toBe(60)
    expect(ageOn('1965-02-28', Date.parse('2025-02-28T12:00:00Z'))).toBe(60)
  })

  it('an unreadable number never counts as senior', () => {
    expect(isSeniorByIdNumber('not an id', Date.now())).toBe(false)
  })
})
