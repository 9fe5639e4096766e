// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { InputNumber } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import type { AccountView as Account } from '../../../shared/account'
import { mayDo } from '../../../shared/policy'
import { DEFAULT_RETENTION, retentionLines, type RetentionPolicy } from '../../../shared/retention'
import { setRetentionInput } from '../../../shared/schemas/admin'
import { shanghaiDate } from '../../../shared/time'
import { AccountGate } from '../../components/AccountGate'
import { FormFooter } from '../../components/FormFooter'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { adminApi } from '../../services/admin'
import type { Reply } from '../../services/api'
import { statsApi } from '../../services/stats'
import { addDays } from '../../utils/format'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import { useSubmit } from '../../utils/useSubmit'
import { firstIssue } from '../../utils/zodRule'
import { ApiKeys } from './parts/ApiKeys'
import { time } from './parts/time'
import { WebhookSettings } from './parts/Webhook'
import './manage.scss'

const STREET_KEYS_LEAD =
  '区防控指挥部的系统用密钥取本街道每天的数字：GET /api/export/daily?date=日期（加 format=csv 为表格），请求头 X-Api-Key。每次取数都记入操作日志。'

const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`

/** The local cloud's daily backups: the last success stands out, a failure is said in red. */
function Backups() {
  const remote = useRemote(() => adminApi.backups(), [])
  usePullDownRefresh(() => {
    remote.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  if (remote.status === 'loading') return <LoadingBlock cards={1} rows={3} />
  if (remote.status === 'error' || !remote.data)
    return <ErrorBlock message={remote.error ?? '加载失败'} onRetry={() => void remote.reload()} />
  const { lastSuccessAt, kept, runs } = remote.data
  const failed = runs[0] && !runs[0].ok ? runs[0] : null
  return (
    <View className="card mg-section" data-testid="backups">
      <View className="mg-section__title">数据备份</View>
      <View className="mg-section__lead">
        每天 03:00 自动备份数据库和上传的文件，保留最近几份（服务器的 BACKUP_KEEP，默认 7 份）。
      </View>
      <View
        className={`mg-backup-status${lastSuccessAt ? '' : ' mg-backup-status--none'}`}
        data-testid="backup-last"
      >
        {lastSuccessAt ? `最近一次成功：${time(lastSuccessAt)}` : '还没有成功的备份'}
      </View>
      {failed && (
        <View className="mg-backup-fail" data-testid="backup-failed">
          {time(failed.at)} 的备份失败：{failed.error ?? '原因未知'}
        </View>
      )}
      {kept.length === 0 ? (
        <EmptyBlock
          title="还没有备份文件"
          description="服务器每天凌晨自动备份，也可以在服务器上运行 npm run backup。"
        />
      ) : (
        kept.map((b) => (
          <View className="mg-row" key={b.name} data-testid="backup-row">
            <Text className="mg-row__main">{b.name}</Text>
            <Text className="mg-row__side">{size(b.size)}</Text>
          </View>
        ))
      )}
    </View>
  )
}

function RetentionForm({
  policy,
  editable,
  onSaved,
}: {
  policy: RetentionPolicy
  editable: boolean
  onSaved: () => void
}) {
  const [values, setValues] = useState(policy)
  const { busy, error, setError, run } = useSubmit()
  const fields: { key: keyof RetentionPolicy; label: string }[] = [
    { key: 'healthDays', label: '隔离和体温记录（解除后）' },
    { key: 'errandDays', label: '跑腿地址和电话（完成后）' },
    { key: 'idNumberDays', label: '身份证号（解除隔离后）' },
  ]
  const save = async () => {
    const parsed = setRetentionInput.safeParse(values)
    if (!parsed.success) return setError(firstIssue(parsed.error))
    await run(async () => {
      await adminApi.setRetention(parsed.data)
      toast.success('保留期限已保存')
      onSaved()
    })
  }
  return (
    <View className="card mg-section" data-testid="retention">
      <View className="mg-section__title">个人信息保留期限</View>
      <View className="mg-section__lead">
        到期后每天凌晨自动删去姓名、住址、电话和体温等个人信息，统计数字保留。
      </View>
      {editable ? (
        <View>
          {fields.map((f) => (
            <View className="mg-row" key={f.key}>
              <Text className="mg-row__main">{f.label}</Text>
              <InputNumber
                min={7}
                max={365}
                value={values[f.key]}
                onChange={(v) => setValues({ ...values, [f.key]: Number(v) })}
              />
              <Text className="mg-row__side">天</Text>
            </View>
          ))}
          <FormFooter error={error} busy={busy} label="保存保留期限" onSubmit={() => void save()} inline />
        </View>
      ) : (
        retentionLines(policy).map((l) => (
          <View className="mg-row" key={l.label}>
            <Text className="mg-row__main">{l.text}</Text>
          </View>
        ))
      )}
    </View>
  )
}

function Retention({ account }: { account: Account }) {
  const remote = useRemote(() => adminApi.getRetention(), [])
  if (remote.status === 'loading') return <LoadingBlock cards={1} rows={3} />
  if (remote.status === 'error' || !remote.data)
    return <ErrorBlock message={remote.error ?? '加载失败'} onRetry={() => void remote.reload()} />
  return (
    <RetentionForm
      policy={remote.data.policy ?? DEFAULT_RETENTION}
      editable={mayDo(account, ['admin', 'setRetention'])}
      onSaved={() => void remote.reload(true)}
    />
  )
}

/** Days the check looks back over: a month of stored days, in one call. */
const RECONCILE_DAYS = 30

/**
 * 看板存档核对: the dashboard keeps each closed day's reports, 一日两检 and declarations in a stored day; this
 * recomputes those of the last month from the records and repairs any that differ (stats.reconcile, audited).
 */
function Reconcile() {
  const [result, setResult] = useState<Reply<'stats', 'reconcile'> | null>(null)
  const { busy, error, run } = useSubmit()
  const check = () =>
    run(async () => {
      const today = shanghaiDate(Date.now())
      setResult(await statsApi.reconcile(addDays(today, 1 - RECONCILE_DAYS), today))
    })
  return (
    <View className="card mg-section" data-testid="reconcile">
      <View className="mg-section__title">看板存档核对</View>
      <View className="mg-section__lead">
        看板把已过去的日子的体温报备、一日两检和健康申报数字存档，打开更快。核对会按原始记录重算近{' '}
        {RECONCILE_DAYS} 天的存档，不一致的当场改正并记入操作日志。
      </View>
      {result && (
        <View data-testid="reconcile-result">
          {result.repaired.length === 0 ? (
            <View className="mg-backup-status">
              {result.checked
                ? `核对了 ${result.checked} 天的存档，与原始记录全部一致`
                : `近 ${RECONCILE_DAYS} 天还没有存档（看板用到某天的数字时才存档）`}
            </View>
          ) : (
            <>
              <View className="mg-backup-fail">
                核对了 {result.checked} 天，{result.repaired.length} 天与原始记录不一致，已按记录改正：
              </View>
              {result.repaired.map((r) => (
                <View className="mg-row" key={r.date}>
                  <Text className="mg-row__main">
                    {r.date}：{r.differences.join('；')}
                  </Text>
                </View>
              ))}
            </>
          )}
        </View>
      )}
      <FormFooter
        error={error}
        busy={busy}
        label={`核对近 ${RECONCILE_DAYS} 天`}
        onSubmit={() => void check()}
        inline
      />
    </View>
  )
}

function DataPage() {
  return (
    <PageShell className="mg-page">
      <AccountGate action={['admin', 'backups']}>
        {(account) => (
          <View className="mg-data">
            <Backups />
            <Retention account={account} />
            {mayDo(account, ['stats', 'reconcile']) && <Reconcile />}
            <ApiKeys lead={STREET_KEYS_LEAD} />
            <WebhookSettings />
          </View>
        )}
      </AccountGate>
    </PageShell>
  )
}

export default DataPage
