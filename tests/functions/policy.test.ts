import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { policyGaps, type ActionTable } from '../../cloudfunctions/_lib/runtime'
import { SUBSCRIBE_KINDS } from '../../config/subscribe'
import { DEFAULT_ERRAND_SETTINGS, relationsOf } from '../../shared/errand'
import { DEFAULT_RULES } from '../../shared/health'
import {
  POLICY,
  allActions,
  refusal,
  whoAdmits,
  type ActionName,
  type FunctionName,
  type Principal,
  type Target,
} from '../../shared/policy'
import { DISTRICT_SCOPE, type Scope } from '../../shared/roles'
import { shanghaiDate } from '../../shared/time'
import { rawAdmin } from '../helpers/admin'
import { ONSITE_IDS, onsiteCase, onsiteCheck } from '../helpers/onsiteWorld'
import { TestCloud } from '../helpers/cloud'
import { changedBetween, digest } from '../helpers/digest'
import {
  A,
  B,
  B1,
  BC,
  H1,
  HP,
  IDS,
  PEOPLE,
  PLACES,
  X1,
  X2,
  XF,
  accountId,
  appOf,
  buildWorld,
  creditCode,
  idNumber,
  phoneOf,
  type ErrandFacts,
  type Person,
  type World,
} from '../helpers/world'

/**
 * The access policy as a whole (shared/policy.ts), generated from its table: every action of every function,
 * called as every kind of person — anonymous, signed in without an account, disabled, each role, a community
 * admin, another street's admin, an owner turned reviewer — on records inside and outside their scope.
 * Each answer must be what the policy says: allowed (ok, or a refusal about the record's state) or denied with
 * the policy's code; and the denied calls, all of them, must have written nothing at all.
 */

jest.setTimeout(180_000)

let cloud: TestCloud
let world: World & { errands: Record<string, ErrandFacts> }

/** One thing an action is aimed at, and the facts about it that the action's rule reads. */
interface Aim {
  name: string
  input: (p: Person) => Record<string, unknown>
  /** Absent: the action reads or writes only the caller's own records, or lists within the caller's scope. */
  facts?: (p: Principal) => Target
}

const none = (input: Record<string, unknown> = {}): Aim[] => [{ name: '—', input: () => input }]
const at = (scope: Scope) => () => ({ scope })
const grid = (g: keyof typeof PLACES) => PLACES[g]
const owned = (owner: string, place: Scope) => () => ({ people: [owner], scope: place, members: [owner] })
const OWNER = accountId('owner')
const OWNER2 = accountId('owner2')
const OWNER_B = accountId('ownerB')
const OWNER_R = accountId('ownerReviewer')

/** Enterprises and their applications, by who owns them and where. */
const ENTERPRISES = {
  xRev: { id: IDS.entXRev, owner: OWNER, place: PLACES.x1 },
  hRev: { id: IDS.entHRev, owner: OWNER2, place: PLACES.h1 },
  bRev: { id: IDS.entBRev, owner: OWNER_B, place: PLACES.b1 },
  conf: { id: IDS.entConf, owner: OWNER_R, place: PLACES.x1 },
  xOk: { id: IDS.entXOk, owner: OWNER, place: PLACES.x1 },
  hOk: { id: IDS.entHOk, owner: OWNER2, place: PLACES.h1 },
  xReo: { id: IDS.entXReo, owner: OWNER, place: PLACES.x1 },
  hReo: { id: IDS.entHReo, owner: OWNER2, place: PLACES.h1 },
  bReo: { id: IDS.entBReo, owner: OWNER_B, place: PLACES.b1 },
  confReo: { id: IDS.entConfReo, owner: OWNER_R, place: PLACES.x1 },
  xDraft: { id: IDS.entXDraft, owner: OWNER, place: PLACES.x1 },
  hDraft: { id: IDS.entHDraft, owner: OWNER2, place: PLACES.h1 },
}
type Ent = keyof typeof ENTERPRISES
const onApps = (keys: Ent[], input: (applicationId: string) => Record<string, unknown>): Aim[] =>
  keys.map((k) => {
    const e = ENTERPRISES[k]
    return { name: appOf(e.id), input: () => input(appOf(e.id)), facts: owned(e.owner, e.place) }
  })
const onEnterprises = (keys: Ent[], input: (enterpriseId: string) => Record<string, unknown>): Aim[] =>
  keys.map((k) => {
    const e = ENTERPRISES[k]
    return { name: e.id, input: () => input(e.id), facts: owned(e.owner, e.place) }
  })

