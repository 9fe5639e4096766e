import type { ApplicationState } from './application'
import type { EnterpriseKind } from './enterprise'
import type { ErrandCategory, ErrandState } from './errand'
import { OPEN_QUARANTINE_STATES, SLOTS, type QuarantineStatus, type Slot } from './health'
import type { Scope, ScopeLevel } from './roles'
import {
  SUPPLY_KINDS,
  SUPPLY_LABELS,
  SUPPLY_UNITS,
  type HandOutStatus,
  type PurchaseStatus,
  type SupplyKind,
} from './supplies'

/**
 * The street dashboard (数据看板): every figure, what it means and which records stand behind it. The client
 * draws cards from this catalogue; the `stats` function computes each figure with an aggregation in the
 * database and lists the records behind it with the very same conditions.
 *
 * Each figure has a basis:
 *  - `now`:    the state of the records at this moment (e.g. people in quarantine now);
 *  - `today`:  about today (Shanghai), whatever period is asked (reports due today);
 *  - `period`: things that happened between `from` 00:00 and the end of `to` (Shanghai days, inclusive).
 * and a measure: a `count` of records (the list's total equals it), a `sum` over the listed records, or an
 * `average` over them (null when there is nothing to average).
 */
export const FIGURE_GROUPS = {
  enterprises: '企业',
  applications: '复工申请',
  staff: '职工',
  keyPersons: '重点人员',
  quarantine: '居家隔离',
  reports: '体温报备',
  errands: '跑腿代购',
  difficulties: '企业诉求',
  supplies: '防疫物资',
  handOuts: '物资发放',
  purchases: '协助采购',
  onsite: '一日两检',
} as const
export type FigureGroup = keyof typeof FIGURE_GROUPS

export type FigureBasis = 'now' | 'today' | 'period'
export type FigureMeasure = 'count' | 'sum' | 'average'
/** The kind of record a figure's list shows. */
export type ListKind =
  | 'enterprise'
  | 'application'
  | 'person'
  | 'quarantine'
  | 'report'
  | 'errand'
  | 'difficulty'
  | 'handOut'
  | 'purchase'
  | OnsiteListKind
/** 企业一日两检: the people on site, their checks, the enterprises flagged. */
export type OnsiteListKind = 'onsiteStaff' | 'onsiteCheck' | 'onsiteEnterprise'

export interface FigureInfo {
  label: string
  group: FigureGroup
  basis: FigureBasis
  measure: FigureMeasure
  unit: string
  list: ListKind
  /** What exactly is counted, in one sentence for the person reading the dashboard. */
  definition: string
}

const f = (
  group: FigureGroup,
  label: string,
  basis: FigureBasis,
  measure: FigureMeasure,
  unit: string,
  list: ListKind,
  definition: string,
): FigureInfo => ({ label, group, basis, measure, unit, list, definition })

/** 物资发放 by kind: `handOuts.mask` … one figure per kind of supplies, the quantity handed out in the period. */
function HAND_OUT_FIGURES() {
  return Object.fromEntries(
    SUPPLY_KINDS.map((k) => [
      `handOuts.${k}`,
      f(
        'handOuts',
        `发放${SUPPLY_LABELS[k]}`,
        'period',
        'sum',
        SUPPLY_UNITS[k],
        'handOut',
        `期间内发放给企业的${SUPPLY_LABELS[k]}数量`,
      ),
    ]),
  ) as Record<`handOuts.${SupplyKind}`, FigureInfo>
}

