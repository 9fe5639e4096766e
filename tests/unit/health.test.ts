import {
  DEFAULT_RULES,
  canAutoRelease,
  classify,
  isAbnormal,
  isFever,
  nextReport,
  observationPeriod,
  quarantineDay,
  quarantineEnd,
  slotAt,
  slotClosesAt,
  slotDue,
  slotPhase,
  slotState,
  slotTitle,
  slotWindowsText,
  SLOTS,
  TEMPERATURE_RANGE,
  TEMPERATURE_TENTHS,
  clampTenths,
  temperatureWheel,
  type Declaration,
  type ScreeningRules,
  type SlotState,
} from '../../shared/health'
import { reportInput } from '../../shared/schemas/health'
import { shanghaiDate } from '../../shared/time'
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

// Runs under TZ=UTC and TZ=America/Los_Angeles (see npm run test:unit): times are written as Shanghai (+08:00).
const at = (shanghaiTime: string) => Date.parse(`${shanghaiTime}+08:00`)

describe('report slots at the boundaries (Asia/Shanghai)', () => {
  it.each([
    ['2026-03-02T05:59:59', null],
    ['2026-03-02T06:00:00', 'morning'],
    ['2026-03-02T07:59:00', 'morning'],
    ['2026-03-02T11:59:59', 'morning'],
    ['2026-03-02T12:00:00', 'afternoon'],
    ['2026-03-02T19:59:59', 'afternoon'],
    ['2026-03-02T20:00:00', null],
    ['2026-03-02T23:59:59', null],
    ['2026-03-03T00:00:00', null],
  ])('%s → %s', (time, slot) => {
    const found = slotAt(at(time), DEFAULT_RULES)
    expect(found?.slot ?? null).toBe(slot)
    if (found) expect(found.date).toBe(time.slice(0, 10))
  })

  it('a slot closes at its end on the Shanghai clock', () => {
    expect(slotClosesAt('2026-03-02', 'morning', DEFAULT_RULES)).toBe(at('2026-03-02T12:00:00'))
    expect(slotClosesAt('2026-03-02', 'afternoon', DEFAULT_RULES)).toBe(at('2026-03-02T20:00:00'))
  })
})

describe('the state of a slot, for the board and the card alike', () => {
  // The configured windows decide, not the time of day: here they leave a gap from 10:00 to 14:00.
  const gapped: Pick<ScreeningRules, 'slots'> = {
    slots: { morning: { start: '06:00', end: '10:00' }, afternoon: { start: '14:00', end: '20:00' } },
  }
  const phases = (time: string, rules: Pick<ScreeningRules, 'slots'>, date = time.slice(0, 10)) =>
    SLOTS.map((slot) => slotPhase(date, slot, at(time), rules))

  it.each([
    ['2026-03-02T05:59:59', ['upcoming', 'upcoming']],
    ['2026-03-02T06:00:00', ['open', 'upcoming']],
    ['2026-03-02T09:59:59', ['open', 'upcoming']],
    ['2026-03-02T10:00:00', ['closed', 'upcoming']],
    // Noon, inside the gap: the morning has closed, the afternoon has not opened.
    ['2026-03-02T12:00:00', ['closed', 'upcoming']],
    ['2026-03-02T13:59:59', ['closed', 'upcoming']],
    ['2026-03-02T14:00:00', ['closed', 'open']],
    ['2026-03-02T20:00:00', ['closed', 'closed']],
  ])('gapped windows at %s → %j', (time, expected) => {
    expect(phases(time, gapped)).toEqual(expected)
  })

  it.each([
    ['2026-03-02T07:59:00', ['open', 'upcoming']],
    ['2026-03-02T11:59:59', ['open', 'upcoming']],
    ['2026-03-02T12:00:00', ['closed', 'open']],
    ['2026-03-02T23:59:59', ['closed', 'closed']],
  ])('default windows at %s → %j', (time, expected) => {
    expect(phases(time, DEFAULT_RULES)).toEqual(expected)
  })

  it('another day: every slot of a past date has closed, every slot of a future one is to come', () => {
    expect(phases('2026-03-02T07:00:00', DEFAULT_RULES, '2026-03-01')).toEqual(['closed', 'closed'])
    expect(phases('2026-03-02T23:00:00', DEFAULT_RULES, '2026-03-03')).toEqual(['upcoming', 'upcoming'])
  })

  it('a report decides over the phase; without one the phase does', () => {
    const reported = { status: 'reported' as const, fever: false, abnormal: false }
    const cases: [Parameters<typeof slotState>[0], SlotState][] = [
      [reported, 'ok'],
      [{ ...reported, fever: true, abnormal: true }, 'fever'],
      [{ ...reported, abnormal: true }, 'abnormal'],
      [{ status: 'missed', fever: false, abnormal: false }, 'missing'],
    ]
    for (const phase of ['upcoming', 'open', 'closed'] as const)
      for (const [report, state] of cases) expect(slotState(report, phase)).toBe(state)
    expect(slotState(null, 'upcoming')).toBe('upcoming')
    expect(slotState(undefined, 'open')).toBe('pending')
    // Closed without a record: missing, even before the hourly scan has marked it.
    expect(slotState(null, 'closed')).toBe('missing')
  })

  it('names the slots with their windows', () => {
    expect(slotTitle('morning')).toBe('上午')
    expect(slotTitle('afternoon', gapped.slots.afternoon)).toBe('下午 14:00–20:00')
    expect(slotWindowsText(DEFAULT_RULES)).toBe('上午 06:00–12:00，下午 12:00–20:00')
  })
})

