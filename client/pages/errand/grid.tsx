// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Button, Input, TextArea } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import {
  ERRAND_STATES,
  ERRAND_STATE_LABELS,
  HELP_REASONS,
  HELP_REASON_LABELS,
  isDeliveryLate,
  isUnclaimedTooLong,
  unclaimedLimitMinutes,
  type ErrandState,
  type HelpReason,
} from '../../../shared/errand'
import { markNeedsHelpInput } from '../../../shared/schemas/errand'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { useConfirm } from '../../components/useConfirm'
import { errandApi, type Errand } from '../../services/errand'
import type { Item } from '../../services/api'
import type { AccountView as Account } from '../../../shared/account'
import { ERRAND_PAGES } from '../../utils/errandPages'
import { friendlyTime, scopeShort } from '../../utils/format'
import { openPage } from '../../utils/nav'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import { firstIssue } from '../../utils/zodRule'
import { ErrandCard } from './parts/ErrandCard'
import { ListFoot } from '../../components/ListFoot'
import { Segments } from './parts/Segments'
import { usePagedList } from '../../utils/usePagedList'
import { usePolling } from './parts/usePolling'
import './errand.scss'
import { Field } from '../../components/Field'
import { FormFooter } from '../../components/FormFooter'
import { ErrandSheet } from './parts/ErrandSheet'
import { useSubmit } from '../../utils/useSubmit'

type Household = Item<'errand', 'listNeedsHelp'>

type Tab = 'watch' | 'all' | 'help'

const MIN = 60_000

function minutesText(ms: number): string {
  const m = Math.max(0, Math.floor(ms / MIN))
  if (m < 60) return `${m}分钟`
  return `${Math.floor(m / 60)}小时${m % 60 ? `${m % 60}分钟` : ''}`
}

interface Watch {
  late: { errand: Errand; alert: string }[]
  waiting: Errand[]
  counts: { open: number; unclaimedLate: number; deliveryLate: number }
}

/** Unclaimed and late requests, from `list` by state, judged by the street's own time limits. */
async function loadWatch(): Promise<Watch> {
  const [{ settings }, ...pages] = await Promise.all([
    errandApi.getSettings(),
    ...(['open', 'claimed', 'purchasing', 'delivering'] as const).map((status) =>
      errandApi.list({ status, pageSize: 50 }),
    ),
  ])
  const now = Date.now()
  const late: Watch['late'] = []
  const waiting: Errand[] = []
  let unclaimedLate = 0
  let deliveryLate = 0
  for (const e of pages.flatMap((p) => p.items)) {
    if (e.status === 'open') {
      if (isUnclaimedTooLong(e, now, settings)) {
        unclaimedLate++
        late.push({
          errand: e,
          alert: `超时未认领：已等待${minutesText(now - e.openedAt)}（时限${unclaimedLimitMinutes(e, settings)}分钟）`,
        })
      } else waiting.push(e)
    } else if (isDeliveryLate({ status: e.status, claimedAt: e.claimedAt ?? null }, now, settings)) {
      deliveryLate++
      late.push({
        errand: e,
        alert: `配送超时：认领已${minutesText(now - (e.claimedAt ?? now))}仍未送达`,
      })
    }
  }
  late.sort(
    (a, b) => Number(b.errand.urgent) - Number(a.errand.urgent) || a.errand.createdAt - b.errand.createdAt,
  )
  waiting.sort((a, b) => Number(b.urgent) - Number(a.urgent) || a.createdAt - b.createdAt)
  return {
    late,
    waiting,
    counts: { open: pages[0]?.total ?? 0, unclaimedLate, deliveryLate },
  }
}

