import { Button, Loading } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { errorMessage } from '../../services/cloud'
import { healthApi } from '../../services/health'
import { type Item, type Reply } from '../../services/api'
import { HEALTH_PAGES, openPage } from '../../utils/nav'
import { monthDay, STATUS_LABELS } from './parts/labels'
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
  const [items, setItems] = useState<KeyPerson[]>([])
  const [total, setTotal] = useState(0)
  const [page, setPage] = useState(0)
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading')
  const [error, setError] = useState('')
  const [more, setMore] = useState<'idle' | 'loading' | 'error'>('idle')
  const seq = useRef(0)

  const load = useCallback(async (s: QuarantineStatus | '') => {
    const mine = ++seq.current
    setState('loading')
    setError('')
    try {
      const res = await healthApi.listKeyPersons({
        page: 1,
        pageSize: PAGE_SIZE,
        ...(s ? { status: s } : {}),
      })
      if (mine !== seq.current) return
      setItems(res.items)
      setTotal(res.total)
      setPage(1)
      setState('ready')
    } catch (e) {
      if (mine !== seq.current) return
      setError(errorMessage(e))
      setState('error')
    }
  }, [])

  const loadMore = useCallback(async () => {
    if (more === 'loading' || state !== 'ready' || items.length >= total) return
    const mine = seq.current
    setMore('loading')
    try {
      const res = await healthApi.listKeyPersons({
        page: page + 1,
        pageSize: PAGE_SIZE,
        ...(status ? { status } : {}),
      })
      if (mine !== seq.current) return
      setItems((xs) => {
        const seen = new Set(xs.map((x) => x._id))
        return [...xs, ...res.items.filter((x) => !seen.has(x._id))]
      })
      setTotal(res.total)
      setPage(res.page)
      setMore('idle')
    } catch {
      if (mine === seq.current) setMore('error')
    }
  }, [more, state, items.length, total, page, status])

  useEffect(() => {
    void load(status)
  }, [load, status])
  usePullDownRefresh(() => {
    load(status).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void loadMore()
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
      {state === 'loading' ? (
        <LoadingBlock rows={2} cards={3} />
      ) : state === 'error' ? (
        <ErrorBlock message={error} onRetry={() => void load(status)} />
      ) : items.length === 0 ? (
        <EmptyBlock title="没有符合条件的人员" description="被列为重点人员的居民和职工会出现在这里。" />
      ) : (
        <View>
          <View className="list-summary">共 {total} 人</View>
          {items.map((p) => (
            <PersonItem key={p._id} p={p} />
          ))}
          <View className="list-foot">
            {more === 'loading' ? (
              <Loading type="spinner">正在加载…</Loading>
            ) : more === 'error' ? (
              <Button size="small" fill="outline" type="primary" onClick={() => void loadMore()}>
                加载失败，重试
              </Button>
            ) : items.length < total ? (
              <Button size="normal" fill="outline" type="primary" onClick={() => void loadMore()}>
                加载更多
              </Button>
            ) : (
              <Text className="muted">没有更多了</Text>
            )}
          </View>
        </View>
      )}
    </View>
  )
}

function KeyPersonsPage() {
  return (
    <PageShell className="health">
      <AccountGate roles={['butler', 'gridWorker', 'admin', 'reviewer']}>
        {() => <KeyPersonsContent />}
      </AccountGate>
    </PageShell>
  )
}

export default KeyPersonsPage
