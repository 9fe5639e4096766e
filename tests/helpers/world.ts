import type { AccountDoc } from '../../cloudfunctions/_lib/accounts'
import type { ApiKeyDoc } from '../../cloudfunctions/_lib/apiKeys'
import type { InviteDoc } from '../../cloudfunctions/account/model'
import type {
  ApplicationDoc,
  DifficultyDoc,
  EnterpriseDoc,
  PlateDoc,
} from '../../cloudfunctions/application/model'
import type { ErrandDoc, HouseholdDoc, LedgerDoc, SlotDoc } from '../../cloudfunctions/errand/model'
import type { CertificateDoc } from '../../cloudfunctions/certificate/model'
import type { DeclarationDoc, QuarantineDoc } from '../../cloudfunctions/health/model'
import type { MovementDoc, PurchaseDoc, StockDoc } from '../../cloudfunctions/supplies/model'
import type { ApplicationState } from '../../shared/application'
import { creditCodeCheckChar, idNumberCheckChar } from '../../shared/checksums'
import type { ErrandState } from '../../shared/errand'
import { quarantineEnd } from '../../shared/health'
import type { Principal } from '../../shared/policy'
import { DISTRICT_SCOPE, type Department, type Role, type Scope } from '../../shared/roles'
import { shanghaiDate } from '../../shared/time'
import type { TestCloud } from './cloud'
import { buildOnsite } from './onsiteWorld'

/**
 * A small, fixed world for the systematic suites (the policy matrix, the fuzzing, the races): two streets, the
 * demo street's two communities and their grids, one person of every kind, and records of every kind inside and
 * outside each person's scope. Everything is written straight into the store through the SDK (fast, and exactly
 * the documents the functions write); the people sign in through the gateway's own token issuer.
 */

export const A = 'street-demo'
export const XF = 'community-xingfu'
export const HP = 'community-heping'
export const X1 = 'grid-xingfu-1'
export const X2 = 'grid-xingfu-2'
export const H1 = 'grid-heping-1'
export const B = 'street-b'
export const BC = 'community-b'
export const B1 = 'grid-b-1'

export const PLACES = {
  x1: { streetId: A, communityId: XF, gridId: X1 },
  x2: { streetId: A, communityId: XF, gridId: X2 },
  h1: { streetId: A, communityId: HP, gridId: H1 },
  b1: { streetId: B, communityId: BC, gridId: B1 },
} as const
type Place = (typeof PLACES)[keyof typeof PLACES]

/** Everyone the suites call as. `anon` has no token; `newcomer` signed in but never set up an account. */
export const PEOPLE = [
  'anon',
  'newcomer',
  'disabled',
  'resident',
  'employee',
  'owner',
  'owner2',
  'ownerB',
  'quarantined',
  'butler',
  'butler2',
  'gridWorker',
  'gridWorkerH',
  'economy',
  'safety',
  'epidemic',
  'streetAdmin',
  'communityAdmin',
  'streetBAdmin',
  'ownerReviewer',
  'district',
] as const
export type Who = (typeof PEOPLE)[number]

export interface Person {
  who: Who
  token?: string
  /** The account, as the policy sees it; absent for `anon` and `newcomer`. */
  account?: Principal
}

const street = (streetId: string): Scope => ({ streetId })

/** Role, department and scope of every person with an account. */
const ACCOUNTS: Record<
  Exclude<Who, 'anon' | 'newcomer'>,
  { role: Role; department?: Department; scope: Scope }
> = {
  disabled: { role: 'resident', scope: street(A) },
  resident: { role: 'resident', scope: street(A) },
  employee: { role: 'employee', scope: street(A) },
  owner: { role: 'owner', scope: street(A) },
  owner2: { role: 'owner', scope: street(A) },
  ownerB: { role: 'owner', scope: street(B) },
  quarantined: { role: 'resident', scope: street(A) },
  butler: { role: 'butler', scope: PLACES.x1 },
  butler2: { role: 'butler', scope: PLACES.x2 },
  gridWorker: { role: 'gridWorker', scope: PLACES.x1 },
  gridWorkerH: { role: 'gridWorker', scope: PLACES.h1 },
  economy: { role: 'reviewer', department: 'economy', scope: street(A) },
  safety: { role: 'reviewer', department: 'safety', scope: street(A) },
  epidemic: { role: 'reviewer', department: 'epidemic', scope: street(A) },
  streetAdmin: { role: 'admin', scope: street(A) },
  communityAdmin: { role: 'admin', scope: { streetId: A, communityId: XF } },
  streetBAdmin: { role: 'admin', scope: street(B) },
  ownerReviewer: { role: 'reviewer', department: 'economy', scope: street(A) },
  district: { role: 'district', scope: DISTRICT_SCOPE },
}

