/**
 * The access policy, declared once: for every function and action, who may call it and which records it may
 * touch. The function entries enforce `who` before anything runs (cloudfunctions/_lib/runtime.ts); the use
 * cases enforce `rule` on the record they load with `allow(caller, target)` (cloudfunctions/_lib/access.ts);
 * the client shows only what the table admits (`mayDo`); the matrix test (tests/functions/policy.test.ts) calls
 * every action as every kind of person on records inside and outside their scope and checks both against this
 * table; the README's "安全" section is checked against it.
 *
 * Adding an action: add its row here first — the function refuses to load while its action table and this
 * table disagree, and the matrix test counts both.
 */
import type { CommitmentParty } from './application'
import type { ErrandRelation } from './errand'
import type { ErrorCode } from './errors'
import {
  DEPARTMENT_LABELS,
  ROLE_LABELS,
  STAFF_ROLES,
  isStaffRole,
  scopeContains,
  type Department,
  type Role,
  type Scope,
} from './roles'

// ---------- who ----------

/**
 * A kind of caller: a role, or a role narrowed to what only some of its holders may do — the street's admin (not
 * a community's), or the reviewers of one department.
 */
export type Grant = Role | 'streetAdmin' | `reviewer:${Department}`

export type Who =
  /** Anyone, even without a login (checking a public plate). */
  | 'public'
  /** Only the platform itself: a timer, or server code holding the environment's credentials (the H5 gateway). */
  | 'system'
  /** Signed in, with or without an account yet (`me`, `setup`). */
  | 'identity'
  /** Signed in with an active account, any role. */
  | 'account'
  /** Signed in with an active account that one of these grants admits. */
  | readonly Grant[]

/** What the policy needs to know of a caller: an account (AccountDoc and the client's AccountView both fit). */
export interface Principal {
  _id: string
  role: Role
  department?: Department
  scope: Scope
}

export function grantAdmits(grant: Grant, p: Principal): boolean {
  if (grant === 'streetAdmin') return p.role === 'admin' && !p.scope.communityId && !p.scope.gridId
  if (grant.startsWith('reviewer:')) return p.role === 'reviewer' && p.department === grant.slice(9)
  return p.role === grant
}

export function grantLabel(grant: Grant): string {
  if (grant === 'streetAdmin') return '街道管理员'
  if (grant === 'admin') return '管理员'
  if (grant.startsWith('reviewer:')) return DEPARTMENT_LABELS[grant.slice(9) as Department]
  return ROLE_LABELS[grant as Role]
}

// ---------- which records ----------

/** What a use case knows of the record an action is about; each rule reads the facts it needs. */
export interface Target {
  /** Where the record lies (street → community → grid). */
  scope?: Scope
  /** Whose record it is: the person, the requester, an enterprise's owner and managers. */
  people?: readonly string[]
  /** Everyone who owns, manages or works for the enterprise concerned: they must not decide on it. */
  members?: readonly string[]
  /** Whether the record holds health information (temperatures, who is in quarantine). */
  health?: boolean
  /** How the caller stands to an errand (shared/errand.ts `relationsOf`). */
  relations?: readonly ErrandRelation[]
  /** The party a commitment is signed for. */
  party?: CommitmentParty
  /** The record was made by district staff (区级): an invitation they issued. */
  byDistrict?: boolean
}

interface Check {
  code: ErrorCode
  message: string
  test: (p: Principal, t: Target) => boolean
}

function need<T>(value: T | undefined, fact: string): T {
  if (value === undefined) throw new Error(`policy: the target lacks "${fact}"`)
  return value
}

const HEALTH_STAFF: readonly Grant[] = ['butler', 'gridWorker', 'admin', 'reviewer:epidemic']
const hasRelation = (r: ErrandRelation) => (_p: Principal, t: Target) =>
  need(t.relations, 'relations').includes(r)

