import tcb from '@cloudbase/node-sdk'
import type { ApplicationDoc, EnterpriseDoc } from '../cloudfunctions/application/model'
import type { DeclarationDoc } from '../cloudfunctions/health/model'
import type {
  OnsiteCaseDoc,
  OnsiteCheckDoc,
  OnsiteEnterpriseDoc,
  OnsiteStaffDoc,
} from '../cloudfunctions/onsite/model'
import type { ApplicationState } from '../shared/application'
import { creditCodeCheckChar, idNumberCheckChar } from '../shared/checksums'
import type { Slot } from '../shared/health'
import { checkId, DEFAULT_ONSITE_SLOTS, onsiteStaffId } from '../shared/onsite'
import { shanghaiDate, startOfShanghaiDay } from '../shared/time'

type Db = ReturnType<ReturnType<typeof tcb.init>['database']>

/**
 * Demo data for 企业一日两检, beside the demo street of seed.ts: the demo owner's reopened factory, whose safety
 * officer is the demo employee (周杰), four staff on site, today's checks so far — one of them a positive antigen,
 * so the factory is flagged on the dashboard and the epidemic team has a case to close. Kept apart from seedDemo,
 * which every test starts from: these records would change the counts other suites assert. `npm start` writes both.
 */
const PLACE = { streetId: 'street-demo', communityId: 'community-xingfu', gridId: 'grid-xingfu-1' }
export const DEMO_FACTORY = 'ent-demo-factory'
const OWNER = 'account-demo-owner'
const OFFICER = 'account-demo-employee'

function demoCreditCode(seq: number): string {
  for (let n = seq; ; n += 1000) {
    const first = `91330106MA2${String(n).padStart(6, '0')}`
    const check = creditCodeCheckChar(first)
    if (check) return first + check
  }
}

const idNumber = (seq: number) => {
  const first = `33010619900305${String(seq).padStart(3, '0')}`
  return first + idNumberCheckChar(first)
}

async function addIfMissing<T extends { _id: string }>(db: Db, collection: string, doc: T): Promise<boolean> {
  const { data } = await db.collection(collection).doc(doc._id).get()
  if (data.length) return false
  await db.collection(collection).add(doc as unknown as Record<string, unknown>)
  return true
}

/** An enterprise of the demo owner in the first grid, with one application in `status`. */
export async function seedOnsiteEnterprise(
  db: Db,
  e: { _id: string; name: string; status: ApplicationState },
  now: number,
): Promise<void> {
  const enterprise: EnterpriseDoc = {
    _id: e._id,
    name: e.name,
    creditCode: demoCreditCode(e._id.length * 37 + e.name.length),
    kind: 'large',
    industry: '制造业',
    address: '东湖路88号',
    ...PLACE,
    legalRepresentative: '孙丽',
    contactName: '孙丽',
    contactPhone: '13800000041',
    ownerId: OWNER,
    managerIds: [],
    joinCode: 'DHJX88',
    openApplicationId: ['draft', 'reviewing', 'approved'].includes(e.status) ? `app-${e._id}` : null,
    createdAt: now,
    updatedAt: now,
  }
  await addIfMissing(db, 'enterprises', enterprise)
  await addIfMissing(db, 'applications', {
    _id: `app-${e._id}`,
    enterpriseId: e._id,
    enterpriseName: e.name,
    creditCode: enterprise.creditCode,
    kind: 'large',
    ...PLACE,
    ownerId: OWNER,
    status: e.status,
    round: 1,
    form: {
      staffTotal: 40,
      staffOnSite: 12,
      supplies: { masks: 2000, disinfectantLitres: 50, thermometers: 10 },
      safetyOfficer: { name: '周杰', phone: '13800000051' },
    },
    reviews: {},
    pastRounds: [],
    pendingDepartments: [],
    commitments: {},
    createdAt: now,
    updatedAt: now,
    ...(e.status === 'reopened' ? { submittedAt: now, decidedAt: now, reopenedAt: now } : {}),
  } satisfies ApplicationDoc)
}

/** A local employee's health declaration made with an enterprise's join code: normal, in the first grid. */
export function staffDeclaration(d: {
  _id: string
  accountId: string
  enterpriseId: string
  name: string
  idNumber: string
  phone: string
  room: string
  arrivalDate: string
  createdAt: number
}): DeclarationDoc {
  return {
    ...d,
    ...PLACE,
    building: '2',
    fromProvince: '浙江省',
    fromCity: '杭州市',
    placesStayed: [],
    contactWithCases: false,
    symptoms: [],
    classification: {
      result: 'normal',
      reasons: [],
      flags: { riskArea: false, outOfProvince: false, contact: false, symptoms: false },
    },
    rulesVersion: 1,
    quarantineId: null,
  }
}

