// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { canRelease } from '../../../shared/errand'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { errandApi } from '../../services/errand'
import type { AccountView as Account } from '../../../shared/account'
import { ERRAND_PAGES } from '../../utils/errandPages'
import { openPage } from '../../utils/nav'
import { useRemote } from '../../utils/useRemote'
import { primaryLabel, useAssigneeActions, type ActionOutcome } from './parts/AssigneeActions'
import { ErrandCard } from './parts/ErrandCard'
import { ListFoot } from '../../components/ListFoot'
import { Segments } from './parts/Segments'
import { usePagedList } from '../../utils/usePagedList'
import { usePolling } from './parts/usePolling'
import './errand.scss'

type Tab = 'open' | 'mine' | 'done'

const POLL_MS = 15_000

function StatsBar({ account }: { account: Account }) {
  const stats = useRemote(() => errandApi.butlerStats(), [])
  const s = stats.data
  const butler = account.role === 'butler'
  return (
    <View className="e-hero e-hero--staff">
      <View className="e-hero__title">{butler ? '跑腿接单' : '心理疏导'}</View>
      <View className="e-hero__sub">
        {account.name} ·{' '}
        {account.scopeNames.grid ?? account.scopeNames.community ?? account.scopeNames.street}
      </View>
      <View className="e-stats" data-testid="butler-stats">
        <View className="e-stats__item">
          <Text className="e-stats__n">{s ? s.completed : '—'}</Text>
          <Text className="e-stats__label">已完成</Text>
        </View>
        <View className="e-stats__item">
          <Text className="e-stats__n">{s?.ratingAverage != null ? s.ratingAverage.toFixed(1) : '—'}</Text>
          <Text className="e-stats__label">平均评分{s?.ratingCount ? `（${s.ratingCount}条）` : ''}</Text>
        </View>
        {butler && (
          <View className="e-stats__item e-stats__item--link" onClick={() => openPage(ERRAND_PAGES.ledger)}>
            <Text className="e-stats__n e-stats__n--link">台账</Text>
            <Text className="e-stats__label">垫付报销 ›</Text>
          </View>
        )}
      </View>
    </View>
  )
}

function Queue({ account }: { account: Account }) {
  const psychQueue = account.role === 'gridWorker'
  const [tab, setTab] = useState<Tab>('open')
  useEffect(() => {
    if (psychQueue) Taro.setNavigationBarTitle({ title: '心理疏导' }).catch(() => undefined)
  }, [psychQueue])
  const open = useRemote(() => errandApi.listOpen(50), [])
  const mine = usePagedList(
    (page, pageSize) => errandApi.assigned({ active: tab !== 'done', page, pageSize }),
    [tab === 'done'],
    { pageSize: 20, rowKey: (x) => x._id, keepRows: true, refreshOnShow: true },
  )

  const reloadAll = useCallback(
    async (quiet = true) => {
      await Promise.all([open.reload(quiet), mine.reload(quiet)])
    },
    [open, mine],
  )

  const onDone = useCallback(
    (outcome: ActionOutcome) => {
      if (outcome === 'claimed') setTab('mine')
      void open.reload(true)
      void mine.reload(true)
    },
    [open, mine],
  )
  const actions = useAssigneeActions(onDone)

  usePolling(() => void (tab === 'open' ? open.reload(true) : mine.reload(true)), POLL_MS)
  usePullDownRefresh(() => {
    reloadAll().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (tab !== 'open') void mine.loadMore()
  })

  const openItems = open.data?.items ?? []
  let body
  if (tab === 'open') {
    if (open.status === 'loading' && !open.data) body = <LoadingBlock cards={3} rows={2} />
    else if (open.status === 'error' && !open.data)
      body = <ErrorBlock message={open.error} onRetry={() => void open.reload()} />
    else if (!openItems.length)
      body = (
        <EmptyBlock
          title={psychQueue ? '暂无心理疏导请求' : '暂无待认领的需求'}
          description={
            psychQueue
              ? '居民发起心理疏导后会出现在这里。'
              : '本网格居民发起的跑腿代购会出现在这里，加急药品排在最前。'
          }
        />
      )
    else
      body = (
        <View>
          <View className="e-summary">
            {psychQueue
              ? `共 ${openItems.length} 个请求`
              : `共 ${openItems.length} 个，加急和等得久的排在前面`}
          </View>
          {openItems.map((e) => (
            <ErrandCard
              key={e._id}
              errand={e}
              variant="queue"
              footer={
                <Button
                  type="primary"
                  size="large"
                  block
                  className="e-claim"
                  loading={actions.busyId === e._id}
                  disabled={Boolean(actions.busyId)}
                  onClick={() => void actions.claim(e)}
                >
                  {psychQueue ? '接单' : '认领'}
                </Button>
              }
            />
          ))}
        </View>
      )
  } else if (mine.status === 'loading') body = <LoadingBlock cards={2} rows={3} />
  else if (mine.status === 'error')
    body = <ErrorBlock message={mine.error} onRetry={() => void mine.reload()} />
  else if (!mine.items.length)
    body =
      tab === 'mine' ? (
        <EmptyBlock
          title="手上没有进行中的任务"
          description="在「待认领」里认领需求后，会在这里一步步完成。"
        />
      ) : (
        <EmptyBlock title="还没有完成的任务" description="居民确认收货后，任务会出现在这里。" />
      )
  else
    body = (
      <View>
        {mine.items.map((e) => {
          const label = tab === 'mine' ? primaryLabel(e) : undefined
          return (
            <ErrandCard
              key={e._id}
              errand={e}
              variant="task"
              footer={
                label ? (
                  <View className="e-task-foot">
                    <Button
                      type="primary"
                      size="large"
                      block
                      className="e-next"
                      loading={actions.busyId === e._id}
                      disabled={Boolean(actions.busyId)}
                      onClick={() => actions.next(e)}
                    >
                      {label}
                    </Button>
                    {canRelease(e.status) && (
                      <Text
                        className="e-link e-link--muted e-task-foot__release"
                        onClick={() => actions.release(e)}
                      >
                        退回
                      </Text>
                    )}
                  </View>
                ) : undefined
              }
            />
          )
        })}
        <ListFoot list={mine} />
      </View>
    )

  return (
    <View>
      <StatsBar account={account} />
      <Segments
        items={[
          { key: 'open', label: psychQueue ? '待接单' : '待认领', count: openItems.length },
          { key: 'mine', label: '我的任务', count: tab !== 'done' ? mine.total : undefined },
          { key: 'done', label: '已完成' },
        ]}
        value={tab}
        onChange={setTab}
      />
      <View className="e-list">{body}</View>
      {actions.sheets}
    </View>
  )
}

function QueuePage() {
  return (
    <PageShell className="e-page">
      <AccountGate action={['errand', 'listOpen']}>{(account) => <Queue account={account} />}</AccountGate>
    </PageShell>
  )
}

export default QueuePage