export const accountId = (who: Who) => `acct-${who}`
export const phoneOf = (who: Who) => `139${String(PEOPLE.indexOf(who) + 1).padStart(8, '0')}`

let codeSeq = 0
/** A fresh valid unified social credit code. */
export function creditCode(): string {
  for (;;) {
    const first = `91330106MA3${String(++codeSeq).padStart(6, '0')}`
    const check = creditCodeCheckChar(first)
    if (check) return first + check
  }
}
let idSeq = 0
export function idNumber(): string {
  const first = `33010619800101${String(++idSeq % 1000).padStart(3, '0')}`
  return first + idNumberCheckChar(first)
}

export interface World {
  people: Record<Who, Person>
  now: number
  today: string
  /** Plates' public tokens by application id. */
  plates: Record<string, string>
  /** Every record id the suites aim at, by a short name. */
  ids: typeof IDS
}

export const IDS = {
  // enterprises and their one application each, in the state the name says
  entXRev: 'ent-x-rev',
  entHRev: 'ent-h-rev',
  entBRev: 'ent-b-rev',
  entConf: 'ent-conf',
  entXOk: 'ent-x-ok',
  entHOk: 'ent-h-ok',
  entXReo: 'ent-x-reo',
  entHReo: 'ent-h-reo',
  entBReo: 'ent-b-reo',
  entConfReo: 'ent-conf-reo',
  entXDraft: 'ent-x-draft',
  entHDraft: 'ent-h-draft',
  // difficulties
  diffX: 'diff-x',
  diffH: 'diff-h',
  diffB: 'diff-b',
  // quarantines (and the declarations behind them)
  qX: 'q-x',
  qH: 'q-h',
  qB: 'q-b',
  // errands
  errXOpen: 'err-x-open',
  errXOpen2: 'err-x-open2',
  errXPsych: 'err-x-psych',
  errXClaimed: 'err-x-claimed',
  errXClaimed2: 'err-x-claimed2',
  errXDelivered: 'err-x-delivered',
  errXConfirmed: 'err-x-confirmed',
  errHOpen: 'err-h-open',
  errBOpen: 'err-b-open',
  // reimbursements
  ledX: 'led-x',
  ledH: 'led-h',
  ledB: 'led-b',
  // households marked as needing help (id = the person's account id)
  hhX: 'acct-hh-x',
  hhH: 'acct-hh-h',
  // invitations (id = code)
  invX: 'INVXFBT2',
  invH: 'INVHPBT2',
  invB: 'INVSTBB2',
  /** Issued by the district: street B's admin. */
  invD: 'INVDSTB2',
  // staff accounts admins manage
  staffX2: 'acct-staff-x2',
  staffH: 'acct-staff-h',
  staffB: 'acct-staff-b',
  // API keys for the daily export
  keyA: 'apikey-a',
  keyB: 'apikey-b',
  // 防疫物资: hand-outs waiting for the owner, purchase requests, health certificates waiting for the grid worker
  hoX: 'ho-x',
  hoH: 'ho-h',
  hoB: 'ho-b',
  purX: 'pur-x',
  purH: 'pur-h',
  purB: 'pur-b',
  certX: 'cert-x',
  certH: 'cert-h',
  certB: 'cert-b',
} as const

const app = (id: string) => `app-${id.slice(4)}`

export const appOf = app

/** The errand a record stands for, with what deciding relations needs. */
export interface ErrandFacts {
  requesterId: string
  assigneeId: string | null
  status: ErrandState
  queue: 'butler' | 'gridWorker'
  streetId: string
  communityId: string
  gridId: string
  createdAt: number
}

/** Writes a document straight into the store, as a function would. */
export async function insert<T extends { _id: string }>(cloud: TestCloud, collection: string, doc: T) {
  await cloud
    .sdk()
    .database()
    .collection(collection)
    .add(doc as unknown as Record<string, unknown>)
}

/**
 * A person who signs in through the gateway's token issuer, with an account of `role` in `scope` (none when
 * `role` is null: signed in, never set up).
 */
