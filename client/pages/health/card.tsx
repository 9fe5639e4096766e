// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { REVISION_LABELS, type RevisionReason, type Slot } from '../../../shared/health'
import { AccountGate } from '../../components/AccountGate'
import { ContactList } from '../../components/ContactList'
import { QueuedCard } from '../../components/QueuedCard'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { healthApi } from '../../services/health'
import { queueSettled, sendOrKeep, useQueued } from '../../services/offlineQueue'
import type { Input, Reply } from '../../services/api'
import { HEALTH_PAGES, openPage } from '../../utils/nav'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import { slotTitle, STATUS_LABELS, temp } from './parts/labels'
import { monthDay } from '../../utils/format'
import { ReportSheet } from './parts/ReportSheet'
import { TempChart } from './parts/TempChart'
import './health.scss'

type MyStatus = Reply<'health', 'myStatus'>
type ReadingInput = Input<'health', 'report'>

type SlotView = { text: string; tone: 'done' | 'fever' | 'todo' | 'missed' | 'off' }

/** How one of today's slots reads on the card: the server's state of it (see shared/health slotState). */
function slotView(status: MyStatus, slot: Slot): SlotView {
  const s = status.todaySlots.find((x) => x.slot === slot)
  const reported = `已报备 ${temp(s?.report?.temperature)}`
  switch (s?.state) {
    case 'ok':
    case 'abnormal':
      return { text: reported, tone: 'done' }
    case 'fever':
      return { text: reported, tone: 'fever' }
    case 'missing':
      return { text: '已漏报', tone: 'missed' }
    case 'pending':
      return { text: '待报备', tone: 'todo' }
    case 'notDue':
      return { text: '无需报备', tone: 'off' }
    default:
      return { text: '未开始', tone: 'off' }
  }
}

function Progress({ day, total }: { day: number; total: number }) {
  const pct = Math.max(0, Math.min(100, Math.round((day / Math.max(1, total)) * 100)))
  return (
    <View className="qcard__bar" aria-hidden>
      <View className="qcard__bar-fill" style={{ width: `${pct}%` }} />
    </View>
  )
}

