import { clock } from '../../cloudfunctions/_lib/clock'
import { DEMO, TestCloud } from '../helpers/cloud'
import { idNumberCheckChar } from '../../shared/checksums'

let cloud: TestCloud
let butler: string
let gridWorker: string
let epidemic: string
let economy: string
let admin: string

/** A Shanghai wall-clock moment. */
const at = (t: string) => Date.parse(`${t}+08:00`)
const idNumber = (seq: number) => {
  const first = `33010619900101${String(seq).padStart(3, '0')}`
  return first + idNumberCheckChar(first)
}

const declaration = (phone: string, seq: number, extra: Record<string, unknown> = {}) => ({
  action: 'declare',
  name: `隔离人员${seq}`,
  idNumber: idNumber(seq),
  phone,
  communityId: 'community-xingfu',
  gridId: 'grid-xingfu-1',
  building: '3',
  room: `${100 + seq}`,
  fromProvince: '湖北省',
  fromCity: '武汉市',
  arrivalDate: '2026-03-01',
  placesStayed: [],
  contactWithCases: false,
  symptoms: [],
  ...extra,
})

/** A resident who declares arrival from a risk area on 2026-03-02 at 07:30 and is put in quarantine. */
async function quarantined(phone: string, seq: number): Promise<{ token: string; quarantineId: string }> {
  clock.now = () => at('2026-03-02T07:30:00')
  const token = await cloud.newUser(phone, 'employee', `隔离人员${seq}`)
  const r = await cloud.ok<{ classification: { result: string }; quarantine: { _id: string } }>(
    token,
    'health',
    declaration(phone, seq),
  )
  expect(r.classification.result).toBe('keyPerson')
  return { token, quarantineId: r.quarantine._id }
}

const report = (
  token: string,
  temperature: number,
  requestId = `req-${Math.random().toString(36).slice(2)}`,
) =>
  cloud.call<{ report: { slot: string; fever: boolean }; repeated: boolean }>(token, 'health', {
    action: 'report',
    temperature,
    symptoms: [],
    requestId,
  })

beforeAll(async () => {
  cloud = await TestCloud.start()
  ;[butler, gridWorker, epidemic, economy, admin] = await Promise.all(
    [DEMO.butler, DEMO.gridWorker, DEMO.epidemic, DEMO.economy, DEMO.admin].map((p) => cloud.login(p)),
  )
})
afterEach(() => {
  clock.now = () => Date.now()
})
afterAll(() => cloud.stop())

