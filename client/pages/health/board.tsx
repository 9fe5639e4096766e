// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Button, type PickerOption } from '@nutui/nutui-react-taro'
import { AppPicker, AppDatePicker } from '../../components/AppPicker'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { SLOTS, SLOT_LABELS } from '../../../shared/health'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { SubscribeCard } from '../../components/SubscribeCard'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { accountApi } from '../../services/account'
import { healthApi } from '../../services/health'
import type { Reply } from '../../services/api'
import type { Slot } from '../../../shared/health'
import type { AccountView as Account } from '../../../shared/account'
import { HEALTH_PAGES, openPage } from '../../utils/nav'
import { useRemote } from '../../utils/useRemote'
import { CELL_LABELS, STATUS_LABELS, temp } from './parts/labels'
import { addDays, monthDay } from '../../utils/format'
import './health.scss'
import { BoardCounts } from '../../components/BoardCounts'

type Board = Reply<'health', 'board'>
type BoardCell = Reply<'health', 'board'>['rows'][number]['cells'][Slot]
type BoardRow = Reply<'health', 'board'>['rows'][number]

function CellBadge({ cell }: { cell: BoardCell }) {
  const l = CELL_LABELS[cell.state]
  const value = typeof cell.temperature === 'number' ? temp(cell.temperature) : ''
  return (
    <View className={`bcell bcell--${l.tone}`}>
      {value && <Text className="bcell__value">{value}</Text>}
      {l.text && <Text className="bcell__text">{l.text}</Text>}
    </View>
  )
}

function PersonRow({ row }: { row: BoardRow }) {
  const problem = SLOTS.some((s) => ['fever', 'abnormal', 'missing'].includes(row.cells[s].state))
  return (
    <View
      className={`brow${problem ? ' brow--problem' : ''}`}
      onClick={() => openPage(`${HEALTH_PAGES.history}?id=${row.quarantineId}`)}
      data-testid="board-row"
    >
      <View className="brow__who">
        <View className="brow__name">{row.name}</View>
        <View className="brow__meta">
          {row.building}栋{row.room} · 第{row.day}天
          {row.status !== 'active' ? ` · ${STATUS_LABELS[row.status]}` : ''}
        </View>
      </View>
      {SLOTS.map((s) => (
        <View className="brow__slot" key={s} data-testid={`board-${s}`}>
          <CellBadge cell={row.cells[s]} />
        </View>
      ))}
      <Text className="brow__arrow">›</Text>
    </View>
  )
}

function Counts({ board }: { board: Board }) {
  const c = board.counts
  const items = [
    { key: 'people', label: '人数', n: c.people, tone: '' },
    { key: 'reported', label: '已报', n: c.reported, tone: 'ok' },
    { key: 'fever', label: '发热', n: c.fever, tone: c.fever ? 'danger' : '' },
    { key: 'missing', label: '漏报', n: c.missing, tone: c.missing ? 'danger' : '' },
    { key: 'pending', label: '待报', n: c.pending, tone: c.pending ? 'wait' : '' },
  ]
  return <BoardCounts items={items} testId="board-counts" />
}