const STAFF = [
  { accountId: OFFICER, name: '周杰' },
  { accountId: 'demo-worker-1', name: '钱军' },
  { accountId: 'demo-worker-2', name: '冯敏' },
  { accountId: 'demo-worker-3', name: '褚浩' },
]

/** The demo factory's 一日两检, as of `now` (idempotent: fixed ids, added only when missing). */
export async function seedOnsiteDemo(now = Date.now()): Promise<{ created: number }> {
  const db = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database()
  let created = 0
  const add = async <T extends { _id: string }>(collection: string, doc: T) => {
    if (await addIfMissing(db, collection, doc)) created++
  }
  const today = shanghaiDate(now)
  const dayStart = startOfShanghaiDay(today)
  await seedOnsiteEnterprise(db, { _id: DEMO_FACTORY, name: '东湖精密机械厂', status: 'reopened' }, dayStart)
  const place = { enterpriseId: DEMO_FACTORY, ...PLACE }
  for (const [i, p] of STAFF.entries()) {
    await add(
      'declarations',
      staffDeclaration({
        _id: `decl-demo-factory-${i}`,
        accountId: p.accountId,
        enterpriseId: DEMO_FACTORY,
        name: p.name,
        idNumber: idNumber(i + 1),
        phone: `1390000010${i}`,
        room: `${201 + i}`,
        arrivalDate: today,
        createdAt: dayStart,
      }),
    )
  }
  // Today's morning checks, if the morning window has opened: two fine, one positive (→ a case), one not yet.
  const morningOpened = now >= dayStart + 8 * 3600_000
  const positive = STAFF[2]!
  const stopped = morningOpened
  await add('onsite_enterprises', {
    _id: DEMO_FACTORY,
    ...place,
    enterpriseName: '东湖精密机械厂',
    officerId: OFFICER,
    officerName: '周杰',
    openCases: stopped ? 1 : 0,
    flagged: stopped,
    updatedAt: dayStart,
  } satisfies OnsiteEnterpriseDoc)
  for (const p of STAFF) {
    const id = onsiteStaffId(DEMO_FACTORY, p.accountId)
    const isStopped = stopped && p === positive
    await add('onsite_staff', {
      _id: id,
      ...place,
      accountId: p.accountId,
      name: p.name,
      onSite: true,
      onSiteSince: dayStart,
      stopped: isStopped,
      stoppedCaseId: isStopped ? checkId(id, today, 'morning') : null,
      updatedAt: dayStart,
    } satisfies OnsiteStaffDoc)
  }
  if (!morningOpened) return { created }
  const checkAt = (slot: Slot, minutes: number) =>
    dayStart + Number(DEFAULT_ONSITE_SLOTS[slot].start.slice(0, 2)) * 3600_000 + minutes * 60_000
  for (const [i, p] of STAFF.slice(0, 3).entries()) {
    const staffId = onsiteStaffId(DEMO_FACTORY, p.accountId)
    const isPositive = p === positive
    const at = Math.min(now, checkAt('morning', 10 + i * 7))
    const doc: OnsiteCheckDoc = {
      _id: checkId(staffId, today, 'morning'),
      ...place,
      staffId,
      accountId: p.accountId,
      name: p.name,
      date: today,
      slot: 'morning',
      status: 'done',
      temperature: [36.4, 36.6, 36.8][i]!,
      antigen: isPositive ? 'positive' : 'negative',
      photo: null,
      pcrSampled: true,
      fever: false,
      positive: isPositive,
      recordedBy: null,
      // 钱军's own check waits for the officer; the officer's own counts as confirmed.
      confirmedBy: i === 1 ? null : { accountId: OFFICER, name: '周杰' },
      confirmedAt: i === 1 ? null : at,
      requestId: null,
      at,
    }
    await add('onsite_checks', doc)
    if (isPositive)
      await add('onsite_cases', {
        _id: doc._id,
        checkId: doc._id,
        staffId,
        accountId: p.accountId,
        name: p.name,
        enterpriseName: '东湖精密机械厂',
        ...place,
        fever: false,
        positive: true,
        temperature: doc.temperature,
        status: 'open',
        createdAt: at,
        closedAt: null,
        closedBy: null,
        note: null,
      } satisfies OnsiteCaseDoc)
  }
  return { created }
}
