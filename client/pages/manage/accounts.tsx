// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { ROLES, ROLE_LABELS, roleLabel, type Role } from '../../../shared/roles'
import { AccountGate } from '../../components/AccountGate'
import { DataTable, TablePager, type Column } from '../../components/DataTable'
import { ListFoot } from '../../components/ListFoot'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { confirmResetCode } from '../../components/resetCode'
import { useConfirm, type ConfirmOptions } from '../../components/useConfirm'
import { accountApi } from '../../services/account'
import { adminApi } from '../../services/admin'
import type { AccountView as Account } from '../../../shared/account'
import { dateTime, scopeShort } from '../../utils/format'
import { toast } from '../../utils/toast'
import { usePagedList } from '../../utils/usePagedList'
import { useRemote } from '../../utils/useRemote'
import { useWideLayout } from '../../utils/useWideLayout'
import { RoleSheet, type RoleChange } from './parts/RoleSheet'
import './manage.scss'

const PHONE_PAGE = 20
const DESK_PAGE = 30

const STATES = [
  { value: '', label: '全部' },
  { value: 'on', label: '正常' },
  { value: 'off', label: '已停用' },
] as const
type StateFilter = (typeof STATES)[number]['value']

/** The reason typed in the confirmation dialog; kept outside React state so the open dialog need not re-render. */
function ReasonInput({ onChange }: { onChange: (v: string) => void }) {
  const [v, setV] = useState('')
  return (
    <View className="mg-reason">
      <View className="mg-reason__text">停用后对方将不能再使用本系统，可以随时重新启用。</View>
      <Input
        className="app-input"
        value={v}
        maxLength={100}
        placeholder="停用原因（选填，记入操作日志）"
        onChange={(x) => {
          setV(x)
          onChange(x)
        }}
      />
    </View>
  )
}

interface RowActions {
  me: Account
  changeRole: (a: Account) => void
  toggle: (a: Account) => void
  resetCode: (a: Account) => void
  unlock: (a: Account) => void
}

function roleText(a: Account): string {
  return roleLabel(a.role, a.department, a.scope)
}

function Actions({ a, act }: { a: Account; act: RowActions }) {
  if (a._id === act.me._id) return <Text className="mg-me">（本人）</Text>
  return (
    <View className="mg-acts">
      <Button size="small" fill="outline" type="primary" onClick={() => act.changeRole(a)}>
        调整身份
      </Button>
      <Button
        size="small"
        fill="outline"
        type={a.disabled ? 'success' : 'danger'}
        onClick={() => act.toggle(a)}
      >
        {a.disabled ? '启用' : '停用'}
      </Button>
      <Button size="small" fill="outline" onClick={() => act.resetCode(a)}>
        重置密码
      </Button>
      <Button size="small" fill="outline" onClick={() => act.unlock(a)}>
        解除锁定
      </Button>
    </View>
  )
}

function AccountCard({ a, act }: { a: Account; act: RowActions }) {
  return (
    <View className={`mg-account${a.disabled ? ' mg-account--off' : ''}`} data-testid="account-row">
      <View className="mg-account__top">
        <Text className="mg-account__name">{a.name}</Text>
        <Text className="mg-account__phone">{a.phone}</Text>
        <Text className={`st-pill st-pill--${a.disabled ? 'off' : 'info'}`}>
          {a.disabled ? '已停用' : roleText(a)}
        </Text>
      </View>
      <View className="mg-account__line">
        {a.disabled ? `${roleText(a)} · ` : ''}
        {scopeShort(a.scopeNames)}
      </View>
      <View className="mg-account__foot">
        <Text className="mg-account__date">{dateTime(a.createdAt)} 注册</Text>
        <Actions a={a} act={act} />
      </View>
    </View>
  )
}

