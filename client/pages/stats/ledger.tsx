// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Articles } from '@nutui/icons-react-taro'
import { Button, Calendar } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { LEDGER_KINDS, LEDGER_LABELS, type LedgerKind } from '../../../shared/stats'
import { formatShanghai } from '../../../shared/time'
import { AccountGate } from '../../components/AccountGate'
import { TermNote } from '../../components/TermNote'
import { PageShell } from '../../components/PageShell'
import { accountApi } from '../../services/account'
import { errorMessage, IS_H5 } from '../../services/cloud'
import { openLedgerFile, statsApi } from '../../services/stats'
import type { LedgerFile } from '../../../shared/stats'
import type { AccountView as Account } from '../../../shared/account'
import { statsFilter } from '../../stores/staff'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import { useWideLayout } from '../../utils/useWideLayout'
import { canReadHealth, HEALTH_LOCKED } from './parts/access'
import { num } from './parts/format'
import { addDays, monthDay } from '../../utils/format'
import { calendarDate } from './parts/PeriodBar'
import { ScopeButton } from './parts/ScopeButton'
import './stats.scss'
import { FormFooter } from '../../components/FormFooter'
import { useSubmit } from '../../utils/useSubmit'

const DESCRIPTIONS: Record<LedgerKind, { text: string; sheets: string; health: boolean }> = {
  enterprises: {
    text: '登记企业的基本信息，复工申请的三方审核意见、承诺和复工时间',
    sheets: '企业名录、复工申请',
    health: false,
  },
  keyPersons: {
    text: '筛查出的重点人员及居家隔离情况：来源地、原因、隔离起止、延长和解除',
    sheets: '重点人员、居家隔离',
    health: true,
  },
  dailyReports: {
    text: '某一天每位隔离人员上午、下午的体温报备，含漏报和发热，附汇总',
    sheets: '体温报备、汇总',
    health: true,
  },
  errands: {
    text: '跑腿代购和心理疏导需求：认领、送达用时，垫付与结算，评价',
    sheets: '跑腿代购',
    health: false,
  },
  supplies: {
    text: '防疫物资的每一笔入库和发放：来源、领用企业、签收确认、经办人和结存',
    sheets: '出入库明细',
    health: false,
  },
  onsiteChecks: {
    text: '某一天各企业在岗人员上午、下午的体温、抗原、核酸采样，漏检，阳性和发热的处置结案',
    sheets: '一日两检、阳性与发热处置',
    health: true,
  },
}

/** How long ago a link was made, and whether it still works (links last an hour). */
function expiry(file: LedgerFile, now: number): string {
  if (file.expiresAt <= now) return '链接已过期，请重新生成'
  return `下载链接 ${formatShanghai(file.expiresAt, 'HH:mm')} 前有效`
}

