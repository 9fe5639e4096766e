import { Cell } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { hasSession } from '../../services/cloud'
import type { InboxItem } from '../../../shared/account'
import { inbox } from '../../stores'
import { friendlyTime } from '../../utils/format'
import { openPage } from '../../utils/nav'
import './index.scss'
import { ListFoot } from '../../components/ListFoot'

const MessageRow = observer(function MessageRow({ item }: { item: InboxItem }) {
  const [open, setOpen] = useState(false)
  const onTap = () => {
    void inbox.markRead(item)
    if (item.link) openPage(item.link)
    else setOpen((v) => !v)
  }
  return (
    <Cell className={`msg${item.read ? '' : ' msg--unread'}`} clickable onClick={onTap}>
      <View className="msg__main">
        <View className="msg__head">
          {!item.read && <View className="msg__dot" aria-label="未读" />}
          <Text className="msg__title">{item.title}</Text>
          <Text className="msg__time">{friendlyTime(item.createdAt)}</Text>
        </View>
        <View className={`msg__body${open ? ' msg__body--open' : ''}`}>
          {item.body}
          {item.link && <Text className="msg__link"> 查看详情 ›</Text>}
        </View>
      </View>
    </Cell>
  )
})

const Inbox = observer(function Inbox() {
  if (inbox.status === 'idle' || inbox.status === 'loading') return <LoadingBlock rows={2} cards={3} />
  if (inbox.status === 'error')
    return <ErrorBlock message={inbox.error} onRetry={() => void inbox.load().catch(() => undefined)} />
  if (inbox.empty) return <EmptyBlock title="暂无消息" description="审核结果、报备提醒等通知会显示在这里。" />
  return (
    <View>
      <View className="msg-summary">
        共 {inbox.total} 条
        {inbox.unread > 0 ? (
          <Text className="msg-summary__unread">，{inbox.unread} 条未读</Text>
        ) : (
          <Text>，已全部读完</Text>
        )}
      </View>
      <Cell.Group className="msg-list">
        {inbox.items.map((item) => (
          <MessageRow key={item._id} item={item} />
        ))}
      </Cell.Group>
      <ListFoot list={inbox} endText="没有更多消息了" />
    </View>
  )
})

function MessagesPage() {
  useDidShow(() => {
    if (!hasSession()) return
    void inbox.load().catch(() => undefined)
  })
  usePullDownRefresh(() => {
    inbox
      .refresh()
      .catch(() => undefined)
      .finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void inbox.loadMore()
  })
  return (
    <PageShell className="messages">
      <AccountGate action={['account', 'inbox']}>{() => <Inbox />}</AccountGate>
    </PageShell>
  )
}

export default MessagesPage