describe('declaring', () => {
  it('a local arrival is normal; a risk-area arrival gets a 14-day home quarantine with the reason and its butler', async () => {
    clock.now = () => at('2026-03-02T09:00:00')
    const local = await cloud.newUser('13933330001', 'employee', '本地职工')
    const normal = await cloud.ok<{ classification: { result: string }; quarantine: null }>(local, 'health', {
      ...declaration('13933330001', 1),
      fromProvince: '浙江省',
      fromCity: '杭州市',
    })
    expect(normal).toMatchObject({ classification: { result: 'normal', reasons: [] }, quarantine: null })

    const { token } = await quarantined('13933330002', 2)
    const status = await cloud.ok<{ quarantine: { day: number; endDate: string; reasons: string[] } }>(
      token,
      'health',
      { action: 'myStatus' },
    )
    // Arrived 03-01, declared 03-02: day 2 of 14, counted from the arrival.
    expect(status.quarantine).toMatchObject({
      day: 2,
      endDate: '2026-03-15',
      reasons: ['14天内从风险地区（湖北省武汉市）返回'],
    })
    const inbox = await cloud.ok<{ items: { title: string }[] }>(butler, 'account', { action: 'inbox' })
    expect(inbox.items.map((i) => i.title)).toContain('新增居家隔离人员')
    // The card says whom to call: the grid's butler and grid worker, numbers in full to dial.
    const { contacts } = await cloud.ok<{ contacts: { role: string; name: string; phone: string }[] }>(
      token,
      'health',
      { action: 'myStatus' },
    )
    expect(contacts.map((c) => [c.role, c.name, c.phone])).toEqual([
      ['butler', '赵磊', DEMO.butler],
      ['gridWorker', '陈静', DEMO.gridWorker],
    ])
  })

  it('counts from the arrival: arriving 11-13 and declaring 11-26 ends 11-27, and the day after nobody is held', async () => {
    clock.now = () => at('2025-11-26T15:00:00')
    const late = await cloud.newUser('13933330004', 'employee', '晚申报职工')
    const r = await cloud.ok<{
      quarantine: { _id: string; startDate: string; endDate: string; day: number }
    }>(late, 'health', declaration('13933330004', 4, { arrivalDate: '2025-11-13' }))
    expect(r.quarantine).toMatchObject({ startDate: '2025-11-13', endDate: '2025-11-27', day: 14 })
    const mine = await cloud.ok<{
      quarantine: { day: number; totalDays: number }
      todaySlots: { slot: string; state: string }[]
    }>(late, 'health', { action: 'myStatus' })
    expect(mine.quarantine).toMatchObject({ day: 14, totalDays: 14 })
    // The morning closed before the record existed: not owed, neither on the card nor on the board.
    expect(mine.todaySlots.map((s) => s.state)).toEqual(['notDue', 'pending'])
    type Row = { quarantineId: string; day: number; cells: Record<string, { state: string }> }
    const board = await cloud.ok<{ rows: Row[] }>(butler, 'health', { action: 'board', date: '2025-11-20' })
    const before = board.rows.find((row) => row.quarantineId === r.quarantine._id)!
    expect([before.day, before.cells.morning.state, before.cells.afternoon.state]).toEqual([
      8,
      'notDue',
      'notDue',
    ])

    // The scan at the end of the afternoon marks the slot missed; the midnight scan releases on 11-27.
    clock.now = () => at('2025-11-26T20:00:05')
    await cloud.timer('healthScan', new Date(at('2025-11-26T20:00:00')))
    clock.now = () => at('2025-11-27T00:00:05')
    await cloud.timer('healthScan', new Date(at('2025-11-27T00:00:00')))
    const hist = await cloud.ok<{
      quarantine: { status: string }
      reports: { slot: string; status: string }[]
    }>(admin, 'health', { action: 'history', quarantineId: r.quarantine._id })
    expect(hist.quarantine.status).toBe('released')
    expect(hist.reports).toEqual([expect.objectContaining({ slot: 'afternoon', status: 'missed' })])

    // Arriving 11-13 and declaring 11-27 (14 days on): screened normal, not quarantined.
    clock.now = () => at('2025-11-27T00:00:00')
    const later = await cloud.newUser('13933330005', 'employee', '满期申报职工')
    const none = await cloud.ok<{ classification: { result: string }; quarantine: null }>(
      later,
      'health',
      declaration('13933330005', 5, { arrivalDate: '2025-11-13' }),
    )
    expect([none.classification.result, none.quarantine]).toEqual(['normal', null])
  })

  it('refuses a bad ID number and a grid of another street', async () => {
    const t = await cloud.newUser('13933330003', 'resident')
    const bad = await cloud.call(t, 'health', {
      ...declaration('13933330003', 3),
      idNumber: '330106199001010010',
    })
    expect(bad.body).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: '身份证号不正确，请核对18位号码',
    })
    const grid = await cloud.call(t, 'health', {
      ...declaration('13933330003', 3),
      communityId: 'community-heping',
    })
    expect(grid.body).toMatchObject({ ok: false, code: 'SCOPE_NOT_FOUND' })
  })
})