const QUARANTINES = {
  [IDS.qX]: { person: accountId('quarantined'), place: PLACES.x1 },
  [IDS.qH]: { person: 'acct-q-h', place: PLACES.h1 },
  [IDS.qB]: { person: 'acct-q-b', place: PLACES.b1 },
}
const onQuarantines = (input: (quarantineId: string) => Record<string, unknown>): Aim[] =>
  Object.entries(QUARANTINES).map(([id, q]) => ({
    name: id,
    input: () => input(id),
    facts: () => ({ people: [q.person], scope: q.place }),
  }))

const onErrands = (ids: string[], input: (errandId: string) => Record<string, unknown>): Aim[] =>
  ids.map((id) => ({
    name: id,
    input: () => input(id),
    facts: (p) => ({ relations: relationsOf(p, world.errands[id]!, DEFAULT_ERRAND_SETTINGS, world.now) }),
  }))

const onGrids = (input: (gridId: string) => Record<string, unknown>, grids = [X1, H1, B1]): Aim[] =>
  grids.map((g) => ({
    name: g,
    input: () => input(g),
    facts: at(Object.values(PLACES).find((p) => p.gridId === g)!),
  }))

/** Managing another person's account: staff of three grids, and the caller's own account. */
const onStaff = (input: (accountId: string, gridId: string) => Record<string, unknown>): Aim[] => [
  ...(
    [
      [IDS.staffX2, PLACES.x2],
      [IDS.staffH, PLACES.h1],
      [IDS.staffB, PLACES.b1],
    ] as const
  ).map(([id, place]) => ({
    name: id,
    input: () => input(id, place.gridId),
    facts: () => ({ scope: place, people: [id] }),
  })),
  {
    name: 'self',
    input: (p: Person) => input(p.account?._id ?? 'nobody', X1),
    facts: (p: Principal) => ({ scope: p.scope, people: [p._id] }),
  },
]

const STATS_SCOPES: { name: string; scope?: Scope; resolved?: Scope }[] = [
  { name: 'own' },
  { name: 'street A', scope: { streetId: A }, resolved: { streetId: A } },
  {
    name: 'community heping',
    scope: { streetId: A, communityId: HP },
    resolved: { streetId: A, communityId: HP },
  },
  { name: 'grid xingfu-1', scope: { streetId: A, gridId: X1 }, resolved: PLACES.x1 },
  { name: 'street B', scope: { streetId: B }, resolved: { streetId: B } },
]
const onStats = (input: Record<string, unknown>, health?: boolean): Aim[] =>
  STATS_SCOPES.map((s) => ({
    name: `${s.name}${health === undefined ? '' : health ? ' (health)' : ''}`,
    input: () => ({ ...input, ...(s.scope ? { scope: s.scope } : {}) }),
    facts: (p) => ({ scope: s.resolved ?? p.scope, health: health ?? false }),
  }))

/** 一日两检 in the three reopened enterprises (tests/helpers/onsiteWorld.ts). */
const ONSITE_PLACES = { x: PLACES.x1, h: PLACES.h1, b: PLACES.b1 }
const onsiteFacts =
  (k: keyof typeof ONSITE_IDS, withOfficer = true, subject?: string) =>
  (): Target => {
    const o = ONSITE_IDS[k]
    return {
      scope: ONSITE_PLACES[k],
      people: [o.owner, ...(withOfficer && o.officer ? [o.officer] : []), ...(subject ? [subject] : [])],
    }
  }
const onOnsite = (
  input: (o: (typeof ONSITE_IDS)[keyof typeof ONSITE_IDS]) => Record<string, unknown>,
  withOfficer = true,
  withSubject = false,
): Aim[] =>
  (['x', 'h', 'b'] as const).map((k) => ({
    name: ONSITE_IDS[k].enterpriseId,
    input: () => input(ONSITE_IDS[k]),
    facts: onsiteFacts(k, withOfficer, withSubject ? ONSITE_IDS[k].onSite : undefined),
  }))

let requestSeq = 0
const requestId = () => `matrix-${++requestSeq}-request`

const TODAY = () => world.today
const { version: _v, ...RULES } = DEFAULT_RULES