function CardContent() {
  // Reloaded whenever the page shows again (back from another page, or the app from the background):
  // the slot may have changed.
  const remote = useRemote(() => queueSettled().then(() => healthApi.myStatus()), [])
  /** The sheet open: the slot's report, or a second reading of it (a correction, a later fever). */
  const [sheet, setSheet] = useState<'report' | RevisionReason | null>(null)
  usePullDownRefresh(() => {
    remote.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  // Reports made without a network wait on this phone (QueuedCard): none can be made beside them.
  const waiting = useQueued('health', 'report')

  const status = remote.data
  if (!status) {
    if (remote.status === 'error')
      return <ErrorBlock message={remote.error} onRetry={() => void remote.reload()} />
    return <LoadingBlock rows={4} />
  }
  const q = status.quarantine
  if (!q) {
    const result = status.declaration?.classification.result
    return (
      <EmptyBlock
        title="您当前不在居家隔离期"
        description={
          result === 'normal'
            ? '您最近一次健康申报无需隔离。每天请留意体温，如有发热、咳嗽请联系社区。'
            : '只有被列为重点人员、正在居家隔离的人需要每天报备体温。'
        }
        action={
          <Button type="primary" size="large" onClick={() => openPage(HEALTH_PAGES.declare)}>
            {status.declaration ? '重新健康申报' : '去健康申报'}
          </Button>
        }
      />
    )
  }

  const current = status.currentSlot?.date === status.today ? status.currentSlot.slot : null
  const currentReport = current ? status.todaySlots.find((s) => s.slot === current)?.report : null
  const canReport = current !== null && !currentReport && waiting.length === 0
  const windows = status.todaySlots.map((s) => slotTitle(s.slot, s.window)).join('，')

  const submit = async (input: ReadingInput) => {
    const fresh = sheet === 'report' || sheet === null
    let report
    if (fresh) {
      // A first reading may be made without a network: it waits on the phone (QueuedCard) and goes out later.
      const label = `${current ? slotTitle(current) : ''}体温 ${temp(input.temperature)}`
      const sent = await sendOrKeep('health', 'report', input, label)
      if (!sent.sent) {
        setSheet(null)
        toast.info('网络不好，已保存在手机上，联网后自动发送')
        return
      }
      report = sent.data.report
    } else report = (await healthApi.revise({ ...input, reason: sheet })).report
    const done = sheet === 'mistake' ? '已更正为' : '已报备'
    setSheet(null)
    if (report.fever) toast.info(`${done} ${temp(report.temperature)}，社区会尽快联系您`)
    else toast.success(`${done} ${temp(report.temperature)}`)
    await remote.reload(true)
  }
  // A reading of the slot in progress may be corrected once, and a fever that comes on later reported once.
  const used = currentReport?.status === 'reported' ? currentReport.revisions : null
  const revisable = used ? (['mistake', 'fever'] as const).filter((r) => !used.includes(r)) : []
  const sheetTitle =
    sheet === 'mistake'
      ? `更正${slotTitle(current ?? 'morning')}体温`
      : sheet === 'fever'
        ? '又发热了，再报一次体温'
        : current
          ? `报备${slotTitle(current)}体温`
          : '报备体温'

  return (
    <View className="qcard-page">
      <View className={`qcard${q.status === 'pendingDecision' ? ' qcard--pending' : ''}`} data-testid="qcard">
        <View className="qcard__tag">
          {q.kind === 'home' ? '居家隔离' : '集中隔离'} · {STATUS_LABELS[q.status]}
        </View>
        <View className="qcard__day" data-testid="qcard-day">
          居家隔离第 <Text className="qcard__num">{Math.min(q.day, q.totalDays)}</Text> 天
          <Text className="qcard__total"> / 共 {q.totalDays} 天</Text>
        </View>
        <Progress day={q.day} total={q.totalDays} />
        <View className="qcard__release">
          {q.status === 'pendingDecision'
            ? '隔离期已满，等待社区确认解除'
            : `${monthDay(q.endDate)} 解除隔离`}
        </View>
        <View className="qcard__addr">
          {q.building}栋 {q.room} · {q.name}
        </View>
      </View>

      <View className="section-title">今天的报备 · {monthDay(status.today)}</View>
      <View className="slot-tiles">
        {status.todaySlots.map((s) => {
          const v = slotView(status, s.slot)
          return (
            <View
              key={s.slot}
              className={`slot-tile slot-tile--${v.tone}${current === s.slot ? ' slot-tile--now' : ''}`}
              data-testid={`slot-${s.slot}`}
            >
              <View className="slot-tile__name">{slotTitle(s.slot)}</View>
              <View className="slot-tile__window">
                {s.window.start}–{s.window.end}
              </View>
              <View className="slot-tile__state">{v.text}</View>
            </View>
          )
        })}
      </View>

      {/* Once one is sent, the slots are read again. */}
      <QueuedCard fn="health" action="report" onSent={() => void remote.reload(true)} />

      <View className="report-cta">
        <Button
          type="primary"
          size="large"
          block
          className="report-cta__btn"
          disabled={!canReport}
          onClick={() => setSheet('report')}
        >
          {canReport
            ? `报备${slotTitle(current!)}体温`
            : waiting.length
              ? '等待网络，稍后自动发送'
              : current
                ? `${slotTitle(current)}已报备`
                : '现在不在报备时间'}
        </Button>
        <View className="report-cta__hint">
          {canReport ? '量好体温后点上面的按钮，一次填完即可' : `报备时间：${windows}`}
        </View>
        {revisable.length > 0 && (
          <View className="report-cta__revise" data-testid="revise-links">
            {revisable.map((r) => (
              <Text key={r} className="report-cta__link" onClick={() => setSheet(r)}>
                {r === 'mistake' ? '填错了？更正一次' : '又发热了？再报一次'}
              </Text>
            ))}
          </View>
        )}
        {used && used.length > 0 && (
          <View className="report-cta__hint">
            本时段已{used.map((r) => REVISION_LABELS[r]).join('、')}，原来的记录保留在“全部记录”里
          </View>
        )}
      </View>

      <View className="section-title">
        近7天体温
        <View className="section-title__extra" onClick={() => openPage(HEALTH_PAGES.history)}>
          全部记录 ›
        </View>
      </View>
      <View className="card chart-card">
        <TempChart readings={status.readings} threshold={status.feverThreshold} />
        <View className="chart-card__legend">
          <Text className="legend-dot legend-dot--blue" /> 正常
          <Text className="legend-dot legend-dot--red" /> 发热（≥{status.feverThreshold.toFixed(1)}℃）
        </View>
      </View>

      {status.contacts.length > 0 && (
        <>
          <View className="section-title">有事找他们</View>
          <ContactList contacts={status.contacts} testId="card-contacts" />
        </>
      )}

      <View className="section-title">隔离原因</View>
      <View className="card reasons-card">
        {q.reasons.map((r) => (
          <View key={r} className="reasons-card__item">
            · {r}
          </View>
        ))}
        <View className="reasons-card__tip">隔离期间请不要外出。买菜买药可以找社区管家“跑腿代购”。</View>
      </View>

      <ReportSheet
        visible={sheet !== null}
        title={sheetTitle}
        subtitle={
          sheet === 'mistake'
            ? `刚才报的 ${temp(currentReport?.temperature)} 会改成新填的体温，每个时段只能更正一次`
            : sheet === 'fever'
              ? `体温达到 ${status.feverThreshold.toFixed(1)}℃ 才需要再报，社区会马上收到提醒`
              : `${monthDay(status.today)} · 发热标准 ${status.feverThreshold.toFixed(1)}℃`
        }
        threshold={status.feverThreshold}
        onClose={() => setSheet(null)}
        onSubmit={submit}
      />
    </View>
  )
}

function CardPage() {
  return (
    <PageShell className="health">
      <AccountGate action={['health', 'myStatus']}>{() => <CardContent />}</AccountGate>
    </PageShell>
  )
}

export default CardPage