describe('reporting', () => {
  it('only in the current slot, once per slot; a retry gets the original answer', async () => {
    const { token } = await quarantined('13933330010', 10)
    clock.now = () => at('2026-03-02T05:59:00')
    expect((await report(token, 36.5)).body).toMatchObject({ ok: false, code: 'REPORT_SLOT_CLOSED' })
    clock.now = () => at('2026-03-02T07:59:00')
    const first = await report(token, 36.5, 'same-request-1')
    expect(first.body).toMatchObject({
      ok: true,
      data: { report: { slot: 'morning', fever: false }, repeated: false },
    })
    const retry = await report(token, 36.5, 'same-request-1')
    expect(retry.body).toMatchObject({ ok: true, data: { repeated: true } })
    const second = await report(token, 36.6, 'another-request')
    expect(second.body).toMatchObject({ ok: false, code: 'REPORT_ALREADY_SUBMITTED' })
    clock.now = () => at('2026-03-02T12:00:00')
    expect((await report(token, 36.6)).body).toMatchObject({
      ok: true,
      data: { report: { slot: 'afternoon' } },
    })
    expect((await report(token, 41.9 + 0.2)).body).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })

  it('the same report submitted twice at the same moment stores exactly one', async () => {
    const { token, quarantineId } = await quarantined('13933330011', 11)
    clock.now = () => at('2026-03-02T08:00:00')
    const replies = await Promise.all([
      report(token, 36.4, 'a-request-x'),
      report(token, 36.8, 'b-request-y'),
    ])
    expect(replies.filter((r) => r.body.ok)).toHaveLength(1)
    const hist = await cloud.ok<{ reports: unknown[] }>(butler, 'health', { action: 'history', quarantineId })
    expect(hist.reports).toHaveLength(1)
  })

  it('a mistyped reading is corrected once and a later fever reported once; history keeps both, counts read one', async () => {
    const { token, quarantineId } = await quarantined('13933330013', 13)
    const revise = (
      temperature: number,
      reason: string,
      requestId = `rev-${Math.random().toString(36).slice(2)}`,
    ) =>
      cloud.call<{ report: { temperature: number; fever: boolean; revisions: string[] }; repeated: boolean }>(
        token,
        'health',
        { action: 'revise', temperature, symptoms: [], reason, requestId },
      )
    type Figures = Record<string, number>
    const figures = async () =>
      (
        await cloud.ok<{ figures: Figures }>(admin, 'stats', {
          action: 'dashboard',
          from: '2026-03-02',
          to: '2026-03-02',
        })
      ).figures
    clock.now = () => at('2026-03-02T08:00:00')
    expect((await revise(36.5, 'mistake')).body).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    const before = await figures()
    await report(token, 38.5)
    const typo = await figures()
    expect([
      typo['reports.received']! - before['reports.received']!,
      typo['reports.fever']! - before['reports.fever']!,
    ]).toEqual([1, 1])

    // 38.5 was a typo for 36.5: corrected, the staff told, the fever no longer counted.
    clock.now = () => at('2026-03-02T08:05:00')
    const fixed = await revise(36.5, 'mistake', 'fix-request-1')
    expect(fixed.body).toMatchObject({
      ok: true,
      data: { report: { temperature: 36.5, fever: false }, repeated: false },
    })
    expect((await revise(36.5, 'mistake', 'fix-request-1')).body).toMatchObject({
      ok: true,
      data: { repeated: true },
    })
    expect((await revise(36.7, 'mistake')).body).toMatchObject({ ok: false, code: 'REPORT_ALREADY_REVISED' })
    const corrected = await figures()
    expect([corrected['reports.received'], corrected['reports.fever']]).toEqual([
      typo['reports.received'],
      before['reports.fever'],
    ])
    const box = await cloud.ok<{ items: { title: string; body: string }[] }>(butler, 'account', {
      action: 'inbox',
    })
    expect(box.items).toContainEqual(
      expect.objectContaining({
        title: '体温已更正',
        body: expect.stringContaining('由 38.5℃ 更正为 36.5℃'),
      }),
    )

    // 10:30, a fever after all: a normal reading is no reason to report again; 38.2 is, once.
    clock.now = () => at('2026-03-02T10:30:00')
    expect((await revise(37.0, 'fever')).body).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    const [a, b] = await Promise.all([revise(38.2, 'fever', 'fever-tap'), revise(38.2, 'fever', 'fever-tap')])
    expect([a.body.ok, b.body.ok]).toEqual([true, true])
    expect((await revise(38.6, 'fever')).body).toMatchObject({ ok: false, code: 'REPORT_ALREADY_REVISED' })
    const feverish = await figures()
    expect([feverish['reports.received'], feverish['reports.fever']! - before['reports.fever']!]).toEqual([
      typo['reports.received'],
      1,
    ])

    const hist = await cloud.ok<{
      reports: { slot: string; temperature: number; revisions: string[] }[]
      revisions: { slot: string; reason: string; temperature: number }[]
    }>(gridWorker, 'health', { action: 'history', quarantineId })
    expect(hist.reports).toEqual([
      expect.objectContaining({ slot: 'morning', temperature: 38.2, revisions: ['mistake', 'fever'] }),
    ])
    expect(hist.revisions.map((v) => [v.reason, v.temperature])).toEqual([
      ['mistake', 38.5],
      ['fever', 36.5],
    ])
    // Once the slot is over, it stays as it is.
    clock.now = () => at('2026-03-02T12:30:00')
    expect((await revise(36.5, 'mistake')).body).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })

  it('refuses people not in quarantine', async () => {
    const t = await cloud.newUser('13933330012', 'resident')
    clock.now = () => at('2026-03-02T08:00:00')
    expect((await report(t, 36.5)).body).toMatchObject({ ok: false, code: 'NOT_IN_QUARANTINE' })
  })
})