/** What every action is aimed at. The compiler insists on a row per action of the policy. */
const AIMS: { [F in FunctionName]: { [A in ActionName<F>]: () => Aim[] } } = {
  account: {
    me: () => none(),
    setup: () => none({ name: '新来的人', phone: phoneOf('newcomer'), role: 'resident', streetId: A }),
    scopes: () => none(),
    streets: () => none(),
    updateProfile: () => none({}),
    redeemInvite: () => none({ code: 'ZZZZZZZZ' }),
    inbox: () => none(),
    todos: () => none(),
    markRead: () => none({ ids: [] }),
    createInvite: () => [
      ...(['x1', 'h1', 'b1'] as const).map((g) => ({
        name: grid(g).gridId,
        input: () => ({ role: 'butler', scope: grid(g) }),
        facts: (p: Principal) => ({ scope: grid(g), byDistrict: p.role === 'district' }),
      })),
      // The district's own: street B's first admin, and district staff.
      ...(
        [
          ['admin', { streetId: B }],
          ['district', DISTRICT_SCOPE],
        ] as const
      ).map(([role, scope]) => ({
        name: `${role} of ${scope.streetId}`,
        input: () => ({ role, scope }),
        facts: (p: Principal) => ({ scope, byDistrict: p.role === 'district' }),
      })),
    ],
    listInvites: () => none(),
    revokeInvite: () =>
      (
        [
          [IDS.invX, PLACES.x1],
          [IDS.invH, PLACES.h1],
          [IDS.invB, PLACES.b1],
          [IDS.invD, { streetId: B }],
        ] as const
      ).map(([code, place]) => ({
        name: code,
        input: () => ({ code }),
        facts: () => ({ scope: place, byDistrict: code === IDS.invD }),
      })),
    // Aimed at nobody: the matrix checks who may ask; whose password is the use case's (passwordTarget).
    issueResetCode: () => none({ accountId: 'no-such-account' }),
    unlockLogin: () => none({ accountId: 'no-such-account' }),
    // On the web these answer for the state of the identity (WECHAT_ONLY, PHONE_NOT_PROVEN, ACCOUNT_EXISTS …).
    provePhone: () => none({ code: 'not-a-wechat-code' }),
    linkCode: () => none(),
    link: () => none({ code: '000000' }),
    recordRegisteredPhone: () => none({ uid: 'someone', phone: phoneOf('resident') }),
    subscribed: () => none({ accepted: [SUBSCRIBE_KINDS[0]] }),
    myData: () => none(),
    // A name nobody has: the matrix checks who may ask, and deletes nobody (the use case refuses the mismatch).
    deleteAccount: () => none({ confirmName: '不是任何人的名字' }),
  },
  admin: {
    tree: () => none(),
    createStreet: () => none({ name: '新建街道' }),
    renameStreet: () => none({ streetId: B, name: '西湖街道' }),
    createCommunity: () => none({ name: '新建社区' }),
    renameCommunity: () =>
      [XF, HP, BC].map((c) => ({
        name: c,
        input: () => ({ communityId: c, name: '改名后的社区' }),
        facts: at({ streetId: c === BC ? B : A, communityId: c }),
      })),
    createGrid: () =>
      [XF, HP, BC].map((c) => ({
        name: c,
        input: () => ({ communityId: c, name: '新建网格' }),
        facts: at({ streetId: c === BC ? B : A, communityId: c }),
      })),
    renameGrid: () => onGrids((gridId) => ({ gridId, name: '改名后的网格' }), [X2, H1, B1]),
    moveGrid: () =>
      (
        [
          [X2, XF, PLACES.x2],
          [H1, HP, PLACES.h1],
          [B1, BC, PLACES.b1],
        ] as const
      ).map(([gridId, communityId, place]) => ({
        name: gridId,
        input: () => ({ gridId, communityId }),
        facts: at(place),
      })),
    assignStaff: () => onStaff((accountId, gridId) => ({ accountId, gridId })),
    accounts: () => none(),
    setRole: () => onStaff((accountId, gridId) => ({ accountId, role: 'butler', gridId })),
    setDisabled: () => onStaff((accountId) => ({ accountId, disabled: false })),
    auditLog: () => none(),
    outbox: () => none(),
    createApiKey: () => none({ label: '区防控指挥部', requestId: requestId() }),
    apiKeys: () => none(),
    revokeApiKey: () =>
      (
        [
          [IDS.keyA, A],
          [IDS.keyB, B],
        ] as const
      ).map(([id, streetId]) => ({ name: id, input: () => ({ id }), facts: at({ streetId }) })),
    getRetention: () => none(),
    setRetention: () => none({ healthDays: 30, errandDays: 30, idNumberDays: 30 }),
    recordBackup: () => none({ ok: true, name: 'reopen-20240101-030000.tar.gz', size: 1, kept: [] }),
    backups: () => none(),
    webhook: () => none(),
    setWebhook: () => none({ url: 'https://example.org/reopen', time: '08:00', enabled: false }),
  },
  application: {
    registerEnterprise: () =>
      (['x1', 'b1'] as const).map((g) => ({
        name: grid(g).gridId,
        input: () => ({
          name: '新登记企业',
          creditCode: creditCode(),
          kind: 'shop',
          industry: '零售',
          address: '某某路1号',
          communityId: grid(g).communityId,
          gridId: grid(g).gridId,
          legalRepresentative: '法人代表',
          contactName: '联系人员',
          contactPhone: '13955501234',
        }),
        facts: at(grid(g)),
      })),
    updateEnterprise: () =>
      onEnterprises(['xRev', 'hRev'], (enterpriseId) => ({ enterpriseId, industry: '餐饮' })),
    myEnterprises: () => none(),
    joinPoster: () => onEnterprises(['xRev', 'hRev'], (enterpriseId) => ({ enterpriseId })),
    saveDraft: () =>
      (['xDraft', 'hDraft'] as const).map((k) => {
        const e = ENTERPRISES[k]
        return {
          name: appOf(e.id),
          input: () => ({ enterpriseId: e.id, applicationId: appOf(e.id), form: { staffTotal: 12 } }),
          facts: owned(e.owner, e.place),
        }
      }),
    submit: () => onApps(['xDraft', 'hDraft'], (applicationId) => ({ applicationId })),
    get: () => onApps(['xRev', 'hRev', 'bRev'], (applicationId) => ({ applicationId })),
    listMine: () => none(),
    listForReview: () => none(),
    review: () =>
      onApps(['xRev', 'hRev', 'bRev', 'conf'], (applicationId) => ({
        applicationId,
        round: 1,
        decision: 'approve',
      })),
    commit: () =>
      (
        [
          ['xOk', 'enterprise'],
          ['xOk', 'community'],
          ['hOk', 'community'],
          ['hOk', 'person'],
        ] as const
      ).map(([k, party]) => {
        const e = ENTERPRISES[k]
        return {
          name: `${appOf(e.id)} ${party}`,
          input: () => ({ applicationId: appOf(e.id), party, signerName: '签署人员', agreed: true }),
          facts: () => ({ party, people: [e.owner], scope: e.place }),
        }
      }),
    signatures: () => none(),
    plate: () => onApps(['xReo', 'hReo', 'bReo'], (applicationId) => ({ applicationId })),
    verifyPlate: () => none({ token: `plate-token-${IDS.entXReo}-abcdefghijkl` }),
    inspect: () =>
      onApps(['xReo', 'hReo', 'bReo', 'confReo'], (applicationId) => ({
        applicationId,
        disinfectionRecords: true,
        suppliesOk: true,
        staffHealthRecords: true,
        trajectoryChecked: true,
        findings: '检查情况正常',
        result: 'pass',
      })),
    revokePlate: () =>
      onApps(['xReo', 'hReo', 'bReo', 'confReo'], (applicationId) => ({ applicationId, reason: '违规经营' })),
    reportDifficulty: () =>
      onEnterprises(['xRev', 'hRev'], (enterpriseId) => ({
        enterpriseId,
        kind: 'labour',
        text: '需要协调用工问题',
      })),
    answerDifficulty: () =>
      (
        [
          [IDS.diffX, PLACES.x1],
          [IDS.diffH, PLACES.h1],
          [IDS.diffB, PLACES.b1],
        ] as const
      ).map(([difficultyId, place]) => ({
        name: difficultyId,
        input: () => ({ difficultyId, answer: '已经协调', close: false }),
        facts: at({ streetId: place.streetId, communityId: place.communityId }),
      })),
    listDifficulties: () => none(),
  },
  errand: {
    create: () =>
      none({
        category: 'groceries',
        items: [{ name: '大米', quantity: 1 }],
        budgetFen: 5000,
        note: '放门口',
      }),
    mine: () => none(),
    get: () =>
      onErrands([IDS.errXOpen, IDS.errXPsych, IDS.errXClaimed, IDS.errHOpen, IDS.errBOpen], (errandId) => ({
        errandId,
      })),
    listOpen: () => none(),
    assigned: () => none(),
    list: () => [...none(), ...onGrids((gridId) => ({ gridId }))],
    claim: () =>
      onErrands([IDS.errXOpen, IDS.errXPsych, IDS.errHOpen, IDS.errBOpen], (errandId) => ({ errandId })),
    release: () =>
      onErrands([IDS.errXClaimed2, IDS.errHOpen], (errandId) => ({ errandId, reason: '临时有事' })),
    advance: () => onErrands([IDS.errXClaimed, IDS.errHOpen], (errandId) => ({ errandId, to: 'purchasing' })),
    confirm: () => onErrands([IDS.errXDelivered, IDS.errHOpen], (errandId) => ({ errandId, code: '1234' })),
    cancel: () => onErrands([IDS.errXOpen2, IDS.errHOpen], (errandId) => ({ errandId })),
    rate: () => onErrands([IDS.errXConfirmed, IDS.errHOpen], (errandId) => ({ errandId, stars: 5 })),
    butlerStats: () =>
      (
        [
          [accountId('butler'), PLACES.x1],
          [IDS.staffB, PLACES.b1],
        ] as const
      ).map(([butlerId, place]) => ({ name: butlerId, input: () => ({ butlerId }), facts: at(place) })),
    ledger: () => [
      ...none(),
      ...onGrids((gridId) => ({ gridId }), [X1, H1]).map((aim) => ({
        ...aim,
        facts: (p: Principal) => ({ ...aim.facts!(p), people: [p._id] }),
      })),
      {
        name: `butler ${IDS.staffH}`,
        input: () => ({ butlerId: IDS.staffH }),
        facts: (p: Principal) => ({ people: [IDS.staffH], scope: p.scope }),
      },
    ],
    settle: () =>
      (
        [
          [IDS.ledX, PLACES.x1],
          [IDS.ledH, PLACES.h1],
          [IDS.ledB, PLACES.b1],
        ] as const
      ).map(([id, place]) => ({ name: id, input: () => ({ entryIds: [id] }), facts: at(place) })),
    markNeedsHelp: () => [
      {
        // Someone not yet marked anywhere: each grid worker marks a different person, into their own grid.
        name: 'unmarked person',
        input: (p) => ({
          phone: phoneOf(p.who === 'gridWorkerH' ? 'resident' : 'employee'),
          building: '1',
          room: '101',
          reason: 'elderly',
        }),
        facts: (p) => ({ scope: p.scope }),
      },
      {
        name: 'household of heping-1',
        input: () => ({ phone: '13700000005', building: '1', room: '101', reason: 'elderly' }),
        facts: at(PLACES.h1),
      },
    ],
    unmarkNeedsHelp: () =>
      (
        [
          [IDS.hhX, PLACES.x1],
          [IDS.hhH, PLACES.h1],
        ] as const
      ).map(([id, place]) => ({ name: id, input: () => ({ accountId: id }), facts: at(place) })),
    listNeedsHelp: () => none(),
    getSettings: () => none(),
    setSettings: () =>
      none({
        maxOpen: DEFAULT_ERRAND_SETTINGS.maxOpen,
        unclaimedMinutes: DEFAULT_ERRAND_SETTINGS.unclaimedMinutes,
        urgentUnclaimedMinutes: DEFAULT_ERRAND_SETTINGS.urgentUnclaimedMinutes,
        deliverWithinMinutes: DEFAULT_ERRAND_SETTINGS.deliverWithinMinutes,
        communityAfterMinutes: DEFAULT_ERRAND_SETTINGS.communityAfterMinutes,
      }),
  },
  health: {
    declare: () =>
      (['x1', 'b1'] as const).map((g) => ({
        name: grid(g).gridId,
        input: () => ({
          name: '申报人员',
          idNumber: idNumber(),
          phone: '13955509999',
          communityId: grid(g).communityId,
          gridId: grid(g).gridId,
          building: '1',
          room: '101',
          fromProvince: '浙江省',
          fromCity: '杭州市',
          arrivalDate: TODAY(),
          contactWithCases: false,
        }),
        facts: at(grid(g)),
      })),
    myStatus: () => none(),
    report: () => [{ name: '—', input: () => ({ temperature: 36.5, requestId: requestId() }) }],
    revise: () => none({ temperature: 36.6, reason: 'mistake' }),
    recordFor: () =>
      onQuarantines((quarantineId) => ({ quarantineId, temperature: 36.5, requestId: requestId() })),
    history: () => [...none(), ...onQuarantines((quarantineId) => ({ quarantineId }))],
    board: () => [...none(), ...onGrids((gridId) => ({ gridId }))],
    extend: () => onQuarantines((quarantineId) => ({ quarantineId, days: 1, reason: '继续观察' })),
    release: () => onQuarantines((quarantineId) => ({ quarantineId, reason: '检测阴性' })),
    listKeyPersons: () => [...none(), ...onGrids((gridId) => ({ gridId }))],
    staffStatus: () => onEnterprises(['xRev', 'hRev'], (enterpriseId) => ({ enterpriseId })),
    getRules: () => none(),
    setRules: () => none(RULES),
  },
  supplies: {
    receive: () => none({ kind: 'mask', quantity: 10, source: 'donation' }),
    enterprises: () => none({ search: '商' }),
    handOut: () =>
      onEnterprises(['xRev', 'hRev', 'bRev'], (enterpriseId) => ({
        enterpriseId,
        kind: 'mask',
        quantity: 1,
      })),
    confirmReceipt: () =>
      (
        [
          [IDS.hoX, OWNER, PLACES.x1],
          [IDS.hoH, OWNER2, PLACES.h1],
          [IDS.hoB, OWNER_B, PLACES.b1],
        ] as const
      ).map(([handOutId, owner, place]) => ({
        name: handOutId,
        input: () => ({ handOutId }),
        facts: owned(owner, place),
      })),
    stock: () => none(),
    handOuts: () => none(),
    requestPurchase: () =>
      onEnterprises(['xRev', 'hRev'], (enterpriseId) => ({ enterpriseId, kind: 'antigenKit', quantity: 50 })),
    purchases: () => none(),
    recordPurchase: () =>
      (
        [
          [IDS.purX, PLACES.x1],
          [IDS.purH, PLACES.h1],
          [IDS.purB, PLACES.b1],
        ] as const
      ).map(([purchaseId, place]) => ({
        name: purchaseId,
        input: () => ({ purchaseId, quantity: 1000 }),
        facts: at(place),
      })),
    ledger: () => none(),
  },
  certificate: {
    upload: () =>
      onEnterprises(['xRev', 'hRev'], (enterpriseId) => ({
        enterpriseId,
        photo: 'cloud://reopen-local.emulator/certificates/new.jpg',
        number: 'JKZ20249999',
        authority: '区疾病预防控制中心',
        expiresOn: '2099-12-31',
      })),
    mine: () => none(),
    staff: () => onEnterprises(['xRev', 'hRev', 'bRev'], (enterpriseId) => ({ enterpriseId })),
    pending: () => none(),
    verify: () =>
      (
        [
          [IDS.certX, PLACES.x1],
          [IDS.certH, PLACES.h1],
          [IDS.certB, PLACES.b1],
        ] as const
      ).map(([certificateId, place]) => ({
        name: certificateId,
        input: () => ({ certificateId, approve: true }),
        facts: at(place),
      })),
  },
  onsite: {
    mine: () => none(),
    setOfficer: () =>
      onOnsite((o) => ({ enterpriseId: o.enterpriseId, accountId: o.officer ?? o.owner }), false),
    setOnSite: () => onOnsite((o) => ({ enterpriseId: o.enterpriseId, accountId: o.onSite, onSite: true })),
    record: () =>
      onOnsite(
        (o) => ({
          enterpriseId: o.enterpriseId,
          accountId: o.onSite,
          temperature: 36.5,
          antigen: 'negative',
          pcrSampled: false,
          requestId: requestId(),
        }),
        true,
        true,
      ),
    confirm: () =>
      (['x', 'h', 'b'] as const).map((k) => ({
        name: k,
        input: () => ({ checkId: onsiteCheck(k, shanghaiDate(world.now - 86_400_000)) }),
        facts: onsiteFacts(k),
      })),
    board: () => onOnsite((o) => ({ enterpriseId: o.enterpriseId })),
    closeCase: () =>
      (['x', 'h', 'b'] as const).map((k) => ({
        name: k,
        input: () => ({ caseId: onsiteCase(k), note: '核酸阴性，解除' }),
        facts: onsiteFacts(k),
      })),
  },
  stats: {
    dashboard: () => onStats({}),
    list: () => [
      ...onStats({ figure: 'enterprises.total' }, false),
      ...onStats({ figure: 'quarantine.active' }, true),
    ],
    trend: () => onStats({ from: TODAY(), to: TODAY() }),
    exportLedger: () => [
      ...onStats({ kind: 'enterprises' }, false),
      ...onStats({ kind: 'keyPersons' }, true),
    ],
    dailyExport: () => none({ date: TODAY() }),
    exportByKey: () => none({ key: 'rk_not-a-key', date: TODAY() }),
    districtSummary: () => none({ date: TODAY() }),
    reconcile: () => none({ from: TODAY(), to: TODAY() }),
  },
}