function FileCard({ file, latest }: { file: LedgerFile; latest: boolean }) {
  const [busy, setBusy] = useState(false)
  const expired = file.expiresAt <= Date.now()
  const rows = file.sheets.reduce((s, x) => s + x.rows, 0)
  const openInApp = async () => {
    setBusy(true)
    try {
      await openLedgerFile(file)
    } catch (e) {
      toast.fail(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View
      className={`st-file${latest ? ' st-file--latest' : ''}${expired ? ' st-file--expired' : ''}`}
      data-testid="ledger-file"
      data-url={file.url}
    >
      <View className="st-file__icon">
        <Articles size={22} color="#1f9d55" />
      </View>
      <View className="st-file__body">
        <View className="st-file__name">{file.fileName}</View>
        <View className="st-file__meta">
          {file.sheets.map((s) => `${s.name} ${num(s.rows)} 行`).join('，')}
          {rows === 0 ? '（没有数据，只有表头）' : ''}
        </View>
        <View className="st-file__meta">{expiry(file, Date.now())}</View>
        {!expired && (
          <View className="st-file__actions">
            {IS_H5 ? (
              <a
                className="st-download"
                href={file.url}
                download={file.fileName}
                target="_blank"
                rel="noreferrer"
                data-testid="ledger-download"
              >
                <Text className="st-download__text">⤓ 下载 Excel</Text>
              </a>
            ) : (
              <Button type="primary" size="small" loading={busy} onClick={() => void openInApp()}>
                打开文件
              </Button>
            )}
            <Button
              size="small"
              fill="outline"
              type="primary"
              onClick={() =>
                Taro.setClipboardData({ data: file.url })
                  .then(() => IS_H5 && toast.success('链接已复制，1小时内有效'))
                  .catch(() => toast.info('复制失败'))
              }
            >
              复制链接
            </Button>
          </View>
        )}
      </View>
    </View>
  )
}

const Ledger = observer(function Ledger({ account }: { account: Account }) {
  const wide = useWideLayout()
  const scopes = useRemote(() => accountApi.scopes(), [], { refreshOnShow: false })
  const health = canReadHealth(account)
  const [kind, setKind] = useState<LedgerKind>('enterprises')
  const [reportDate, setReportDate] = useState('')
  const [errandDate, setErrandDate] = useState('')
  const [calendar, setCalendar] = useState<'report' | 'errand' | null>(null)
  const { busy, error, setError, run } = useSubmit()
  const [files, setFiles] = useState<LedgerFile[]>([])
  const today = statsFilter.today
  // Without a chosen day the function uses its own today (the phone's clock may be wrong).
  const dayOf =
    kind === 'dailyReports' || kind === 'onsiteChecks' ? reportDate : kind === 'errands' ? errandDate : ''

  const generate = async () => {
    await run(async () => {
      const file = await statsApi.exportLedger({
        kind,
        scope: statsFilter.scopeFor(account.scope.streetId),
        ...(dayOf ? { date: dayOf } : {}),
      })
      setFiles((xs) => [file, ...xs].slice(0, 6))
      // On the phone the file lands below the form: bring it into view (that is the confirmation).
      if (wide) toast.success('台账已生成')
      else Taro.pageScrollTo({ selector: '.st-ledger__files', duration: 300 }).catch(() => undefined)
    })
  }

  return (
    <View className={`st-ledger${wide ? ' st-wide' : ''}`}>
      <View className="st-ledger__cols">
        <View className="st-ledger__form">
          <View className="section-title st-section--first">1. 选择台账</View>
          <TermNote terms={['台账']} className="term-note--under-title" />
          <View className="st-kinds">
            {LEDGER_KINDS.map((k) => {
              const d = DESCRIPTIONS[k]
              const locked = d.health && !health
              return (
                <View
                  key={k}
                  className={`st-kind${kind === k ? ' st-kind--on' : ''}${locked ? ' st-kind--locked' : ''}`}
                  onClick={() => {
                    if (locked) return toast.info(HEALTH_LOCKED)
                    setKind(k)
                    setError('')
                  }}
                  data-testid={`ledger-kind-${k}`}
                >
                  <View className="st-kind__radio" />
                  <View className="st-kind__body">
                    <View className="st-kind__title">{LEDGER_LABELS[k]}</View>
                    <View className="st-kind__text">{locked ? HEALTH_LOCKED : d.text}</View>
                    <View className="st-kind__sheets">工作表：{d.sheets}</View>
                  </View>
                </View>
              )
            })}
          </View>

          <View className="section-title">2. 范围和日期</View>
          <View className="card st-ledger__opts">
            <View className="st-opt">
              <Text className="st-opt__label">统计范围</Text>
              <ScopeButton
                account={account}
                scopes={scopes.data}
                communityId={statsFilter.communityId}
                gridId={statsFilter.gridId}
                onChange={statsFilter.setScope}
                centred={wide}
              />
            </View>
            {(kind === 'dailyReports' || kind === 'onsiteChecks') && (
              <View className="st-opt" onClick={() => setCalendar('report')}>
                <Text className="st-opt__label">{kind === 'onsiteChecks' ? '检测日期' : '报备日期'}</Text>
                <Text className="st-opt__value" data-testid="ledger-date">
                  {monthDay(reportDate || today)}
                  {(reportDate || today) === today ? '（今天）' : ''} ›
                </Text>
              </View>
            )}
            {kind === 'errands' && (
              <View className="st-opt">
                <Text className="st-opt__label">需求日期</Text>
                <View className="st-seg st-seg--small">
                  <View
                    className={`st-seg__item${errandDate ? '' : ' st-seg__item--on'}`}
                    onClick={() => setErrandDate('')}
                  >
                    全部
                  </View>
                  <View
                    className={`st-seg__item${errandDate ? ' st-seg__item--on' : ''}`}
                    onClick={() => setCalendar('errand')}
                  >
                    {errandDate ? monthDay(errandDate) : '某一天'}
                  </View>
                </View>
              </View>
            )}
            {(kind === 'enterprises' || kind === 'keyPersons') && (
              <View className="st-opt">
                <Text className="st-opt__label">数据时点</Text>
                <Text className="st-opt__value st-opt__value--muted">截至导出时的全部记录</Text>
              </View>
            )}
          </View>

          <FormFooter
            error={error}
            busy={busy}
            label={busy ? '正在生成…' : `生成${LEDGER_LABELS[kind]}`}
            onSubmit={() => void generate()}
          />
          <View className="hint">
            台账在云端生成为 Excel
            文件（.xlsx），下载链接1小时内有效。手机号、身份证号已做脱敏处理；导出健康台账会记录在访问日志中。
          </View>
        </View>

        <View className="st-ledger__files">
          <View className="section-title">3. 下载</View>
          {files.length === 0 ? (
            <View className="card st-files-empty">
              <Articles size={28} color="#9fb6d6" />
              <View className="st-files-empty__text">生成的台账会出现在这里</View>
            </View>
          ) : (
            <View className="card st-files">
              {files.map((f, i) => (
                <FileCard key={f.fileID} file={f} latest={i === 0} />
              ))}
            </View>
          )}
        </View>
      </View>

      <Calendar
        visible={calendar !== null}
        type="single"
        title={calendar === 'report' ? '选择报备日期' : '选择需求日期'}
        startDate={addDays(today, -365)}
        endDate={today}
        defaultValue={(calendar === 'report' ? reportDate : errandDate) || today}
        confirmText="确定"
        onClose={() => setCalendar(null)}
        onConfirm={(param) => {
          const date = calendarDate(param as unknown as (string | number)[])
          if (calendar === 'report') setReportDate(date)
          else setErrandDate(date)
        }}
      />
    </View>
  )
})

function LedgerPage() {
  return (
    <PageShell className="st-page">
      <AccountGate action={['stats', 'exportLedger']}>
        {(account) => <Ledger account={account} />}
      </AccountGate>
    </PageShell>
  )
}

export default LedgerPage