describe('alerts, board and scans', () => {
  it('a fever alerts butler and grid worker; two in a row escalate to the epidemic team; the board shows it', async () => {
    const { token } = await quarantined('13933330020', 20)
    clock.now = () => at('2026-03-02T09:00:00')
    await cloud.ok(token, 'health', {
      action: 'report',
      temperature: 38.1,
      symptoms: ['cough'],
      requestId: 'fever-request-1',
    })
    for (const t of [butler, gridWorker]) {
      const box = await cloud.ok<{ items: { title: string; body: string }[] }>(t, 'account', {
        action: 'inbox',
      })
      // Seeded messages carry today's real date, later than the fixed clock: look for the alert, not the top item.
      expect(box.items).toContainEqual(
        expect.objectContaining({ title: '发热提醒', body: expect.stringContaining('38.1') }),
      )
    }
    const teamBefore = await cloud.ok<{ items: { title: string }[] }>(epidemic, 'account', {
      action: 'inbox',
    })
    expect(teamBefore.items.map((i) => i.title)).not.toContain('连续发热，请防疫专业队伍处置')
    clock.now = () => at('2026-03-02T13:00:00')
    await cloud.ok(token, 'health', {
      action: 'report',
      temperature: 38.4,
      symptoms: [],
      requestId: 'fever-request-2',
    })
    const team = await cloud.ok<{ items: { title: string }[] }>(epidemic, 'account', { action: 'inbox' })
    expect(team.items.map((i) => i.title)).toContain('连续发热，请防疫专业队伍处置')

    const board = await cloud.ok<{
      counts: { fever: number }
      rows: { name: string; cells: Record<string, { state: string; temperature: number }> }[]
    }>(butler, 'health', { action: 'board', date: '2026-03-02' })
    // Fevers lead the board (another test's person may share the date).
    expect(board.rows.find((r) => r.name === '隔离人员20')).toMatchObject({
      name: '隔离人员20',
      cells: { morning: { state: 'fever', temperature: 38.1 }, afternoon: { state: 'fever' } },
    })
    expect(board.rows[0]!.cells.morning.state).toBe('fever')
    expect(board.counts.fever).toBeGreaterThanOrEqual(2)
  })

  it('the scan marks missed slots and alerts each butler once, however often it runs', async () => {
    const { quarantineId } = await quarantined('13933330030', 30)
    clock.now = () => at('2026-03-03T12:00:05')
    await cloud.timer('healthScan', new Date(at('2026-03-03T12:00:00')))
    await cloud.timer('healthScan', new Date(at('2026-03-03T12:00:00')))
    const after = await cloud.ok<{ items: { title: string; body: string }[] }>(butler, 'account', {
      action: 'inbox',
      pageSize: 50,
    })
    const missedAlerts = after.items.filter((i) => i.title === '漏报提醒' && i.body.includes('隔离人员30'))
    expect(missedAlerts).toHaveLength(1)
    const hist = await cloud.ok<{ reports: { date: string; slot: string; status: string }[] }>(
      gridWorker,
      'health',
      { action: 'history', quarantineId },
    )
    expect(hist.reports).toContainEqual(
      expect.objectContaining({ date: '2026-03-03', slot: 'morning', status: 'missed' }),
    )
  })

  it('the scan refuses to run for a client', async () => {
    const r = await cloud.call(butler, 'healthScan', { Type: 'Timer', Time: new Date().toISOString() })
    expect(r.body).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' })
    const anonymous = await cloud.call(undefined, 'healthScan', {
      Type: 'Timer',
      Time: new Date().toISOString(),
    })
    expect(anonymous.body).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' })
  })

  it('a release at the end date happens once', async () => {
    const { token, quarantineId } = await quarantined('13933330040', 40)
    clock.now = () => at('2026-03-16T00:00:01')
    const first = await cloud.timer<{ done: Record<string, { released: number }> }>(
      'healthScan',
      new Date(at('2026-03-16T00:00:00')),
    )
    const second = await cloud.timer<{ done: Record<string, { released: number }> }>(
      'healthScan',
      new Date(at('2026-03-16T00:00:00')),
    )
    expect(first.done['street-demo:release']!.released).toBeGreaterThanOrEqual(1)
    expect(second.done['street-demo:release']!.released).toBe(0)
    const hist = await cloud.ok<{ quarantine: { status: string; changes: { type: string }[] } }>(
      admin,
      'health',
      { action: 'history', quarantineId },
    )
    expect(hist.quarantine.status).toBe('released')
    expect(hist.quarantine.changes.filter((c) => c.type === 'autoRelease')).toHaveLength(1)
    const mine = await cloud.ok<{ quarantine: null }>(token, 'health', { action: 'myStatus' })
    expect(mine.quarantine).toBeNull()
  })
})

