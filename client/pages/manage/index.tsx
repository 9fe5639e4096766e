import { Articles, Category, Location, Message, Order, Setting, User, UserAdd } from '@nutui/icons-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { FunctionComponent } from 'react'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { ErrorBlock } from '../../components/StateView'
import { adminApi } from '../../services/admin'
import type { AccountView as Account } from '../../../shared/account'
import { mayDo, type ActionRef } from '../../../shared/policy'
import { MANAGE_PAGES, STATS_PAGES } from '../../utils/consolePages'
import { HEALTH_PAGES, openPage, PAGES } from '../../utils/nav'
import { useRemote } from '../../utils/useRemote'
import { useWideLayout } from '../../utils/useWideLayout'
import './manage.scss'

interface Item {
  key: string
  title: string
  text: string
  url: string
  Icon: FunctionComponent<{ size?: string | number; color?: string }>
  tint: string
  /** The page's main action: shown to whom the access policy admits to it (the outbox: the street's admin). */
  action: ActionRef
}

const ITEMS: Item[] = [
  {
    key: 'places',
    action: ['admin', 'tree'],
    title: '社区与网格',
    text: '新建、改名，网格调整社区，分配社区管家和网格员',
    url: MANAGE_PAGES.places,
    Icon: Location,
    tint: '#1f6fd8',
  },
  {
    key: 'accounts',
    action: ['admin', 'accounts'],
    title: '账号与权限',
    text: '按身份查找账号，调整身份和负责范围，停用或启用',
    url: MANAGE_PAGES.accounts,
    Icon: User,
    tint: '#0e9f94',
  },
  {
    key: 'audit',
    action: ['admin', 'auditLog'],
    title: '操作日志',
    text: '谁在什么时候改了什么，只读，不能修改或删除',
    url: MANAGE_PAGES.audit,
    Icon: Order,
    tint: '#4b5fd6',
  },
  {
    key: 'outbox',
    action: ['admin', 'outbox'],
    title: '微信消息记录',
    text: '发出的订阅消息：报备提醒、发热预警、跑腿进度、审核结果',
    url: MANAGE_PAGES.outbox,
    Icon: Message,
    tint: '#0e9f94',
  },
  {
    key: 'data',
    action: ['admin', 'backups'],
    title: '备份与数据上报',
    text: '每日备份、个人信息保留期限、向区级上报数据的 API 密钥',
    url: MANAGE_PAGES.data,
    Icon: Setting,
    tint: '#5b6b82',
  },
  {
    key: 'invites',
    action: ['account', 'createInvite'],
    title: '邀请管理',
    text: '生成邀请码，邀请审核人员、网格员、社区管家',
    url: PAGES.adminInvites,
    Icon: UserAdd,
    tint: '#d9822b',
  },
  {
    key: 'rules',
    action: ['health', 'getRules'],
    title: '筛查规则',
    text: '风险地区、隔离天数、发热标准和报备时段',
    url: HEALTH_PAGES.rules,
    Icon: Setting,
    tint: '#8a5cd1',
  },
  {
    key: 'dashboard',
    action: ['stats', 'dashboard'],
    title: '数据看板',
    text: '企业复工、重点人员、体温报备、跑腿代购的统计',
    url: STATS_PAGES.dashboard,
    Icon: Category,
    tint: '#1f9d55',
  },
  {
    key: 'ledger',
    action: ['stats', 'exportLedger'],
    title: '台账导出',
    text: '导出企业复工、重点人员、体温报备、跑腿代购 Excel 台账',
    url: STATS_PAGES.ledger,
    Icon: Articles,
    tint: '#5b6b82',
  },
]

function Hub({ account }: { account: Account }) {
  const wide = useWideLayout()
  const tree = useRemote(() => adminApi.tree(), [])
  usePullDownRefresh(() => {
    tree.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  const t = tree.data
  const grids = t?.communities.reduce((n, c) => n + c.grids.length, 0) ?? 0
  const staff =
    t?.communities.reduce(
      (n, c) => n + c.admins.length + c.grids.reduce((m, g) => m + g.staff.length, 0),
      0,
    ) ?? 0
  const community = account.scope.communityId ? account.scopeNames.community : undefined
  return (
    <View className={`mg-hub${wide ? ' mg-wide' : ''}`}>
      <View className="mg-hero">
        <View className="mg-hero__title">{community ?? t?.street.name ?? account.scopeNames.street}</View>
        <View className="mg-hero__sub">
          {community ? '社区管理员' : '街道管理员'} · {account.name}
        </View>
        <View className="mg-hero__stats">
          <View className="mg-hero__stat">
            <Text className="mg-hero__num">{t ? t.communities.length : '–'}</Text>
            <Text className="mg-hero__label">社区</Text>
          </View>
          <View className="mg-hero__stat">
            <Text className="mg-hero__num">{t ? grids : '–'}</Text>
            <Text className="mg-hero__label">网格</Text>
          </View>
          <View className="mg-hero__stat">
            <Text className="mg-hero__num">{t ? staff : '–'}</Text>
            <Text className="mg-hero__label">社区工作人员</Text>
          </View>
        </View>
      </View>
      {tree.status === 'error' && <ErrorBlock message={tree.error} onRetry={() => void tree.reload()} />}
      <View className="mg-menu">
        {ITEMS.filter((it) => mayDo(account, it.action)).map((it) => (
          <View
            key={it.key}
            className="mg-menu__item"
            onClick={() => openPage(it.url)}
            data-testid={`manage-${it.key}`}
          >
            <View className="mg-menu__icon" style={{ background: it.tint }}>
              <it.Icon size={20} color="#ffffff" />
            </View>
            <View className="mg-menu__body">
              <View className="mg-menu__title">{it.title}</View>
              <View className="mg-menu__text">{it.text}</View>
            </View>
            <Text className="mg-menu__arrow">›</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

function ManageIndexPage() {
  return (
    <PageShell className="mg-page">
      <AccountGate action={['admin', 'tree']}>{(account) => <Hub account={account} />}</AccountGate>
    </PageShell>
  )
}

export default ManageIndexPage
