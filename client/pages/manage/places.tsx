// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { ROLE_LABELS } from '../../../shared/roles'
import {
  createCommunityInput,
  createGridInput,
  renameCommunityInput,
  renameGridInput,
} from '../../../shared/schemas/admin'
import { AccountGate } from '../../components/AccountGate'
import { ChoiceSheet } from '../../components/ChoiceSheet'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { useConfirm, type ConfirmOptions } from '../../components/useConfirm'
import { adminApi } from '../../services/admin'
import type { Reply } from '../../services/api'
import type { AccountView as Account } from '../../../shared/account'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import { useWideLayout } from '../../utils/useWideLayout'
import { firstIssue } from '../../utils/zodRule'
import { NameSheet } from './parts/NameSheet'
import { StaffPicker } from './parts/StaffPicker'
import './manage.scss'

type PlaceTree = Reply<'admin', 'tree'>
type TreeCommunity = Reply<'admin', 'tree'>['communities'][number]
type TreeGrid = Reply<'admin', 'tree'>['communities'][number]['grids'][number]
type TreePerson = Reply<'admin', 'tree'>['communities'][number]['admins'][number]

type NameTask =
  | { kind: 'newCommunity' }
  | { kind: 'renameCommunity'; community: TreeCommunity }
  | { kind: 'newGrid'; community: TreeCommunity }
  | { kind: 'renameGrid'; grid: TreeGrid }

/** The shared schema's message for a name, or null when it is fine. */
function checker(task: NameTask | null): (name: string) => string | null {
  return (name) => {
    if (!task) return null
    const res =
      task.kind === 'newCommunity'
        ? createCommunityInput.safeParse({ name })
        : task.kind === 'renameCommunity'
          ? renameCommunityInput.safeParse({ communityId: task.community._id, name })
          : task.kind === 'newGrid'
            ? createGridInput.safeParse({ communityId: task.community._id, name })
            : renameGridInput.safeParse({ gridId: task.grid._id, name })
    return res.success ? null : firstIssue(res.error)
  }
}

function People({ people, empty }: { people: TreePerson[]; empty: string }) {
  if (people.length === 0) return <Text className="mg-people__empty">{empty}</Text>
  return (
    <View className="mg-people">
      {people.map((p) => (
        <Text key={p._id} className={`mg-person${p.disabled ? ' mg-person--off' : ''}`}>
          {p.name}
          <Text className="mg-person__role">
            {ROLE_LABELS[p.role]}
            {p.disabled ? '·已停用' : ''}
          </Text>
        </Text>
      ))}
    </View>
  )
}

interface Actions {
  streetAdmin: boolean
  rename: (task: NameTask) => void
  assign: (grid: TreeGrid) => void
  move: (grid: TreeGrid, from: TreeCommunity) => void
}

function GridRow({ grid, community, act }: { grid: TreeGrid; community: TreeCommunity; act: Actions }) {
  return (
    <View className="mg-grid" data-testid="grid-row">
      <View className="mg-grid__main">
        <View className="mg-grid__name">{grid.name}</View>
        <People people={grid.staff} empty="还没有分配社区管家或网格员" />
      </View>
      <View className="mg-grid__actions">
        <Button size="small" fill="outline" type="primary" onClick={() => act.assign(grid)}>
          分配人员
        </Button>
        <Button size="small" fill="none" onClick={() => act.rename({ kind: 'renameGrid', grid })}>
          改名
        </Button>
        {act.streetAdmin && (
          <Button size="small" fill="none" onClick={() => act.move(grid, community)}>
            调整社区
          </Button>
        )}
      </View>
    </View>
  )
}

function CommunityCard({ community, act }: { community: TreeCommunity; act: Actions }) {
  return (
    <View className="card mg-community" data-testid="community-card">
      <View className="mg-community__head">
        <View className="mg-community__titles">
          <Text className="mg-community__name">{community.name}</Text>
          <Text className="mg-community__count">{community.grids.length} 个网格</Text>
        </View>
        <View className="mg-community__actions">
          <Button size="small" fill="none" onClick={() => act.rename({ kind: 'renameCommunity', community })}>
            改名
          </Button>
          <Button
            size="small"
            fill="outline"
            type="primary"
            onClick={() => act.rename({ kind: 'newGrid', community })}
          >
            新建网格
          </Button>
        </View>
      </View>
      <View className="mg-community__admins">
        <Text className="mg-community__label">社区管理员</Text>
        <People people={community.admins} empty="未设置（可在“账号与权限”中指定）" />
      </View>
      {community.grids.length === 0 ? (
        <View className="mg-community__empty">还没有网格，点“新建网格”添加</View>
      ) : (
        community.grids.map((g) => <GridRow key={g._id} grid={g} community={community} act={act} />)
      )}
    </View>
  )
}

