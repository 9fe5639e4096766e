/**
 * The masking policy: which fields are sensitive, who sees each in full, and how everyone else sees it. Every
 * reply, list and ledger that carries one of these fields shows it through `shown(...)`, so a list and the Excel
 * ledger of the same records show the same; tests/functions/masks.test.ts checks every place against this table,
 * per role, and the README's "安全" section is written from it.
 */
import type { Principal } from './policy'
import { scopeContains, type Scope } from './roles'

/** 138****5678: the network prefix and the last four digits. */
export function maskPhone(phone: string): string {
  return /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone
}

/** An ID number: the region prefix and the last four digits. */
export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 3)}***********${id.slice(14)}` : id
}

/** A door number is either known or not: no part of it helps anyone who should not knock. */
export function maskRoom(room: string): string {
  return room ? '***' : room
}

export const SENSITIVE = {
  idNumber: { label: '身份证号', mask: maskIdNumber },
  phone: { label: '个人手机号', mask: maskPhone },
  room: { label: '门牌号（楼栋不遮挡）', mask: maskRoom },
  enterprisePhone: { label: '企业联系人、防疫安全员电话', mask: maskPhone },
} as const
export type Sensitive = keyof typeof SENSITIVE

/**
 * How the viewer stands to the record shown:
 *  - self: the person themselves (an enterprise: its owner and managers);
 *  - handler: staff working the case — the butler and grid worker of a quarantined person's grid and the epidemic
 *    team; the assignee of an errand; the reviewers and the grid's grid worker for an enterprise;
 *  - admin: an admin whose scope holds it;
 *  - other: anyone else who may see the record at all.
 */
export type Seer = 'self' | 'handler' | 'admin' | 'other'

/** One record opened on purpose, or many at once (lists, boards, dashboards, Excel ledgers). */
export type View = 'record' | 'list'

export const SEER_LABELS: Record<Seer, string> = {
  self: '本人',
  handler: '经办人员',
  admin: '管理员',
  other: '其他工作人员',
}

/** Who sees each field in full; everyone else sees the mask. Nobody's own data is masked to them. */
export const WHO_SEES: Record<Sensitive, Record<View, readonly Seer[]>> = {
  idNumber: { record: ['self', 'admin'], list: ['self'] },
  phone: { record: ['self', 'handler'], list: ['self'] },
  room: { record: ['self', 'handler'], list: ['self', 'handler'] },
  enterprisePhone: { record: ['self', 'handler', 'admin'], list: ['self'] },
}

/** The value as this viewer may see it here. */
export function shown(field: Sensitive, view: View, seer: Seer, value: string): string
export function shown(field: Sensitive, view: View, seer: Seer, value: string | null): string | null
export function shown(field: Sensitive, view: View, seer: Seer, value: string | null): string | null {
  if (value == null) return value
  return WHO_SEES[field][view].includes(seer) ? value : SENSITIVE[field].mask(value)
}

const admin = (viewer: Principal, place: Scope) =>
  viewer.role === 'admin' && scopeContains(viewer.scope, place)

/** A person's health record (declaration, quarantine, report) or household: where they live and who they are. */
export function personSeer(viewer: Principal, record: { accountId: string } & Scope): Seer {
  if (record.accountId === viewer._id) return 'self'
  const frontline =
    (viewer.role === 'butler' || viewer.role === 'gridWorker') && viewer.scope.gridId === record.gridId
  const epidemic =
    viewer.role === 'reviewer' &&
    viewer.department === 'epidemic' &&
    viewer.scope.streetId === record.streetId
  if (frontline || epidemic) return 'handler'
  return admin(viewer, record) ? 'admin' : 'other'
}

/** An errand: the requester, and the one who took it to the door. */
export function errandSeer(
  viewer: Principal,
  e: { requesterId: string; assigneeId: string | null } & Scope,
): Seer {
  if (e.requesterId === viewer._id) return 'self'
  if (e.assigneeId === viewer._id) return 'handler'
  return admin(viewer, e) ? 'admin' : 'other'
}

/** An enterprise or its application: its own people, the reviewers deciding it, the grid worker who visits it. */
export function enterpriseSeer(
  viewer: Principal,
  e: { ownerId: string; managerIds?: readonly string[] } & Scope,
): Seer {
  if (e.ownerId === viewer._id || e.managerIds?.includes(viewer._id)) return 'self'
  const reviewer = viewer.role === 'reviewer' && viewer.scope.streetId === e.streetId
  const gridWorker = viewer.role === 'gridWorker' && viewer.scope.gridId === e.gridId
  if (reviewer || gridWorker) return 'handler'
  return admin(viewer, e) ? 'admin' : 'other'
}

/** An account's own phone: the person sees it, everyone else (admins' account lists) the mask. */
export function accountSeer(viewer: Principal | undefined, accountId: string): Seer {
  return viewer?._id === accountId ? 'self' : 'other'
}