export const FIGURES = {
  'enterprises.total': f(
    'enterprises',
    '登记企业',
    'now',
    'count',
    '家',
    'enterprise',
    '在本范围登记的企业和门店',
  ),
  'enterprises.large': f('enterprises', '规上企业', 'now', 'count', '家', 'enterprise', '登记类型为规上企业'),
  'enterprises.small': f('enterprises', '规下企业', 'now', 'count', '家', 'enterprise', '登记类型为规下企业'),
  'enterprises.shop': f(
    'enterprises',
    '五小门店',
    'now',
    'count',
    '家',
    'enterprise',
    '个体工商户、五小门店',
  ),
  'applications.received': f(
    'applications',
    '收到申请',
    'period',
    'count',
    '份',
    'application',
    '期间内提交（含退回后重新提交，按最近一次提交计）的复工申请',
  ),
  'applications.reviewing': f(
    'applications',
    '审核中',
    'now',
    'count',
    '份',
    'application',
    '正在三方审核的申请',
  ),
  'applications.returned': f(
    'applications',
    '退回补充',
    'now',
    'count',
    '份',
    'application',
    '被退回、等待企业补充后重新提交的申请',
  ),
  'applications.approved': f(
    'applications',
    '审核通过',
    'period',
    'count',
    '份',
    'application',
    '期间内三方审核全部通过的申请（含之后已复工或被撤销的）',
  ),
  'applications.rejected': f(
    'applications',
    '未通过',
    'period',
    'count',
    '份',
    'application',
    '期间内审核未通过的申请',
  ),
  'applications.reopened': f(
    'applications',
    '已复工',
    'period',
    'count',
    '家',
    'application',
    '期间内完成三方承诺、领取公示牌复工的企业',
  ),
  'applications.revoked': f(
    'applications',
    '撤销复工',
    'period',
    'count',
    '家',
    'application',
    '期间内被撤销复工的企业',
  ),
  'staff.total': f(
    'staff',
    '职工总数',
    'now',
    'sum',
    '人',
    'application',
    '已复工企业在申请中填报的职工总数之和',
  ),
  'staff.onSite': f(
    'staff',
    '到岗职工',
    'now',
    'sum',
    '人',
    'application',
    '已复工企业在申请中填报的到岗人数之和',
  ),
  'staff.declared': f(
    'staff',
    '职工健康申报',
    'period',
    'count',
    '人',
    'person',
    '期间内健康申报时填了企业加入码的职工人数，每人计一次；没有单位的居民不算（见“健康申报人数”）',
  ),
  'keyPersons.declared': f(
    'keyPersons',
    '健康申报人数',
    'period',
    'count',
    '人',
    'person',
    '期间内填写健康申报的人数，职工和居民都算，每人计一次',
  ),
  'keyPersons.screened': f(
    'keyPersons',
    '筛查出重点人员',
    'period',
    'count',
    '人',
    'person',
    '期间内的健康申报中被筛查为重点人员的人数',
  ),
  'keyPersons.riskArea': f(
    'keyPersons',
    '其中来自风险地区',
    'period',
    'count',
    '人',
    'person',
    '重点人员中从风险地区返回或到过风险地区的',
  ),
  'keyPersons.outOfProvince': f(
    'keyPersons',
    '其中省外返回',
    'period',
    'count',
    '人',
    'person',
    '重点人员中从省外返回的',
  ),
  'quarantine.active': f(
    'quarantine',
    '正在隔离',
    'now',
    'count',
    '人',
    'quarantine',
    '居家隔离中（含期满待处理）的人数',
  ),
  'quarantine.released': f(
    'quarantine',
    '解除隔离',
    'period',
    'count',
    '人',
    'quarantine',
    '期间内解除居家隔离的人数',
  ),
  'quarantine.extended': f(
    'quarantine',
    '延长隔离',
    'period',
    'count',
    '人',
    'quarantine',
    '期间内被延长隔离期的人数',
  ),
  'reports.due': f(
    'reports',
    '今日应报',
    'today',
    'sum',
    '人次',
    'quarantine',
    '今天应报备体温的人次：正在隔离、隔离期包括今天的人，每人上午、下午各一次；登记隔离前已结束的时段不算。“正在隔离”名单的“今日应报”一列加起来就是它',
  ),
  'reports.received': f(
    'reports',
    '已报备',
    'period',
    'count',
    '人次',
    'report',
    '期间内按时报备的体温，每人每个时段算一次（更正或再报后仍算一次）',
  ),
  'reports.missed': f(
    'reports',
    '漏报',
    'period',
    'count',
    '人次',
    'report',
    '期间内时段结束仍未报备的人次（正在进行的时段结束后才算）',
  ),
  'reports.fever': f(
    'reports',
    '发热',
    'period',
    'count',
    '人次',
    'report',
    '期间内体温达到发热标准的人次；一个时段更正或再报后，按最后一次体温算',
  ),
  'errands.asked': f(
    'errands',
    '跑腿需求',
    'period',
    'count',
    '单',
    'errand',
    '期间内发起的跑腿代购和心理疏导需求',
  ),
  'errands.claimed': f(
    'errands',
    '已认领',
    'period',
    'count',
    '单',
    'errand',
    '期间内被认领的需求（退回后重新认领按最近一次计）',
  ),
  'errands.delivered': f(
    'errands',
    '已送达',
    'period',
    'count',
    '单',
    'errand',
    '期间内送达（心理疏导为完成沟通）的需求',
  ),
  'errands.avgClaimMinutes': f(
    'errands',
    '平均认领用时',
    'period',
    'average',
    '分钟',
    'errand',
    '期间内被认领的需求，从发起到认领的平均分钟数',
  ),
  'errands.avgDeliverMinutes': f(
    'errands',
    '平均送达用时',
    'period',
    'average',
    '分钟',
    'errand',
    '期间内送达的需求，从发起到送达的平均分钟数',
  ),
  'errands.peopleServed': f(
    'errands',
    '管家服务人数',
    'period',
    'count',
    '人',
    'person',
    '期间内社区管家为其送达过跑腿代购的居民人数（每人计一次）',
  ),
  'difficulties.reported': f(
    'difficulties',
    '反映诉求',
    'period',
    'count',
    '件',
    'difficulty',
    '期间内企业反映的困难诉求',
  ),
  'difficulties.resolved': f(
    'difficulties',
    '已办结',
    'period',
    'count',
    '件',
    'difficulty',
    '期间内答复办结的诉求',
  ),
  'difficulties.open': f('difficulties', '待办结', 'now', 'count', '件', 'difficulty', '尚未办结的诉求'),
  'supplies.masks': f('supplies', '口罩', 'now', 'sum', '只', 'application', '已复工企业申报的口罩库存之和'),
  'supplies.disinfectantLitres': f(
    'supplies',
    '消毒液',
    'now',
    'sum',
    '升',
    'application',
    '已复工企业申报的消毒液库存之和',
  ),
  'supplies.thermometers': f(
    'supplies',
    '体温计',
    'now',
    'sum',
    '支',
    'application',
    '已复工企业申报的体温计数量之和',
  ),
  ...HAND_OUT_FIGURES(),
  'handOuts.enterprises': f(
    'handOuts',
    '受助企业',
    'period',
    'count',
    '家',
    'handOut',
    '期间内街道发放过防疫物资的企业和门店，每家计一次（名单列出每家最近一次发放）',
  ),
  'purchases.procured': f(
    'purchases',
    '协助采购',
    'period',
    'count',
    '件',
    'purchase',
    '期间内街道为企业协助采购完成并登记的申请',
  ),
  'purchases.open': f(
    'purchases',
    '待协助采购',
    'now',
    'count',
    '件',
    'purchase',
    '企业申请、尚未登记采购结果的',
  ),
  // ---- 企业一日两检 ----
  'onsite.due': f(
    'onsite',
    '今日应检',
    'today',
    'sum',
    '人次',
    'onsiteStaff',
    '企业在岗（闭环）人员今天应做的检测人次：每人上午、下午各一次；不得上岗的人和设为在岗前已结束的时段不算。名单的“今日应检”一列加起来就是它',
  ),
  'onsite.done': f(
    'onsite',
    '已检测',
    'period',
    'count',
    '人次',
    'onsiteCheck',
    '期间内登记的一日两检，每人每个时段一次',
  ),
  'onsite.missed': f(
    'onsite',
    '漏检',
    'period',
    'count',
    '人次',
    'onsiteCheck',
    '期间内时段结束仍未检测的在岗人次（时段结束后由巡检记为漏检）',
  ),
  'onsite.positive': f(
    'onsite',
    '抗原阳性',
    'period',
    'count',
    '人次',
    'onsiteCheck',
    '期间内一日两检抗原阳性的人次',
  ),
  'onsite.fever': f(
    'onsite',
    '检测发热',
    'period',
    'count',
    '人次',
    'onsiteCheck',
    '期间内一日两检体温达到发热标准的人次',
  ),
  'onsite.flagged': f(
    'onsite',
    '标红企业',
    'now',
    'count',
    '家',
    'onsiteEnterprise',
    '有人抗原阳性或发热、防疫专业队伍尚未结案的企业',
  ),
} as const satisfies Record<string, FigureInfo>