/** Codes that say "not you" or "not this": an access refusal. Anything else is the action at work. */
const DENIALS = new Set([
  'UNAUTHENTICATED',
  'ACCOUNT_NOT_SET_UP',
  'ACCOUNT_DISABLED',
  'FORBIDDEN_ROLE',
  'FORBIDDEN_SCOPE',
  'CONFLICT_OF_INTEREST',
  'SELF_CHANGE_REFUSED',
  'NOT_FOUND',
  'SCOPE_NOT_FOUND',
])

interface Cell {
  fn: FunctionName
  action: string
  person: Person
  aim: Aim
  /** Undefined: allowed. Otherwise the code the policy refuses with. */
  denial?: string
  /** Whether the refusal is about who the caller is (exact code) rather than about the record. */
  byWho: boolean
}

/** What the policy says of one call. */
function expected(
  fn: FunctionName,
  action: string,
  person: Person,
  aim: Aim,
): Pick<Cell, 'denial' | 'byWho'> {
  const row = POLICY[fn][action as ActionName<typeof fn>] as {
    who: Parameters<typeof whoAdmits>[0]
    rule: never
  }
  // A disabled account's sessions are ended at the gateway, whatever it asks.
  if (person.who === 'disabled') return { denial: 'ACCOUNT_DISABLED', byWho: true }
  if (row.who === 'public') return { byWho: false }
  // Only the platform itself: no client, whoever they are.
  if (row.who === 'system') return { denial: 'FORBIDDEN_ROLE', byWho: true }
  if (!person.token) return { denial: 'UNAUTHENTICATED', byWho: true }
  if (row.who === 'identity') return { byWho: false }
  if (!person.account) return { denial: 'ACCOUNT_NOT_SET_UP', byWho: true }
  if (!whoAdmits(row.who, person.account)) return { denial: 'FORBIDDEN_ROLE', byWho: true }
  const r = aim.facts ? refusal(row.rule, person.account, aim.facts(person.account)) : undefined
  return r ? { denial: r.code, byWho: false } : { byWho: false }
}

