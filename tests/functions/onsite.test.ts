import ExcelJS from 'exceljs'
import { clock } from '../../cloudfunctions/_lib/clock'
import { DEMO, TestCloud } from '../helpers/cloud'
import { insert } from '../helpers/world'
import { seedOnsiteEnterprise, staffDeclaration } from '../../emulator/seedOnsite'

/**
 * 企业一日两检 through the real SDK against the local cloud: the owner names the safety officer, the officer puts
 * staff on site, staff record their own checks in the street's windows (Asia/Shanghai), the officer confirms and
 * reads the board, a positive antigen or a fever stops the person and alerts the epidemic team and the grid worker
 * in the same call, the epidemic team closes the case, and the timer marks missed checks and reminds once.
 */

let cloud: TestCloud
let owner: string
let epidemic: string
let economy: string
let gridWorker: string
const people: Record<'officer' | 'b' | 'c' | 'outsider', { token: string; accountId: string }> = {} as never

const ENT = 'ent-onsite-test'
const DRAFT = 'ent-onsite-draft'
/** A Shanghai wall-clock moment on the test day. */
const at = (t: string) => Date.parse(`2026-04-01T${t}+08:00`)
const set = (t: string) => {
  clock.now = () => at(t)
}
const db = () => cloud.sdk().database()

async function employee(phone: string, name: string, enterpriseId: string | null) {
  const token = await cloud.newUser(phone, 'employee', name)
  const { account } = await cloud.ok<{ account: { _id: string } }>(token, 'account', { action: 'me' })
  if (enterpriseId)
    await insert(
      cloud,
      'declarations',
      staffDeclaration({
        _id: `decl-${account._id}`,
        accountId: account._id,
        enterpriseId,
        name,
        idNumber: '330106199001010012',
        phone,
        room: '101',
        arrivalDate: '2026-03-20',
        createdAt: at('07:00'),
      }),
    )
  return { token, accountId: account._id }
}

const check = (token: string, extra: Record<string, unknown> = {}) =>
  cloud.call<{ check: { _id: string; fever: boolean; positive: boolean }; stopped: boolean }>(
    token,
    'onsite',
    {
      action: 'record',
      enterpriseId: ENT,
      temperature: 36.5,
      antigen: 'negative',
      pcrSampled: true,
      ...extra,
    },
  )
const code = (r: { body: { ok: boolean; code?: string } }) => (r.body.ok ? 'ok' : r.body.code)
const titles = async (token: string) =>
  (await cloud.ok<{ items: { title: string; body: string }[] }>(token, 'account', { action: 'inbox' })).items

type Board = {
  rows: {
    name: string
    stopped: boolean
    cells: Record<string, { state: string; check: { _id: string } | null }>
  }[]
  counts: Record<string, number>
  enterprise: { flagged: boolean; officerName: string | null }
  cases: { _id: string; name: string }[]
  roster: { name: string; onSite: boolean }[]
}
const board = (token: string) => cloud.ok<Board>(token, 'onsite', { action: 'board', enterpriseId: ENT })

beforeAll(async () => {
  cloud = await TestCloud.start()
  ;[owner, epidemic, economy, gridWorker] = await Promise.all(
    [DEMO.owner, DEMO.epidemic, DEMO.economy, DEMO.gridWorker].map((p) => cloud.login(p)),
  )
  const admin = cloud.sdk()
  set('07:00')
  await seedOnsiteEnterprise(
    admin.database(),
    { _id: ENT, name: '一日两检测试厂', status: 'reopened' },
    at('07:00'),
  )
  await seedOnsiteEnterprise(
    admin.database(),
    { _id: DRAFT, name: '未复工企业', status: 'draft' },
    at('07:00'),
  )
  people.officer = await employee('13977770001', '安全员甲', ENT)
  people.b = await employee('13977770002', '职工乙', ENT)
  people.c = await employee('13977770003', '职工丙', ENT)
  people.outsider = await employee('13977770004', '外人丁', null)
})
afterAll(async () => {
  clock.now = () => Date.now()
  await cloud.stop()
})