/** The single facts rules are made of. A rule holds when every check of one of its alternatives holds. */
export const CHECKS = {
  own: {
    code: 'FORBIDDEN_SCOPE',
    message: '只能查看或办理本人的记录',
    test: (p, t) => need(t.people, 'people').includes(p._id),
  },
  notOwn: {
    code: 'SELF_CHANGE_REFUSED',
    message: '不能修改自己的身份或停用自己的账号，请由其他管理员操作',
    test: (p, t) => !need(t.people, 'people').includes(p._id),
  },
  staff: {
    code: 'FORBIDDEN_SCOPE',
    message: '只能查看或办理本人的记录',
    test: (p) => isStaffRole(p.role),
  },
  oversees: {
    code: 'FORBIDDEN_SCOPE',
    message: '只能查看本人的记录',
    test: (p) => p.role === 'gridWorker' || p.role === 'admin',
  },
  scope: {
    code: 'FORBIDDEN_SCOPE',
    message: '不能查看或办理您负责范围以外的数据',
    test: (p, t) => scopeContains(p.scope, need(t.scope, 'scope')),
  },
  street: {
    code: 'FORBIDDEN_SCOPE',
    message: '只能查看或办理本街道的数据',
    test: (p, t) => p.scope.streetId === need(t.scope, 'scope').streetId,
  },
  community: {
    code: 'FORBIDDEN_SCOPE',
    message: '只能办理本社区的事项',
    test: (p, t) => {
      const s = need(t.scope, 'scope')
      return (
        p.scope.streetId === s.streetId && Boolean(s.communityId) && p.scope.communityId === s.communityId
      )
    },
  },
  noConflict: {
    code: 'CONFLICT_OF_INTEREST',
    message:
      '您是这家企业的负责人、管理人员或职工，按回避规定不能审核、检查或撤销它的复工，请由其他审核人员办理',
    test: (p, t) => !need(t.members, 'members').includes(p._id),
  },
  healthStaff: {
    code: 'FORBIDDEN_ROLE',
    message: '健康信息仅本人、防疫专业队伍、网格员、社区管家和管理员可以查看',
    test: (p) => HEALTH_STAFF.some((g) => grantAdmits(g, p)),
  },
  healthData: {
    code: 'FORBIDDEN_ROLE',
    message: '健康信息仅防疫专业队伍、网格员和管理员可以查看',
    test: (p, t) => !need(t.health, 'health') || p.role !== 'reviewer' || p.department === 'epidemic',
  },
  signsForEnterprise: {
    code: 'FORBIDDEN_ROLE',
    message: '您不能代表这一方签署承诺',
    test: (p, t) => p.role === 'owner' && need(t.party, 'party') !== 'community',
  },
  signsForCommunity: {
    code: 'FORBIDDEN_ROLE',
    message: '您不能代表这一方签署承诺',
    test: (p, t) => p.role !== 'owner' && need(t.party, 'party') === 'community',
  },
  gridWorker: {
    code: 'FORBIDDEN_ROLE',
    message: '您不能代表这一方签署承诺',
    test: (p) => p.role === 'gridWorker',
  },
  admin: { code: 'FORBIDDEN_ROLE', message: '您不能代表这一方签署承诺', test: (p) => p.role === 'admin' },
  /** District staff (区级): outside every street, they read any street's figures and manage their own invitations. */
  district: {
    code: 'FORBIDDEN_SCOPE',
    message: '不能查看或办理您负责范围以外的数据',
    test: (p) => p.role === 'district',
  },
  districtMade: {
    code: 'FORBIDDEN_SCOPE',
    message: '区级只能办理区级发出的邀请码',
    test: (p, t) => p.role === 'district' && need(t.byDistrict, 'byDistrict'),
  },
  requester: {
    code: 'FORBIDDEN_SCOPE',
    message: '这不是您发起的需求',
    test: hasRelation('requester'),
  },
  assignee: {
    code: 'FORBIDDEN_SCOPE',
    message: '只能操作自己认领的需求',
    test: hasRelation('assignee'),
  },
  queueStaff: {
    code: 'FORBIDDEN_SCOPE',
    message: '只能认领本网格（等待一段时间后本社区）的需求',
    test: hasRelation('queueStaff'),
  },
  overseer: {
    code: 'FORBIDDEN_SCOPE',
    message: '不能查看这个需求',
    test: hasRelation('overseer'),
  },
} satisfies Record<string, Check>

export type CheckName = keyof typeof CHECKS

