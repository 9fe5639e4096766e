import { formatShanghai } from '../../../../shared/time'
import {
  DEPARTMENT_LABELS,
  ROLE_LABELS,
  roleLabel,
  type Department,
  type Role,
  type Scope,
} from '../../../../shared/roles'
import type { Item, Reply } from '../../../services/api'

type AuditEntry = Item<'admin', 'auditLog'>
type PlaceTree = Reply<'admin', 'tree'>

/** What each recorded action is called on screen. */
export const ACTION_LABELS: Record<string, string> = {
  'account.role': '调整身份',
  'account.assign': '分配网格',
  'account.disable': '停用账号',
  'account.enable': '启用账号',
  'community.create': '新建社区',
  'community.rename': '社区改名',
  'grid.create': '新建网格',
  'grid.rename': '网格改名',
  'grid.move': '网格调整社区',
  'invite.create': '生成邀请码',
  'invite.revoke': '作废邀请码',
  'invite.redeem': '兑换邀请码',
  'rules.set': '修改筛查规则',
  'errand.settings': '修改跑腿设置',
  'errand.settle': '垫付结算',
  'errand.markNeedsHelp': '标记需帮扶',
  'errand.unmarkNeedsHelp': '取消需帮扶',
}

export type ActionTone = 'info' | 'ok' | 'warn' | 'danger' | 'off'

export function actionTone(action: string): ActionTone {
  if (action === 'account.disable' || action === 'invite.revoke') return 'danger'
  if (action === 'account.enable' || action.endsWith('.create')) return 'ok'
  if (action.startsWith('rules.') || action.startsWith('errand.')) return 'warn'
  return 'info'
}

/** Names of the street's communities, grids and the staff the tree lists, by id. */
export interface Names {
  street: string
  place: Map<string, string>
  person: Map<string, string>
}

export function namesOf(tree: PlaceTree | undefined): Names {
  const place = new Map<string, string>()
  const person = new Map<string, string>()
  if (tree) {
    place.set(tree.street._id, tree.street.name)
    for (const c of tree.communities) {
      place.set(c._id, c.name)
      for (const a of c.admins) person.set(a._id, a.name)
      for (const g of c.grids) {
        place.set(g._id, g.name)
        for (const s of g.staff) person.set(s._id, s.name)
      }
    }
  }
  return { street: tree?.street.name ?? '', place, person }
}

const asRecord = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}

const shortId = (id: string) => (id.length > 6 ? `…${id.slice(-4)}` : id)

function placeName(names: Names, id: unknown): string {
  if (typeof id !== 'string' || !id) return '—'
  return names.place.get(id) ?? `已删除的地点（${shortId(id)}）`
}

function scopeText(names: Names, scope: unknown): string {
  if (!scope || typeof scope !== 'object') return '—'
  const s = scope as Scope
  if (s.gridId) return [placeName(names, s.communityId), placeName(names, s.gridId)].join(' · ')
  if (s.communityId) return placeName(names, s.communityId)
  return `${names.street || '街道'}（全街道）`
}

/** "account:abc" → "网格员 赵磊" / "邀请码 K7M2Q9XP" / "筛查规则 第3版". */
export function targetText(entry: AuditEntry, names: Names): string {
  const [kind = '', id = ''] = entry.target.split(/:(.*)/s)
  switch (kind) {
    case 'account': {
      const known = names.person.get(id) ?? (entry.actorId === id ? entry.actorName : undefined)
      if (known) return known
      // The log keeps ids, not names: say at least what kind of account it was.
      const role = (asRecord(entry.before).role ?? asRecord(entry.after).role) as Role | undefined
      return `${role ? (ROLE_LABELS[role] ?? '') : ''}账号（编号尾号 ${id.slice(-4)}）`
    }
    case 'community':
    case 'grid':
      return placeName(names, id)
    case 'invite':
      return `邀请码 ${id}`
    case 'rules':
      return `筛查规则 第${id.replace(/^v/, '')}版`
    case 'errand_settings':
      return '跑腿代购设置'
    case 'ledger':
      return `${id} 笔垫付`
    default:
      return entry.target
  }
}

