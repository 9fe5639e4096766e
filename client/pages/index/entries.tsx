import {
  Ask,
  Articles,
  Cart,
  Category,
  Check,
  Comment,
  Clock,
  Health,
  Home,
  List,
  QrCode,
  Service,
  ShieldCheck,
  Store,
  Transit,
  User,
  UserAdd,
  Order,
  Scan,
  Wallet,
} from '@nutui/icons-react-taro'
import type { FunctionComponent } from 'react'
import { mayDo, type ActionRef, type Principal } from '../../../shared/policy'
import type { Role } from '../../../shared/roles'
import { IS_WEAPP } from '../../services/cloud'
import { HEALTH_PAGES, PAGES } from '../../utils/nav'
import { APP_PAGES } from '../../utils/applicationPages'
import { MANAGE_PAGES, STATS_PAGES } from '../../utils/consolePages'
import { ERRAND_PAGES } from '../../utils/errandPages'
import { SUPPLY_PAGES } from '../../../shared/routes'
import { ONSITE_PAGES } from '../../../shared/routes'

interface IconProps {
  size?: string | number
  color?: string
}

export interface HomeEntry {
  key: string
  title: string
  Icon: FunctionComponent<IconProps>
  /** Tint of the round icon background. */
  tint: string
  /** The action the page is for: the entry shows to whom the access policy (shared/policy.ts) admits to it. */
  action: ActionRef
  /** Fewer people than the action admits see this entry (the others reach the page from another entry). */
  audience?: readonly Role[]
  /** Where it goes; undefined = the feature is not open yet (即将开放). */
  url?: string
  /** Only in the mini-program (it needs the camera). */
  weappOnly?: boolean
}

const BLUE = '#1f6fd8'
const TEAL = '#0e9f94'
const ORANGE = '#d9822b'
const INDIGO = '#4b5fd6'
const GREEN = '#1f9d55'