describe('privacy and refusals', () => {
  it('ID numbers are masked except to the person and the admin', async () => {
    const { token, quarantineId } = await quarantined('13933330050', 50)
    const own = await cloud.ok<{ idNumber: string }>(token, 'health', { action: 'history' })
    expect(own.idNumber).toBe(idNumber(50))
    expect(
      (await cloud.ok<{ idNumber: string }>(admin, 'health', { action: 'history', quarantineId })).idNumber,
    ).toBe(idNumber(50))
    expect(
      (await cloud.ok<{ idNumber: string }>(butler, 'health', { action: 'history', quarantineId })).idNumber,
    ).toMatch(/^330\*{11}\d{3}[\dX]$/)
  })

  it('readers outside the grid, other departments and residents cannot read health records', async () => {
    const { quarantineId } = await quarantined('13933330060', 60)
    const { invite } = await cloud.ok<{ invite: { code: string } }>(admin, 'account', {
      action: 'createInvite',
      role: 'butler',
      scope: { streetId: 'street-demo', communityId: 'community-heping', gridId: 'grid-heping-1' },
    })
    const otherButler = await cloud.newUser('13933330061', 'resident', '别网格管家')
    await cloud.ok(otherButler, 'account', { action: 'redeemInvite', code: invite.code })
    const stranger = await cloud.newUser('13933330062', 'resident')
    for (const [token, code] of [
      [otherButler, 'FORBIDDEN_SCOPE'],
      [economy, 'FORBIDDEN_SCOPE'],
      [stranger, 'FORBIDDEN_SCOPE'],
    ] as const) {
      expect((await cloud.call(token, 'health', { action: 'history', quarantineId })).body).toMatchObject({
        ok: false,
        code,
      })
    }
    expect(
      (await cloud.call(otherButler, 'health', { action: 'board', gridId: 'grid-xingfu-1' })).body,
    ).toMatchObject({ code: 'FORBIDDEN_SCOPE' })
    expect(
      (await cloud.call(economy, 'health', { action: 'board', gridId: 'grid-xingfu-1' })).body,
    ).toMatchObject({ code: 'FORBIDDEN_ROLE' })
    expect((await cloud.call(stranger, 'health', { action: 'board' })).body).toMatchObject({
      code: 'FORBIDDEN_ROLE',
    })
    expect(
      (
        await cloud.call(stranger, 'health', {
          action: 'recordFor',
          quarantineId,
          temperature: 36.5,
          requestId: 'xxxxxxxx',
        })
      ).body,
    ).toMatchObject({
      code: 'FORBIDDEN_ROLE',
    })
    expect(
      (await cloud.call(otherButler, 'health', { action: 'extend', quarantineId, days: 3, reason: '复查' }))
        .body,
    ).toMatchObject({ code: 'FORBIDDEN_ROLE' })
    expect((await cloud.call(butler, 'health', { action: 'setRules' })).body).toMatchObject({
      code: 'FORBIDDEN_ROLE',
    })
  })

  it('a butler records for someone without a phone; staff extend and release with a reason', async () => {
    const { quarantineId } = await quarantined('13933330070', 70)
    clock.now = () => at('2026-03-02T10:00:00')
    const r = await cloud.ok<{ report: { recordedBy: string } }>(butler, 'health', {
      action: 'recordFor',
      quarantineId,
      temperature: 36.6,
      requestId: 'butler-rec-1',
    })
    expect(r.report.recordedBy).toBe('赵磊')
    expect(
      (await cloud.call(gridWorker, 'health', { action: 'extend', quarantineId, days: 7 })).body,
    ).toMatchObject({ code: 'INVALID_INPUT' })
    expect(
      await cloud.ok(gridWorker, 'health', {
        action: 'extend',
        quarantineId,
        days: 7,
        reason: '同住人出现症状',
      }),
      // 03-15 (14 days from the 03-01 arrival) plus 7.
    ).toEqual({ endDate: '2026-03-22' })
    expect(
      await cloud.ok(epidemic, 'health', { action: 'release', quarantineId, reason: '核酸两次阴性' }),
    ).toEqual({ status: 'released' })
    expect(
      (await cloud.call(admin, 'health', { action: 'release', quarantineId, reason: '再次解除' })).body,
    ).toMatchObject({ code: 'NOT_IN_QUARANTINE' })
  })

  it('rules are versioned and only the admin sets them', async () => {
    const { rules } = await cloud.ok<{ rules: { version: number; feverThreshold: number } }>(
      butler,
      'health',
      { action: 'getRules' },
    )
    expect(rules.feverThreshold).toBe(37.3)
    const next = { ...rules, version: undefined, effectiveFrom: '2020-01-02', feverThreshold: 37.5 }
    delete (next as { version?: number }).version
    const set = await cloud.ok<{ rules: { version: number } }>(admin, 'health', {
      action: 'setRules',
      ...next,
    })
    expect(set.rules.version).toBe(2)
    expect(
      (await cloud.ok<{ rules: { feverThreshold: number } }>(butler, 'health', { action: 'getRules' })).rules
        .feverThreshold,
    ).toBe(37.5)
  })

  it("a change that leaves out the 一日两检 windows keeps the street's own", async () => {
    type Rules = Record<string, unknown> & { version: number; onsiteSlots?: unknown }
    const get = async () => (await cloud.ok<{ rules: Rules }>(admin, 'health', { action: 'getRules' })).rules
    const { version: _v, ...current } = await get()
    const onsiteSlots = {
      morning: { start: '07:30', end: '11:00' },
      afternoon: { start: '13:30', end: '17:00' },
    }
    await cloud.ok(admin, 'health', { action: 'setRules', ...current, onsiteSlots })
    const { onsiteSlots: _o, ...withoutWindows } = current
    await cloud.ok(admin, 'health', { action: 'setRules', ...withoutWindows, feverThreshold: 37.4 })
    expect(await get()).toMatchObject({ feverThreshold: 37.4, onsiteSlots })
  })
})