describe('screening', () => {
  const base: Declaration = {
    fromProvince: '浙江省',
    fromCity: '杭州市',
    arrivalDate: '2026-03-01',
    placesStayed: [],
    contactWithCases: false,
    symptoms: [],
  }

  it('a local arrival without risk is normal', () => {
    expect(classify(base, DEFAULT_RULES, '2026-03-02')).toMatchObject({
      result: 'normal',
      reasons: [],
      flags: { riskArea: false, outOfProvince: false },
    })
  })

  it('an arrival from a risk area within the window is a key person, with the reason', () => {
    const c = classify({ ...base, fromProvince: '湖北省', fromCity: '武汉市' }, DEFAULT_RULES, '2026-03-02')
    expect(c.result).toBe('keyPerson')
    expect(c.reasons).toEqual(['14天内从风险地区（湖北省武汉市）返回'])
    expect(c.flags).toMatchObject({ riskArea: true, outOfProvince: true })
  })

  it('an arrival from a risk area longer ago than the window is normal', () => {
    const c = classify(
      { ...base, fromProvince: '湖北省', fromCity: '武汉市', arrivalDate: '2026-02-01' },
      DEFAULT_RULES,
      '2026-03-02',
    )
    expect(c.result).toBe('normal')
  })

  it('out-of-province arrivals count only when the rule says so', () => {
    const d = { ...base, fromProvince: '江苏省', fromCity: '南京市' }
    expect(classify(d, DEFAULT_RULES, '2026-03-02').result).toBe('normal')
    expect(classify(d, { ...DEFAULT_RULES, outOfProvinceIsKeyPerson: true }, '2026-03-02').reasons).toEqual([
      '14天内从省外返回',
    ])
  })

  it('contact with cases and symptoms are reasons of their own', () => {
    expect(
      classify({ ...base, contactWithCases: true, symptoms: ['cough'] }, DEFAULT_RULES, '2026-03-02').reasons,
    ).toEqual(['与确诊或疑似病例有过接触', '申报时有症状'])
  })
})

