import ExcelJS from 'exceljs'
import {
  SENSITIVE,
  WHO_SEES,
  enterpriseSeer,
  errandSeer,
  personSeer,
  type Seer,
  type Sensitive,
  type View,
} from '../../shared/mask'
import type { Principal } from '../../shared/policy'
import type { LedgerFile } from '../../shared/stats'
import { TestCloud } from '../helpers/cloud'
import { IDS, PLACES, accountId, appOf, buildWorld, phoneOf, type Who, type World } from '../helpers/world'

/**
 * The masking policy (shared/mask.ts) in every place a sensitive field leaves a function — one-record replies,
 * lists, boards and the Excel ledgers (read back with exceljs) — for every role that may look. What each role
 * should see is worked out from the WHO_SEES table, not written here: full, or the mask.
 */

jest.setTimeout(120_000)

let cloud: TestCloud
let world: World
let idNumberOfQX = ''

// What the world's records hold, in full.
const PERSON_PHONE = '13800138000'
const ROOM = '301'
const CONTACT_PHONE = '13955501234'
const OFFICER_PHONE = '13955505678'

const QX = { accountId: accountId('quarantined'), ...PLACES.x1 }
const ENT_X = { ownerId: accountId('owner'), managerIds: [], ...PLACES.x1 }
const ERR_X = { requesterId: accountId('quarantined'), assigneeId: accountId('butler'), ...PLACES.x1 }
const HH_X = { accountId: IDS.hhX, ...PLACES.x1 }

type Data = Record<string, unknown>
type Row = Record<string, unknown>

/** One place a sensitive field shows: the call, the viewer's standing, and where the value sits in the answer. */
interface Place {
  name: string
  field: Sensitive
  view: View
  callers: Who[]
  full: () => string
  seer: (p: Principal) => Seer
  /** The value(s) found; an empty list means the field is left out altogether (stricter than a mask). */
  read: (token: string) => Promise<string[]>
}

async function data(token: string, fn: string, event: Data): Promise<Data> {
  return cloud.ok<Data>(token, fn, event)
}
const rows = (d: Data, key = 'items') => d[key] as Row[]
const one = <T>(x: T | undefined) => (x === undefined || x === null ? [] : [String(x)])

async function ledger(token: string, event: Data): Promise<ExcelJS.Workbook> {
  const file = (await data(token, 'stats', { action: 'exportLedger', ...event })) as unknown as LedgerFile
  const res = await fetch(encodeURI(file.url))
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()))
  return wb
}
/** The cells under `header` in the rows whose `keyHeader` cell is `key`. */
function cellsOf(ws: ExcelJS.Worksheet, keyHeader: string, key: string, header: string): string[] {
  const headers = (ws.getRow(1).values as unknown[]).slice(1)
  const k = headers.indexOf(keyHeader) + 1
  const h = headers.indexOf(header) + 1
  expect([ws.name, header, h > 0]).toEqual([ws.name, header, true])
  const out: string[] = []
  ws.eachRow((row, n) => {
    if (n > 1 && row.getCell(k).value === key) out.push(String(row.getCell(h).value))
  })
  expect(out.length).toBeGreaterThan(0)
  return out
}

const QUARANTINE_WATCHERS: Who[] = [
  'quarantined',
  'butler',
  'gridWorker',
  'epidemic',
  'streetAdmin',
  'communityAdmin',
]
const BOARD_READERS: Who[] = ['butler', 'gridWorker', 'epidemic', 'streetAdmin', 'communityAdmin']
const STATS_HEALTH: Who[] = ['gridWorker', 'epidemic', 'streetAdmin', 'communityAdmin']
const ENTERPRISE_WATCHERS: Who[] = [
  'owner',
  'economy',
  'gridWorker',
  'butler',
  'streetAdmin',
  'communityAdmin',
]
const STATS_ALL: Who[] = ['gridWorker', 'economy', 'streetAdmin', 'communityAdmin']

const history = (token: string) => data(token, 'health', { action: 'history', quarantineId: IDS.qX })
const keyPersons = async (token: string) =>
  rows(await data(token, 'health', { action: 'listKeyPersons', gridId: PLACES.x1.gridId })).filter(
    (r) => r._id === IDS.qX,
  )
const statsQuarantines = async (token: string) =>
  rows(
    await data(token, 'stats', {
      action: 'list',
      figure: 'quarantine.active',
      scope: PLACES.x1,
      pageSize: 50,
    }),
  ).filter((r) => r._id === IDS.qX)
const quarantineLedger = async (token: string, header: string) =>
  cellsOf(
    (await ledger(token, { kind: 'keyPersons', scope: PLACES.x1 })).getWorksheet('居家隔离')!,
    '身份证号',
    SENSITIVE.idNumber.mask(idNumberOfQX),
    header,
  )
