import { ScrollView, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import {
  DEPARTMENTS,
  DEPARTMENT_LABELS,
  ASSIGNABLE_ROLES,
  ROLE_LABELS,
  ROLE_SCOPE_LEVEL,
  isStaffRole,
  roleLabel,
  type Department,
  type AssignableRole,
  type Role,
} from '../../../../shared/roles'
import { setRoleInput } from '../../../../shared/schemas/admin'
import { Sheet } from '../../../components/Sheet'
import type { Input, Reply } from '../../../services/api'
import type { AccountView as Account } from '../../../../shared/account'
import { firstIssue } from '../../../utils/zodRule'
import { FormFooter } from '../../../components/FormFooter'

type PlaceTree = Reply<'admin', 'tree'>
type SetRoleForm = Input<'admin', 'setRole'>

const ROLE_HINTS: Record<Role, string> = {
  resident: '社区居民、居家隔离人员',
  employee: '企业、商户的职工',
  owner: '企业、商户、五小门店负责人',
  butler: '为居家人员跑腿代购，属于一个网格',
  gridWorker: '负责网格内人员报备与巡查',
  reviewer: '参与复工申请三方审核，属于街道',
  admin: '街道或社区的管理员',
  district: '区防控指挥部的工作人员，只读查看各街道',
}

const gridLevel = (r: Role) => isStaffRole(r) && ROLE_SCOPE_LEVEL[r] === 'grid'

export interface RoleChange {
  form: SetRoleForm
  /** Only the grid of a butler or grid worker changes: `admin.assignStaff` is the action. */
  assignOnly: boolean
  /** "网格员（幸福里社区 · 幸福里第一网格）", for the confirmation. */
  summary: string
}

interface Props {
  visible: boolean
  account: Account | null
  /** The caller: a community admin hands out only what lies inside their community. */
  me: Account
  tree: PlaceTree | undefined
  onSubmit: (change: RoleChange) => void
  onClose: () => void
  centred?: boolean
}

/** Choose a new role for an account, with its department (reviewers) or its place (admins, grid staff). */
export function RoleSheet({ visible, account, me, tree, onSubmit, onClose, centred }: Props) {
  const communityAdmin = Boolean(me.scope.communityId)
  const [role, setRole] = useState<Role>('resident')
  const [department, setDepartment] = useState<Department | ''>('')
  const [communityId, setCommunityId] = useState('')
  const [gridId, setGridId] = useState('')
  const [error, setError] = useState('')

  useEffect(() => {
    if (!visible || !account) return
    setRole(account.role)
    setDepartment(account.department ?? '')
    setCommunityId(account.scope.communityId ?? '')
    setGridId(account.scope.gridId ?? '')
    setError('')
  }, [visible, account])

  if (!account) return null
  const roles = ASSIGNABLE_ROLES.filter((r) => !communityAdmin || r === 'admin' || gridLevel(r))
  const communities = (tree?.communities ?? []).filter(
    (c) => !communityAdmin || c._id === me.scope.communityId,
  )

  const submit = () => {
    const form: SetRoleForm = {
      accountId: account._id,
      // The sheet offers only ASSIGNABLE_ROLES; the schema refuses anything else.
      role: role as AssignableRole,
      ...(role === 'reviewer' && department ? { department } : {}),
      ...(role === 'admin' && communityId ? { communityId } : {}),
      ...(gridLevel(role) && gridId ? { gridId } : {}),
    }
    if (gridLevel(role) && !gridId) return setError('请选择所属网格')
    if (role === 'admin' && communityAdmin && !communityId) return setError('请选择社区')
    const parsed = setRoleInput.safeParse(form)
    if (!parsed.success) return setError(firstIssue(parsed.error))
    const community = communities.find((c) => c._id === (gridLevel(role) ? undefined : communityId))
    const grid = tree?.communities
      .flatMap((c) => c.grids.map((g) => ({ ...g, community: c.name })))
      .find((g) => g._id === gridId)
    const where = gridLevel(role)
      ? `（${grid?.community ?? ''} · ${grid?.name ?? ''}）`
      : role === 'admin'
        ? community
          ? `（${community.name}）`
          : '（全街道）'
        : ''
    const label = role === 'admin' && community ? '社区管理员' : roleLabel(role, department || undefined)
    const unchanged =
      role === account.role &&
      (department || undefined) === account.department &&
      (gridLevel(role)
        ? gridId === account.scope.gridId
        : (communityId || undefined) === account.scope.communityId)
    if (unchanged) return setError('身份和范围都没有变化')
    onSubmit({
      form,
      assignOnly: gridLevel(role) && role === account.role,
      summary: `${label}${where}`,
    })
  }

  return (
    <Sheet
      visible={visible}
      title={`调整身份：${account.name}`}
      description={`现在是 ${roleLabel(account.role, account.department, account.scope)}`}
      centred={centred}
      className="mg-sheet"
      onClose={onClose}
    >
      <ScrollView scrollY className="mg-sheet__scroll">
        <View className="mg-sheet__body" data-testid="role-sheet">
          <View className="mg-sheet__label">身份</View>
          <View className="mg-chips">
            {roles.map((r) => (
              <View
                key={r}
                className={`mg-chip${role === r ? ' mg-chip--on' : ''}`}
                onClick={() => {
                  setRole(r)
                  setError('')
                  if (r !== 'reviewer') setDepartment('')
                  if (r === 'admin')
                    setCommunityId(
                      account.role === 'admin'
                        ? (account.scope.communityId ?? '')
                        : (me.scope.communityId ?? ''),
                    )
                }}
              >
                {ROLE_LABELS[r]}
              </View>
            ))}
          </View>
          <View className="mg-sheet__hint">{ROLE_HINTS[role]}</View>

          {role === 'reviewer' && (
            <View>
              <View className="mg-sheet__label">审核部门</View>
              <View className="mg-chips">
                {DEPARTMENTS.map((d) => (
                  <View
                    key={d}
                    className={`mg-chip${department === d ? ' mg-chip--on' : ''}`}
                    onClick={() => setDepartment(d)}
                  >
                    {DEPARTMENT_LABELS[d]}
                  </View>
                ))}
              </View>
            </View>
          )}

          {role === 'admin' && (
            <View>
              <View className="mg-sheet__label">管理范围</View>
              <View className="mg-chips">
                {!communityAdmin && (
                  <View
                    className={`mg-chip${!communityId ? ' mg-chip--on' : ''}`}
                    onClick={() => setCommunityId('')}
                  >
                    全街道
                  </View>
                )}
                {communities.map((c) => (
                  <View
                    key={c._id}
                    className={`mg-chip${communityId === c._id ? ' mg-chip--on' : ''}`}
                    onClick={() => setCommunityId(c._id)}
                  >
                    {c.name}
                  </View>
                ))}
              </View>
            </View>
          )}

          {gridLevel(role) && (
            <View>
              <View className="mg-sheet__label">所属网格</View>
              {communities.map((c) => (
                <View key={c._id} className="mg-gridpick">
                  <Text className="mg-gridpick__community">{c.name}</Text>
                  <View className="mg-chips">
                    {c.grids.length === 0 && <Text className="mg-sheet__hint">还没有网格</Text>}
                    {c.grids.map((g) => (
                      <View
                        key={g._id}
                        className={`mg-chip${gridId === g._id ? ' mg-chip--on' : ''}`}
                        onClick={() => {
                          setGridId(g._id)
                          setError('')
                        }}
                      >
                        {g.name}
                      </View>
                    ))}
                  </View>
                </View>
              ))}
            </View>
          )}

          <FormFooter error={error} label="下一步" onSubmit={submit} inline />
        </View>
      </ScrollView>
    </Sheet>
  )
}