describe('fever and quarantine', () => {
  it('37.3 is the threshold, and any symptom is abnormal', () => {
    expect(isAbnormal(37.2, [], DEFAULT_RULES)).toBe(false)
    expect(isAbnormal(37.3, [], DEFAULT_RULES)).toBe(true)
    expect(isAbnormal(36.5, ['cough'], DEFAULT_RULES)).toBe(true)
  })

  it('a fever is a reading at or above the threshold', () => {
    expect(isFever(37.2, DEFAULT_RULES)).toBe(false)
    expect(isFever(37.3, DEFAULT_RULES)).toBe(true)
    expect(isFever(37.5, { feverThreshold: 37.6 })).toBe(false)
  })

  it('a report accepts the temperatures between the bounds, with one decimal', () => {
    const ok = (temperature: number) =>
      reportInput.safeParse({ temperature, symptoms: [], requestId: 'request-1' }).success
    expect(ok(TEMPERATURE_RANGE.min)).toBe(true)
    expect(ok(TEMPERATURE_RANGE.max)).toBe(true)
    expect(ok(TEMPERATURE_RANGE.min - 0.1)).toBe(false)
    expect(ok(TEMPERATURE_RANGE.max + 0.1)).toBe(false)
    const low = reportInput.safeParse({ temperature: 34.9, symptoms: [], requestId: 'request-1' })
    expect(low.success || low.error.issues[0]!.message).toBe('体温应在35.0到42.0之间')
  })

  it('the stepper and the wheel offer the same readings: exactly those a report accepts', () => {
    const ok = (tenths: number) =>
      reportInput.safeParse({ temperature: tenths / 10, symptoms: [], requestId: 'request-1' }).success
    const wheel = temperatureWheel().flatMap((w) => w.tenths.map((t) => w.whole * 10 + t))
    const stepper: number[] = []
    for (let t = clampTenths(0); ; t = clampTenths(t + 1)) {
      stepper.push(t)
      if (t === clampTenths(t + 1)) break
    }
    expect(wheel).toEqual(stepper)
    expect(wheel.every(ok)).toBe(true)
    expect(ok(wheel[0]! - 1) || ok(wheel[wheel.length - 1]! + 1)).toBe(false)
    expect(temperatureWheel().at(-1)).toEqual({ whole: TEMPERATURE_RANGE.max, tenths: [0] })
    expect(clampTenths(429)).toBe(TEMPERATURE_TENTHS.max)
  })

  it('counts quarantine days and the release date', () => {
    expect(quarantineEnd('2026-03-01', 14)).toBe('2026-03-15')
    expect(quarantineDay('2026-03-01', '2026-03-05')).toBe(5)
  })

  it('auto-release needs two fever-free days', () => {
    expect(canAutoRelease([36.5, 36.7, 36.6], DEFAULT_RULES)).toBe(true)
    expect(canAutoRelease([36.5, 37.5], DEFAULT_RULES)).toBe(false)
  })
})

describe('the observation period counts from the arrival (Asia/Shanghai days)', () => {
  const fromWuhan: Declaration = {
    fromProvince: '湖北省',
    fromCity: '武汉市',
    arrivalDate: '2025-11-13',
    placesStayed: [],
    contactWithCases: false,
    symptoms: [],
  }
  /** Screening and the period for a declaration made at a Shanghai moment. */
  const declareAt = (d: Declaration, time: string, rules: ScreeningRules = DEFAULT_RULES) => {
    const today = shanghaiDate(at(time))
    const c = classify(d, rules, today)
    return { c, period: observationPeriod(d, c, rules, today) }
  }

  it('arriving 11-13 and declaring 11-26 ends on 11-27, not 14 days after the declaration', () => {
    const { c, period } = declareAt(fromWuhan, '2025-11-26T10:00:00')
    expect(c.result).toBe('keyPerson')
    expect(period).toEqual({ startDate: '2025-11-13', endDate: '2025-11-27' })
    expect(quarantineDay(period!.startDate, '2025-11-26')).toBe(14)
  })

  it('Shanghai midnight decides: 23:59:59 on the 14th day still observes, 00:00 the next day does not', () => {
    const last = declareAt(fromWuhan, '2025-11-26T23:59:59')
    expect([last.c.result, last.period?.endDate]).toEqual(['keyPerson', '2025-11-27'])
    const over = declareAt(fromWuhan, '2025-11-27T00:00:00')
    expect([over.c.result, over.period]).toEqual(['normal', null])
  })

  it('screening and quarantine agree for every day since the arrival: key person exactly while observed', () => {
    for (let days = 0; days <= 30; days++) {
      const today = dayjs.utc('2025-11-13').add(days, 'day').format('YYYY-MM-DD')
      const c = classify(fromWuhan, DEFAULT_RULES, today)
      const period = observationPeriod(fromWuhan, c, DEFAULT_RULES, today)
      expect([days, c.result === 'keyPerson']).toEqual([days, days < 14])
      expect([days, period !== null]).toEqual([days, days < 14])
      if (period) expect(period).toEqual({ startDate: '2025-11-13', endDate: '2025-11-27' })
    }
  })

  it('contact with a case or symptoms start on the declaration day (their date is not asked)', () => {
    const contact = declareAt({ ...fromWuhan, contactWithCases: true }, '2025-11-26T09:00:00')
    expect(contact.period).toEqual({ startDate: '2025-11-26', endDate: '2025-12-10' })
    const local = { ...fromWuhan, fromProvince: '浙江省', fromCity: '杭州市', symptoms: ['cough'] }
    expect(declareAt(local, '2025-11-20T09:00:00').period).toEqual({
      startDate: '2025-11-20',
      endDate: '2025-12-04',
    })
  })

  it('a stay in a risk area with an older arrival starts on the declaration day; not a key person: none', () => {
    const stayed = {
      ...fromWuhan,
      fromProvince: '浙江省',
      fromCity: '杭州市',
      arrivalDate: '2025-10-01',
      placesStayed: [{ province: '湖北省' }],
    }
    expect(declareAt(stayed, '2025-11-20T09:00:00').period?.startDate).toBe('2025-11-20')
    expect(declareAt({ ...stayed, arrivalDate: '2025-11-18' }, '2025-11-20T09:00:00').period?.startDate).toBe(
      '2025-11-18',
    )
    expect(declareAt({ ...stayed, placesStayed: [] }, '2025-11-20T09:00:00').period).toBeNull()
  })

  it('follows the street’s own number of days', () => {
    const rules = { ...DEFAULT_RULES, quarantineDays: 21, lookbackDays: 21 }
    expect(declareAt(fromWuhan, '2025-11-30T09:00:00', rules).period).toEqual({
      startDate: '2025-11-13',
      endDate: '2025-12-04',
    })
  })
})