const application = (token: string) =>
  data(token, 'application', { action: 'get', applicationId: appOf(IDS.entXRev) }) as Promise<{
    application: { form: { safetyOfficer: { phone: string } } }
    enterprise: { contactPhone: string }
  }>
/** The cells of the enterprise ledger's `sheet` under `header`, in the rows of the reviewed enterprise. */
const enterpriseLedger = async (token: string, sheet: string, header: string) =>
  cellsOf(
    (await ledger(token, { kind: 'enterprises', scope: PLACES.x1 })).getWorksheet(sheet)!,
    '企业名称',
    `企业${IDS.entXRev}`,
    header,
  )

const PLACES_SHOWN: Place[] = [
  // Health: one person's record, opened on purpose.
  ...(
    [
      ['phone', async (t: string) => one(((await history(t)).quarantine as Row).phone)],
      ['room', async (t: string) => one(((await history(t)).quarantine as Row).room)],
      ['idNumber', async (t: string) => one((await history(t)).idNumber)],
    ] as const
  ).map(([field, read]) => ({
    name: `health.history ${field}`,
    field,
    view: 'record' as const,
    callers: QUARANTINE_WATCHERS,
    full: () => ({ phone: PERSON_PHONE, room: ROOM, idNumber: idNumberOfQX })[field],
    seer: (p: Principal) => personSeer(p, QX),
    read,
  })),
  {
    name: 'health.myStatus idNumber',
    field: 'idNumber',
    view: 'record',
    callers: ['quarantined'],
    full: () => idNumberOfQX,
    seer: (p) => personSeer(p, QX),
    read: async (t) => one(((await data(t, 'health', { action: 'myStatus' })).declaration as Row).idNumber),
  },
  // Health: lists and boards.
  {
    name: 'health.board room',
    field: 'room',
    view: 'list',
    callers: BOARD_READERS,
    full: () => ROOM,
    seer: (p) => personSeer(p, QX),
    read: async (t) =>
      rows(await data(t, 'health', { action: 'board', gridId: PLACES.x1.gridId }), 'rows')
        .filter((r) => r.quarantineId === IDS.qX)
        .map((r) => String(r.room)),
  },
  ...(['phone', 'room'] as const).map((field) => ({
    name: `health.listKeyPersons ${field}`,
    field,
    view: 'list' as const,
    callers: BOARD_READERS,
    full: () => (field === 'phone' ? PERSON_PHONE : ROOM),
    seer: (p: Principal) => personSeer(p, QX),
    read: async (t: string) => (await keyPersons(t)).map((r) => String(r[field])),
  })),
  ...(['phone', 'room'] as const).map((field) => ({
    name: `stats.list quarantine.active ${field}`,
    field,
    view: 'list' as const,
    callers: STATS_HEALTH,
    full: () => (field === 'phone' ? PERSON_PHONE : ROOM),
    seer: (p: Principal) => personSeer(p, QX),
    read: async (t: string) => (await statsQuarantines(t)).map((r) => String(r[field])),
  })),
  ...(
    [
      ['phone', '联系电话'],
      ['room', '门牌号'],
    ] as const
  ).map(([field, header]) => ({
    name: `ledger keyPersons 居家隔离 ${header}`,
    field,
    view: 'list' as const,
    callers: STATS_HEALTH,
    full: () => (field === 'phone' ? PERSON_PHONE : ROOM),
    seer: (p: Principal) => personSeer(p, QX),
    read: (t: string) => quarantineLedger(t, header),
  })),
  {
    name: 'ledger keyPersons 居家隔离 身份证号',
    field: 'idNumber',
    view: 'list',
    callers: STATS_HEALTH,
    full: () => idNumberOfQX,
    seer: (p) => personSeer(p, QX),
    // Found by the masked number itself: it is there, and nowhere in full.
    read: (t) => quarantineLedger(t, '身份证号'),
  },
  // Enterprises: the record, the reviewers' queue, the lists and the ledger.
  {
    name: 'application.get enterprise.contactPhone',
    field: 'enterprisePhone',
    view: 'record',
    callers: ENTERPRISE_WATCHERS,
    full: () => CONTACT_PHONE,
    seer: (p) => enterpriseSeer(p, ENT_X),
    read: async (t) => one((await application(t)).enterprise.contactPhone),
  },
  {
    name: 'application.get form.safetyOfficer.phone',
    field: 'enterprisePhone',
    view: 'record',
    callers: ENTERPRISE_WATCHERS,
    full: () => OFFICER_PHONE,
    seer: (p) => enterpriseSeer(p, ENT_X),
    read: async (t) => one((await application(t)).application.form.safetyOfficer.phone),
  },
  {
    name: 'application.listForReview form.safetyOfficer.phone',
    field: 'enterprisePhone',
    view: 'list',
    callers: ['economy', 'safety', 'epidemic'],
    full: () => OFFICER_PHONE,
    seer: (p) => enterpriseSeer(p, ENT_X),
    read: async (t) =>
      rows(await data(t, 'application', { action: 'listForReview', pageSize: 50 }))
        .filter((r) => r._id === appOf(IDS.entXRev))
        .map((r) => (r.form as { safetyOfficer: { phone: string } }).safetyOfficer.phone),
  },
  {
    name: 'stats.list enterprises.total contactPhone',
    field: 'enterprisePhone',
    view: 'list',
    callers: STATS_ALL,
    full: () => CONTACT_PHONE,
    seer: (p) => enterpriseSeer(p, ENT_X),
    read: async (t) =>
      rows(
        await data(t, 'stats', {
          action: 'list',
          figure: 'enterprises.total',
          scope: PLACES.x1,
          pageSize: 50,
        }),
      )
        .filter((r) => r._id === IDS.entXRev)
        .map((r) => String(r.contactPhone)),
  },
  {
    name: 'ledger enterprises 企业名录 联系电话',
    field: 'enterprisePhone',
    view: 'list',
    callers: STATS_ALL,
    full: () => CONTACT_PHONE,
    seer: (p) => enterpriseSeer(p, ENT_X),
    read: (t) => enterpriseLedger(t, '企业名录', '联系电话'),
  },
  {
    name: 'ledger enterprises 复工申请 防疫安全员',
    field: 'enterprisePhone',
    view: 'list',
    callers: STATS_ALL,
    full: () => OFFICER_PHONE,
    seer: (p) => enterpriseSeer(p, ENT_X),
    read: async (t) =>
      (await enterpriseLedger(t, '复工申请', '防疫安全员')).map((cell) => cell.split(' ')[1]!),
  },
  // Errands: the request as each party to it sees it.
  ...(['phone', 'room'] as const).map((field) => ({
    name: `errand.get ${field}`,
    field,
    view: 'record' as const,
    callers: ['quarantined', 'butler', 'gridWorker', 'streetAdmin'] as Who[],
    full: () => (field === 'phone' ? PERSON_PHONE : ROOM),
    seer: (p: Principal) => errandSeer(p, ERR_X),
    read: async (t: string) =>
      one(((await data(t, 'errand', { action: 'get', errandId: IDS.errXClaimed })).errand as Row)[field]),
  })),
  ...(['phone', 'room'] as const).map((field) => ({
    name: `errand.listNeedsHelp ${field}`,
    field,
    view: 'list' as const,
    callers: ['gridWorker'] as Who[],
    full: () => (field === 'phone' ? '13700000004' : '101'),
    seer: (p: Principal) => personSeer(p, HH_X),
    read: async (t: string) =>
      rows(await data(t, 'errand', { action: 'listNeedsHelp' }))
        .filter((r) => r._id === IDS.hhX)
        .map((r) => String(r[field])),
  })),
  // Accounts: one's own, and an admin's list.
  {
    name: 'account.me phone',
    field: 'phone',
    view: 'record',
    callers: ['resident'],
    full: () => phoneOf('resident'),
    seer: () => 'self',
    read: async (t) => one(((await data(t, 'account', { action: 'me' })).account as Row).phone),
  },
  {
    name: 'admin.accounts phone',
    field: 'phone',
    view: 'list',
    callers: ['streetAdmin'],
    full: () => phoneOf('resident'),
    seer: () => 'other',
    read: async (t) =>
      rows(await data(t, 'admin', { action: 'accounts', search: phoneOf('resident') })).map((r) =>
        String(r.phone),
      ),
  },
]