export type FigureKey = keyof typeof FIGURES
export const FIGURE_KEYS = Object.keys(FIGURES) as FigureKey[]

/**
 * How each figure is kept — the one place a figure says it (docs/architecture.md § Dashboard figures):
 *  - `computed`: from the raw records on every request: a state now, today's due, or an event a later step may
 *    move to another day;
 *  - `storedDays`: an event fixed once its Shanghai day has closed: past days are read from the stored day
 *    documents (cloudfunctions/stats/days.ts), only today from the records;
 *  - `storedPeople`: distinct people: each closed day stores who declared (and what), so a period still counts
 *    each person once.
 * A new figure is `computed` unless its day can be shown never to change; stats.reconcile checks the stored ones.
 */
export type FigureUpkeep = 'computed' | 'storedDays' | 'storedPeople'
const STORED: Partial<Record<FigureKey, FigureUpkeep>> = {
  'reports.received': 'storedDays',
  'reports.missed': 'storedDays',
  'reports.fever': 'storedDays',
  'onsite.done': 'storedDays',
  'onsite.missed': 'storedDays',
  'onsite.positive': 'storedDays',
  'onsite.fever': 'storedDays',
  'staff.declared': 'storedPeople',
  'keyPersons.declared': 'storedPeople',
  'keyPersons.screened': 'storedPeople',
  'keyPersons.riskArea': 'storedPeople',
  'keyPersons.outOfProvince': 'storedPeople',
}
// Pure: the client bundles this file and never reads the upkeep, so its bundler may leave it out.
export const FIGURE_UPKEEP = /*#__PURE__*/ Object.fromEntries(
  FIGURE_KEYS.map((k) => [k, STORED[k] ?? 'computed']),
) as Record<FigureKey, FigureUpkeep>

