import { Avatar, Cell, Grid, Tag } from '@nutui/nutui-react-taro'
import { LocationF, Notice } from '@nutui/icons-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import type { AccountView as Account } from '../../../shared/account'
import { hasSession } from '../../services/cloud'
import { inbox, session } from '../../stores'
import { avatarText, greeting, scopeText } from '../../utils/format'
import { openPage, PAGES } from '../../utils/nav'
import { toast } from '../../utils/toast'
import { useWideLayout } from '../../utils/useWideLayout'
import { entriesFor, type HomeEntry } from './entries'
import { Todos } from './Todos'
import { roleLabel } from '../../../shared/roles'
import './index.scss'

const HeaderCard = observer(function HeaderCard({ account }: { account: Account }) {
  return (
    <View className="home-header">
      <View className="home-header__row">
        <Avatar size="56" background="rgba(255,255,255,0.22)" color="#ffffff" className="home-header__avatar">
          {avatarText(account.name)}
        </Avatar>
        <View className="home-header__who">
          <View className="home-header__hello" data-testid="home-greeting">
            {greeting(Date.now())}，
          </View>
          <View className="home-header__name" data-testid="home-name">
            {account.name}
          </View>
        </View>
        <Tag className="home-header__role" round background="#ffffff" color="#1f6fd8" data-testid="home-role">
          {roleLabel(account.role, account.department)}
        </Tag>
      </View>
      <View className="home-header__scope">
        <LocationF size={14} color="rgba(255,255,255,0.9)" />
        <Text className="home-header__scope-text">
          {account.role === 'district' ? '全区各街道' : scopeText(account.scopeNames) || '尚未分配辖区'}
        </Text>
      </View>
    </View>
  )
})

const EntryGrid = function EntryGrid({ entries, columns }: { entries: HomeEntry[]; columns: number }) {
  const onTap = (e: HomeEntry) => {
    if (e.url) openPage(e.url)
    else toast.info(`${e.title}功能即将开放`)
  }
  return (
    <View className="card home-entries">
      {/* Square cells on a phone; six to a row on a PC they would be 128 px tall, so there they fit the entry. */}
      <Grid columns={columns} gap={0} square={columns === 4}>
        {entries.map((e) => (
          <Grid.Item
            key={e.key}
            className={`home-entry${e.url ? '' : ' home-entry--soon'}`}
            onClick={() => onTap(e)}
            text={
              <View className="home-entry__text">
                <View>{e.title}</View>
                {!e.url && <View className="home-entry__soon">即将开放</View>}
              </View>
            }
          >
            <View className="home-entry__icon" style={{ backgroundColor: e.url ? e.tint : '#c3c9d4' }}>
              <e.Icon size={24} color="#ffffff" />
            </View>
          </Grid.Item>
        ))}
      </Grid>
    </View>
  )
}

const InboxCell = observer(function InboxCell() {
  const n = inbox.unread
  return (
    <Cell.Group className="home-inbox">
      <Cell
        clickable
        align="center"
        title={
          <View className="home-inbox__title">
            <Notice size={18} color="#1f6fd8" />
            <Text className="home-inbox__label">我的消息</Text>
          </View>
        }
        extra={
          n > 0 ? (
            <View className="home-inbox__extra home-inbox__extra--on">
              <View className="home-inbox__dot" />
              {n > 99 ? '99+' : n} 条未读 ›
            </View>
          ) : (
            <Text className="home-inbox__extra">暂无未读 ›</Text>
          )
        }
        onClick={() => openPage(PAGES.messages)}
      />
    </Cell.Group>
  )
})

function HomeContent({ account }: { account: Account }) {
  // A PC window (street staff at their desk): one centred column, more entries to a row.
  const wide = useWideLayout()
  return (
    <View className={wide ? 'home-wide' : undefined}>
      <HeaderCard account={account} />
      {/* A still, wrapped notice (a scrolling marquee is hard to read for older eyes): a plain box, which costs
          the main package nothing, rather than NutUI's NoticeBar. */}
      <View className="home-notice">
        <Notice size={16} color="#a25a0b" className="home-notice__icon" />
        <Text className="home-notice__text">
          复工复产期间，请每天如实报备健康情况；如有发热、咳嗽，请立即联系社区。
        </Text>
      </View>
      <Todos />
      <View className="section-title">办事服务</View>
      <EntryGrid entries={entriesFor(account)} columns={wide ? 6 : 4} />
      <InboxCell />
      <View className="home-footer">{account.scopeNames.street || '街道办事处'} · 复工通</View>
    </View>
  )
}

function Home() {
  useDidShow(() => {
    if (!hasSession()) return
    if (session.ready) void session.load(true).catch(() => undefined)
    void inbox.refreshUnread()
  })
  usePullDownRefresh(() => {
    Promise.allSettled([session.load(true), inbox.refreshUnread()]).finally(() => {
      Taro.stopPullDownRefresh()
    })
  })
  return (
    <PageShell className="home">
      <AccountGate action={['account', 'me']}>{(account) => <HomeContent account={account} />}</AccountGate>
    </PageShell>
  )
}

export default Home
