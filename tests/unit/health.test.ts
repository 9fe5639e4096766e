import {
  DEFAULT_RULES,
  canAutoRelease,
  classify,
  isAbnormal,
  quarantineDay,
  quarantineEnd,
  slotAt,
  slotClosesAt,
  type Declaration,
} from '../../shared/health'

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

  it('counts quarantine days and the release date', () => {
    expect(quarantineEnd('2026-03-01', 14)).toBe('2026-03-15')
    expect(quarantineDay('2026-03-01', '2026-03-05')).toBe(5)
  })

  it('auto-release needs two fever-free days', () => {
    expect(canAutoRelease([36.5, 36.7, 36.6], DEFAULT_RULES)).toBe(true)
    expect(canAutoRelease([36.5, 37.5], DEFAULT_RULES)).toBe(false)
  })
})
