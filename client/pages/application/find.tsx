// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Scan } from '@nutui/icons-react-taro'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useState } from 'react'
import type { AccountView as Account } from '../../../shared/account'
import { ENTERPRISE_KIND_LABELS } from '../../../shared/enterprise'
import { AccountGate } from '../../components/AccountGate'
import { ListFoot } from '../../components/ListFoot'
import { PageShell } from '../../components/PageShell'
import { ErrorBlock, LoadingBlock } from '../../components/StateView'
import { applicationApi } from '../../services/application'
import { IS_WEAPP } from '../../services/cloud'
import { APP_PAGES, pageUrl } from '../../utils/applicationPages'
import { monthDay } from '../../utils/format'
import { openPage } from '../../utils/nav'
import { shanghaiDate } from '../../../shared/time'
import { usePagedList } from '../../utils/usePagedList'
import './parts/parts.scss'
import './find.scss'

/** The application id in a pasted link ("…commit?id=…", "…detail?id=…") or a bare id. */
function applicationIdFrom(text: string): string | null {
  const m = /[?&]id=([A-Za-z0-9_-]{8,64})/.exec(text) ?? /^\s*([A-Za-z0-9_-]{16,64})\s*$/.exec(text)
  return m ? m[1]! : null
}

/**
 * The commitments waiting for the community's signature in the grid worker's grid (an admin's community or
 * street): the grid worker is told when an enterprise is approved, and signs from here.
 */
function Waiting() {
  const list = usePagedList((page: number, size: number) => applicationApi.signatures(page, size), [], {
    pageSize: 20,
    rowKey: (a) => a._id,
    refreshOnShow: true,
  })
  usePullDownRefresh(() => {
    list.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.loadMore())
  if (list.status === 'loading') return <LoadingBlock cards={1} rows={2} />
  if (list.status === 'error') return <ErrorBlock message={list.error} onRetry={() => void list.reload()} />
  return (
    <View data-testid="signatures-waiting">
      <View className="section-title">
        等您代表社区签署
        <View className="section-title__extra">共 {list.total} 份</View>
      </View>
      {list.items.length === 0 ? (
        <View className="card fd-none">没有等待签署的承诺书。企业通过审核后，您会收到消息。</View>
      ) : (
        <View className="card fd-list">
          {list.items.map((a) => (
            <View
              className="fd-item"
              key={a._id}
              data-testid="signature-item"
              onClick={() => openPage(pageUrl(APP_PAGES.commit, { id: a._id }))}
            >
              <View className="fd-item__main">
                <View className="fd-item__name">{a.enterpriseName}</View>
                <View className="fd-item__meta">
                  {ENTERPRISE_KIND_LABELS[a.kind]} · {monthDay(shanghaiDate(a.decidedAt))} 通过审核 · 已签{' '}
                  {a.signed}/3 方
                </View>
              </View>
              <Text className="fd-item__go">去签署 ›</Text>
            </View>
          ))}
        </View>
      )}
      <ListFoot list={list} />
    </View>
  )
}

function Find({ account }: { account: Account }) {
  const [text, setText] = useState('')
  const [error, setError] = useState('')

  const open = (raw: string) => {
    const id = applicationIdFrom(raw)
    if (!id) return setError('没有识别出申请，请粘贴企业发来的完整链接')
    setError('')
    // A link to the commitment opens it directly; anything else opens the application.
    openPage(pageUrl(/commit\?/.test(raw) ? APP_PAGES.commit : APP_PAGES.detail, { id }))
  }

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: false })
      open(res.path || res.result)
    } catch {
      // cancelled
    }
  }

  const signs = account.role === 'gridWorker' || account.role === 'admin'
  return (
    <View>
      {signs && <Waiting />}
      <View className="section-title">其他申请</View>
      <View className="card fd-box">
        <View className="fd-box__label">粘贴申请的链接，或扫描二维码打开</View>
        <Input
          className="app-input"
          value={text}
          placeholder="如：…/pages/application/commit?id=…"
          clearable
          onChange={(v) => {
            setText(v)
            setError('')
          }}
        />
        {error && (
          <View className="field__error" role="alert">
            {error}
          </View>
        )}
        <View className="fd-box__actions">
          <Button type="primary" size="large" block onClick={() => open(text)}>
            打开
          </Button>
          {IS_WEAPP && (
            <Button
              type="primary"
              fill="outline"
              size="large"
              block
              icon={<Scan size={18} />}
              onClick={() => void scan()}
            >
              扫码打开
            </Button>
          )}
        </View>
      </View>
      <View className="hint">
        <Text>审核人员可在“审核队列 → 已审核”中找到复工企业，进入详情后进行回头看检查。</Text>
      </View>
    </View>
  )
}

function FindPage() {
  return (
    <PageShell>
      <AccountGate action={['application', 'get']} audience={['gridWorker', 'admin', 'reviewer']}>
        {(account) => <Find account={account} />}
      </AccountGate>
    </PageShell>
  )
}

export default FindPage
