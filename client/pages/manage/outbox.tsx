// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import { SUBSCRIBE_KINDS, SUBSCRIBE_TEMPLATES, type SubscribeKind } from '../../../config/subscribe'
import { roleLabel } from '../../../shared/roles'
import { formatShanghai } from '../../../shared/time'
import { AccountGate } from '../../components/AccountGate'
import { ChoiceSheet } from '../../components/ChoiceSheet'
import { ListFoot } from '../../components/ListFoot'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { adminApi } from '../../services/admin'
import type { Item } from '../../services/api'
import { usePagedList } from '../../utils/usePagedList'
import './manage.scss'

type OutboxItem = Item<'admin', 'outbox'>

const PAGE_SIZE = 20

function MessageCard({ m }: { m: OutboxItem }) {
  return (
    <View className="mg-msg" data-testid="outbox-row">
      <View className="mg-msg__top">
        <Text className="st-pill st-pill--info">{m.title}</Text>
        <Text className="mg-msg__to">
          {m.recipient ? `${m.recipient.name}（${roleLabel(m.recipient.role)}）` : '未建账号的微信用户'}
        </Text>
      </View>
      {m.lines.map((l) => (
        <View key={l.name} className="mg-msg__line">
          <Text className="mg-msg__name">{l.name}</Text>
          <Text className="mg-msg__value">{l.value}</Text>
        </View>
      ))}
      <View className="mg-log__meta">
        {formatShanghai(m.sentAt, 'YYYY-MM-DD HH:mm:ss')}
        {m.page ? ` · 点开进入 ${m.page.split('?')[0]}` : ''}
      </View>
    </View>
  )
}

/** What WeChat delivered: every subscribe message it accepted, for checking notices reach people. */
function Outbox() {
  const [kind, setKind] = useState<SubscribeKind | ''>('')
  const [picking, setPicking] = useState(false)
  const list = usePagedList(
    (page, pageSize) => adminApi.outbox({ page, pageSize, ...(kind ? { kind } : {}) }),
    [kind],
    { pageSize: PAGE_SIZE, rowKey: (m) => m._id },
  )
  usePullDownRefresh(() => {
    list.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.loadMore())

  const choices = [
    { value: '*', label: '全部消息' },
    ...SUBSCRIBE_KINDS.map((k) => ({ value: k, label: SUBSCRIBE_TEMPLATES[k].title })),
  ]

  return (
    <View className="mg-audit">
      <View className="mg-logfilter">
        <View className="mg-logfilter__button" onClick={() => setPicking(true)}>
          <Text className="mg-logfilter__label">消息类型</Text>
          <Text className="mg-logfilter__value">{kind ? SUBSCRIBE_TEMPLATES[kind].title : '全部消息'} ▾</Text>
        </View>
        <Text className="mg-logfilter__hint">居民、管家点「允许」后才会收到，每次允许一条</Text>
      </View>
      {list.status === 'loading' ? (
        <LoadingBlock cards={3} rows={2} />
      ) : list.status === 'error' ? (
        <ErrorBlock message={list.error} onRetry={() => void list.reload()} />
      ) : list.items.length === 0 ? (
        <EmptyBlock
          title="还没有发出的微信消息"
          description="有人在小程序里开启提醒后，报备提醒、发热预警、跑腿进度和审核结果会记录在这里。"
        />
      ) : (
        <View>
          <View className="mg-summary">共 {list.total} 条消息</View>
          <View className="card mg-log-list">
            {list.items.map((m) => (
              <MessageCard key={m._id} m={m} />
            ))}
          </View>
          <ListFoot list={list} endText={`已显示全部 ${list.total} 条`} />
        </View>
      )}
      <ChoiceSheet
        visible={picking}
        title="按消息类型查看"
        choices={choices}
        value={kind || '*'}
        onSelect={(v) => setKind(v === '*' ? '' : (v as SubscribeKind))}
        onClose={() => setPicking(false)}
      />
    </View>
  )
}

function OutboxPage() {
  return (
    <PageShell className="mg-page">
      <AccountGate action={['admin', 'outbox']}>{() => <Outbox />}</AccountGate>
    </PageShell>
  )
}

export default OutboxPage