describe('a slot is owed only if it closed after the quarantine record was made', () => {
  it('at the slot’s close: a record made at 11:59:59 owes the morning, one made at 12:00 does not', () => {
    expect(slotDue(at('2026-03-02T11:59:59'), '2026-03-02', 'morning', DEFAULT_RULES)).toBe(true)
    expect(slotDue(at('2026-03-02T12:00:00'), '2026-03-02', 'morning', DEFAULT_RULES)).toBe(false)
    expect(slotDue(at('2026-03-02T12:00:00'), '2026-03-02', 'afternoon', DEFAULT_RULES)).toBe(true)
    // Days before the record (an observation counted from an earlier arrival) owe nothing.
    expect(slotDue(at('2026-03-02T08:00:00'), '2026-03-01', 'afternoon', DEFAULT_RULES)).toBe(false)
  })

  it('a slot that was not owed reads “not due”, not missing; a report still decides', () => {
    expect(slotState(null, 'closed', false)).toBe('notDue')
    expect(slotState({ status: 'reported', fever: false, abnormal: false }, 'closed', false)).toBe('ok')
  })
})

describe('the next report due, for the home page (Asia/Shanghai)', () => {
  const none = () => false
  const next = (time: string, reported: (d: string, s: string) => boolean = none, end = '2026-03-10') =>
    nextReport(at(time), DEFAULT_RULES, reported, end)

  it.each([
    ['2026-03-02T05:59:00', { date: '2026-03-02', slot: 'morning', phase: 'upcoming', start: '06:00' }],
    ['2026-03-02T07:59:00', { date: '2026-03-02', slot: 'morning', phase: 'open', end: '12:00' }],
    ['2026-03-02T12:00:00', { date: '2026-03-02', slot: 'afternoon', phase: 'open', end: '20:00' }],
    ['2026-03-02T20:00:00', { date: '2026-03-03', slot: 'morning', phase: 'upcoming', start: '06:00' }],
    ['2026-03-02T23:59:59', { date: '2026-03-03', slot: 'morning', phase: 'upcoming' }],
    ['2026-03-03T00:00:00', { date: '2026-03-03', slot: 'morning', phase: 'upcoming' }],
  ])('at %s: %j', (time, expected) => {
    expect(next(time)).toMatchObject(expected)
  })

  it('a reported slot is skipped: the next one to open is due', () => {
    const morning = (d: string, s: string) => d === '2026-03-02' && s === 'morning'
    expect(next('2026-03-02T08:00:00', morning)).toMatchObject({ slot: 'afternoon', phase: 'upcoming' })
  })

  it('nothing after the quarantine ends: none on the release day', () => {
    expect(next('2026-03-09T21:00:00')).toBeNull()
    expect(next('2026-03-09T13:00:00')).toMatchObject({ date: '2026-03-09', slot: 'afternoon' })
  })
})