describe('the officer and who is on site', () => {
  it('only the owner names the officer, from the enterprise people; audit logged and the officer told', async () => {
    const asEmployee = await cloud.call(people.b.token, 'onsite', {
      action: 'setOfficer',
      enterpriseId: ENT,
      accountId: people.b.accountId,
    })
    expect(code(asEmployee)).toBe('FORBIDDEN_ROLE')
    const stranger = await cloud.call(owner, 'onsite', {
      action: 'setOfficer',
      enterpriseId: ENT,
      accountId: people.outsider.accountId,
    })
    expect(code(stranger)).toBe('ONSITE_NOT_STAFF')
    const draft = await cloud.call(owner, 'onsite', {
      action: 'setOfficer',
      enterpriseId: DRAFT,
      accountId: 'account-demo-owner',
    })
    expect(code(draft)).toBe('APPLICATION_NOT_REOPENED')
    const r = await cloud.ok<{ officerName: string }>(owner, 'onsite', {
      action: 'setOfficer',
      enterpriseId: ENT,
      accountId: people.officer.accountId,
    })
    expect(r.officerName).toBe('安全员甲')
    expect((await titles(people.officer.token)).map((i) => i.title)).toContain('您已被指定为企业安全员')
    const { data: audit } = await db().collection('audit_logs').where({ action: 'onsite.setOfficer' }).get()
    expect(audit).toHaveLength(1)
  })

  it('the officer puts staff on site; a plain employee may not, nor anyone for a stranger', async () => {
    expect(
      code(
        await cloud.call(people.b.token, 'onsite', {
          action: 'setOnSite',
          enterpriseId: ENT,
          accountId: people.c.accountId,
          onSite: true,
        }),
      ),
    ).toBe('FORBIDDEN_SCOPE')
    for (const p of [people.officer, people.b, people.c])
      await cloud.ok(people.officer.token, 'onsite', {
        action: 'setOnSite',
        enterpriseId: ENT,
        accountId: p.accountId,
        onSite: true,
      })
    const b = await board(people.officer.token)
    expect(
      b.roster
        .filter((p) => p.onSite)
        .map((p) => p.name)
        .sort(),
    ).toEqual(['安全员甲', '职工丙', '职工乙'].sort())
    expect(b.enterprise.officerName).toBe('安全员甲')
  })
})

describe('recording in the windows (Asia/Shanghai, default 08:00–12:00 and 14:00–18:00)', () => {
  it('is closed at 07:59, open at 08:00, closed again at 12:00', async () => {
    set('07:59')
    const early = await check(people.b.token)
    expect(code(early)).toBe('ONSITE_WINDOW_CLOSED')
    expect((early.body as { message: string }).message).toContain('上午 08:00–12:00')
    set('12:00')
    expect(code(await check(people.b.token))).toBe('ONSITE_WINDOW_CLOSED')
    set('08:00')
    const r = await check(people.b.token, { requestId: 'onsite-b-morning' })
    expect(r.body).toMatchObject({
      ok: true,
      data: { stopped: false, check: { fever: false, positive: false } },
    })
  })

  it('one check per person per window under a double tap: ten at once, one written, the rest refused', async () => {
    set('09:00')
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) => check(people.c.token, { requestId: `onsite-tap-${i}-abcdef` })),
    )
    expect(replies.map(code).filter((c) => c === 'ok')).toHaveLength(1)
    expect(replies.map(code).filter((c) => c === 'ONSITE_ALREADY_CHECKED')).toHaveLength(9)
    const { total } = await db()
      .collection('onsite_checks')
      .where({ accountId: people.c.accountId, date: '2026-04-01', slot: 'morning' })
      .count()
    expect(total).toBe(1)
  })

  it("the officer confirms a person's own check; what the officer enters is confirmed by that", async () => {
    set('10:00')
    let b = await board(people.officer.token)
    const row = b.rows.find((r) => r.name === '职工乙')!
    expect(row.cells.morning!.state).toBe('unconfirmed')
    await cloud.ok(people.officer.token, 'onsite', {
      action: 'confirm',
      checkId: row.cells.morning!.check!._id,
    })
    // Another employee may record only their own.
    expect(code(await check(people.b.token, { accountId: people.officer.accountId }))).toBe('FORBIDDEN_SCOPE')
    await cloud.ok(people.officer.token, 'onsite', {
      action: 'record',
      enterpriseId: ENT,
      accountId: people.officer.accountId,
      temperature: 36.4,
      antigen: 'negative',
      pcrSampled: false,
    })
    b = await board(people.officer.token)
    const states = Object.fromEntries(b.rows.map((r) => [r.name, r.cells.morning!.state]))
    expect(states).toEqual({ 安全员甲: 'ok', 职工乙: 'ok', 职工丙: 'unconfirmed' })
    expect(code(await check(people.outsider.token))).toBe('ONSITE_NOT_ON_SITE')
  })
})

