// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Check } from '@nutui/icons-react-taro'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useMemo, useState } from 'react'
import { ERRAND_CATEGORY_LABELS, LEDGER_STATE_LABELS, type LedgerState } from '../../../shared/errand'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { useConfirm } from '../../components/useConfirm'
import { errandApi } from '../../services/errand'
import type { Item } from '../../services/api'
import type { AccountView as Account } from '../../../shared/account'
import { mayDo } from '../../../shared/policy'
import { errandDetailUrl } from '../../utils/errandPages'
import { dateTime, friendlyTime } from '../../utils/format'
import { openPage } from '../../utils/nav'
import { toast } from '../../utils/toast'
import { CATEGORY_TINTS, formatYuan } from './parts/labels'
import { ListFoot } from '../../components/ListFoot'
import { Segments } from './parts/Segments'
import { usePagedList } from '../../utils/usePagedList'
import './errand.scss'

type LedgerEntry = Item<'errand', 'ledger'>

type Tab = LedgerState | 'all'

/** A big round tick box (the whole row is the tap target). */
function Tick({ on }: { on: boolean }) {
  return (
    <View className={`e-tick${on ? ' e-tick--on' : ''}`} role="checkbox" aria-checked={on}>
      {on && <Check size={14} color="#ffffff" />}
    </View>
  )
}

function Entry({
  entry: x,
  showButler,
  selectable,
  selected,
  onToggle,
}: {
  entry: LedgerEntry
  showButler: boolean
  selectable: boolean
  selected: boolean
  onToggle: () => void
}) {
  const settled = x.status === 'settled'
  return (
    <View
      className={`card e-ledger${selected ? ' e-ledger--on' : ''}`}
      data-testid="ledger-entry"
      data-id={x._id}
    >
      {selectable && (
        <View className="e-ledger__check" onClick={onToggle}>
          <Tick on={selected} />
        </View>
      )}
      <View className="e-ledger__body" onClick={() => openPage(errandDetailUrl(x.errandId))}>
        <View className="e-ledger__head">
          <View className="e-ledger__tags">
            <Text
              className="e-chip"
              style={{ color: CATEGORY_TINTS[x.category], borderColor: CATEGORY_TINTS[x.category] }}
            >
              {ERRAND_CATEGORY_LABELS[x.category]}
            </Text>
            {showButler && <Text className="e-ledger__butler">{x.butlerName}</Text>}
          </View>
          <Text className="e-ledger__amount">{formatYuan(x.amountFen)}</Text>
        </View>
        <View className="e-ledger__meta">
          <Text>预算 {formatYuan(x.budgetFen)}</Text>
          <Text>{friendlyTime(x.createdAt)}送达</Text>
          <Text className={`e-ledger__state${settled ? ' e-ledger__state--settled' : ''}`}>
            {LEDGER_STATE_LABELS[x.status]}
          </Text>
        </View>
        {settled && x.settledAt ? (
          <View className="e-ledger__settled">
            {x.settledByName ?? '街道'} 于 {dateTime(x.settledAt)} 结算
            {x.settleNote ? `：${x.settleNote}` : ''}
          </View>
        ) : null}
      </View>
    </View>
  )
}