function cells(): Cell[] {
  const out: Cell[] = []
  for (const { fn, action } of allActions()) {
    const aims = (AIMS[fn] as Record<string, () => Aim[]>)[action]!()
    for (const who of PEOPLE) {
      const person = world.people[who]
      for (const aim of aims) {
        const e = expected(fn, action, person, aim)
        out.push({ fn, action, person, aim, ...e })
        // Refused for who they are: the record does not matter, one call says it.
        if (e.byWho) break
      }
    }
  }
  return out
}

async function call(c: Cell): Promise<{ status: number; code: string | undefined }> {
  const r = await cloud.call(c.person.token, c.fn, { action: c.action, ...c.aim.input(c.person) })
  return { status: r.status, code: r.body.ok ? undefined : r.body.code }
}

/** Runs the cells of one action at a time (in the policy's order), a few at once. */
async function run(
  list: Cell[],
  width = 6,
): Promise<Map<Cell, { status: number; code: string | undefined }>> {
  const results = new Map<Cell, { status: number; code: string | undefined }>()
  const byAction = new Map<string, Cell[]>()
  for (const c of list)
    byAction.set(`${c.fn}.${c.action}`, [...(byAction.get(`${c.fn}.${c.action}`) ?? []), c])
  for (const group of byAction.values()) {
    let next = 0
    await Promise.all(
      Array.from({ length: width }, async () => {
        while (next < group.length) {
          const c = group[next++]!
          results.set(c, await call(c))
        }
      }),
    )
  }
  return results
}