describe('a positive antigen or a fever', () => {
  it('stops the person, flags the enterprise and alerts the epidemic team and the grid worker in the same call', async () => {
    set('14:00')
    const before = (await titles(epidemic)).length
    const r = await check(people.c.token, {
      antigen: 'positive',
      photo: 'cloud://reopen-local.emulator/onsite/c.jpg',
    })
    expect(r.body).toMatchObject({ ok: true, data: { stopped: true, check: { positive: true } } })
    const alerts = await titles(epidemic)
    expect(alerts.length).toBe(before + 1)
    const alert = alerts.find((i) => i.title === '企业职工抗原阳性')
    expect(alert?.body).toContain('职工丙')
    expect((await titles(gridWorker)).map((i) => i.title)).toContain('企业职工抗原阳性')
    const { data: audit } = await db().collection('audit_logs').where({ action: 'onsite.stop' }).get()
    expect(audit).toHaveLength(1)
    const b = await board(people.officer.token)
    expect(b.enterprise.flagged).toBe(true)
    expect(b.rows[0]).toMatchObject({ name: '职工丙', stopped: true })
    expect(b.rows[0]!.cells.afternoon!.state).toBe('positive')
    // No more checks until the case is closed.
    set('14:05')
    expect(code(await check(people.c.token))).toBe('ONSITE_STOPPED')
  })

  it('a fever is the street threshold itself (37.3 stops, 37.2 does not)', async () => {
    set('14:30')
    const normal = await cloud.ok<{ stopped: boolean }>(people.officer.token, 'onsite', {
      action: 'record',
      enterpriseId: ENT,
      temperature: 37.2,
      antigen: 'negative',
      pcrSampled: true,
    })
    expect(normal.stopped).toBe(false)
    const fever = await check(people.b.token, { temperature: 37.3 })
    expect(fever.body).toMatchObject({ ok: true, data: { stopped: true, check: { fever: true } } })
    expect((await titles(epidemic)).map((i) => i.title)).toContain('企业职工发热')
  })

  it('only the epidemic team closes a case; the enterprise stays flagged until its last case is closed', async () => {
    const b = await board(epidemic)
    expect(b.cases.map((c) => c.name).sort()).toEqual(['职工丙', '职工乙'].sort())
    const [first, second] = b.cases
    for (const token of [owner, economy, gridWorker, people.officer.token])
      expect(
        code(
          await cloud.call(token, 'onsite', { action: 'closeCase', caseId: first!._id, note: '核酸阴性' }),
        ),
      ).toBe('FORBIDDEN_ROLE')
    await cloud.ok(epidemic, 'onsite', {
      action: 'closeCase',
      caseId: first!._id,
      note: '核酸阴性，恢复上岗',
    })
    expect((await board(epidemic)).enterprise.flagged).toBe(true)
    expect(
      code(
        await cloud.call(epidemic, 'onsite', { action: 'closeCase', caseId: first!._id, note: '再结一次' }),
      ),
    ).toBe('CASE_CLOSED')
    await cloud.ok(epidemic, 'onsite', { action: 'closeCase', caseId: second!._id, note: '已送医治疗' })
    const after = await board(epidemic)
    expect(after.enterprise.flagged).toBe(false)
    expect(after.rows.every((r) => !r.stopped)).toBe(true)
    const { data: audit } = await db().collection('audit_logs').where({ action: 'onsite.closeCase' }).get()
    expect(audit).toHaveLength(2)
  })
})

describe('the timer', () => {
  it('marks missed checks once a window closes and reminds the officer once', async () => {
    // Before 18:00 nothing is missed yet.
    set('17:59')
    await cloud.timer('onsiteScan', new Date(at('17:59')))
    const { data: none } = await db().collection('onsite_checks').where({ status: 'missed' }).get()
    expect(none).toEqual([])
    set('18:00')
    const first = await cloud.timer<{ done: Record<string, { missed: number; reminded: number }> }>(
      'onsiteScan',
      new Date(at('18:00')),
    )
    // Everyone on site checked in both windows.
    expect(first.done['street-demo']).toEqual({ missed: 0, reminded: 0 })
  })

  it('missed: a person on site who did not check in the afternoon, one reminder however often it runs', async () => {
    // The next day: only the officer checks in the morning.
    clock.now = () => Date.parse('2026-04-02T09:00:00+08:00')
    await check(people.officer.token)
    clock.now = () => Date.parse('2026-04-02T12:10:00+08:00')
    const run = () =>
      cloud.timer<{ done: Record<string, { missed: number; reminded: number }> }>(
        'onsiteScan',
        new Date(Date.parse('2026-04-02T12:10:00+08:00')),
      )
    expect((await run()).done['street-demo']).toEqual({ missed: 2, reminded: 1 })
    expect((await run()).done['street-demo']).toEqual({ missed: 0, reminded: 0 })
    const reminders = (await titles(people.officer.token)).filter((i) => i.title === '一日两检有人漏检')
    expect(reminders).toHaveLength(1)
    expect(reminders[0]!.body).toContain('职工乙')
    const b = await cloud.ok<Board>(people.officer.token, 'onsite', {
      action: 'board',
      enterpriseId: ENT,
      date: '2026-04-02',
    })
    expect(b.rows.slice(0, 2).map((r) => r.cells.morning!.state)).toEqual(['missing', 'missing'])
    expect(b.counts).toMatchObject({ missing: 2, done: 1 })
  })
})