function BoardContent({ account }: { account: Account }) {
  const ownGrid = Boolean(account.scope.gridId)
  /** The grid and day asked for; empty: the first grid of the scope, the functions' today. */
  const [choice, setChoice] = useState({ gridId: account.scope.gridId ?? '', date: '' })
  /** The server's today, learnt from the first board (its default date). */
  const [today, setToday] = useState('')
  const [picker, setPicker] = useState<'grid' | 'date' | null>(null)

  // Staff without a grid of their own (admin, epidemic team) pick one: start with the first.
  const scopes = useRemote(() => (ownGrid ? Promise.resolve(null) : accountApi.scopes()), [ownGrid], {
    refreshOnShow: false,
  })
  const grids = (scopes.data?.communities ?? [])
    .filter((c) => !account.scope.communityId || c._id === account.scope.communityId)
    .flatMap((c) => c.grids.map((g) => ({ ...g, community: c.name })))
  const gridId = choice.gridId || grids[0]?._id || ''
  const remote = useRemote(async () => {
    if (!gridId) return null
    const b = await healthApi.board({ gridId, ...(choice.date ? { date: choice.date } : {}) })
    if (!choice.date) setToday(b.date)
    return b
  }, [gridId, choice.date])
  usePullDownRefresh(() => {
    remote.reload(true).finally(() => Taro.stopPullDownRefresh())
  })

  const go = (g: string, d: string) => setChoice({ gridId: g, date: d })
  const gridOptions: PickerOption[] = grids.map((g) => ({
    label: `${g.community} · ${g.name}`,
    value: g._id,
  }))

  // The board on screen stays while another grid or day loads ("正在刷新…").
  const board = remote.data
  if (!board) {
    const error = scopes.error || remote.error
    if (error)
      return <ErrorBlock message={error} onRetry={() => void scopes.reload().then(() => remote.reload())} />
    if (scopes.status === 'ready' && !gridId) return <ErrorBlock message="辖区内还没有网格" />
    return <LoadingBlock rows={3} />
  }
  const busy = remote.status === 'loading' || remote.pending
  const error = remote.error
  const date = choice.date || board.date
  const isToday = date === today

  return (
    <View className="board">
      <View className="board-filters">
        <View
          className={`board-filters__grid${ownGrid ? '' : ' board-filters__grid--pick'}`}
          onClick={() => !ownGrid && setPicker('grid')}
        >
          {board.grid.name}
          {!ownGrid && <Text className="board-filters__caret"> ▾</Text>}
        </View>
        <View className="board-date">
          <View className="board-date__step" onClick={() => go(gridId, addDays(date, -1))}>
            ‹ 前一天
          </View>
          <View className="board-date__value" onClick={() => setPicker('date')} data-testid="board-date">
            {monthDay(date)}
            {isToday ? '（今天）' : ''}
          </View>
          <View
            className={`board-date__step${isToday ? ' board-date__step--off' : ''}`}
            onClick={() => !isToday && go(gridId, addDays(date, 1))}
          >
            后一天 ›
          </View>
        </View>
      </View>

      <Counts board={board} />
      <SubscribeCard
        kind="feverAlert"
        title="发热预警"
        text="您负责的隔离人员报备发热或症状时，微信马上通知您。"
        label="开启发热预警"
      />
      {error && (
        <View className="form-error" role="alert">
          {error}
        </View>
      )}

      <View className="section-title">
        隔离人员
        <View className="section-title__extra">
          {busy ? '正在刷新…' : `发热标准 ${board.feverThreshold.toFixed(1)}℃ · 有问题的排在前面`}
        </View>
      </View>
      {board.rows.length === 0 ? (
        <EmptyBlock title="这一天没有居家隔离人员" description="有人被列为重点人员后，会出现在这里。" />
      ) : (
        <View className="card board-list">
          <View className="brow brow--head">
            <View className="brow__who">姓名 / 住址</View>
            {SLOTS.map((s) => (
              <View className="brow__slot" key={s}>
                {SLOT_LABELS[s]}
              </View>
            ))}
            <Text className="brow__arrow" />
          </View>
          {board.rows.map((r) => (
            <PersonRow key={r.quarantineId} row={r} />
          ))}
        </View>
      )}
      <View className="board-links">
        <Button
          fill="outline"
          type="primary"
          size="large"
          block
          onClick={() => openPage(HEALTH_PAGES.keyPersons)}
        >
          全部重点人员名单
        </Button>
      </View>

      <AppPicker
        title="选择网格"
        visible={picker === 'grid'}
        options={[gridOptions]}
        value={[gridId]}
        onConfirm={(_o, v) => go(String(v[0] ?? gridId), date)}
        onClose={() => setPicker(null)}
      />
      {today && (
        <AppDatePicker
          title="选择日期"
          visible={picker === 'date'}
          value={date}
          min={addDays(today, -90)}
          max={today}
          onConfirm={(day) => go(gridId, day)}
          onClose={() => setPicker(null)}
        />
      )}
    </View>
  )
}

function BoardPage() {
  return (
    <PageShell className="health">
      <AccountGate action={['health', 'board']}>
        {(account) => <BoardContent account={account} />}
      </AccountGate>
    </PageShell>
  )
}

export default BoardPage
