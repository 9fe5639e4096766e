// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Phone } from '@nutui/icons-react-taro'
import { Button, Popup, TextArea } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import { DEFAULT_RULES, REVISION_LABELS, SLOTS } from '../../../shared/health'
import { extendInput, releaseInput } from '../../../shared/schemas/health'
import { formatShanghai } from '../../../shared/time'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { ErrorBlock, LoadingBlock } from '../../components/StateView'
import { confirmResetCode } from '../../components/resetCode'
import { useConfirm, type ConfirmOptions } from '../../components/useConfirm'
import { CloudError } from '../../services/cloud'
import { healthApi } from '../../services/health'
import type { Input, Reply } from '../../services/api'
import type { AccountView as Account } from '../../../shared/account'
import { mayDo } from '../../../shared/policy'
import { dateTime } from '../../utils/format'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import { firstIssue } from '../../utils/zodRule'
import { CHANGE_LABELS, slotTitle, STATUS_LABELS, symptomText, temp } from './parts/labels'
import { addDays, monthDay } from '../../utils/format'
import { ReportSheet } from './parts/ReportSheet'
import { TempChart } from './parts/TempChart'
import './health.scss'
import { FormFooter } from '../../components/FormFooter'

type History = Reply<'health', 'history'>
type ReadingInput = Input<'health', 'report'>
type ReportView = Reply<'health', 'report'>['report']
type Revision = History['revisions'][number]

const EXTEND_CHOICES = [3, 7, 14]

/** A slot's reading; the readings it replaced (a correction, a later fever) under it, struck through. */
function ReadingCell({ r, replaced }: { r?: ReportView; replaced: Revision[] }) {
  if (!r) return <View className="hday__cell hday__cell--off">—</View>
  if (r.status === 'missed') return <View className="hday__cell hday__cell--missed">漏报</View>
  return (
    <View className={`hday__cell${r.fever ? ' hday__cell--fever' : r.abnormal ? ' hday__cell--warn' : ''}`}>
      {temp(r.temperature)}
      {r.symptoms.length > 0 && <View className="hday__sym">{symptomText(r.symptoms)}</View>}
      {r.recordedBy && <View className="hday__by">{r.recordedBy}代录</View>}
      {replaced.map((v) => (
        <View className="hday__was" key={v.reason} data-testid="replaced-reading">
          <Text className="hday__was-temp">{temp(v.temperature)}</Text>{' '}
          {formatShanghai(v.reportedAt, 'HH:mm')}{' '}
          {v.reason === 'mistake' ? '报错，已更正' : `后${REVISION_LABELS.fever}`}
        </View>
      ))}
    </View>
  )
}

type Decision = 'extend' | 'release'

function DecisionSheet({
  kind,
  history,
  onClose,
  confirm,
  onDone,
}: {
  kind: Decision | null
  history: History
  onClose: () => void
  confirm: (o: ConfirmOptions) => void
  onDone: () => void
}) {
  const q = history.quarantine
  const [days, setDays] = useState(7)
  const [reason, setReason] = useState('')
  const [error, setError] = useState('')
  useEffect(() => {
    if (!kind) return
    setReason('')
    setError('')
    setDays(7)
  }, [kind])

  const next = () => {
    if (kind === 'extend') {
      const parsed = extendInput.safeParse({ quarantineId: q._id, days, reason })
      if (!parsed.success) return setError(firstIssue(parsed.error))
      confirm({
        title: '确认延长隔离',
        content: `${q.name}的居家隔离将延长 ${days} 天，到 ${monthDay(addDays(q.endDate, days))} 解除。本人会收到通知。`,
        confirmText: '确认延长',
        action: async () => {
          await healthApi.extend(q._id, days, parsed.data.reason)
          onClose()
          toast.success('已延长隔离')
          onDone()
        },
      })
    } else {
      const parsed = releaseInput.safeParse({ quarantineId: q._id, reason })
      if (!parsed.success) return setError(firstIssue(parsed.error))
      confirm({
        title: '确认解除隔离',
        content: `解除后${q.name}不再需要报备体温，此操作不能撤销。`,
        confirmText: '确认解除',
        danger: true,
        action: async () => {
          await healthApi.release(q._id, parsed.data.reason)
          onClose()
          toast.success('已解除隔离')
          onDone()
        },
      })
    }
  }

  return (
    <Popup
      visible={kind !== null}
      position="bottom"
      round
      closeable
      title={kind === 'extend' ? '延长隔离' : '解除隔离'}
      onClose={onClose}
    >
      <View className="decide-sheet">
        {kind === 'extend' && (
          <View>
            <View className="report-sheet__label">延长几天</View>
            <View className="chip-row">
              {EXTEND_CHOICES.map((d) => (
                <View
                  key={d}
                  className={`chip-toggle${days === d ? ' chip-toggle--on' : ''}`}
                  onClick={() => setDays(d)}
                >
                  {d} 天
                </View>
              ))}
            </View>
            <View className="decide-sheet__hint">延长后到 {monthDay(addDays(q.endDate, days))} 解除</View>
          </View>
        )}
        <View className="report-sheet__label">{kind === 'extend' ? '延长原因' : '解除说明'}</View>
        <TextArea
          className="decide-sheet__reason"
          value={reason}
          maxLength={200}
          showCount
          placeholder={kind === 'extend' ? '如：同住人出现症状，需继续观察' : '如：隔离期满，两次核酸阴性'}
          onChange={(v) => {
            setReason(v)
            setError('')
          }}
        />
        <FormFooter error={error} label="下一步" onSubmit={next} danger={kind === 'release'} inline />
      </View>
    </Popup>
  )
}

