import { Button, Input, Switch } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { setWebhookInput } from '../../../../shared/schemas/admin'
import {
  DEFAULT_WEBHOOK_TIME,
  WEBHOOK_HEADERS,
  WEBHOOK_RETRY_MINUTES,
  type DeliveryView,
  type WebhookView,
} from '../../../../shared/webhook'
import { FormFooter } from '../../../components/FormFooter'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../../components/StateView'
import { adminApi } from '../../../services/admin'
import { toast } from '../../../utils/toast'
import { useRemote } from '../../../utils/useRemote'
import { useSubmit } from '../../../utils/useSubmit'
import { firstIssue } from '../../../utils/zodRule'
import { SecretBox } from './SecretBox'
import { time } from './time'

/** Each push's state in the console's status pill (styles/console.scss `.st-pill`). */
const STATUS: Record<DeliveryView['status'], { text: string; tone: 'ok' | 'warn' | 'danger' }> = {
  pending: { text: '重试中', tone: 'warn' },
  delivered: { text: '已送达', tone: 'ok' },
  failed: { text: '失败', tone: 'danger' },
}

function Deliveries({ items }: { items: DeliveryView[] }) {
  if (items.length === 0)
    return <EmptyBlock title="还没有推送记录" description="到了推送时间，每天的推送结果会列在这里。" />
  return (
    <View>
      {items.map((d) => (
        <View className="mg-push" key={d._id} data-testid="webhook-delivery">
          <View className="mg-push__head">
            <Text className="mg-push__date">{d.date} 的数据</Text>
            <Text className={`st-pill st-pill--${STATUS[d.status].tone}`}>{STATUS[d.status].text}</Text>
          </View>
          {d.attempts.map((a) => (
            <View className="mg-push__attempt" key={a.at}>
              {time(a.at)} · {a.httpStatus === null ? '无应答' : `HTTP ${a.httpStatus}`}
              {a.error ? ` · ${a.error}` : ''}
            </View>
          ))}
          {d.status === 'pending' && d.nextAt && (
            <View className="mg-push__attempt">下次重试：{time(d.nextAt)}</View>
          )}
        </View>
      ))}
    </View>
  )
}

function WebhookForm({ current, onSaved }: { current: WebhookView | null; onSaved: () => void }) {
  const [url, setUrl] = useState(current?.url ?? '')
  const [at, setAt] = useState(current?.time ?? DEFAULT_WEBHOOK_TIME)
  const [enabled, setEnabled] = useState(current?.enabled ?? true)
  const { busy, error, setError, run } = useSubmit()
  const save = async (newSecret = false) => {
    const parsed = setWebhookInput.safeParse({ url: url.trim(), time: at.trim(), enabled, newSecret })
    if (!parsed.success) return setError(firstIssue(parsed.error))
    await run(async () => {
      await adminApi.setWebhook(parsed.data)
      toast.success(newSecret ? '已换新密钥' : '推送设置已保存')
      onSaved()
    })
  }
  return (
    <View>
      {(
        [
          ['推送地址', url, setUrl, 'https://…', 500, 'webhook-url'],
          ['每天推送时间', at, setAt, '08:00', 5, 'webhook-time'],
        ] as const
      ).map(([label, value, onChange, placeholder, maxLength, testId]) => (
        <View className="mg-row" key={testId}>
          <Text className="mg-row__label">{label}</Text>
          <Input
            className="mg-row__main"
            placeholder={placeholder}
            value={value}
            maxLength={maxLength}
            onChange={onChange}
            data-testid={testId}
          />
        </View>
      ))}
      <View className="mg-row">
        <Text className="mg-row__main">开启推送</Text>
        <Switch checked={enabled} onChange={(v) => setEnabled(v)} />
      </View>
      {current && (
        <SecretBox
          label={`签名密钥（接收方用它核对 ${WEBHOOK_HEADERS.signature}）：`}
          secret={current.secret}
          testId="webhook-secret"
        >
          <Button size="small" fill="outline" onClick={() => void save(true)}>
            换新密钥
          </Button>
        </SecretBox>
      )}
      <FormFooter error={error} busy={busy} label="保存推送设置" onSubmit={() => void save()} inline />
    </View>
  )
}

/**
 * 数据推送: the street's (or the district's) daily export pushed, signed, to its own HTTPS address at a time of day,
 * and what came of the last days' pushes.
 */
export function WebhookSettings() {
  const remote = useRemote(() => adminApi.webhook(), [])
  return (
    <View className="card mg-section" data-testid="webhook">
      <View className="mg-section__title">数据推送（可选）</View>
      <View className="mg-section__lead">
        每天到点把前一天的数字（与 API 取数同一格式）POST 到对方的 HTTPS 地址，请求用 HMAC-SHA256 签名；失败后
        {WEBHOOK_RETRY_MINUTES.join('、')} 分钟重试，仍失败会发站内消息。
      </View>
      {remote.status === 'loading' ? (
        <LoadingBlock cards={1} rows={3} />
      ) : remote.status === 'error' || !remote.data ? (
        <ErrorBlock message={remote.error ?? '加载失败'} onRetry={() => void remote.reload()} />
      ) : (
        <View>
          {/* A new form only when the saved settings change: reading them again on return keeps what was typed. */}
          <WebhookForm
            key={remote.data.webhook?.updatedAt ?? 0}
            current={remote.data.webhook}
            onSaved={() => void remote.reload(true)}
          />
          <View className="mg-section__sub">最近的推送</View>
          <Deliveries items={remote.data.deliveries} />
        </View>
      )}
    </View>
  )
}