describe('slot windows with a gap between them', () => {
  it('at noon between 06–10 and 14–20, the morning is missed and the afternoon is still to come', async () => {
    // From April on the street reports 06:00–10:00 and 14:00–20:00; earlier dates keep their rules.
    const { rules } = await cloud.ok<{ rules: Record<string, unknown> }>(admin, 'health', {
      action: 'getRules',
    })
    const { version: _v, ...current } = rules
    await cloud.ok(admin, 'health', {
      action: 'setRules',
      ...current,
      effectiveFrom: '2026-04-01',
      slots: { morning: { start: '06:00', end: '10:00' }, afternoon: { start: '14:00', end: '20:00' } },
    })
    clock.now = () => at('2026-04-02T07:00:00')
    const token = await cloud.newUser('13933330090', 'employee', '隔离人员90')
    await cloud.ok(token, 'health', declaration('13933330090', 90, { arrivalDate: '2026-04-01' }))

    type Cells = Record<'morning' | 'afternoon', { state: string }>
    const states = async () => {
      const board = await cloud.ok<{ rows: { name: string; cells: Cells }[] }>(butler, 'health', {
        action: 'board',
      })
      const row = board.rows.find((r) => r.name === '隔离人员90')!
      const mine = await cloud.ok<{ todaySlots: { slot: string; state: string }[] }>(token, 'health', {
        action: 'myStatus',
      })
      const card = Object.fromEntries(mine.todaySlots.map((s) => [s.slot, s.state]))
      // The card and the board read the slot the same way.
      expect(card).toEqual({ morning: row.cells.morning.state, afternoon: row.cells.afternoon.state })
      return card
    }

    expect(await states()).toEqual({ morning: 'pending', afternoon: 'upcoming' })
    clock.now = () => at('2026-04-02T12:00:00')
    expect(await states()).toEqual({ morning: 'missing', afternoon: 'upcoming' })
    expect((await report(token, 36.5)).body).toMatchObject({
      ok: false,
      code: 'REPORT_SLOT_CLOSED',
      message: '现在不在报备时间内。上午 06:00–10:00，下午 14:00–20:00',
    })
    clock.now = () => at('2026-04-02T14:00:00')
    expect(await states()).toEqual({ morning: 'missing', afternoon: 'pending' })
    expect((await report(token, 36.5)).body).toMatchObject({
      ok: true,
      data: { report: { slot: 'afternoon' } },
    })
    expect(await states()).toEqual({ morning: 'missing', afternoon: 'ok' })
  })
})
