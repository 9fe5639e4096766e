/** Roles and scopes. A staff role comes only from an invitation; the self-service roles are chosen at setup. */
export const ROLES = [
  'owner',
  'employee',
  'resident',
  'butler',
  'gridWorker',
  'reviewer',
  'admin',
  'district',
] as const
export type Role = (typeof ROLES)[number]

/**
 * The roles a street admin may give with `setRole`. District staff (区级) are above every street: no street's
 * admin may make one (they are set up by the district itself, see emulator/seed.ts).
 */
export type AssignableRole = Exclude<Role, 'district'>
export const ASSIGNABLE_ROLES = ROLES.filter((r): r is AssignableRole => r !== 'district')

/**
 * The scope a district account holds: a street id no street has, so every street-scoped rule refuses it and only
 * the actions that name the `district` role admit it.
 */
export const DISTRICT_SCOPE: Scope = { streetId: '_district' }

export const SELF_SERVICE_ROLES = ['owner', 'employee', 'resident'] as const
export type SelfServiceRole = (typeof SELF_SERVICE_ROLES)[number]

export const STAFF_ROLES = ['butler', 'gridWorker', 'reviewer', 'admin'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]

export const DEPARTMENTS = ['economy', 'safety', 'epidemic'] as const
export type Department = (typeof DEPARTMENTS)[number]

export const ROLE_LABELS: Record<Role, string> = {
  owner: '企业主',
  employee: '职工',
  resident: '居民',
  butler: '社区管家',
  gridWorker: '网格员',
  reviewer: '审核人员',
  admin: '街道管理员',
  district: '区级工作人员',
}

export const DEPARTMENT_LABELS: Record<Department, string> = {
  economy: '发展保障中心',
  safety: '安监中心',
  epidemic: '防疫专业队伍',
}

/** street → community → grid. A narrower scope always carries its parents. */
export interface Scope {
  streetId: string
  communityId?: string
  gridId?: string
}

/** Which scope level a staff role is given by default (the only one, except for admins: see below). */
export const ROLE_SCOPE_LEVEL: Record<StaffRole, 'street' | 'community' | 'grid'> = {
  admin: 'street',
  reviewer: 'street',
  gridWorker: 'grid',
  butler: 'grid',
}

export type ScopeLevel = 'street' | 'community' | 'grid'

/**
 * Every scope level a staff role may hold. An admin is the street's (街道管理员) or one community's (社区管理员):
 * the same actions, limited to what their scope contains.
 */
export const ROLE_SCOPE_LEVELS: Record<StaffRole, readonly ScopeLevel[]> = {
  admin: ['street', 'community'],
  reviewer: ['street'],
  gridWorker: ['grid'],
  butler: ['grid'],
}

export function isStaffRole(role: Role): role is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(role)
}

/** May an account of `role` hold `scope`? Self-service roles always belong to the street. */
export function scopeFitsRole(role: Role, scope: Scope): boolean {
  const level = scopeLevel(scope)
  return isStaffRole(role) ? ROLE_SCOPE_LEVELS[role].includes(level) : level === 'street'
}

export function scopeLevel(scope: Scope): ScopeLevel {
  if (scope.gridId) return 'grid'
  if (scope.communityId) return 'community'
  return 'street'
}

/** Does `outer` contain `inner`? Used to refuse reads and writes outside one's scope. */
export function scopeContains(outer: Scope, inner: Scope): boolean {
  if (outer.streetId !== inner.streetId) return false
  if (outer.communityId && outer.communityId !== inner.communityId) return false
  if (outer.gridId && outer.gridId !== inner.gridId) return false
  return true
}

export function roleLabel(role: Role, department?: Department, scope?: Scope): string {
  if (role === 'reviewer' && department) return `${DEPARTMENT_LABELS[department]}审核`
  if (role === 'admin' && scope?.communityId) return '社区管理员'
  return ROLE_LABELS[role]
}