interface RuleDef {
  /** Alternatives: the rule holds when every check of at least one of them holds. */
  anyOf: readonly (readonly CheckName[])[]
}

/**
 * The scope rules actions name. Rules without checks ('none', 'mine', 'myScope') describe actions that carry no
 * record of anyone else: the use case reads only the caller's own records, or filters by the caller's scope.
 */
export const RULES = {
  none: { anyOf: [[]] },
  mine: { anyOf: [[]] },
  myScope: { anyOf: [[]] },
  own: { anyOf: [['own']] },
  scope: { anyOf: [['scope']] },
  street: { anyOf: [['street']] },
  ownOrScope: { anyOf: [['own'], ['staff', 'scope']] },
  ledger: { anyOf: [['own'], ['oversees', 'scope']] },
  others: { anyOf: [['scope', 'notOwn']] },
  review: { anyOf: [['street', 'noConflict']] },
  decide: { anyOf: [['scope', 'noConflict']] },
  sign: {
    anyOf: [
      ['signsForEnterprise', 'own'],
      ['signsForCommunity', 'gridWorker', 'community'],
      ['signsForCommunity', 'admin', 'scope'],
    ],
  },
  healthRecord: { anyOf: [['own'], ['healthStaff', 'scope']] },
  statsScope: { anyOf: [['scope', 'healthData']] },
  /** Figures (no names): the caller's scope, or any street for district staff. */
  figures: { anyOf: [['scope'], ['district']] },
  /** Invitations: the admin's scope, or those the district issued (district staff, a street's first admin). */
  invite: { anyOf: [['scope'], ['districtMade']] },
  errandView: { anyOf: [['requester'], ['assignee'], ['queueStaff'], ['overseer']] },
  errandQueue: { anyOf: [['queueStaff']] },
  errandAssignee: { anyOf: [['assignee']] },
  errandRequester: { anyOf: [['requester']] },
  errandHandoff: { anyOf: [['requester'], ['assignee']] },
  /** An enterprise's own people, or the grid worker and admins over it (supplies, health certificates). */
  shop: { anyOf: [['own'], ['oversees', 'scope']] },
} satisfies Record<string, RuleDef>

export type RuleName = keyof typeof RULES

export type Refusal = { code: ErrorCode; message: string }

/**
 * Does rule `rule` let `p` touch `t`? Undefined when it does; otherwise the refusal, from the alternative that came
 * closest (so a reviewer who would be allowed but for a conflict of interest is told exactly that).
 */
export function refusal(rule: RuleName, p: Principal, t: Target): Refusal | undefined {
  let best: { passed: number; check: Check } | undefined
  for (const alternative of RULES[rule].anyOf) {
    let passed = 0
    let failed: Check | undefined
    for (const name of alternative) {
      const check: Check = CHECKS[name]
      if (!check.test(p, t)) {
        failed = check
        break
      }
      passed++
    }
    if (!failed) return undefined
    if (!best || passed > best.passed) best = { passed, check: failed }
  }
  return { code: best!.check.code, message: best!.check.message }
}

// ---------- the table ----------

export interface ActionPolicy {
  /** What the action does, as a verb phrase a person reads: 「只有街道管理员可以修改筛查规则」. */
  label: string
  who: Who
  rule: RuleName
  /**
   * The action creates a record: its input takes an optional `requestId`, and the same caller, action and
   * requestId answer the first call's result again and write nothing more (tests/functions/races.test.ts).
   */
  creates?: true
}

const SELF_SERVICE = ['owner', 'employee', 'resident'] as const satisfies readonly Role[]
const STAFF = STAFF_ROLES satisfies readonly Role[]
const REQUESTERS = ['resident', 'employee', 'owner'] as const satisfies readonly Role[]
const ASSIGNEES = ['butler', 'gridWorker'] as const satisfies readonly Role[]
const STATS = ['admin', 'reviewer', 'gridWorker'] as const satisfies readonly Role[]
/** Who hands out the street's supplies and checks shops' health certificates. */
const SUPPLY_STAFF = ['gridWorker', 'admin'] as const satisfies readonly Role[]
const DECIDE_QUARANTINE = ['gridWorker', 'admin', 'reviewer:epidemic'] as const satisfies readonly Grant[]
/** An enterprise's own people in 一日两检: its owner, and its staff (the safety officer is one of them). */
const ONSITE_PEOPLE = ['owner', 'employee'] as const satisfies readonly Role[]