describe('企业一日两检台账 and the dashboard', () => {
  it('the ledger of a day opens in Excel: every check (missed ones too) and the cases with how they were closed', async () => {
    clock.now = () => Date.parse('2026-04-02T12:20:00+08:00')
    const admin = await cloud.login(DEMO.admin)
    const economyRefused = await cloud.call(economy, 'stats', {
      action: 'exportLedger',
      kind: 'onsiteChecks',
      date: '2026-04-01',
    })
    expect(code(economyRefused)).toBe('FORBIDDEN_ROLE')
    const file = await cloud.ok<{ url: string; fileName: string; sheets: { name: string; rows: number }[] }>(
      admin,
      'stats',
      { action: 'exportLedger', kind: 'onsiteChecks', date: '2026-04-01' },
    )
    expect(file.fileName).toBe('企业一日两检台账-东湖街道-2026-04-01.xlsx')
    expect(file.sheets).toEqual([
      { name: '一日两检', rows: 6 },
      { name: '阳性与发热处置', rows: 2 },
    ])
    const res = await fetch(encodeURI(file.url))
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()))
    const [checks, cases] = wb.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet]
    const rows = (ws: ExcelJS.Worksheet) => {
      const head = (ws.getRow(1).values as unknown[]).slice(1)
      const out: Record<string, unknown>[] = []
      ws.eachRow((row, n) => {
        if (n > 1) out.push(Object.fromEntries(head.map((h, i) => [String(h), row.getCell(i + 1).value])))
      })
      return out
    }
    const c = rows(checks)
    expect(c.map((r) => [r['姓名'], r['时段'], r['结果']])).toEqual(
      expect.arrayContaining([
        ['职工丙', '下午', '抗原阳性'],
        ['职工乙', '下午', '发热'],
        ['职工乙', '上午', '正常'],
      ]),
    )
    expect(c.find((r) => r['结果'] === '抗原阳性')).toMatchObject({ 抗原照片: '有', 企业: '一日两检测试厂' })
    expect(
      rows(cases)
        .map((r) => [r['姓名'], r['状态'], r['处置结果']])
        .sort(),
    ).toEqual(
      [
        ['职工丙', '已结案', expect.any(String)],
        ['职工乙', '已结案', expect.any(String)],
      ].sort(),
    )
  })

  it('each figure equals its list: due, done, missed, positive, fever, enterprises flagged', async () => {
    const admin = await cloud.login(DEMO.admin)
    const period = { from: '2026-04-01', to: '2026-04-02' }
    const { figures } = await cloud.ok<{ figures: Record<string, number> }>(admin, 'stats', {
      action: 'dashboard',
      ...period,
    })
    expect({
      due: figures['onsite.due'],
      done: figures['onsite.done'],
      missed: figures['onsite.missed'],
      positive: figures['onsite.positive'],
      fever: figures['onsite.fever'],
      flagged: figures['onsite.flagged'],
    }).toEqual({ due: 6, done: 7, missed: 2, positive: 1, fever: 1, flagged: 0 })
    for (const key of ['onsite.done', 'onsite.missed', 'onsite.positive', 'onsite.fever', 'onsite.flagged']) {
      const l = await cloud.ok<{ total: number; items: unknown[] }>(admin, 'stats', {
        action: 'list',
        figure: key,
        ...period,
        pageSize: 50,
      })
      expect([key, l.total, l.items.length]).toEqual([key, figures[key], figures[key]])
    }
    const due = await cloud.ok<{ items: { checksDueToday: number }[] }>(admin, 'stats', {
      action: 'list',
      figure: 'onsite.due',
      ...period,
      pageSize: 50,
    })
    expect(due.items.reduce((n, r) => n + r.checksDueToday, 0)).toBe(figures['onsite.due'])
  })
})