export async function newPerson(
  cloud: TestCloud,
  key: string,
  phone: string,
  role: Role | null,
  scope: Scope,
  department?: Department,
): Promise<{ token: string; account?: Principal }> {
  const uid = `world-${key}`
  await cloud.server.auth.register(phone, 'World1234', key.slice(0, 20), uid)
  const token = await cloud.server.auth.startSession(uid, 0)
  if (!role) return { token }
  const now = Date.now()
  const doc: AccountDoc = {
    _id: `acct-${key}`,
    identityKey: `web:${uid}`,
    name: `${key}用户`.slice(0, 20),
    phone,
    role,
    ...(department ? { department } : {}),
    scope,
    disabled: false,
    phoneProof: 'register',
    createdAt: now,
    updatedAt: now,
  }
  await insert(cloud, 'accounts', doc)
  await provePhone(cloud, doc._id, phone, now)
  return { token, account: { _id: doc._id, role, department, scope } }
}

/** The phone proven as the account's (it registered with it), as households and identity links require. */
async function provePhone(cloud: TestCloud, accountId: string, phone: string, at: number): Promise<void> {
  await insert(cloud, 'phones', { _id: phone, accountId, via: 'register', at })
}

/** A key person in home quarantine since an hour ago, with the declaration behind it. */
export async function putInQuarantine(
  cloud: TestCloud,
  id: string,
  person: string,
  place: Scope,
): Promise<void> {
  const now = Date.now()
  const today = shanghaiDate(now)
  const declarationId = `decl-${id}`
  await insert(cloud, 'declarations', {
    _id: declarationId,
    accountId: person,
    streetId: place.streetId,
    communityId: place.communityId!,
    gridId: place.gridId!,
    enterpriseId: null,
    name: '隔离人员',
    idNumber: idNumber(),
    phone: '13800138000',
    building: '3',
    room: '301',
    fromProvince: '湖北省',
    fromCity: '武汉市',
    arrivalDate: today,
    placesStayed: [],
    contactWithCases: false,
    symptoms: [],
    classification: {
      result: 'keyPerson',
      reasons: ['从风险地区返回'],
      flags: { riskArea: true, outOfProvince: true, contact: false, symptoms: false },
    },
    rulesVersion: 1,
    quarantineId: id,
    createdAt: now - 3600_000,
  } satisfies DeclarationDoc)
  await insert(cloud, 'quarantines', {
    _id: id,
    accountId: person,
    declarationId,
    name: '隔离人员',
    phone: '13800138000',
    streetId: place.streetId,
    communityId: place.communityId!,
    gridId: place.gridId!,
    enterpriseId: null,
    building: '3',
    room: '301',
    kind: 'home',
    reasons: ['从风险地区返回'],
    startDate: today,
    endDate: quarantineEnd(today, 14),
    status: 'active',
    butlerId: null,
    gridWorkerId: null,
    changes: [],
    createdAt: now - 3600_000,
  } satisfies QuarantineDoc)
}

