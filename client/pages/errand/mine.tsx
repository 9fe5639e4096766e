// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import { AccountGate } from '../../components/AccountGate'
import { QueuedCard } from '../../components/QueuedCard'
import { queueSettled } from '../../services/offlineQueue'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { errandApi } from '../../services/errand'
import type { Reply } from '../../services/api'
import { ERRAND_PAGES } from '../../utils/errandPages'
import { HEALTH_PAGES, openPage } from '../../utils/nav'
import { ErrandCard } from './parts/ErrandCard'
import { ListFoot } from '../../components/ListFoot'
import { Segments } from './parts/Segments'
import { usePagedList } from '../../utils/usePagedList'
import { usePolling } from './parts/usePolling'
import './errand.scss'

type MinePage = Reply<'errand', 'mine'>

type Tab = 'active' | 'done'

/** Refresh while on screen: the butler's steps show up within seconds. */
const POLL_MS = 10_000

function Hero({ head }: { head: MinePage | undefined }) {
  const full = head ? head.openCount >= head.maxOpen : false
  return (
    <View className="e-hero">
      <View className="e-hero__title">跑腿代购</View>
      <View className="e-hero__sub">管家帮您买菜、买药、买日用品，送到门口</View>
      {head?.address ? (
        <View className="e-hero__addr">
          送达地址：{head.address.building}栋 {head.address.room}
        </View>
      ) : null}
      {head && (
        <View className="e-hero__row">
          <View className="e-hero__count">
            进行中 <Text className="e-hero__n">{head.openCount}</Text> / {head.maxOpen}
          </View>
          <Button
            className="e-hero__btn"
            size="large"
            disabled={!head.eligible || full}
            onClick={() => openPage(ERRAND_PAGES.new)}
          >
            ＋ 发起新需求
          </Button>
        </View>
      )}
      {head && full && (
        <View className="e-hero__note">同时最多 {head.maxOpen} 个进行中的需求，送达后可再发起</View>
      )}
    </View>
  )
}

function Content() {
  const [tab, setTab] = useState<Tab>('active')
  const list = usePagedList(
    (page, pageSize) =>
      queueSettled().then(() => errandApi.mine({ active: tab === 'active', page, pageSize })),
    [tab],
    { pageSize: 20, rowKey: (x) => x._id, keepRows: true, refreshOnShow: true },
  )
  usePullDownRefresh(() => {
    list.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.loadMore())
  usePolling(() => void list.reload(true), POLL_MS, list.status === 'ready')

  const head = list.last
  let body
  if (list.status === 'loading') body = <LoadingBlock cards={2} rows={3} />
  else if (list.status === 'error')
    body = <ErrorBlock message={list.error} onRetry={() => void list.reload()} />
  else if (!list.items.length) {
    body =
      tab === 'active' ? (
        head && !head.eligible ? (
          <EmptyBlock
            title="暂时不能发起跑腿代购"
            description="跑腿代购为居家隔离人员和网格员登记的帮扶家庭提供。如您从外地返回，请先做健康申报。"
            action={
              <Button type="primary" size="large" onClick={() => openPage(HEALTH_PAGES.declare)}>
                去健康申报
              </Button>
            }
          />
        ) : (
          <EmptyBlock title="没有进行中的需求" description="需要买菜、买药时，点上方「发起新需求」。" />
        )
      ) : (
        <EmptyBlock title="还没有已完成的需求" description="确认收货或取消的需求会出现在这里。" />
      )
  } else {
    body = (
      <View>
        {list.items.map((e) => (
          <ErrandCard key={e._id} errand={e} variant="mine" />
        ))}
        <ListFoot list={list} endText={tab === 'active' ? '状态会自动刷新' : '没有更多了'} />
      </View>
    )
  }

  return (
    <View>
      <Hero head={head} />
      <Segments
        items={[
          { key: 'active', label: '进行中', count: tab === 'active' ? list.total : undefined },
          { key: 'done', label: '已完成' },
        ]}
        value={tab}
        onChange={setTab}
      />
      <View className="e-list">
        {/* Requests made without a network, waiting on this phone; the list is read again once one is sent. */}
        {tab === 'active' && <QueuedCard fn="errand" action="create" onSent={() => void list.reload(true)} />}
        {body}
      </View>
    </View>
  )
}

function MinePageView() {
  return (
    <PageShell className="e-page">
      <AccountGate action={['errand', 'mine']}>{() => <Content />}</AccountGate>
    </PageShell>
  )
}

export default MinePageView