beforeAll(async () => {
  cloud = await TestCloud.start()
  world = await buildWorld(cloud)
  const { data } = await cloud.sdk().database().collection('declarations').doc(`decl-${IDS.qX}`).get()
  idNumberOfQX = (data[0] as { idNumber: string }).idNumber
})
afterAll(() => cloud.stop())

it('every field of the table is checked somewhere, in both views where it is shown', () => {
  const covered = new Set(PLACES_SHOWN.map((p) => `${p.field}:${p.view}`))
  for (const field of Object.keys(WHO_SEES) as Sensitive[]) {
    expect([field, covered.has(`${field}:record`)]).toEqual([field, true])
    expect([field, covered.has(`${field}:list`)]).toEqual([field, true])
  }
})

describe.each(PLACES_SHOWN.map((p) => [p.name, p] as const))('%s', (_name, place) => {
  it.each(place.callers.map((who) => [who] as const))(
    'as %s: full or masked as the table says',
    async (who) => {
      const person = world.people[who]
      const seer = place.seer(person.account!)
      const full = place.full()
      const seesFull = WHO_SEES[place.field][place.view].includes(seer)
      const values = await place.read(person.token!)
      if (seesFull) expect(values).toEqual(values.map(() => full))
      else for (const v of values) expect(v).toBe(SENSITIVE[place.field].mask(full))
      // Whoever sees it in full must find it; a masked field may also be left out altogether.
      if (seesFull) expect(values.length).toBeGreaterThan(0)
    },
  )
})
