import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { ListFoot } from '../../components/ListFoot'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { healthApi } from '../../services/health'
import type { Item, Reply } from '../../services/api'
import { HEALTH_PAGES, openPage } from '../../utils/nav'
import { usePagedList } from '../../utils/usePagedList'
import { STATUS_LABELS } from './parts/labels'
import { monthDay } from '../../utils/format'
import './health.scss'

type KeyPerson = Item<'health', 'listKeyPersons'>
type QuarantineStatus = NonNullable<Reply<'health', 'myStatus'>['quarantine']>['status']

const PAGE_SIZE = 20
const FILTERS: { value: QuarantineStatus | ''; label: string }[] = [
  { value: 'active', label: '隔离中' },
  { value: 'pendingDecision', label: '期满待处理' },
  { value: 'released', label: '已解除' },
  { value: '', label: '全部' },
]

function PersonItem({ p }: { p: KeyPerson }) {
  return (
    <View
      className="kp"
      onClick={() => openPage(`${HEALTH_PAGES.history}?id=${p._id}`)}
      data-testid="key-person"
    >
      <View className="kp__top">
        <Text className="kp__name">{p.name}</Text>
        <Text className={`status-pill status-pill--${p.status}`}>{STATUS_LABELS[p.status]}</Text>
      </View>
      <View className="kp__meta">
        {p.building}栋{p.room} · {p.phone}
      </View>
      <View className="kp__meta">
        {p.status === 'released'
          ? `${monthDay(p.startDate)} 开始，已解除`
          : `第 ${Math.min(p.day, p.totalDays)} / ${p.totalDays} 天 · ${monthDay(p.endDate)} 解除`}
      </View>
      <View className="kp__reasons">{p.reasons.join('；')}</View>
    </View>
  )
}

function KeyPersonsContent() {
  const [status, setStatus] = useState<QuarantineStatus | ''>('active')
  const list = usePagedList(
    (page: number, pageSize: number) =>
      healthApi.listKeyPersons({ page, pageSize, ...(status ? { status } : {}) }),
    [status],
    { pageSize: PAGE_SIZE, rowKey: (p) => p._id },
  )
  usePullDownRefresh(() => {
    list.reload().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void list.loadMore()
  })

  return (
    <View className="key-persons">
      <View className="filter-tabs">
        {FILTERS.map((f) => (
          <View
            key={f.value || 'all'}
            className={`filter-tabs__item${status === f.value ? ' filter-tabs__item--on' : ''}`}
            onClick={() => setStatus(f.value)}
          >
            {f.label}
          </View>
        ))}
      </View>
      {list.status === 'loading' ? (
        <LoadingBlock rows={2} cards={3} />
      ) : list.status === 'error' ? (
        <ErrorBlock message={list.error} onRetry={() => void list.reload()} />
      ) : list.items.length === 0 ? (
        <EmptyBlock title="没有符合条件的人员" description="被列为重点人员的居民和职工会出现在这里。" />
      ) : (
        <View>
          <View className="list-summary">共 {list.total} 人</View>
          {list.items.map((p) => (
            <PersonItem key={p._id} p={p} />
          ))}
          <ListFoot list={list} />
        </View>
      )}
    </View>
  )
}

function KeyPersonsPage() {
  return (
    <PageShell className="health">
      <AccountGate action={['health', 'listKeyPersons']}>{() => <KeyPersonsContent />}</AccountGate>
    </PageShell>
  )
}

export default KeyPersonsPage
