import {
  DEFAULT_RULES,
  canAutoRelease,
  classify,
  isAbnormal,
  isFever,
  quarantineDay,
  quarantineEnd,
  slotAt,
  slotClosesAt,
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