export const POLICY = {
  account: {
    me: { label: '查看本人账号', who: 'identity', rule: 'mine' },
    setup: { label: '建立本人账号', who: 'identity', rule: 'mine', creates: true },
    scopes: { label: '查看街道、社区和网格', who: 'identity', rule: 'none' },
    streets: { label: '查看可选择的街道', who: 'identity', rule: 'none' },
    updateProfile: { label: '修改本人姓名和手机号', who: 'account', rule: 'mine' },
    redeemInvite: { label: '兑换工作人员邀请码', who: 'account', rule: 'mine', creates: true },
    inbox: { label: '查看本人消息', who: 'account', rule: 'mine' },
    todos: { label: '查看本人的待办事项', who: 'account', rule: 'myScope' },
    markRead: { label: '把本人消息标为已读', who: 'account', rule: 'mine' },
    createInvite: { label: '生成工作人员邀请码', who: ['admin', 'district'], rule: 'invite', creates: true },
    listInvites: { label: '查看邀请码', who: ['admin', 'district'], rule: 'myScope' },
    revokeInvite: { label: '作废邀请码', who: ['admin', 'district'], rule: 'invite' },
    // Whose password or lock: an admin's scope, or a grid worker's grid (its staff, people in quarantine or
    // registered households there) — checked in the use case (passwordTarget), not yet a rule of this table.
    issueResetCode: { label: '生成密码重置码', who: ['admin', 'gridWorker'], rule: 'myScope' },
    unlockLogin: { label: '解除登录锁定', who: ['admin'], rule: 'myScope' },
    provePhone: { label: '用微信验证本人手机号', who: 'identity', rule: 'mine' },
    linkCode: { label: '生成关联另一端用的验证码', who: 'account', rule: 'mine' },
    link: { label: '用验证码关联本人已有的账号', who: 'identity', rule: 'mine' },
    recordRegisteredPhone: { label: '记录网页注册时的手机号', who: 'system', rule: 'none' },
    subscribed: { label: '记录本人订阅消息的授权', who: 'account', rule: 'mine' },
    myData: { label: '查看本人数据', who: 'account', rule: 'mine' },
    deleteAccount: { label: '注销本人账号', who: 'account', rule: 'mine' },
  },
  admin: {
    tree: { label: '查看社区、网格和人员分布', who: ['admin'], rule: 'myScope' },
    createStreet: { label: '新建街道', who: ['district'], rule: 'none', creates: true },
    renameStreet: { label: '修改街道名称', who: ['district'], rule: 'none' },
    createCommunity: { label: '新建社区', who: ['streetAdmin'], rule: 'none', creates: true },
    renameCommunity: { label: '修改社区名称', who: ['admin'], rule: 'scope' },
    createGrid: { label: '新建网格', who: ['admin'], rule: 'scope', creates: true },
    renameGrid: { label: '修改网格名称', who: ['admin'], rule: 'scope' },
    moveGrid: { label: '把网格调整到其他社区', who: ['streetAdmin'], rule: 'scope' },
    assignStaff: { label: '给管家、网格员分配网格', who: ['admin'], rule: 'others' },
    accounts: { label: '查看账号列表', who: ['admin'], rule: 'myScope' },
    setRole: { label: '调整账号身份', who: ['admin'], rule: 'others' },
    setDisabled: { label: '停用或恢复账号', who: ['admin'], rule: 'others' },
    auditLog: { label: '查看操作日志', who: ['admin'], rule: 'myScope' },
    outbox: { label: '查看订阅消息发送记录', who: ['streetAdmin'], rule: 'myScope' },
    createApiKey: { label: '生成 API 密钥', who: ['streetAdmin', 'district'], rule: 'none', creates: true },
    apiKeys: { label: '查看 API 密钥', who: ['streetAdmin', 'district'], rule: 'myScope' },
    revokeApiKey: { label: '作废 API 密钥', who: ['streetAdmin', 'district'], rule: 'scope' },
    getRetention: { label: '查看保留期限', who: 'account', rule: 'none' },
    setRetention: { label: '修改保留期限', who: ['streetAdmin'], rule: 'none' },
    recordBackup: { label: '记录备份', who: 'system', rule: 'none' },
    backups: { label: '查看数据备份', who: ['streetAdmin'], rule: 'myScope' },
    webhook: { label: '查看数据推送设置和记录', who: ['streetAdmin', 'district'], rule: 'myScope' },
    setWebhook: { label: '设置数据推送', who: ['streetAdmin', 'district'], rule: 'none' },
  },
  application: {
    registerEnterprise: { label: '登记企业', who: ['owner'], rule: 'street', creates: true },
    updateEnterprise: { label: '修改企业信息', who: ['owner'], rule: 'own' },
    myEnterprises: { label: '查看本人登记的企业', who: ['owner'], rule: 'mine' },
    joinPoster: { label: '生成职工加入企业的二维码', who: ['owner'], rule: 'own' },
    saveDraft: { label: '填写复工申请', who: ['owner'], rule: 'own', creates: true },
    submit: { label: '提交复工申请', who: ['owner'], rule: 'own' },
    get: { label: '查看复工申请详情', who: ['owner', ...STAFF], rule: 'ownOrScope' },
    listMine: { label: '查看本人的复工申请', who: ['owner'], rule: 'mine' },
    listForReview: { label: '查看审核队列', who: ['reviewer'], rule: 'myScope' },
    review: { label: '审核复工申请', who: ['reviewer'], rule: 'review' },
    commit: { label: '签署三方承诺', who: ['owner', 'gridWorker', 'admin'], rule: 'sign' },
    signatures: { label: '查看等待社区签署的承诺', who: ['gridWorker', 'admin'], rule: 'myScope' },
    plate: { label: '查看复工公示牌', who: ['owner', ...STAFF], rule: 'ownOrScope' },
    verifyPlate: { label: '扫码核验复工公示牌', who: 'public', rule: 'none' },
    inspect: { label: '开展回头看检查', who: ['reviewer', 'gridWorker'], rule: 'decide', creates: true },
    revokePlate: { label: '撤销复工公示牌', who: ['admin', 'reviewer'], rule: 'decide' },
    reportDifficulty: { label: '反映企业诉求', who: ['owner'], rule: 'own', creates: true },
    answerDifficulty: { label: '答复企业诉求', who: ['admin', 'reviewer'], rule: 'scope' },
    listDifficulties: { label: '查看企业诉求', who: ['owner', 'admin', 'reviewer'], rule: 'myScope' },
  },
  errand: {
    create: { label: '发起跑腿代购', who: REQUESTERS, rule: 'mine', creates: true },
    mine: { label: '查看本人的跑腿需求', who: REQUESTERS, rule: 'mine' },
    get: { label: '查看跑腿需求详情', who: 'account', rule: 'errandView' },
    listOpen: { label: '查看待认领的需求', who: ASSIGNEES, rule: 'myScope' },
    assigned: { label: '查看本人认领的需求', who: ASSIGNEES, rule: 'mine' },
    list: { label: '查看辖区内的跑腿需求', who: ['gridWorker', 'admin'], rule: 'scope' },
    claim: { label: '认领跑腿需求', who: ASSIGNEES, rule: 'errandQueue' },
    release: { label: '退回跑腿需求', who: ASSIGNEES, rule: 'errandAssignee' },
    advance: { label: '更新采购和配送进度', who: ASSIGNEES, rule: 'errandAssignee' },
    confirm: { label: '确认收货', who: [...REQUESTERS, ...ASSIGNEES], rule: 'errandHandoff' },
    cancel: { label: '取消跑腿需求', who: REQUESTERS, rule: 'errandRequester' },
    rate: { label: '评价跑腿服务', who: REQUESTERS, rule: 'errandRequester' },
    butlerStats: { label: '查看管家的服务评价', who: 'account', rule: 'street' },
    ledger: { label: '查看代购垫付台账', who: ['butler', 'gridWorker', 'admin'], rule: 'ledger' },
    settle: { label: '结算代购垫付款', who: ['admin'], rule: 'scope' },
    markNeedsHelp: { label: '登记需帮扶家庭', who: ['gridWorker'], rule: 'scope', creates: true },
    unmarkNeedsHelp: { label: '取消帮扶登记', who: ['gridWorker'], rule: 'scope' },
    listNeedsHelp: { label: '查看需帮扶家庭', who: ['gridWorker'], rule: 'myScope' },
    getSettings: { label: '查看跑腿代购设置', who: 'account', rule: 'none' },
    setSettings: { label: '修改跑腿代购设置', who: ['streetAdmin'], rule: 'none' },
  },
  health: {
    declare: { label: '健康申报', who: SELF_SERVICE, rule: 'street', creates: true },
    myStatus: { label: '查看本人的隔离和报备情况', who: 'account', rule: 'mine' },
    report: { label: '报备体温', who: 'account', rule: 'mine', creates: true },
    revise: { label: '更正或补报本人本时段的体温', who: 'account', rule: 'mine' },
    recordFor: { label: '代隔离人员报备体温', who: ASSIGNEES, rule: 'scope', creates: true },
    history: { label: '查看隔离人员的体温记录', who: 'account', rule: 'healthRecord' },
    board: { label: '查看体温报备看板', who: ['butler', ...DECIDE_QUARANTINE], rule: 'scope' },
    extend: { label: '延长隔离期', who: DECIDE_QUARANTINE, rule: 'scope' },
    release: { label: '解除隔离', who: DECIDE_QUARANTINE, rule: 'scope' },
    listKeyPersons: { label: '查看重点人员名单', who: ['butler', ...DECIDE_QUARANTINE], rule: 'scope' },
    staffStatus: { label: '查看本企业职工的健康状况', who: ['owner'], rule: 'own' },
    getRules: { label: '查看筛查规则', who: 'account', rule: 'none' },
    setRules: { label: '修改筛查规则', who: ['streetAdmin'], rule: 'none', creates: true },
  },
  // ---------- 防疫物资 ----------
  supplies: {
    receive: { label: '物资入库', who: ['streetAdmin'], rule: 'none', creates: true },
    handOut: { label: '发放物资', who: SUPPLY_STAFF, rule: 'scope', creates: true },
    enterprises: { label: '查找可发放物资的企业', who: SUPPLY_STAFF, rule: 'myScope' },
    confirmReceipt: { label: '确认收到物资', who: ['owner'], rule: 'own' },
    stock: { label: '查看库存', who: SUPPLY_STAFF, rule: 'myScope' },
    handOuts: { label: '查看发放记录', who: ['owner', ...SUPPLY_STAFF], rule: 'myScope' },
    requestPurchase: { label: '申请协助采购', who: ['owner'], rule: 'own', creates: true },
    purchases: { label: '查看采购申请', who: ['owner', ...SUPPLY_STAFF], rule: 'myScope' },
    recordPurchase: { label: '登记采购结果', who: SUPPLY_STAFF, rule: 'scope' },
    ledger: { label: '查看出入库记录', who: ['admin'], rule: 'myScope' },
  },
  // ---------- 健康证 ----------
  certificate: {
    upload: { label: '上传健康证', who: ['owner', 'employee'], rule: 'own', creates: true },
    mine: { label: '查看本人健康证', who: ['owner', 'employee', ...SUPPLY_STAFF], rule: 'mine' },
    staff: { label: '查看员工健康证', who: ['owner', ...SUPPLY_STAFF], rule: 'shop' },
    pending: { label: '查看待核验证件', who: SUPPLY_STAFF, rule: 'myScope' },
    verify: { label: '核验健康证', who: SUPPLY_STAFF, rule: 'scope' },
  },
  // 企业一日两检. The enterprise's people (`people`: owner, managers, the safety officer; for `record`, also the
  // person checked) act on their own enterprise; staff who watch health see its board inside their scope. The
  // epidemic team (防疫专业队伍) is the existing `reviewer:epidemic` grant — the department that already reviews
  // applications and decides quarantines — so no new role: it is alerted, and only it closes a case.
  onsite: {
    mine: { label: '查看本人的一日两检', who: ONSITE_PEOPLE, rule: 'mine' },
    setOfficer: { label: '指定企业安全员', who: ['owner'], rule: 'own' },
    setOnSite: { label: '设置在岗（闭环）人员', who: ONSITE_PEOPLE, rule: 'own' },
    record: { label: '登记一日两检', who: ONSITE_PEOPLE, rule: 'own', creates: true },
    confirm: { label: '确认职工的一日两检', who: ONSITE_PEOPLE, rule: 'own' },
    board: {
      label: '查看企业一日两检看板',
      who: [...ONSITE_PEOPLE, 'gridWorker', 'admin', 'reviewer:epidemic'],
      rule: 'healthRecord',
    },
    closeCase: { label: '处置阳性或发热情况并结案', who: ['reviewer:epidemic'], rule: 'scope' },
  },
  stats: {
    dashboard: { label: '查看数据看板', who: [...STATS, 'district'], rule: 'figures' },
    list: { label: '查看统计明细', who: STATS, rule: 'statsScope' },
    trend: { label: '查看趋势图', who: [...STATS, 'district'], rule: 'figures' },
    exportLedger: { label: '导出台账', who: STATS, rule: 'statsScope' },
    dailyExport: { label: '导出每日数据', who: ['streetAdmin', 'reviewer', 'district'], rule: 'myScope' },
    districtSummary: { label: '查看全区各街道的当日数据', who: ['district'], rule: 'none' },
    exportByKey: { label: '凭密钥导出数据', who: 'system', rule: 'none' },
    reconcile: { label: '核对看板存档数据', who: ['streetAdmin'], rule: 'none' },
  },
} as const satisfies Record<string, Record<string, ActionPolicy>>