/** Builds the world into a started TestCloud. */
export async function buildWorld(
  cloud: TestCloud,
): Promise<World & { errands: Record<string, ErrandFacts> }> {
  const add = <T extends { _id: string }>(collection: string, doc: T) => insert(cloud, collection, doc)
  const now = Date.now()
  const today = shanghaiDate(now)
  const hourAgo = now - 3600_000

  // The second street.
  await add('streets', { _id: B, name: '西湖街道', createdAt: now })
  await add('communities', { _id: BC, streetId: B, name: '西湖社区', order: 1, createdAt: now })
  await add('grids', {
    _id: B1,
    streetId: B,
    communityId: BC,
    name: '西湖第一网格',
    order: 1,
    createdAt: now,
  })

  // People: a platform identity each, and an account for everyone but the newcomer.
  const people = {} as Record<Who, Person>
  for (const who of PEOPLE) {
    if (who === 'anon') people[who] = { who }
    else if (who === 'newcomer')
      people[who] = { who, ...(await newPerson(cloud, who, phoneOf(who), null, { streetId: A })) }
    else {
      const spec = ACCOUNTS[who]
      const made = await newPerson(cloud, who, phoneOf(who), spec.role, spec.scope, spec.department)
      people[who] = { who, ...made }
    }
  }
  await cloud.sdk().database().collection('accounts').doc(accountId('disabled')).update({ disabled: true })
  // Accounts that are only ever targets.
  const target = async (id: string, role: Role, scope: Scope, phone: string) => {
    await add('accounts', {
      _id: id,
      identityKey: `web:${id}`,
      name: '被管理人员',
      phone,
      role,
      scope,
      disabled: false,
      phoneProof: 'register',
      createdAt: now,
      updatedAt: now,
    } satisfies AccountDoc)
    await provePhone(cloud, id, phone, now)
  }
  await target(IDS.staffX2, 'butler', PLACES.x2, '13700000001')
  await target(IDS.staffH, 'butler', PLACES.h1, '13700000002')
  await target(IDS.staffB, 'butler', PLACES.b1, '13700000003')
  await target(IDS.hhX, 'resident', street(A), '13700000004')
  await target(IDS.hhH, 'resident', street(A), '13700000005')
  await target('acct-q-h', 'resident', street(A), '13700000006')
  await target('acct-q-b', 'resident', street(B), '13700000007')

  // Enterprises, each with one application in the state its name says.
  const plates: Record<string, string> = {}
  const enterprise = async (id: string, owner: string, place: Place, status: ApplicationState) => {
    const e: EnterpriseDoc = {
      _id: id,
      name: `企业${id}`,
      creditCode: creditCode(),
      kind: 'shop',
      industry: '零售',
      address: `${id}号`,
      ...place,
      legalRepresentative: '法人代表',
      contactName: '联系人员',
      contactPhone: '13955501234',
      ownerId: owner,
      managerIds: [],
      joinCode: `J${id
        .replace(/[^a-z]/g, '')
        .toUpperCase()
        .slice(0, 5)
        .padEnd(5, 'K')}`.replace(/[01IO]/g, 'K'),
      openApplicationId: ['draft', 'reviewing', 'approved'].includes(status) ? app(id) : null,
      createdAt: now,
      updatedAt: now,
    }
    await add('enterprises', e)
    const plateId = status === 'reopened' ? `plate-token-${id}-abcdefghijkl` : undefined
    const a: ApplicationDoc = {
      _id: app(id),
      enterpriseId: id,
      enterpriseName: e.name,
      creditCode: e.creditCode,
      kind: 'shop',
      ...place,
      ownerId: owner,
      status,
      round: status === 'draft' ? 0 : 1,
      form: {
        plannedDate: today,
        staffTotal: 10,
        safetyOfficer: { name: '安全员', phone: '13955505678' },
      },
      reviews: {},
      pastRounds: [],
      pendingDepartments: status === 'reviewing' ? ['economy', 'safety', 'epidemic'] : [],
      commitments: {},
      ...(plateId ? { plateId, reopenedAt: hourAgo } : {}),
      createdAt: now,
      updatedAt: now,
      ...(status !== 'draft' ? { submittedAt: hourAgo } : {}),
    }
    await add('applications', a)
    if (plateId) {
      plates[a._id] = plateId
      await add('plates', {
        _id: plateId,
        applicationId: a._id,
        enterpriseId: id,
        streetId: place.streetId,
        issuedAt: hourAgo,
      } satisfies PlateDoc)
    }
  }
  const o = accountId('owner')
  const o2 = accountId('owner2')
  const oB = accountId('ownerB')
  const oR = accountId('ownerReviewer')
  await enterprise(IDS.entXRev, o, PLACES.x1, 'reviewing')
  await enterprise(IDS.entHRev, o2, PLACES.h1, 'reviewing')
  await enterprise(IDS.entBRev, oB, PLACES.b1, 'reviewing')
  await enterprise(IDS.entConf, oR, PLACES.x1, 'reviewing')
  await enterprise(IDS.entXOk, o, PLACES.x1, 'approved')
  await enterprise(IDS.entHOk, o2, PLACES.h1, 'approved')
  await enterprise(IDS.entXReo, o, PLACES.x1, 'reopened')
  await enterprise(IDS.entHReo, o2, PLACES.h1, 'reopened')
  await enterprise(IDS.entBReo, oB, PLACES.b1, 'reopened')
  await enterprise(IDS.entConfReo, oR, PLACES.x1, 'reopened')
  await enterprise(IDS.entXDraft, o, PLACES.x1, 'draft')
  await enterprise(IDS.entHDraft, o2, PLACES.h1, 'draft')

  const difficulty = async (id: string, owner: string, ent: string, place: Place) =>
    add('difficulties', {
      _id: id,
      enterpriseId: ent,
      enterpriseName: `企业${ent}`,
      streetId: place.streetId,
      communityId: place.communityId,
      ownerId: owner,
      kind: 'labour',
      text: '缺少人手，请帮忙协调',
      status: 'open',
      answers: [],
      createdAt: now,
    } satisfies DifficultyDoc)
  await difficulty(IDS.diffX, o, IDS.entXRev, PLACES.x1)
  await difficulty(IDS.diffH, o2, IDS.entHRev, PLACES.h1)
  await difficulty(IDS.diffB, oB, IDS.entBRev, PLACES.b1)

  // Quarantines with the declarations that started them.
  await putInQuarantine(cloud, IDS.qX, accountId('quarantined'), PLACES.x1)
  await putInQuarantine(cloud, IDS.qH, 'acct-q-h', PLACES.h1)
  await putInQuarantine(cloud, IDS.qB, 'acct-q-b', PLACES.b1)

  // Errands in every state an action needs, created an hour ago (past the community's wait).
  const errands: Record<string, ErrandFacts> = {}
  const errand = async (
    id: string,
    requester: string,
    place: Place,
    status: ErrandState,
    queue: 'butler' | 'gridWorker' = 'butler',
    assignee: string | null = null,
  ) => {
    const doc: ErrandDoc = {
      _id: id,
      ...place,
      requesterId: requester,
      requesterName: '隔离人员',
      phone: '13800138000',
      building: '3',
      room: '301',
      basis: 'quarantine',
      quarantineId: null,
      category: queue === 'gridWorker' ? 'psych' : 'groceries',
      queue,
      items: queue === 'gridWorker' ? [] : [{ name: '大米', quantity: 1 }],
      budgetFen: queue === 'gridWorker' ? 0 : 5000,
      deliveryWindow: null,
      contactless: true,
      urgent: false,
      note: queue === 'gridWorker' ? '想找人聊聊' : '',
      requestId: null,
      slotId: `${requester}:${id}`,
      status,
      round: assignee ? 1 : 0,
      createdAt: hourAgo,
      openedAt: hourAgo,
      claimedAt: assignee ? hourAgo : null,
      purchasingAt: null,
      deliveringAt: null,
      deliveredAt: ['delivered', 'confirmed'].includes(status) ? hourAgo : null,
      confirmedAt: status === 'confirmed' ? hourAgo : null,
      cancelledAt: null,
      assigneeId: assignee,
      assigneeName: assignee ? '管家' : null,
      assigneePhone: assignee ? phoneOf('butler') : null,
      handoffCode: assignee ? '1234' : null,
      codeAttempts: 0,
      spentFen: ['delivered', 'confirmed'].includes(status) ? 4000 : null,
      receiptFileId: null,
      dropOffFileId: null,
      settlement: ['delivered', 'confirmed'].includes(status) ? 'paid_by_resident' : null,
      overBudgetReason: null,
      butlerId: null,
      gridWorkerId: null,
      rating: null,
      timeline: [],
      updatedAt: hourAgo,
    }
    await add('errands', doc)
    if (['open', 'claimed', 'purchasing', 'delivering'].includes(status))
      await add('errand_slots', {
        _id: doc.slotId,
        accountId: requester,
        errandId: id,
        at: hourAgo,
      } satisfies SlotDoc)
    errands[id] = {
      requesterId: requester,
      assigneeId: assignee,
      status,
      queue,
      streetId: place.streetId,
      communityId: place.communityId,
      gridId: place.gridId,
      createdAt: hourAgo,
    }
  }
  const q = accountId('quarantined')
  const b = accountId('butler')
  await errand(IDS.errXOpen, q, PLACES.x1, 'open')
  await errand(IDS.errXOpen2, q, PLACES.x1, 'open')
  await errand(IDS.errXPsych, q, PLACES.x1, 'open', 'gridWorker')
  await errand(IDS.errXClaimed, q, PLACES.x1, 'claimed', 'butler', b)
  await errand(IDS.errXClaimed2, q, PLACES.x1, 'claimed', 'butler', b)
  await errand(IDS.errXDelivered, q, PLACES.x1, 'delivered', 'butler', b)
  await errand(IDS.errXConfirmed, q, PLACES.x1, 'confirmed', 'butler', b)
  await errand(IDS.errHOpen, 'acct-q-h', PLACES.h1, 'open')
  await errand(IDS.errBOpen, 'acct-q-b', PLACES.b1, 'open')

  const ledger = async (id: string, place: Place, butlerId: string) =>
    add('errand_ledger', {
      _id: id,
      errandId: id,
      butlerId,
      butlerName: '管家',
      ...place,
      category: 'groceries',
      budgetFen: 5000,
      amountFen: 4000,
      receiptFileId: 'cloud://reopen-local.emulator/receipts/r.jpg',
      status: 'pending',
      createdAt: hourAgo,
      settledAt: null,
      settledBy: null,
      settledByName: null,
      settleNote: null,
    } satisfies LedgerDoc)
  await ledger(IDS.ledX, PLACES.x1, b)
  await ledger(IDS.ledH, PLACES.h1, IDS.staffH)
  await ledger(IDS.ledB, PLACES.b1, IDS.staffB)

  const household = async (id: string, place: Place, phone: string) =>
    add('errand_households', {
      _id: id,
      accountId: id,
      name: '帮扶对象',
      phone,
      ...place,
      building: '1',
      room: '101',
      reason: 'elderly',
      note: '',
      active: true,
      markedBy: 'someone',
      markedByName: '网格员',
      markedAt: hourAgo,
    } satisfies HouseholdDoc)
  await household(IDS.hhX, PLACES.x1, '13700000004')
  await household(IDS.hhH, PLACES.h1, '13700000005')

  const invite = async (code: string, place: Scope, byDistrict = false) =>
    add('invites', {
      _id: code,
      code,
      role: byDistrict ? 'admin' : 'butler',
      scope: place,
      status: 'unused',
      createdBy: 'someone',
      createdAt: now,
      expiresAt: now + 72 * 3600_000,
      ...(byDistrict ? { byDistrict: true as const } : {}),
    } satisfies InviteDoc)
  await invite(IDS.invX, PLACES.x1)
  await invite(IDS.invH, PLACES.h1)
  await invite(IDS.invB, PLACES.b1)
  await invite(IDS.invD, { streetId: B }, true)

  const apiKey = async (id: string, streetId: string) =>
    add('api_keys', {
      _id: id,
      streetId,
      label: '区防控指挥部',
      hash: id.padEnd(64, '0'),
      hint: 'abcd',
      createdBy: 'someone',
      createdByName: '管理员',
      createdAt: now,
      uses: 0,
    } satisfies ApiKeyDoc)
  await apiKey(IDS.keyA, A)
  await apiKey(IDS.keyB, B)
  // 防疫物资: plenty of masks in both streets, one hand-out, purchase request and certificate per grid.
  for (const streetId of [A, B])
    await add('supply_stock', {
      _id: `${streetId}:mask`,
      streetId,
      kind: 'mask',
      quantity: 1_000_000,
      updatedAt: now,
    } satisfies StockDoc)
  const supplied = [
    [IDS.entXRev, o, PLACES.x1, IDS.hoX, IDS.purX, IDS.certX],
    [IDS.entHRev, o2, PLACES.h1, IDS.hoH, IDS.purH, IDS.certH],
    [IDS.entBRev, oB, PLACES.b1, IDS.hoB, IDS.purB, IDS.certB],
  ] as const
  for (const [ent, owner, place, ho, pur, cert] of supplied) {
    await add('supply_movements', {
      _id: ho,
      type: 'handOut',
      streetId: place.streetId,
      kind: 'mask',
      quantity: 100,
      balance: 1_000_000,
      enterpriseId: ent,
      enterpriseName: `企业${ent}`,
      communityId: place.communityId,
      gridId: place.gridId,
      ownerIds: [owner],
      status: 'handed',
      byId: 'someone',
      byName: '网格员',
      at: hourAgo,
    } satisfies MovementDoc)
    await add('supply_purchases', {
      _id: pur,
      enterpriseId: ent,
      enterpriseName: `企业${ent}`,
      ...place,
      ownerId: owner,
      kind: 'mask',
      quantity: 1000,
      status: 'open',
      createdAt: hourAgo,
    } satisfies PurchaseDoc)
    await add('health_certificates', {
      _id: cert,
      accountId: owner,
      name: '店主',
      enterpriseId: ent,
      enterpriseName: `企业${ent}`,
      ...place,
      photo: 'cloud://reopen-local.emulator/certificates/c.jpg',
      number: 'JKZ20240001',
      authority: '区疾病预防控制中心',
      expiresOn: shanghaiDate(now + 200 * 86_400_000),
      status: 'pending',
      warned: [],
      uploadedAt: hourAgo,
    } satisfies CertificateDoc)
  }
  await buildOnsite(add, { x: PLACES.x1, h: PLACES.h1, b: PLACES.b1 }, now)

  return { people, now, today, plates, ids: IDS, errands }
}
