import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { createApiKeyInput } from '../../../../shared/schemas/admin'
import { FormFooter } from '../../../components/FormFooter'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../../components/StateView'
import { useConfirm } from '../../../components/useConfirm'
import { adminApi } from '../../../services/admin'
import { newRequestId } from '../../../services/api'
import { toast } from '../../../utils/toast'
import { useRemote } from '../../../utils/useRemote'
import { useSubmit } from '../../../utils/useSubmit'
import { firstIssue } from '../../../utils/zodRule'
import { SecretBox } from './SecretBox'
import { time } from './time'

/**
 * API keys for GET /api/export/daily, issued, listed and revoked: a street admin's fetch the street's figures, a
 * district admin's every street's. A new key is shown once.
 */
export function ApiKeys({ lead }: { lead: string }) {
  const remote = useRemote(() => adminApi.apiKeys(), [])
  const [label, setLabel] = useState('')
  const [secret, setSecret] = useState<string | null>(null)
  const requestId = useRef(newRequestId())
  const { busy, error, setError, run } = useSubmit()
  const { dialog, confirm } = useConfirm()
  const create = async () => {
    const parsed = createApiKeyInput.safeParse({ label: label.trim() })
    if (!parsed.success) return setError(firstIssue(parsed.error))
    await run(async () => {
      const made = await adminApi.createApiKey(parsed.data.label, requestId.current)
      requestId.current = newRequestId()
      setSecret(made.secret)
      setLabel('')
      void remote.reload(true)
    })
  }
  const revoke = (id: string, name: string) =>
    confirm({
      title: '作废 API 密钥',
      content: `作废后，「${name}」将不能再取数，且不能恢复。`,
      confirmText: '作废',
      danger: true,
      action: async () => {
        await adminApi.revokeApiKey(id)
        toast.success('已作废')
        void remote.reload(true)
      },
    })
  return (
    <View className="card mg-section" data-testid="api-keys">
      <View className="mg-section__title">向区级上报：API 密钥</View>
      <View className="mg-section__lead">{lead}</View>
      {secret && (
        <SecretBox label="新密钥（只显示这一次，请复制保存）：" secret={secret} testId="api-key-secret" />
      )}
      <View className="mg-row">
        <Input
          className="mg-row__main"
          placeholder="用途，例如：区防控指挥部"
          value={label}
          maxLength={30}
          onChange={setLabel}
          data-testid="api-key-label"
        />
      </View>
      <FormFooter error={error} busy={busy} label="生成 API 密钥" onSubmit={() => void create()} inline />
      {remote.status === 'loading' ? (
        <LoadingBlock cards={1} rows={2} />
      ) : remote.status === 'error' || !remote.data ? (
        <ErrorBlock message={remote.error ?? '加载失败'} onRetry={() => void remote.reload()} />
      ) : remote.data.items.length === 0 ? (
        <EmptyBlock
          title="还没有 API 密钥"
          description="填写用途后生成；密钥只显示一次，请交给取数的系统保存。"
        />
      ) : (
        remote.data.items.map((k) => (
          <View className="mg-row" key={k._id} data-testid="api-key-row">
            <View className="mg-row__main">
              <View>
                {k.label} <Text className="mg-row__side">…{k.hint}</Text>
              </View>
              <View className="mg-row__side">
                {k.createdByName} {time(k.createdAt)} 生成 · 取数 {k.uses} 次
                {k.lastUsedAt ? `，最近 ${time(k.lastUsedAt)}` : ''}
              </View>
            </View>
            {k.revokedAt ? (
              <Text className="mg-row__side">已作废</Text>
            ) : (
              <Button size="small" fill="outline" type="danger" onClick={() => revoke(k._id, k.label)}>
                作废
              </Button>
            )}
          </View>
        ))
      )}
      {dialog}
    </View>
  )
}