const label = (c: Cell) => `${c.fn}.${c.action} as ${c.person.who} on ${c.aim.name}`

beforeAll(async () => {
  cloud = await TestCloud.start()
  world = await buildWorld(cloud)
})
afterAll(() => cloud.stop())

describe('the policy table', () => {
  it('has a row for every action of every function, and an action for every row', () => {
    const root = path.resolve(__dirname, '../../cloudfunctions')
    let counted = 0
    for (const fn of Object.keys(POLICY)) {
      const { actions } = require(path.join(root, fn, 'actions.ts')) as { actions: ActionTable }
      expect([fn, policyGaps(fn, actions)]).toEqual([fn, { unlisted: [], unused: [] }])
      counted += Object.keys(actions).length
    }
    expect(counted).toBe(allActions().length)
    // Every function that answers clients is in the policy (the timers refuse clients outright).
    for (const fn of readdirSync(root)) {
      if (fn.startsWith('_') || !statSync(path.join(root, fn)).isDirectory()) continue
      const entry = readFileSync(path.join(root, fn, 'index.ts'), 'utf8')
      if (entry.includes('createTimerMain(')) continue
      expect([fn, fn in POLICY]).toEqual([fn, true])
    }
  })

  it('aims every action at something', () => {
    for (const { fn, action } of allActions())
      expect([fn, action, (AIMS[fn] as Record<string, () => Aim[]>)[action]?.().length ?? 0]).not.toEqual([
        fn,
        action,
        0,
      ])
  })
})