function HistoryContent({ account, confirm }: { account: Account; confirm: (o: ConfirmOptions) => void }) {
  const id = useRouter().params.id
  const [sheet, setSheet] = useState(false)
  const [decision, setDecision] = useState<Decision | null>(null)
  /** null: the person is not in quarantine (nothing to show). */
  const remote = useRemote(
    async () => {
      try {
        const [history, rules] = await Promise.all([
          healthApi.history(id),
          healthApi.getRules().catch(() => null),
        ])
        return { history, threshold: rules?.rules.feverThreshold ?? DEFAULT_RULES.feverThreshold }
      } catch (e) {
        if (e instanceof CloudError && e.code === 'NOT_IN_QUARANTINE') return null
        throw e
      }
    },
    [id],
    { refreshOnShow: false },
  )
  usePullDownRefresh(() => {
    remote.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  const history = remote.data?.history
  const threshold = remote.data?.threshold ?? DEFAULT_RULES.feverThreshold

  const days = useMemo(() => {
    const byDate = new Map<string, ReportView[]>()
    for (const r of history?.reports ?? []) byDate.set(r.date, [...(byDate.get(r.date) ?? []), r])
    return [...byDate.entries()].sort((a, b) => b[0].localeCompare(a[0]))
  }, [history])

  if (remote.data === null) return <ErrorBlock message="您当前不在居家隔离期，没有体温记录。" />
  if (!history) {
    if (remote.status === 'error')
      return <ErrorBlock message={remote.error} onRetry={() => void remote.reload()} />
    return <LoadingBlock rows={4} />
  }
  const q = history.quarantine
  const own = !id
  const open = q.status !== 'released'
  // Offered as the access policy admits; the function also checks the person is within the caller's scope.
  const canRecord = open && mayDo(account, ['health', 'recordFor'])
  const canDecide = open && mayDo(account, ['health', 'extend'])
  const readings = history.reports
    .filter((r) => r.status === 'reported')
    .map((r) => ({ date: r.date, slot: r.slot, temperature: r.temperature, fever: r.fever, at: r.at }))

  const recordFor = async (input: ReadingInput) => {
    const { report } = await healthApi.recordFor(q._id, input)
    setSheet(false)
    toast.success(`已代录 ${slotTitle(report.slot)} ${temp(report.temperature)}`)
    await remote.reload(true)
  }

  return (
    <View className="history">
      <View className="card person-card" data-testid="person-card">
        <View className="person-card__top">
          <View>
            <View className="person-card__name">{q.name}</View>
            <View className="person-card__meta">
              {q.building}栋{q.room}
              {history.idNumber ? ` · ${history.idNumber}` : ''}
            </View>
          </View>
          <View className={`status-pill status-pill--${q.status}`}>{STATUS_LABELS[q.status]}</View>
        </View>
        <View className="person-card__stats">
          <View className="person-card__stat">
            <View className="person-card__n">
              {Math.min(q.day, q.totalDays)}/{q.totalDays}
            </View>
            <View className="person-card__l">隔离天数</View>
          </View>
          <View className="person-card__stat">
            <View className="person-card__n">{monthDay(q.startDate)}</View>
            <View className="person-card__l">开始</View>
          </View>
          <View className="person-card__stat">
            <View className="person-card__n">{monthDay(q.endDate)}</View>
            <View className="person-card__l">解除</View>
          </View>
        </View>
        <View className="person-card__reasons">原因：{q.reasons.join('；')}</View>
        {!own && q.phone && (
          <View
            className="person-card__phone"
            onClick={() => Taro.makePhoneCall({ phoneNumber: q.phone }).catch(() => undefined)}
          >
            <Phone size={16} color="#1f6fd8" />
            <Text className="person-card__phone-text">{q.phone}（点击拨打）</Text>
          </View>
        )}
      </View>

      {!own && mayDo(account, ['account', 'issueResetCode']) && (
        <View
          className="history-reset"
          data-testid="issue-reset-code"
          onClick={() => confirmResetCode(confirm, { id: q.accountId, name: q.name })}
        >
          忘记登录密码？为TA生成重置码
        </View>
      )}

      {(canRecord || canDecide) && (
        <View className="history-actions">
          {canRecord && (
            <Button type="primary" size="large" block onClick={() => setSheet(true)}>
              代为录入体温
            </Button>
          )}
          {canDecide && (
            <View className="history-actions__row">
              <Button fill="outline" type="primary" size="large" onClick={() => setDecision('extend')}>
                延长隔离
              </Button>
              <Button fill="outline" type="danger" size="large" onClick={() => setDecision('release')}>
                解除隔离
              </Button>
            </View>
          )}
        </View>
      )}

      <View className="section-title">体温曲线</View>
      <View className="card chart-card">
        <TempChart readings={readings} threshold={threshold} days={14} />
      </View>

      <View className="section-title">
        每日记录<View className="section-title__extra">共 {history.reports.length} 条</View>
      </View>
      {days.length === 0 ? (
        <View className="card empty-line">还没有报备记录</View>
      ) : (
        <View className="card hdays">
          <View className="hday hday--head">
            <View className="hday__date">日期</View>
            {SLOTS.map((s) => (
              <View className="hday__cell" key={s}>
                {slotTitle(s)}
              </View>
            ))}
          </View>
          {days.map(([date, rs]) => (
            <View className="hday" key={date}>
              <View className="hday__date">{monthDay(date)}</View>
              {SLOTS.map((s) => (
                <ReadingCell
                  key={s}
                  r={rs.find((r) => r.slot === s)}
                  replaced={history.revisions.filter((v) => v.date === date && v.slot === s)}
                />
              ))}
            </View>
          ))}
        </View>
      )}

      <View className="section-title">隔离变更</View>
      <View className="card changes">
        {q.changes.length === 0 ? (
          <View className="empty-line">暂无变更。开始于 {monthDay(q.startDate)}。</View>
        ) : (
          [...q.changes].reverse().map((c, i) => (
            <View className="change" key={i}>
              <View className="change__dot" />
              <View className="change__main">
                <View className="change__title">
                  {CHANGE_LABELS[c.type] ?? c.type}
                  {c.days ? ` ${c.days} 天` : ''}
                </View>
                <View className="change__reason">{c.reason}</View>
                <View className="change__meta">
                  {c.byName} · {dateTime(c.at)}
                </View>
              </View>
            </View>
          ))
        )}
      </View>

      <ReportSheet
        visible={sheet}
        title={`代${q.name}录入体温`}
        subtitle="电话或上门问到的体温，记入当前时段"
        threshold={threshold}
        onClose={() => setSheet(false)}
        onSubmit={recordFor}
      />
      <DecisionSheet
        kind={decision}
        history={history}
        onClose={() => setDecision(null)}
        confirm={confirm}
        onDone={() => void remote.reload(true)}
      />
    </View>
  )
}

function HistoryPage() {
  const { dialog, confirm } = useConfirm()
  return (
    <PageShell className="health">
      <AccountGate action={['health', 'history']}>
        {(account) => <HistoryContent account={account} confirm={confirm} />}
      </AccountGate>
      {dialog}
    </PageShell>
  )
}

export default HistoryPage