/** Figures about people's health: only staff who may read health records open their lists. */
export const HEALTH_LISTS: readonly ListKind[] = [
  'person',
  'quarantine',
  'report',
  'onsiteStaff',
  'onsiteCheck',
]

export interface DashboardView {
  scope: Scope
  level: ScopeLevel
  scopeNames: { street: string; community?: string; grid?: string }
  from: string
  to: string
  today: string
  generatedAt: number
  figures: Record<FigureKey, number | null>
}

/**
 * 今日应报 of one quarantine: how many of today's slots it owes — none unless it is open and covers today, and
 * none for a slot that closed before the record was made (shared/health slotDue). The dashboard's aggregation
 * (cloudfunctions/stats/figures.ts) writes the same condition as a database expression; the tests hold the
 * figure to the sum of this over the list.
 */
export function slotsDueToday(
  q: { status: QuarantineStatus; startDate: string; endDate: string; createdAt: number },
  today: string,
  closes: Record<Slot, number>,
): number {
  if (!OPEN_QUARANTINE_STATES.includes(q.status) || q.startDate > today || q.endDate <= today) return 0
  return SLOTS.filter((slot) => q.createdAt < closes[slot]).length
}

// ---------- the rows behind a figure ----------

interface Place {
  communityId: string
  communityName: string
  gridId: string
  gridName: string
}

export interface EnterpriseRow extends Place {
  _id: string
  name: string
  creditCode: string
  kind: EnterpriseKind
  industry: string
  address: string
  contactName: string
  /** Masked: 138****0001. */
  contactPhone: string
  createdAt: number
}

export interface ApplicationRow extends Place {
  _id: string
  enterpriseId: string
  enterpriseName: string
  kind: EnterpriseKind
  status: ApplicationState
  round: number
  submittedAt: number | null
  decidedAt: number | null
  reopenedAt: number | null
  revokedAt: number | null
  staffTotal: number | null
  staffOnSite: number | null
  supplies: { masks: number; disinfectantLitres: number; thermometers: number } | null
}

/** One person behind a distinct-person figure, shown with their latest declaration that matched. */
export interface PersonRow extends Place {
  accountId: string
  name: string
  phone: string
  /** Masked: 330***********1234. */
  idNumber: string
  enterpriseId: string | null
  fromProvince: string
  fromCity: string
  arrivalDate: string
  keyPerson: boolean
  reasons: string[]
  riskArea: boolean
  outOfProvince: boolean
  at: number
}

export interface QuarantineRow extends Place {
  _id: string
  name: string
  phone: string
  building: string
  room: string
  startDate: string
  endDate: string
  status: 'active' | 'pendingDecision' | 'released'
  reasons: string[]
  extended: boolean
  releasedAt: number | null
  /** Report slots due today (0–2), by slotsDueToday: the rows of 正在隔离 add up to 今日应报. */
  slotsDueToday: number
}

export interface ReportRow extends Place {
  _id: string
  quarantineId: string
  name: string
  date: string
  slot: Slot
  status: 'reported' | 'missed'
  temperature: number | null
  fever: boolean
  at: number
}

export interface ErrandRow extends Place {
  _id: string
  requesterName: string
  category: ErrandCategory
  status: ErrandState
  assigneeName: string | null
  createdAt: number
  claimedAt: number | null
  deliveredAt: number | null
  minutesToClaim: number | null
  minutesToDeliver: number | null
  spentFen: number | null
}

export interface DifficultyRow {
  _id: string
  enterpriseId: string
  enterpriseName: string
  communityId: string
  communityName: string
  kind: string
  text: string
  status: 'open' | 'closed'
  createdAt: number
  closedAt: number | null
}

export interface HandOutRow extends Place {
  _id: string
  enterpriseId: string
  enterpriseName: string
  kind: SupplyKind
  quantity: number
  status: HandOutStatus
  byName: string
  signedBy: string | null
  confirmedByName: string | null
  at: number
  confirmedAt: number | null
}