function Ledger({ account }: { account: Account }) {
  const admin = mayDo(account, ['errand', 'settle'])
  const butler = account.role === 'butler'
  const [tab, setTab] = useState<Tab>('pending')
  const [selected, setSelected] = useState<string[]>([])
  const { dialog, confirm } = useConfirm()
  const list = usePagedList(
    (page, pageSize) => errandApi.ledger({ ...(tab === 'all' ? {} : { status: tab }), page, pageSize }),
    [tab],
    { pageSize: 20, rowKey: (x) => x._id, keepRows: true, refreshOnShow: true },
  )
  usePullDownRefresh(() => {
    list.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.loadMore())

  const totals = list.last?.totals
  const selectable = admin && tab === 'pending'
  const pending = list.items.filter((x) => x.status === 'pending')
  const chosen = useMemo(() => list.items.filter((x) => selected.includes(x._id)), [list.items, selected])
  const chosenFen = chosen.reduce((s, x) => s + x.amountFen, 0)
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]))
  const allOn = pending.length > 0 && pending.every((x) => selected.includes(x._id))

  const settle = () =>
    confirm({
      title: '确认结算',
      content: `确认已向管家支付这 ${chosen.length} 笔垫付款，共 ${formatYuan(chosenFen)}？结算后不能撤销，管家会收到通知。`,
      confirmText: '确认结算',
      action: async () => {
        const res = await errandApi.settle(chosen.map((x) => x._id))
        toast.success(`已结算 ${res.settled} 笔，共 ${formatYuan(res.totalFen)}`)
        setSelected([])
        await list.reload(true)
      },
    })

  let body
  if (list.status === 'loading') body = <LoadingBlock cards={3} rows={2} />
  else if (list.status === 'error')
    body = <ErrorBlock message={list.error} onRetry={() => void list.reload()} />
  else if (!list.items.length)
    body = (
      <EmptyBlock
        title={
          tab === 'pending' ? '没有待结算的垫付' : tab === 'settled' ? '还没有结算记录' : '还没有垫付记录'
        }
        description={
          butler
            ? '送达时选择「社区报销」的代购款会记在这里，由街道统一结算。'
            : '管家选择「社区报销」的代购款会记在这里。'
        }
      />
    )
  else
    body = (
      <View>
        {list.items.map((x) => (
          <Entry
            key={x._id}
            entry={x}
            showButler={!butler}
            selectable={selectable && x.status === 'pending'}
            selected={selected.includes(x._id)}
            onToggle={() => toggle(x._id)}
          />
        ))}
        <ListFoot list={list} />
      </View>
    )

  return (
    <View className={selectable ? 'e-ledger-page--bar' : undefined}>
      <View className="e-hero e-hero--money">
        <View className="e-hero__title">{butler ? '我的垫付' : '代购垫付台账'}</View>
        <View className="e-hero__sub">
          {butler ? '选择「社区报销」的代购款，由街道核对小票后结算' : '管家垫付的代购款，核对小票后结算'}
        </View>
        <View className="e-stats" data-testid="ledger-totals">
          <View className="e-stats__item">
            <Text className="e-stats__n">{totals ? formatYuan(totals.pendingFen) : '—'}</Text>
            <Text className="e-stats__label">待结算{totals ? `（${totals.pendingCount}笔）` : ''}</Text>
          </View>
          <View className="e-stats__item">
            <Text className="e-stats__n">{totals ? formatYuan(totals.settledFen) : '—'}</Text>
            <Text className="e-stats__label">已结算{totals ? `（${totals.settledCount}笔）` : ''}</Text>
          </View>
        </View>
      </View>
      <Segments
        items={[
          { key: 'pending', label: '待结算', count: totals?.pendingCount },
          { key: 'settled', label: '已结算' },
          { key: 'all', label: '全部' },
        ]}
        value={tab}
        onChange={(t) => {
          setSelected([])
          setTab(t)
        }}
      />
      <View className="e-list">{body}</View>
      {selectable && list.items.length > 0 && (
        <View className="e-bar">
          <View className="e-bar__all" onClick={() => setSelected(allOn ? [] : pending.map((x) => x._id))}>
            <Tick on={allOn} />
            <Text>全选</Text>
          </View>
          <View className="e-bar__sum">
            已选 {chosen.length} 笔 <Text className="e-bar__fen">{formatYuan(chosenFen)}</Text>
          </View>
          <Button type="primary" disabled={!chosen.length} onClick={settle}>
            结算
          </Button>
        </View>
      )}
      {dialog}
    </View>
  )
}

function LedgerPageView() {
  return (
    <PageShell className="e-page">
      <AccountGate action={['errand', 'ledger']}>{(account) => <Ledger account={account} />}</AccountGate>
    </PageShell>
  )
}

export default LedgerPageView