function WatchList() {
  const watch = useRemote(loadWatch, [])
  usePolling(() => void watch.reload(true), 30_000, watch.status === 'ready')
  usePullDownRefresh(() => {
    watch.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  const w = watch.data
  if (!w) {
    if (watch.status === 'error')
      return <ErrorBlock message={watch.error} onRetry={() => void watch.reload()} />
    return <LoadingBlock cards={3} rows={2} />
  }
  return (
    <View>
      <View className="e-watch" data-testid="watch-counts">
        <View className="e-watch__item">
          <Text className="e-watch__n">{w.counts.open}</Text>
          <Text className="e-watch__label">待认领</Text>
        </View>
        <View className={`e-watch__item${w.counts.unclaimedLate ? ' e-watch__item--bad' : ''}`}>
          <Text className="e-watch__n">{w.counts.unclaimedLate}</Text>
          <Text className="e-watch__label">超时未认领</Text>
        </View>
        <View className={`e-watch__item${w.counts.deliveryLate ? ' e-watch__item--bad' : ''}`}>
          <Text className="e-watch__n">{w.counts.deliveryLate}</Text>
          <Text className="e-watch__label">配送超时</Text>
        </View>
      </View>
      {!w.late.length && !w.waiting.length && (
        <EmptyBlock title="一切正常" description="没有待认领或超时的需求。超时会同时发消息提醒您。" />
      )}
      {w.late.length > 0 && <View className="section-title">超时需要督办</View>}
      {w.late.map(({ errand, alert }) => (
        <ErrandCard key={errand._id} errand={errand} variant="oversee" alert={alert} />
      ))}
      {w.waiting.length > 0 && <View className="section-title">等待认领</View>}
      {w.waiting.map((e) => (
        <ErrandCard key={e._id} errand={e} variant="oversee" />
      ))}
    </View>
  )
}

function AllList() {
  const [status, setStatus] = useState<ErrandState | ''>('')
  const list = usePagedList(
    (page, pageSize) => errandApi.list({ ...(status ? { status } : {}), page, pageSize }),
    [status],
    { pageSize: 20, rowKey: (x) => x._id, keepRows: true, refreshOnShow: true },
  )
  usePullDownRefresh(() => {
    list.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.loadMore())
  return (
    <View>
      <View className="e-filter" role="tablist">
        {(['', ...ERRAND_STATES] as const).map((s) => (
          <View
            key={s || 'all'}
            role="tab"
            aria-selected={status === s}
            className={`e-filter__chip${status === s ? ' e-filter__chip--on' : ''}`}
            onClick={() => setStatus(s)}
          >
            {s ? ERRAND_STATE_LABELS[s] : '全部'}
          </View>
        ))}
      </View>
      {list.status === 'loading' ? (
        <LoadingBlock cards={3} rows={2} />
      ) : list.status === 'error' ? (
        <ErrorBlock message={list.error} onRetry={() => void list.reload()} />
      ) : !list.items.length ? (
        <EmptyBlock title="没有符合条件的需求" description="换一个状态看看。" />
      ) : (
        <View>
          <View className="e-summary">共 {list.total} 个</View>
          {list.items.map((e) => (
            <ErrandCard key={e._id} errand={e} variant="oversee" />
          ))}
          <ListFoot list={list} />
        </View>
      )}
    </View>
  )
}

interface HelpForm {
  phone: string
  building: string
  room: string
  reason: HelpReason | ''
  note: string
}

const EMPTY_HELP: HelpForm = { phone: '', building: '', room: '', reason: '', note: '' }

function HelpList() {
  const list = usePagedList((page, pageSize) => errandApi.listNeedsHelp(page, pageSize), [], {
    pageSize: 20,
    rowKey: (x) => x._id,
    keepRows: true,
  })
  const { dialog, confirm } = useConfirm()
  const [adding, setAdding] = useState(false)
  const [form, setForm] = useState<HelpForm>(EMPTY_HELP)
  const { busy, error, setError, run } = useSubmit()
  usePullDownRefresh(() => {
    list.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  const set = <K extends keyof HelpForm>(k: K, v: HelpForm[K]) => setForm((f) => ({ ...f, [k]: v }))

  const submit = async () => {
    const parsed = markNeedsHelpInput.safeParse({
      phone: form.phone,
      building: form.building,
      room: form.room,
      reason: form.reason || undefined,
      ...(form.note.trim() ? { note: form.note.trim() } : {}),
    })
    if (!parsed.success) return setError(firstIssue(parsed.error))
    await run(async () => {
      const { household } = await errandApi.markNeedsHelp(parsed.data)
      toast.success(`已登记${household.name}为帮扶对象`)
      setAdding(false)
      setForm(EMPTY_HELP)
      await list.reload(true)
    })
  }

  const unmark = (h: Household) =>
    confirm({
      title: '取消帮扶登记？',
      content: `取消后${h.name}将不能再发起跑腿代购（居家隔离期间除外）。`,
      confirmText: '取消帮扶',
      cancelText: '保留',
      danger: true,
      action: async () => {
        await errandApi.unmarkNeedsHelp(h.accountId)
        toast.success('已取消帮扶登记')
        await list.reload(true)
      },
    })

  return (
    <View>
      <View className="e-help-intro">
        <Text>独居老人、残疾人等困难家庭登记后，也可以请社区管家跑腿代购。</Text>
        <Button
          type="primary"
          size="large"
          block
          className="e-help-intro__btn"
          onClick={() => setAdding(true)}
        >
          ＋ 登记帮扶家庭
        </Button>
      </View>
      {list.status === 'loading' ? (
        <LoadingBlock cards={2} rows={2} />
      ) : list.status === 'error' ? (
        <ErrorBlock message={list.error} onRetry={() => void list.reload()} />
      ) : !list.items.length ? (
        <EmptyBlock title="还没有登记帮扶家庭" />
      ) : (
        <View>
          {list.items.map((h) => (
            <View key={h._id} className="card e-help" data-testid="household">
              <View className="e-help__head">
                <Text className="e-help__name">{h.name}</Text>
                <Text className="e-chip">{HELP_REASON_LABELS[h.reason]}</Text>
              </View>
              <View className="e-help__line">
                {h.building}栋 {h.room} · {h.phone}
              </View>
              {h.note ? <View className="e-help__note">{h.note}</View> : null}
              <View className="e-help__foot">
                <Text className="e-muted">
                  {h.markedByName} {friendlyTime(h.markedAt)}登记
                </Text>
                <Text className="e-link e-link--danger" onClick={() => unmark(h)}>
                  取消帮扶
                </Text>
              </View>
            </View>
          ))}
          <ListFoot list={list} />
        </View>
      )}
      <ErrandSheet
        visible={adding}
        title="登记帮扶家庭"
        description="对方需先用手机号注册复工通"
        onClose={() => setAdding(false)}
      >
        <Field label="注册手机号">
          <Input
            className="app-input"
            type="number"
            placeholder="11位手机号"
            maxLength={11}
            value={form.phone}
            onChange={(v) => set('phone', v)}
          />
        </Field>
        <View className="field-row">
          <Field label="楼栋">
            <Input
              className="app-input"
              placeholder="如 7"
              maxLength={20}
              value={form.building}
              onChange={(v) => set('building', v)}
            />
          </Field>
          <Field label="门牌号">
            <Input
              className="app-input"
              placeholder="如 101"
              maxLength={20}
              value={form.room}
              onChange={(v) => set('room', v)}
            />
          </Field>
        </View>
        <Field label="帮扶原因">
          <View className="e-quick e-quick--wrap">
            {HELP_REASONS.map((r) => (
              <View
                key={r}
                className={`e-quick__chip${form.reason === r ? ' e-quick__chip--on' : ''}`}
                onClick={() => set('reason', r)}
              >
                {HELP_REASON_LABELS[r]}
              </View>
            ))}
          </View>
        </Field>
        <Field label="备注（选填）">
          <TextArea
            className="e-textarea"
            placeholder="如：85岁，行动不便"
            maxLength={200}
            value={form.note}
            onChange={(v) => set('note', v)}
          />
        </Field>
        <FormFooter error={error} busy={busy} label="确认登记" onSubmit={() => void submit()} inline />
      </ErrandSheet>
      {dialog}
    </View>
  )
}

function Grid({ account }: { account: Account }) {
  const gridWorker = account.role === 'gridWorker'
  const [tab, setTab] = useState<Tab>('watch')
  return (
    <View>
      <View className="e-hero e-hero--grid">
        <View className="e-hero__title">跑腿督办</View>
        <View className="e-hero__sub">{scopeShort(account.scopeNames)}</View>
        <View className="e-hero__links">
          {gridWorker && (
            <Text className="e-hero__link" onClick={() => openPage(ERRAND_PAGES.queue)}>
              心理疏导请求 ›
            </Text>
          )}
          <Text className="e-hero__link" onClick={() => openPage(ERRAND_PAGES.ledger)}>
            垫付台账 ›
          </Text>
        </View>
      </View>
      <Segments
        items={[
          { key: 'watch', label: '需关注' },
          { key: 'all', label: '全部需求' },
          ...(gridWorker ? [{ key: 'help' as const, label: '帮扶家庭' }] : []),
        ]}
        value={tab}
        onChange={setTab}
      />
      <View className="e-list">
        {tab === 'watch' && <WatchList />}
        {tab === 'all' && <AllList />}
        {tab === 'help' && gridWorker && <HelpList />}
      </View>
    </View>
  )
}

function GridPage() {
  return (
    <PageShell className="e-page">
      <AccountGate action={['errand', 'list']}>{(account) => <Grid account={account} />}</AccountGate>
    </PageShell>
  )
}

export default GridPage