export interface PurchaseRow extends Place {
  _id: string
  enterpriseId: string
  enterpriseName: string
  kind: SupplyKind
  quantity: number
  status: PurchaseStatus
  procuredQuantity: number | null
  procuredByName: string | null
  createdAt: number
  procuredAt: number | null
}

/** An on-site person of an enterprise, with the checks owed today (shared/onsite checksDueToday). */
export interface OnsiteStaffRow extends Place {
  _id: string
  enterpriseId: string
  enterpriseName: string
  name: string
  onSite: boolean
  stopped: boolean
  checksDueToday: number
}

export interface OnsiteCheckRow extends Place {
  _id: string
  enterpriseId: string
  enterpriseName: string
  name: string
  date: string
  slot: Slot
  status: 'done' | 'missed'
  temperature: number | null
  antigen: 'negative' | 'positive' | 'invalid' | null
  pcrSampled: boolean | null
  fever: boolean
  positive: boolean
  confirmed: boolean
  at: number
}

export interface OnsiteEnterpriseRow extends Place {
  _id: string
  enterpriseName: string
  officerName: string | null
  openCases: number
  updatedAt: number
}

export interface ListRows {
  enterprise: EnterpriseRow
  application: ApplicationRow
  person: PersonRow
  quarantine: QuarantineRow
  report: ReportRow
  errand: ErrandRow
  difficulty: DifficultyRow
  handOut: HandOutRow
  purchase: PurchaseRow
  onsiteStaff: OnsiteStaffRow
  onsiteCheck: OnsiteCheckRow
  onsiteEnterprise: OnsiteEnterpriseRow
}

export interface FigureListView<K extends ListKind = ListKind> {
  figure: FigureKey
  kind: K
  from: string
  to: string
  items: ListRows[K][]
  total: number
  page: number
  pageSize: number
}

// ---------- trend ----------

export const TREND_APPLICATION_STATES = [
  'received',
  'returned',
  'approved',
  'rejected',
  'reopened',
  'revoked',
] as const

export interface TrendDay {
  date: string
  applications: Record<(typeof TREND_APPLICATION_STATES)[number], number>
  reports: { received: number; missed: number; fever: number }
  errands: { asked: number; delivered: number; avgDeliverMinutes: number | null }
}

export interface TrendView {
  scope: Scope
  from: string
  to: string
  days: TrendDay[]
}

// ---------- ledgers ----------

export const LEDGER_KINDS = [
  'enterprises',
  'keyPersons',
  'dailyReports',
  'errands',
  'supplies',
  'onsiteChecks',
] as const
export type LedgerKind = (typeof LEDGER_KINDS)[number]
export const LEDGER_LABELS: Record<LedgerKind, string> = {
  enterprises: '企业复工台账',
  keyPersons: '重点人员台账',
  dailyReports: '体温报备台账',
  errands: '跑腿代购台账',
  supplies: '防疫物资台账',
  onsiteChecks: '企业一日两检台账',
}

export interface LedgerFile {
  kind: LedgerKind
  fileID: string
  /** A temporary download link (getTempFileURL). */
  url: string
  fileName: string
  /** Data rows written per sheet (headers not counted). */
  sheets: { name: string; rows: number }[]
  expiresAt: number
}

/** Longest periods one request may ask for. */
export const MAX_DASHBOARD_DAYS = 366
export const MAX_TREND_DAYS = 92

// ---------- the daily export (GET /api/export/daily, docs/export-schema.json) ----------

/** API keys issued on the management page start with this (a sign-in token never does). */
export const API_KEY_PREFIX = 'rk_'

/** The day's figures of one street, the same numbers its dashboard shows for that day. */
export interface DailyStreetFigures {
  streetId: string
  streetName: string
  figures: Record<FigureKey, number | null>
}

export interface DailyExport {
  schema: 'reopen.daily/1'
  /** The Shanghai day the figures are about. */
  date: string
  generatedAt: number
  streets: DailyStreetFigures[]
}

function csvCell(v: string | number | null): string {
  if (v === null) return ''
  const s = String(v)
  // Quote what would break a row, and what a spreadsheet would take for a formula.
  return /[",\r\n]|^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** The export as CSV: a header row (date, streetId, streetName, then every figure key), one row per street. */
export function dailyExportCsv(e: DailyExport): string {
  const header = ['date', 'streetId', 'streetName', ...FIGURE_KEYS]
  const rows = e.streets.map((s) => [
    e.date,
    s.streetId,
    s.streetName,
    ...FIGURE_KEYS.map((k) => s.figures[k]),
  ])
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
}