export type Policy = typeof POLICY
export type FunctionName = keyof Policy
export type ActionName<F extends FunctionName> = keyof Policy[F] & string
/** The `who` of one action, as a literal type (the runtime types the caller from it). */
export type WhoOf<F extends FunctionName, A extends ActionName<F>> = Policy[F][A] extends {
  who: infer W extends Who
}
  ? W
  : never

export function policyOf(fn: string, action: string): ActionPolicy | undefined {
  const table = (POLICY as Record<string, Record<string, ActionPolicy>>)[fn]
  return table && Object.prototype.hasOwnProperty.call(table, action) ? table[action] : undefined
}

/**
 * May an account of this kind call the action at all? (`public`/`identity` actions: anyone signed in may;
 * `system` actions: no account, only the platform.)
 */
export function whoAdmits(who: Who, p: Principal | undefined): boolean {
  if (who === 'system') return false
  if (who === 'public' || who === 'identity') return true
  if (!p) return false
  if (who === 'account') return true
  return who.some((g) => grantAdmits(g, p))
}

/** One action, named as the client names it: `['health', 'board']`. */
export type ActionRef = { [F in FunctionName]: readonly [F, ActionName<F>] }[FunctionName]

/**
 * What the client asks before showing a button about one record: may this person call the action, and does its
 * rule admit this record? The function asks the same again; this only decides what to show.
 */
export function mayDo(p: Principal | undefined, [fn, action]: ActionRef, target?: Target): boolean {
  const row = policyOf(fn, action)
  if (!row || !whoAdmits(row.who, p)) return false
  return !target || (p !== undefined && !refusal(row.rule, p, target))
}

/** 「只有街道管理员可以修改筛查规则」 */
export function roleRefusal(row: ActionPolicy): string {
  if (row.who === 'system') return '这个操作只能由系统发起'
  if (!Array.isArray(row.who)) return '请先完善个人信息'
  const names = [...new Set((row.who as readonly Grant[]).map(grantLabel))]
  return `只有${names.join('、')}可以${row.label}`
}

/** Every action of every function, for tests and docs. */
export function allActions(): { fn: FunctionName; action: string; row: ActionPolicy }[] {
  return Object.entries(POLICY).flatMap(([fn, table]) =>
    Object.entries(table as Record<string, ActionPolicy>).map(([action, row]) => ({
      fn: fn as FunctionName,
      action,
      row,
    })),
  )
}
