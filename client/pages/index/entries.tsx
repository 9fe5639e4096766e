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
  Setting,
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
import type { Department, Role } from '../../../shared/roles'
import { IS_WEAPP } from '../../services/cloud'
import { HEALTH_PAGES, PAGES } from '../../utils/nav'
import { APP_PAGES } from '../../utils/applicationPages'
import { MANAGE_PAGES, STATS_PAGES } from '../../utils/consolePages'
import { ERRAND_PAGES } from '../../utils/errandPages'

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
  /** Who sees it; undefined = everyone. */
  roles?: readonly Role[]
  /** Reviewers see it only in these departments; undefined = every department. */
  departments?: readonly Department[]
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
    roles: ['owner'],
    url: APP_PAGES.enterprises,
  },
  { key: 'application', title: '复工申请', Icon: Order, tint: INDIGO, roles: ['owner'], url: APP_PAGES.list },
  // The queue is a department's: reviewers only (the function refuses admins).
  { key: 'review', title: '审核队列', Icon: Check, tint: INDIGO, roles: ['reviewer'], url: APP_PAGES.queue },
  {
    key: 'reopen-sign',
    title: '复工签署',
    Icon: ShieldCheck,
    tint: BLUE,
    roles: ['gridWorker', 'admin'],
    url: APP_PAGES.find,
  },
  {
    key: 'difficulties',
    title: '企业诉求',
    Icon: Ask,
    tint: ORANGE,
    roles: ['admin', 'reviewer'],
    url: APP_PAGES.difficulties,
  },
  {
    key: 'health',
    title: '健康申报',
    Icon: Health,
    tint: GREEN,
    roles: ['owner', 'employee', 'resident'],
    url: HEALTH_PAGES.declare,
  },
  {
    key: 'report',
    title: '体温报备',
    Icon: Clock,
    tint: ORANGE,
    // Staff watch the reports on their own board (管家工作台).
    roles: ['employee', 'resident'],
    url: HEALTH_PAGES.card,
  },
  // Anyone who may be in quarantine asks; the function decides who is eligible and says why not.
  {
    key: 'errand',
    title: '跑腿代购',
    Icon: Cart,
    tint: TEAL,
    roles: ['resident', 'employee', 'owner'],
    url: ERRAND_PAGES.mine,
  },
  {
    key: 'errandQueue',
    title: '跑腿接单',
    Icon: Transit,
    tint: TEAL,
    roles: ['butler'],
    url: ERRAND_PAGES.queue,
  },
  {
    key: 'errandPsych',
    title: '心理疏导',
    Icon: Comment,
    tint: INDIGO,
    roles: ['gridWorker'],
    url: ERRAND_PAGES.queue,
  },
  {
    key: 'errandGrid',
    title: '跑腿督办',
    Icon: Transit,
    tint: TEAL,
    roles: ['gridWorker', 'admin'],
    url: ERRAND_PAGES.grid,
  },
  {
    key: 'errandLedger',
    title: '代购垫付',
    Icon: Wallet,
    tint: ORANGE,
    roles: ['butler', 'admin'],
    url: ERRAND_PAGES.ledger,
  },
  {
    key: 'butler',
    title: '管家工作台',
    Icon: Service,
    tint: TEAL,
    roles: ['butler', 'gridWorker'],
    url: HEALTH_PAGES.board,
  },
  {
    key: 'healthBoard',
    title: '隔离看板',
    Icon: Order,
    tint: ORANGE,
    roles: ['admin', 'reviewer'],
    departments: ['epidemic'],
    url: HEALTH_PAGES.board,
  },
  {
    key: 'keyPersons',
    title: '重点人员',
    Icon: List,
    tint: ORANGE,
    roles: ['butler', 'gridWorker', 'admin', 'reviewer'],
    departments: ['epidemic'],
    url: HEALTH_PAGES.keyPersons,
  },
  {
    key: 'staffHealth',
    title: '员工健康',
    Icon: ShieldCheck,
    tint: GREEN,
    roles: ['owner'],
    url: HEALTH_PAGES.staff,
  },
  {
    key: 'healthRules',
    title: '筛查规则',
    Icon: Setting,
    tint: INDIGO,
    roles: ['admin'],
    url: HEALTH_PAGES.rules,
  },
  {
    key: 'dashboard',
    title: '数据看板',
    Icon: Category,
    tint: INDIGO,
    roles: ['admin', 'reviewer', 'gridWorker'],
    url: STATS_PAGES.dashboard,
  },
  // Whoever sees the dashboard exports its ledgers (the function decides who may export health ledgers).
  {
    key: 'ledger',
    title: '台账导出',
    Icon: Articles,
    tint: BLUE,
    roles: ['admin', 'reviewer', 'gridWorker'],
    url: STATS_PAGES.ledger,
  },
  { key: 'manage', title: '街道管理', Icon: Home, tint: GREEN, roles: ['admin'], url: MANAGE_PAGES.index },
  { key: 'invites', title: '邀请管理', Icon: UserAdd, tint: BLUE, roles: ['admin'], url: PAGES.adminInvites },
  // Staff take a post with an invitation; owners and residents have nothing to redeem (a new staff member
  // follows the invitation's link, or 我的 → 工作人员领取岗位).
  {
    key: 'redeem',
    title: '兑换邀请码',
    Icon: QrCode,
    tint: TEAL,
    roles: ['butler', 'gridWorker', 'reviewer', 'admin'],
    url: PAGES.redeem,
  },
  // Anyone may check a shop's reopening plate by scanning its QR (the camera exists in the mini-program).
  { key: 'verify', title: '核验公示牌', Icon: Scan, tint: GREEN, url: APP_PAGES.verify, weappOnly: true },
  { key: 'profile', title: '个人信息', Icon: User, tint: ORANGE, url: PAGES.profileEdit },
]

/** The entries a role sees: the ones that work today first, then what is coming. */
export function entriesFor(role: Role, department?: Department): HomeEntry[] {
  const mine = HOME_ENTRIES.filter(
    (e) =>
      (!e.weappOnly || IS_WEAPP) &&
      (!e.roles || e.roles.includes(role)) &&
      (role !== 'reviewer' ||
        !e.departments ||
        (department !== undefined && e.departments.includes(department))),
  )
  return [...mine.filter((e) => e.url), ...mine.filter((e) => !e.url)]
}
