// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import { formatShanghai } from '../../../shared/time'
import { AccountGate } from '../../components/AccountGate'
import { ChoiceSheet } from '../../components/ChoiceSheet'
import { DataTable, TablePager, type Column } from '../../components/DataTable'
import { ListFoot } from '../../components/ListFoot'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { adminApi } from '../../services/admin'
import type { Item } from '../../services/api'
import { usePagedList } from '../../utils/usePagedList'
import { useRemote } from '../../utils/useRemote'
import { useWideLayout } from '../../utils/useWideLayout'
import {
  ACTION_LABELS,
  actionTone,
  changeLine,
  changesOf,
  namesOf,
  targetText,
  type Names,
} from './parts/audit'
import './manage.scss'

type AuditEntry = Item<'admin', 'auditLog'>

const PHONE_PAGE = 20
const DESK_PAGE = 30

const at = (ms: number) => formatShanghai(ms, 'YYYY-MM-DD HH:mm:ss')
const actionText = (a: string) => ACTION_LABELS[a] ?? a

function Changes({ entry, names }: { entry: AuditEntry; names: Names }) {
  const changes = changesOf(entry, names)
  if (changes.length === 0) return <Text className="mg-log__none">—</Text>
  return (
    <View className="mg-log__changes">
      {changes.map((c, i) => (
        <View key={i} className="mg-log__change">
          <Text className="mg-log__key">{c.label}：</Text>
          {c.before !== null && (
            <Text>
              <Text className="mg-log__before">{c.before}</Text>
              <Text className="mg-log__arrow"> → </Text>
            </Text>
          )}
          <Text className="mg-log__after">{c.after}</Text>
        </View>
      ))}
    </View>
  )
}

function EntryCard({ entry, names }: { entry: AuditEntry; names: Names }) {
  return (
    <View className="mg-log" data-testid="audit-row">
      <View className="mg-log__top">
        <Text className={`st-pill st-pill--${actionTone(entry.action)}`}>{actionText(entry.action)}</Text>
        <Text className="mg-log__target">{targetText(entry, names)}</Text>
      </View>
      <Changes entry={entry} names={names} />
      <View className="mg-log__meta">
        {entry.actorName} · {at(entry.at)}
      </View>
    </View>
  )
}

function Audit() {
  const wide = useWideLayout()
  const [action, setAction] = useState('')
  const [picking, setPicking] = useState(false)
  const tree = useRemote(() => adminApi.tree(), [], { refreshOnShow: false })
  const names = namesOf(tree.data)
  const list = usePagedList(
    (page, size) => adminApi.auditLog({ page, pageSize: size, ...(action ? { action } : {}) }),
    [action],
    { pageSize: wide ? DESK_PAGE : PHONE_PAGE, rowKey: (e) => e._id },
  )
  usePullDownRefresh(() => {
    list.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (!wide) void list.loadMore()
  })

  const choices = [
    { value: '*', label: '全部操作' },
    ...Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label })),
  ]

  const columns: Column<AuditEntry>[] = [
    { key: 'at', title: '时间', min: 160, render: (e) => at(e.at), sortValue: (e) => e.at },
    { key: 'actor', title: '操作人', min: 90, render: (e) => e.actorName, sortValue: (e) => e.actorName },
    {
      key: 'action',
      title: '操作',
      min: 120,
      render: (e) => (
        <Text className={`st-pill st-pill--${actionTone(e.action)}`}>{actionText(e.action)}</Text>
      ),
      sortValue: (e) => actionText(e.action),
    },
    {
      key: 'target',
      title: '对象',
      grow: 1.2,
      min: 140,
      render: (e) => targetText(e, names),
      sortValue: (e) => targetText(e, names),
    },
    {
      key: 'changes',
      title: '变更内容（原 → 新）',
      grow: 3.2,
      min: 300,
      render: (e) => <Changes entry={e} names={names} />,
      text: (e) => changesOf(e, names).map(changeLine).join(' '),
    },
  ]

  const filterBar = (
    <View className="mg-logfilter">
      <View className="mg-logfilter__button" onClick={() => setPicking(true)} data-testid="audit-filter">
        <Text className="mg-logfilter__label">操作类型</Text>
        <Text className="mg-logfilter__value">{action ? actionText(action) : '全部操作'} ▾</Text>
      </View>
      <Text className="mg-logfilter__hint">日志只读，任何人都不能修改或删除</Text>
    </View>
  )

  return (
    <View className={`mg-audit${wide ? ' mg-wide' : ''}`}>
      {filterBar}
      {list.status === 'loading' ? (
        <LoadingBlock cards={3} rows={2} />
      ) : list.status === 'error' ? (
        <ErrorBlock message={list.error} onRetry={() => void list.reload()} />
      ) : list.items.length === 0 ? (
        <EmptyBlock
          title="暂无操作记录"
          description={action ? '换一种操作类型看看。' : '管理员的每一次变更都会记录在这里。'}
        />
      ) : wide ? (
        <View className="card mg-table-card">
          <DataTable
            testId="audit-table"
            columns={columns}
            rows={list.items}
            rowKey={(e) => e._id}
            filterPlaceholder="在本页中查找操作人、对象、内容"
          />
          <TablePager list={list} />
        </View>
      ) : (
        <View>
          <View className="mg-summary">共 {list.total} 条记录</View>
          <View className="card mg-log-list">
            {list.items.map((e) => (
              <EntryCard key={e._id} entry={e} names={names} />
            ))}
          </View>
          <ListFoot list={list} endText={`已显示全部 ${list.total} 条`} />
        </View>
      )}
      <ChoiceSheet
        visible={picking}
        title="按操作类型查看"
        choices={choices}
        value={action || '*'}
        centred={wide}
        onSelect={(v) => setAction(v === '*' ? '' : v)}
        onClose={() => setPicking(false)}
      />
    </View>
  )
}

function AuditPage() {
  return (
    <PageShell className="mg-page">
      <AccountGate action={['admin', 'auditLog']}>{() => <Audit />}</AccountGate>
    </PageShell>
  )
}

export default AuditPage