function Accounts({ me, confirm }: { me: Account; confirm: (o: ConfirmOptions) => void }) {
  const wide = useWideLayout()
  const [role, setRole] = useState<Role | ''>('')
  const [state, setState] = useState<StateFilter>('')
  const [typed, setTyped] = useState('')
  const [search, setSearch] = useState('')
  const [editing, setEditing] = useState<Account | null>(null)
  const reason = useRef('')
  const tree = useRemote(() => adminApi.tree(), [], { refreshOnShow: false })
  const pageSize = wide ? DESK_PAGE : PHONE_PAGE
  const list = usePagedList(
    (page, size) =>
      adminApi.accounts({
        page,
        pageSize: size,
        ...(role ? { role } : {}),
        ...(state ? { disabled: state === 'off' } : {}),
        ...(search ? { search } : {}),
      }),
    [role, state, search],
    { pageSize, rowKey: (a) => a._id },
  )
  usePullDownRefresh(() => {
    list.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (!wide) void list.loadMore()
  })

  const replace = (next: Account) => list.update((x) => x._id === next._id, next)

  const act: RowActions = {
    me,
    changeRole: setEditing,
    toggle: (a) => {
      reason.current = ''
      confirm(
        a.disabled
          ? {
              title: '启用账号',
              content: `启用后「${a.name}」可以重新登录使用，身份仍为${roleText(a)}。`,
              confirmText: '启用',
              action: async () => {
                const res = await adminApi.setDisabled(a._id, false)
                replace(res.account)
                toast.success('已启用')
              },
            }
          : {
              title: `停用「${a.name}」的账号`,
              content: <ReasonInput onChange={(v) => (reason.current = v)} />,
              confirmText: '停用',
              danger: true,
              action: async () => {
                const res = await adminApi.setDisabled(a._id, true, reason.current)
                replace(res.account)
                toast.success('已停用')
              },
            },
      )
    },
    resetCode: (a) => confirmResetCode(confirm, { id: a._id, name: a.name }),
    unlock: (a) =>
      confirm({
        title: `解除「${a.name}」的登录锁定`,
        content: '密码连续输错5次会锁定15分钟。解除后对方可以马上再试，操作记入操作日志。',
        confirmText: '解除锁定',
        action: async () => {
          await accountApi.unlockLogin(a._id)
          toast.success('已解除锁定')
        },
      }),
  }

  const applyRole = (target: Account, change: RoleChange) => {
    setEditing(null)
    confirm({
      title: '调整身份',
      content: `把「${target.name}」从 ${roleText(target)} 调整为 ${change.summary}？对方会收到通知。`,
      confirmText: '确认调整',
      action: async () => {
        const res = change.assignOnly
          ? await adminApi.assignStaff(target._id, change.form.gridId ?? '')
          : await adminApi.setRole(change.form)
        replace(res.account)
        toast.success(res.changed ? '已调整' : '没有变化')
      },
    })
  }

  const columns: Column<Account>[] = [
    { key: 'name', title: '姓名', min: 90, render: (a) => a.name, sortValue: (a) => a.name },
    { key: 'phone', title: '手机号', min: 120, render: (a) => a.phone, sortValue: (a) => a.phone },
    {
      key: 'role',
      title: '身份',
      grow: 1.2,
      min: 130,
      render: (a) => roleText(a),
      sortValue: (a) => roleText(a),
    },
    {
      key: 'scope',
      title: '负责范围 / 所属',
      grow: 1.6,
      min: 170,
      render: (a) => scopeShort(a.scopeNames),
      sortValue: (a) => scopeShort(a.scopeNames),
    },
    {
      key: 'state',
      title: '状态',
      min: 80,
      render: (a) => (
        <Text className={`st-pill st-pill--${a.disabled ? 'off' : 'ok'}`}>
          {a.disabled ? '已停用' : '正常'}
        </Text>
      ),
      sortValue: (a) => (a.disabled ? 1 : 0),
    },
    {
      key: 'at',
      title: '注册时间',
      min: 150,
      render: (a) => dateTime(a.createdAt),
      sortValue: (a) => a.createdAt,
    },
    { key: 'ops', title: '操作', min: 190, render: (a) => <Actions a={a} act={act} /> },
  ]

  const filters = (
    <View className="mg-filters">
      <View className="mg-chips mg-chips--scroll">
        {(['', ...ROLES] as const).map((r) => (
          <View
            key={r || 'all'}
            className={`mg-chip mg-chip--small${role === r ? ' mg-chip--on' : ''}`}
            onClick={() => setRole(r)}
            data-testid={`role-filter-${r || 'all'}`}
          >
            {r ? ROLE_LABELS[r] : '全部身份'}
          </View>
        ))}
      </View>
      <View className="mg-filters__row">
        <View className="st-seg st-seg--small mg-filters__state">
          {STATES.map((s) => (
            <View
              key={s.value || 'all'}
              className={`st-seg__item${state === s.value ? ' st-seg__item--on' : ''}`}
              onClick={() => setState(s.value)}
            >
              {s.label}
            </View>
          ))}
        </View>
        <View className="mg-search">
          <Input
            className="app-input mg-search__input"
            value={typed}
            placeholder="姓名或手机号开头"
            clearable
            onChange={setTyped}
            onClear={() => setSearch('')}
            onConfirm={() => setSearch(typed.trim())}
          />
          <Button size="small" type="primary" onClick={() => setSearch(typed.trim())}>
            查找
          </Button>
        </View>
      </View>
    </View>
  )

  return (
    <View className={`mg-accounts${wide ? ' mg-wide' : ''}`}>
      <View className="card mg-filter-card">{filters}</View>
      {list.status === 'loading' ? (
        <LoadingBlock cards={3} rows={2} />
      ) : list.status === 'error' ? (
        <ErrorBlock message={list.error} onRetry={() => void list.reload()} />
      ) : list.items.length === 0 ? (
        <EmptyBlock
          title="没有找到账号"
          description={search ? `没有姓名含“${search}”或手机号以它开头的账号。` : '换个身份或状态试试。'}
        />
      ) : wide ? (
        <View className="card mg-table-card">
          <DataTable testId="accounts-table" columns={columns} rows={list.items} rowKey={(a) => a._id} />
          <TablePager list={list} unit="个账号" />
        </View>
      ) : (
        <View>
          <View className="mg-summary">共 {list.total} 个账号</View>
          <View className="card mg-account-list">
            {list.items.map((a) => (
              <AccountCard key={a._id} a={a} act={act} />
            ))}
          </View>
          <ListFoot list={list} endText={`已显示全部 ${list.total} 个账号`} />
        </View>
      )}
      <RoleSheet
        visible={editing !== null}
        account={editing}
        me={me}
        tree={tree.data}
        centred={wide}
        onClose={() => setEditing(null)}
        onSubmit={(change) => editing && applyRole(editing, change)}
      />
    </View>
  )
}

function AccountsPage() {
  const { dialog, confirm } = useConfirm()
  return (
    <PageShell className="mg-page">
      <AccountGate action={['admin', 'accounts']}>
        {(account) => <Accounts me={account} confirm={confirm} />}
      </AccountGate>
      {dialog}
    </PageShell>
  )
}

export default AccountsPage