const KEY_LABELS: Record<string, string> = {
  name: '名称',
  role: '身份',
  department: '部门',
  scope: '负责范围',
  disabled: '账号状态',
  communityId: '所属社区',
  status: '状态',
  reason: '原因',
  note: '备注',
  expiresAt: '有效期至',
  invite: '邀请码',
  active: '需帮扶',
  gridId: '网格',
  building: '楼栋',
  room: '房号',
  homeProvince: '本省',
  riskAreas: '风险地区',
  lookbackDays: '追溯天数',
  outOfProvinceIsKeyPerson: '省外返回列为重点人员',
  quarantineDays: '隔离天数',
  feverThreshold: '发热标准',
  slots: '报备时段',
  effectiveFrom: '生效日期',
  maxOpen: '每人同时需求数',
  unclaimedMinutes: '无人认领提醒（分钟）',
  urgentUnclaimedMinutes: '急需药品提醒（分钟）',
  deliverWithinMinutes: '送达时限（分钟）',
  communityAfterMinutes: '社区内共享（分钟）',
  totalFen: '金额',
}

/** Keys that say nothing to a reader (ids, bookkeeping). */
const HIDDEN = new Set(['createdBy', 'createdAt', 'updatedAt', 'accounts', 'invites', 'ids', 'version'])

const INVITE_STATUS: Record<string, string> = {
  unused: '未使用',
  used: '已使用',
  expired: '已过期',
  revoked: '已作废',
}

function valueText(key: string, value: unknown, names: Names): string {
  if (value === null || value === undefined || value === '') return key === 'department' ? '无' : '—'
  switch (key) {
    case 'role':
      return ROLE_LABELS[value as Role] ?? String(value)
    case 'department':
      return DEPARTMENT_LABELS[value as Department] ?? String(value)
    case 'disabled':
      return value ? '已停用' : '正常'
    case 'active':
    case 'outOfProvinceIsKeyPerson':
      return value ? '是' : '否'
    case 'scope':
      return scopeText(names, value)
    case 'communityId':
    case 'gridId':
      return placeName(names, value)
    case 'status':
      return INVITE_STATUS[String(value)] ?? String(value)
    case 'expiresAt':
      return typeof value === 'number' ? formatShanghai(value, 'M月D日 HH:mm') : String(value)
    case 'feverThreshold':
      return `${String(value)}℃`
    case 'totalFen':
      return typeof value === 'number' ? `¥${(value / 100).toFixed(2)}` : String(value)
    case 'riskAreas':
      return Array.isArray(value)
        ? value
            .map((a: { province?: string; city?: string }) => `${a.province ?? ''}${a.city ?? ''}`)
            .join('、') || '无'
        : String(value)
    case 'slots': {
      const s = value as Record<string, { start: string; end: string }>
      return [
        s.morning && `上午 ${s.morning.start}–${s.morning.end}`,
        s.afternoon && `下午 ${s.afternoon.start}–${s.afternoon.end}`,
      ]
        .filter(Boolean)
        .join('，')
    }
    default:
      if (typeof value === 'boolean') return value ? '是' : '否'
      if (typeof value === 'object') {
        const text = JSON.stringify(value)
        return text.length > 60 ? `${text.slice(0, 60)}…` : text
      }
      return String(value)
  }
}

export interface Change {
  label: string
  before: string | null
  after: string
}

/** The changes of an entry as "label: before → after" lines (before null when something was created). */
export function changesOf(entry: AuditEntry, names: Names): Change[] {
  const before = asRecord(entry.before)
  const after = asRecord(entry.after)
  const created = entry.before === null || entry.before === undefined
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])].filter((k) => !HIDDEN.has(k))
  const out: Change[] = []
  for (const k of keys) {
    if (!created && JSON.stringify(before[k]) === JSON.stringify(after[k])) continue
    if (created && (after[k] === undefined || after[k] === null)) continue
    if (k === 'status' && entry.action === 'invite.create') continue
    out.push({
      label: KEY_LABELS[k] ?? k,
      before: created || !(k in before) ? null : valueText(k, before[k], names),
      after: k in after ? valueText(k, after[k], names) : '（已移除）',
    })
  }
  // A reviewer's role reads with the department: 审核人员 → 防疫专业队伍审核.
  if (entry.action === 'account.role' || entry.action === 'invite.redeem') {
    const role = out.find((c) => c.label === '身份')
    if (role && typeof after.role === 'string') {
      role.after = roleLabel(
        after.role as Role,
        after.department as Department | undefined,
        after.scope as Scope,
      )
    }
  }
  if (entry.action === 'grid.move') {
    const moved = Array.isArray(after.accounts) ? after.accounts.length : 0
    const invites = Array.isArray(after.invites) ? after.invites.length : 0
    if (moved || invites)
      out.push({
        label: '随之调整',
        before: null,
        after: `${moved} 个工作人员账号，${invites} 个未使用邀请码`,
      })
  }
  return out
}

export function changeLine(c: Change): string {
  return c.before === null ? `${c.label}：${c.after}` : `${c.label}：${c.before} → ${c.after}`
}
