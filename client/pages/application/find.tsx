// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Scan } from '@nutui/icons-react-taro'
import { Button, Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { IS_WEAPP } from '../../services/cloud'
import { APP_PAGES, pageUrl } from '../../utils/applicationPages'
import { openPage } from '../../utils/nav'
import './parts/parts.scss'
import './find.scss'

/** The application id in a pasted link ("…commit?id=…", "…detail?id=…") or a bare id. */
function applicationIdFrom(text: string): string | null {
  const m = /[?&]id=([A-Za-z0-9_-]{8,64})/.exec(text) ?? /^\s*([A-Za-z0-9_-]{16,64})\s*$/.exec(text)
  return m ? m[1]! : null
}

function Find() {
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

  return (
    <View>
      <View className="card fd-intro">
        <View className="fd-intro__title">找到要办理的复工申请</View>
        <View className="fd-intro__text">
          企业三方审核通过后，会把《三方承诺书》链接发给所在社区的网格员；复工后的“回头看”检查，也从申请详情进入。
        </View>
      </View>
      <View className="card fd-box">
        <View className="fd-box__label">粘贴企业发来的链接</View>
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
      <AccountGate roles={['gridWorker', 'admin', 'reviewer']}>{() => <Find />}</AccountGate>
    </PageShell>
  )
}

export default FindPage