function Places({ account, confirm }: { account: Account; confirm: (o: ConfirmOptions) => void }) {
  const wide = useWideLayout()
  const tree = useRemote(() => adminApi.tree(), [])
  const [nameTask, setNameTask] = useState<NameTask | null>(null)
  const [moving, setMoving] = useState<{ grid: TreeGrid; from: TreeCommunity } | null>(null)
  const [assigning, setAssigning] = useState<TreeGrid | null>(null)
  const streetAdmin = !account.scope.communityId
  usePullDownRefresh(() => {
    tree.reload(true).finally(() => Taro.stopPullDownRefresh())
  })

  const t: PlaceTree | undefined = tree.data
  const act: Actions = {
    streetAdmin,
    rename: setNameTask,
    assign: setAssigning,
    move: (grid, from) => setMoving({ grid, from }),
  }

  const saveName = async (name: string) => {
    if (!nameTask) return
    switch (nameTask.kind) {
      case 'newCommunity':
        await adminApi.createCommunity(name)
        toast.success('社区已新建')
        break
      case 'renameCommunity':
        await adminApi.renameCommunity(nameTask.community._id, name)
        toast.success('已改名')
        break
      case 'newGrid':
        await adminApi.createGrid(nameTask.community._id, name)
        toast.success('网格已新建')
        break
      case 'renameGrid':
        await adminApi.renameGrid(nameTask.grid._id, name)
        toast.success('已改名')
        break
    }
    await tree.reload(true)
  }

  const nameSheet = (() => {
    const task = nameTask
    if (!task) return { title: '', label: '', initial: '', placeholder: '', submit: '' }
    switch (task.kind) {
      case 'newCommunity':
        return {
          title: '新建社区',
          label: '社区名称',
          initial: '',
          placeholder: '如：东湖社区',
          submit: '新建社区',
        }
      case 'renameCommunity':
        return {
          title: '社区改名',
          label: '新名称',
          initial: task.community.name,
          placeholder: '社区名称',
          submit: '保存',
        }
      case 'newGrid':
        return {
          title: `在${task.community.name}新建网格`,
          label: '网格名称',
          initial: '',
          placeholder: '如：第三网格',
          submit: '新建网格',
        }
      case 'renameGrid':
        return {
          title: '网格改名',
          label: '新名称',
          initial: task.grid.name,
          placeholder: '网格名称',
          submit: '保存',
        }
    }
  })()

  const moveTargets = (t?.communities ?? [])
    .filter((c) => c._id !== moving?.from._id)
    .map((c) => ({ value: c._id, label: c.name, hint: `${c.grids.length} 个网格` }))

  return (
    <View className={`mg-places${wide ? ' mg-wide' : ''}`}>
      <View className="mg-toolbar">
        <View className="mg-toolbar__text">
          {t ? `${t.street.name} · ${t.communities.length} 个社区` : '正在加载…'}
          <Text className="mg-toolbar__hint">　居民、企业按网格归属；网格调整社区后，统计按新的社区计算</Text>
        </View>
        {streetAdmin && (
          <Button type="primary" size="small" onClick={() => setNameTask({ kind: 'newCommunity' })}>
            新建社区
          </Button>
        )}
      </View>
      {tree.status === 'loading' ? (
        <LoadingBlock cards={2} rows={4} />
      ) : tree.status === 'error' || !t ? (
        <ErrorBlock message={tree.error} onRetry={() => void tree.reload()} />
      ) : t.communities.length === 0 ? (
        <EmptyBlock title="还没有社区" description="先新建社区，再在社区下新建网格。" />
      ) : (
        <View className="mg-communities">
          {t.communities.map((c) => (
            <CommunityCard key={c._id} community={c} act={act} />
          ))}
        </View>
      )}

      <NameSheet
        visible={nameTask !== null}
        title={nameSheet.title}
        label={nameSheet.label}
        initial={nameSheet.initial}
        placeholder={nameSheet.placeholder}
        submitText={nameSheet.submit}
        check={checker(nameTask)}
        onSubmit={saveName}
        onClose={() => setNameTask(null)}
        centred={wide}
      />
      <ChoiceSheet
        visible={moving !== null}
        title={moving ? `把 ${moving.grid.name} 调整到` : ''}
        description={moving ? `现在属于 ${moving.from.name}` : ''}
        choices={moveTargets}
        centred={wide}
        onSelect={(communityId) => {
          if (!moving) return
          const target = t?.communities.find((c) => c._id === communityId)
          const { grid, from } = moving
          confirm({
            title: '调整网格所属社区',
            content: `把「${grid.name}」从「${from.name}」调整到「${target?.name ?? ''}」？该网格的 ${grid.staff.length} 名工作人员和未使用的邀请码随之调整到新社区；此后该网格的统计计入新社区。`,
            confirmText: '确认调整',
            danger: true,
            action: async () => {
              const res = await adminApi.moveGrid(grid._id, communityId)
              toast.success(res.accountsMoved ? `已调整，${res.accountsMoved} 名工作人员随之调整` : '已调整')
              await tree.reload(true)
            },
          })
        }}
        onClose={() => setMoving(null)}
      />
      <StaffPicker
        visible={assigning !== null}
        gridId={assigning?._id ?? ''}
        gridName={assigning?.name ?? ''}
        centred={wide}
        onClose={() => setAssigning(null)}
        onPick={(person) => {
          const grid = assigning
          if (!grid) return
          setAssigning(null)
          confirm({
            title: '分配人员',
            content: `把${ROLE_LABELS[person.role]}「${person.name}」分配到「${grid.name}」？${
              person.scope.gridId ? `他将不再负责原来的${person.scopeNames.grid ?? '网格'}。` : ''
            }`,
            confirmText: '分配',
            action: async () => {
              await adminApi.assignStaff(person._id, grid._id)
              toast.success(`${person.name} 已分配到 ${grid.name}`)
              await tree.reload(true)
            },
          })
        }}
      />
    </View>
  )
}

function PlacesPage() {
  const { dialog, confirm } = useConfirm()
  return (
    <PageShell className="mg-page">
      <AccountGate action={['admin', 'tree']}>
        {(account) => <Places account={account} confirm={confirm} />}
      </AccountGate>
      {dialog}
    </PageShell>
  )
}

export default PlacesPage