describe("the local cloud's /admin (the database itself)", () => {
  it('refuses every kind of person: a login token is no key to it, and nothing is written', async () => {
    const before = digest(cloud.dataDir)
    for (const who of PEOPLE) {
      const person = world.people[who]
      // The most a caller could want: to make themselves the street's admin.
      const promote = {
        action: 'database.modifyDocument',
        envName: 'reopen-local',
        collectionName: 'accounts',
        query: JSON.stringify({ _id: person.account?._id ?? accountId('resident') }),
        data: JSON.stringify({ $set: { role: 'admin', scope: PLACES.x1 } }),
        multi: false,
        merge: true,
      }
      const headers = person.token ? { authorization: `Bearer ${person.token}` } : undefined
      const reply = await rawAdmin(cloud.url, promote, headers ? { headers } : {})
      // Refused the way CloudBase refuses: its own error code (in a 200 answer, as the SDK expects).
      expect([who, reply.status < 500, reply.json.code]).toEqual([who, true, 'SIGN_PARAM_INVALID'])
    }
    expect(changedBetween(before, digest(cloud.dataDir))).toEqual([])
  })
})

describe('every action × every kind of person × records inside and outside their scope', () => {
  let all: Cell[]
  const started = Date.now()

  it('denies what the policy denies, with its code, and the denied calls write nothing', async () => {
    all = cells()
    const denied = all.filter((c) => c.denial)
    const before = digest(cloud.dataDir)
    const results = await run(denied)
    const after = digest(cloud.dataDir)
    const wrong: string[] = []
    for (const c of denied) {
      const r = results.get(c)!
      if (!r.code) wrong.push(`${label(c)}: ALLOWED, expected ${c.denial}`)
      else if (c.byWho ? r.code !== c.denial : !DENIALS.has(r.code))
        wrong.push(`${label(c)}: ${r.code}, expected ${c.denial}`)
      else if (r.status < 400 || r.status >= 500) wrong.push(`${label(c)}: HTTP ${r.status}`)
    }
    expect(wrong).toEqual([])
    expect(changedBetween(before, after)).toEqual([])
    console.log(`policy matrix: ${denied.length} denied calls, 0 writes`)
  })

  it('allows what the policy allows: the action runs, or refuses only for the state of the record', async () => {
    const allowed = all.filter((c) => !c.denial)
    const results = await run(allowed)
    const wrong: string[] = []
    for (const c of allowed) {
      const r = results.get(c)!
      // Aimed at nobody else's record, "not found" is about the caller's own state, not a refusal of scope.
      const stateOnly = !c.aim.facts && (r.code === 'NOT_FOUND' || r.code === 'SCOPE_NOT_FOUND')
      if (r.code && DENIALS.has(r.code) && !stateOnly) wrong.push(`${label(c)}: ${r.code}`)
      if (r.status >= 500) wrong.push(`${label(c)}: HTTP ${r.status}`)
    }
    expect(wrong).toEqual([])
    const ran = [...results.values()].filter((r) => !r.code).length
    console.log(
      `policy matrix: ${all.length} calls over ${allActions().length} actions × ${PEOPLE.length} kinds of people; ` +
        `${allowed.length} allowed (${ran} ran, the rest refused for the record's state); ${((Date.now() - started) / 1000).toFixed(1)} s`,
    )
  })
})
