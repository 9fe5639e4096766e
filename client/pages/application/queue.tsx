// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Badge, SearchBar, Tag } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { ENTERPRISE_KIND_LABELS } from '../../../shared/enterprise'
import { DEPARTMENTS, DEPARTMENT_LABELS } from '../../../shared/roles'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import type { Reply } from '../../services/api'
import { reviewQueue, type QueueTab } from '../../stores/staff'
import { APP_PAGES, pageUrl } from '../../utils/applicationPages'
import { dateTime, friendlyTime } from '../../utils/format'
import { openPage } from '../../utils/nav'
import { DECISION_LABELS, DECISION_TONES } from './parts/labels'
import { ListFoot } from '../../components/ListFoot'
import { StatusTag } from './parts/StatusTag'
import './parts/parts.scss'
import './queue.scss'

type Application = Reply<'application', 'get'>['application']

const DAY = 24 * 3600_000
const SHORT_DEPT = { economy: '发展保障', safety: '安监', epidemic: '防疫' } as const

function waited(app: Application, now = Date.now()): { text: string; late: boolean } {
  const days = Math.floor((now - (app.submittedAt ?? app.updatedAt)) / DAY)
  if (days < 1) return { text: '今天提交', late: false }
  return { text: `已等待 ${days} 天`, late: days >= 2 }
}

const QueueCard = observer(function QueueCard({ app }: { app: Application }) {
  const tab = reviewQueue.tab
  const dept = reviewQueue.department
  const mine = dept ? app.reviews[dept] : undefined
  const wait = waited(app)
  const open = () =>
    openPage(pageUrl(tab === 'pending' ? APP_PAGES.review : APP_PAGES.detail, { id: app._id }))
  return (
    <View className="card q-card" data-testid="queue-item" onClick={open}>
      <View className="q-card__head">
        <Text className="q-card__name">{app.enterpriseName}</Text>
        {tab === 'pending' ? (
          <Text className={`q-card__wait${wait.late ? ' q-card__wait--late' : ''}`}>{wait.text}</Text>
        ) : (
          <StatusTag status={app.status} />
        )}
      </View>
      <View className="q-card__line">
        <Tag background="#eef1f5" color="#4a5468" className="q-card__kind">
          {ENTERPRISE_KIND_LABELS[app.kind]}
        </Tag>
        <Text className="q-card__code">{app.creditCode}</Text>
      </View>
      <View className="q-card__line q-card__line--muted">
        <Text>计划 {app.form.plannedDate ?? '—'} 复工</Text>
        {tab === 'decided' && app.submittedAt && <Text> · 提交于 {friendlyTime(app.submittedAt)}</Text>}
        {app.round > 1 && <Text className="q-card__round">补充后第{app.round}次提交</Text>}
      </View>
      {tab === 'pending' ? (
        <View className="q-card__depts">
          {DEPARTMENTS.map((d) => {
            const r = app.reviews[d]
            return (
              <Text
                key={d}
                className={`q-card__dept${d === dept ? ' q-card__dept--me' : ''}${r ? ' q-card__dept--done' : ''}`}
              >
                {SHORT_DEPT[d]}
                {r ? ` ${DECISION_LABELS[r.decision]}` : d === dept ? ' 待我审' : ' 待审'}
              </Text>
            )
          })}
        </View>
      ) : (
        mine && (
          <View className="q-card__mine">
            本部门意见：
            <Text style={{ color: DECISION_TONES[mine.decision] }} className="q-card__decision">
              {DECISION_LABELS[mine.decision]}
            </Text>
            <Text className="q-card__when">{dateTime(mine.at)}</Text>
          </View>
        )
      )}
    </View>
  )
})

const Tabs = observer(function Tabs() {
  const tabs: { key: QueueTab; label: string }[] = [
    { key: 'pending', label: '待审核' },
    { key: 'decided', label: '已审核' },
  ]
  return (
    <View className="q-tabs" role="tablist">
      {tabs.map((t) => {
        const on = reviewQueue.tab === t.key
        return (
          <View
            key={t.key}
            role="tab"
            aria-selected={on}
            className={`q-tabs__item${on ? ' q-tabs__item--on' : ''}`}
            onClick={() => reviewQueue.setTab(t.key)}
          >
            {t.key === 'pending' && reviewQueue.pendingCount > 0 ? (
              <Badge value={reviewQueue.pendingCount} max={99} top="-2" right="-14" className="q-tabs__badge">
                <Text className="q-tabs__label">{t.label}</Text>
              </Badge>
            ) : (
              <Text className="q-tabs__label">{t.label}</Text>
            )}
          </View>
        )
      })}
    </View>
  )
})

const List = observer(function List() {
  const q = reviewQueue
  if (q.status === 'idle' || q.status === 'loading') return <LoadingBlock cards={3} rows={2} />
  if (q.status === 'error') return <ErrorBlock message={q.error} onRetry={() => void q.load()} />
  if (q.items.length === 0) {
    if (q.search.trim())
      return (
        <EmptyBlock title="没有找到" description={`没有名称或信用代码匹配“${q.search.trim()}”的申请。`} />
      )
    return q.tab === 'pending' ? (
      <EmptyBlock
        title="暂无待审核的申请"
        description="新的复工申请提交后会出现在这里，按提交时间先后排列。"
      />
    ) : (
      <EmptyBlock title="还没有审核记录" description="本部门审核过的申请会出现在这里。" />
    )
  }
  return (
    <View>
      <View className="q-summary">
        {q.tab === 'pending' ? `共 ${q.total} 份待审核，先提交的排在前面` : `共 ${q.total} 份`}
      </View>
      {q.items.map((a) => (
        <QueueCard key={a._id} app={a} />
      ))}
      <ListFoot list={q} endText="已经到底了" />
    </View>
  )
})

const Queue = observer(function Queue({ department }: { department?: string }) {
  const q = reviewQueue
  useEffect(() => {
    void q.load()
  }, [q])
  useDidShow(() => {
    // Back from a review: the decided application leaves the pending list.
    if (q.status === 'loading') return
    void q.load(true)
  })
  return (
    <View>
      <View className="q-hero">
        <View className="q-hero__dept">{department ?? '审核部门'}</View>
        <View className="q-hero__count">
          待审核{' '}
          <Text className="q-hero__n" data-testid="pending-count">
            {q.pendingCount}
          </Text>{' '}
          份
        </View>
      </View>
      <Tabs />
      <SearchBar
        className="q-search"
        shape="round"
        value={q.search}
        placeholder="搜索企业名称或信用代码"
        maxLength={60}
        onChange={(v) => q.setSearch(v)}
        onSearch={(v) => q.applySearch(v)}
        onClear={() => q.applySearch('')}
      />
      <List />
    </View>
  )
})

function QueuePage() {
  usePullDownRefresh(() => {
    reviewQueue.load(true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void reviewQueue.loadMore()
  })
  return (
    <PageShell>
      <AccountGate action={['application', 'listForReview']}>
        {(account) => (
          <Queue department={account.department ? DEPARTMENT_LABELS[account.department] : undefined} />
        )}
      </AccountGate>
    </PageShell>
  )
}

export default QueuePage