/** Order = order on screen. Features of later releases are listed so people know they are coming. */
export const HOME_ENTRIES: readonly HomeEntry[] = [
  {
    key: 'enterprise',
    title: '我的企业',
    Icon: Store,
    tint: BLUE,
    action: ['application', 'myEnterprises'],
    url: APP_PAGES.enterprises,
  },
  {
    key: 'application',
    title: '复工申请',
    Icon: Order,
    tint: INDIGO,
    action: ['application', 'listMine'],
    url: APP_PAGES.list,
  },
  // The queue is a department's: reviewers only (the function refuses admins).
  // 区级: every street's figures of the day, and the district's streets.
  {
    key: 'district',
    title: '全区汇总',
    Icon: Category,
    tint: BLUE,
    action: ['stats', 'districtSummary'],
    url: STATS_PAGES.district,
  },
  {
    key: 'streets',
    title: '街道管理',
    Icon: Home,
    tint: TEAL,
    action: ['admin', 'createStreet'],
    url: MANAGE_PAGES.streets,
  },
  // A street admin finds the street's keys and push under 街道管理 › 备份与数据上报.
  {
    key: 'reporting',
    title: '数据上报',
    Icon: List,
    tint: INDIGO,
    action: ['admin', 'webhook'],
    audience: ['district'],
    url: MANAGE_PAGES.reporting,
  },
  {
    key: 'review',
    title: '审核队列',
    Icon: Check,
    tint: INDIGO,
    action: ['application', 'listForReview'],
    url: APP_PAGES.queue,
  },
  {
    key: 'reopen-sign',
    title: '复工签署',
    Icon: ShieldCheck,
    tint: BLUE,
    action: ['application', 'commit'],
    audience: ['gridWorker', 'admin'],
    url: APP_PAGES.find,
  },
  {
    key: 'difficulties',
    title: '企业诉求',
    Icon: Ask,
    tint: ORANGE,
    action: ['application', 'answerDifficulty'],
    url: APP_PAGES.difficulties,
  },
  {
    key: 'health',
    title: '健康申报',
    Icon: Health,
    tint: GREEN,
    action: ['health', 'declare'],
    url: HEALTH_PAGES.declare,
  },
  {
    key: 'report',
    title: '体温报备',
    Icon: Clock,
    tint: ORANGE,
    // Staff watch the reports on their own board (管家工作台).
    action: ['health', 'report'],
    audience: ['employee', 'resident'],
    url: HEALTH_PAGES.card,
  },
  // 企业一日两检: staff record their own; the owner and the safety officer open the board from there.
  {
    key: 'onsite',
    title: '一日两检',
    Icon: Check,
    tint: TEAL,
    action: ['onsite', 'mine'],
    url: ONSITE_PAGES.mine,
  },
  // Anyone who may be in quarantine asks; the function decides who is eligible and says why not.
  {
    key: 'errand',
    title: '跑腿代购',
    Icon: Cart,
    tint: TEAL,
    action: ['errand', 'create'],
    url: ERRAND_PAGES.mine,
  },
  {
    key: 'errandQueue',
    title: '跑腿接单',
    Icon: Transit,
    tint: TEAL,
    action: ['errand', 'listOpen'],
    audience: ['butler'],
    url: ERRAND_PAGES.queue,
  },
  {
    key: 'errandPsych',
    title: '心理疏导',
    Icon: Comment,
    tint: INDIGO,
    action: ['errand', 'listOpen'],
    audience: ['gridWorker'],
    url: ERRAND_PAGES.queue,
  },
  {
    key: 'errandGrid',
    title: '跑腿督办',
    Icon: Transit,
    tint: TEAL,
    action: ['errand', 'list'],
    url: ERRAND_PAGES.grid,
  },
  {
    key: 'errandLedger',
    title: '代购垫付',
    Icon: Wallet,
    tint: ORANGE,
    action: ['errand', 'ledger'],
    audience: ['butler', 'admin'],
    url: ERRAND_PAGES.ledger,
  },
  {
    key: 'butler',
    title: '管家工作台',
    Icon: Service,
    tint: TEAL,
    action: ['health', 'board'],
    audience: ['butler', 'gridWorker'],
    url: HEALTH_PAGES.board,
  },
  {
    key: 'healthBoard',
    title: '隔离看板',
    Icon: Order,
    tint: ORANGE,
    action: ['health', 'board'],
    audience: ['admin', 'reviewer'],
    url: HEALTH_PAGES.board,
  },
  {
    key: 'keyPersons',
    title: '重点人员',
    Icon: List,
    tint: ORANGE,
    action: ['health', 'listKeyPersons'],
    url: HEALTH_PAGES.keyPersons,
  },
  {
    key: 'staffHealth',
    title: '员工健康',
    Icon: ShieldCheck,
    tint: GREEN,
    action: ['health', 'staffStatus'],
    url: HEALTH_PAGES.staff,
  },
  {
    key: 'healthRules',
    title: '筛查规则',
    Icon: Category,
    tint: INDIGO,
    action: ['health', 'getRules'],
    audience: ['admin'],
    url: HEALTH_PAGES.rules,
  },
  // 防疫物资: the street's stock for staff, receipts and purchase requests for owners (one page, by role).
  {
    key: 'supplies',
    title: '防疫物资',
    Icon: ShieldCheck,
    tint: TEAL,
    action: ['supplies', 'handOuts'],
    url: SUPPLY_PAGES.stock,
  },
  // 健康证: staff of a shop upload theirs (the owner also sees the staff list), grid workers verify.
  {
    key: 'cert',
    title: '健康证',
    Icon: Articles,
    tint: GREEN,
    action: ['certificate', 'mine'],
    url: APP_PAGES.certificates,
  },
  {
    key: 'dashboard',
    title: '数据看板',
    Icon: Category,
    tint: INDIGO,
    action: ['stats', 'dashboard'],
    // District staff open a street's dashboard from 全区汇总.
    audience: ['admin', 'reviewer', 'gridWorker'],
    url: STATS_PAGES.dashboard,
  },
  // Whoever sees the dashboard exports its ledgers (the function decides who may export health ledgers).
  {
    key: 'ledger',
    title: '台账导出',
    Icon: Articles,
    tint: BLUE,
    action: ['stats', 'exportLedger'],
    url: STATS_PAGES.ledger,
  },
  {
    key: 'manage',
    title: '街道管理',
    Icon: Home,
    tint: GREEN,
    action: ['admin', 'tree'],
    url: MANAGE_PAGES.index,
  },
  {
    key: 'invites',
    title: '邀请管理',
    Icon: UserAdd,
    tint: BLUE,
    action: ['account', 'createInvite'],
    url: PAGES.adminInvites,
  },
  // Staff take a post with an invitation; owners and residents have nothing to redeem (a new staff member
  // follows the invitation's link, or 我的 → 工作人员领取岗位).
  {
    key: 'redeem',
    action: ['account', 'redeemInvite'],
    audience: ['butler', 'gridWorker', 'reviewer', 'admin'],
    title: '兑换邀请码',
    Icon: QrCode,
    tint: TEAL,
    url: PAGES.redeem,
  },
  // Anyone may check a shop's reopening plate by scanning its QR (the camera exists in the mini-program).
  {
    key: 'verify',
    action: ['application', 'verifyPlate'],
    title: '核验公示牌',
    Icon: Scan,
    tint: GREEN,
    url: APP_PAGES.verify,
    weappOnly: true,
  },
  {
    key: 'profile',
    action: ['account', 'updateProfile'],
    title: '个人信息',
    Icon: User,
    tint: ORANGE,
    url: PAGES.profileEdit,
  },
]

/** The entries a person sees: the ones that work today first, then what is coming. */
export function entriesFor(account: Principal): HomeEntry[] {
  const mine = HOME_ENTRIES.filter(
    (e) =>
      (!e.weappOnly || IS_WEAPP) &&
      mayDo(account, e.action) &&
      (!e.audience || e.audience.includes(account.role)),
  )
  return [...mine.filter((e) => e.url), ...mine.filter((e) => !e.url)]
}
