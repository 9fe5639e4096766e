/**
 * Public check of a reopening plate, opened from the QR on the plate: `/#/pages/verify/index?token=…`.
 * Works without login (no AccountGate; the call is anonymous, so a stale login never redirects).
 */
import { Check, Close, Scan, Search, Tips } from '@nutui/icons-react-taro'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { verifyPlateInput } from '../../../shared/schemas/application'
import { formatShanghai } from '../../../shared/time'
import { PageShell } from '../../components/PageShell'
import { LoadingBlock } from '../../components/StateView'
import { applicationApi } from '../../services/application'
import type { Reply } from '../../services/api'
import { CloudError, errorMessage, IS_WEAPP } from '../../services/cloud'
import './index.scss'

type PlateCheck = Reply<'application', 'verifyPlate'>

type State =
  | { kind: 'loading' }
  | { kind: 'ok'; check: PlateCheck }
  | { kind: 'invalid'; message: string }
  | { kind: 'error'; message: string }

const day = (ms: number) => formatShanghai(ms, 'YYYY年M月D日')

const STANDING_SUB: Record<PlateCheck['standing'], string> = {
  valid: '该企业已通过三方审核，准予复工',
  rectify: '检查发现问题，企业可以营业，但须在期限内整改完毕',
  revoked: '该企业的复工公示牌已被撤销，不得继续营业',
}

/** The plate's standing now, after every inspection: 有效 / 限期整改至… / 已撤销. */
function Result({ check }: { check: PlateCheck }) {
  const s = check.standing
  return (
    <View className={`vf-result vf-result--${s}`} data-testid="verify-result">
      <View className="vf-result__badge">
        {s === 'valid' ? (
          <Check size={54} color="#ffffff" />
        ) : s === 'rectify' ? (
          <Tips size={48} color="#ffffff" />
        ) : (
          <Close size={46} color="#ffffff" />
        )}
      </View>
      <View className="vf-result__word" data-testid="verify-status">
        {check.standingText}
      </View>
      <View className="vf-result__sub">{STANDING_SUB[s]}</View>
    </View>
  )
}

function Details({ check }: { check: PlateCheck }) {
  return (
    <View className="card vf-card">
      <View className="vf-card__name" data-testid="verify-enterprise">
        {check.enterpriseName}
      </View>
      <View className="vf-row">
        <Text className="vf-row__label">统一社会信用代码</Text>
        <Text className="vf-row__value vf-mono">{check.creditCode}</Text>
      </View>
      <View className="vf-row">
        <Text className="vf-row__label">经营地址</Text>
        <Text className="vf-row__value">{check.address}</Text>
      </View>
      <View className="vf-row">
        <Text className="vf-row__label">准予复工日期</Text>
        <Text className="vf-row__value">{day(check.reopenedAt)}</Text>
      </View>
      {!check.valid && (
        <View className="vf-revoke" data-testid="verify-revoke">
          <View className="vf-row">
            <Text className="vf-row__label">撤销日期</Text>
            <Text className="vf-row__value">{check.revokedAt ? day(check.revokedAt) : '—'}</Text>
          </View>
          <View className="vf-revoke__reason">
            <Text className="vf-revoke__label">撤销原因：</Text>
            {check.revokeReason ?? '未说明'}
          </View>
        </View>
      )}
    </View>
  )
}

/** The plate token in what a scan read: the plate's link (…/pages/verify/index?token=…) or the bare token. */
export function tokenFrom(text: string): string {
  const m = /[?&]token=([^&#\s]+)/.exec(text)
  return decodeURIComponent(m ? m[1]! : text.trim())
}

/** Mini-program, opened from the home page: no plate yet, so the camera reads one. */
function ScanPrompt({ onToken }: { onToken: (token: string) => void }) {
  const [note, setNote] = useState('')
  const scan = () => {
    setNote('')
    Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      .then((res) => onToken(tokenFrom(res.result)))
      .catch((e: { errMsg?: string }) =>
        setNote(/cancel/.test(e?.errMsg ?? '') ? '' : '没有打开相机，请在微信设置中允许使用相机后重试'),
      )
  }
  return (
    <View className="vf-result vf-result--unknown" data-testid="verify-scan">
      <View className="vf-result__badge">
        <Scan size={46} color="#ffffff" />
      </View>
      <View className="vf-result__sub">扫描门店张贴的复工公示牌上的二维码，查看它是否有效。</View>
      {note && <View className="form-error">{note}</View>}
      <View className="vf-retry">
        <Button type="primary" size="large" block onClick={scan}>
          扫一扫
        </Button>
      </View>
    </View>
  )
}

function VerifyPage() {
  const { params } = useRouter()
  const [token, setToken] = useState(() => decodeURIComponent(params.token ?? ''))
  const [state, setState] = useState<State>({ kind: 'loading' })
  const scanning = IS_WEAPP && !token

  const load = useCallback(async () => {
    const parsed = verifyPlateInput.safeParse({ token })
    if (!parsed.success) {
      setState({ kind: 'invalid', message: '二维码不完整或不是复工公示牌的二维码，请重新扫描。' })
      return
    }
    setState({ kind: 'loading' })
    try {
      setState({ kind: 'ok', check: await applicationApi.verifyPlate(parsed.data.token) })
    } catch (e) {
      if (e instanceof CloudError && (e.code === 'NOT_FOUND' || e.code === 'INVALID_INPUT'))
        setState({ kind: 'invalid', message: e.message })
      else setState({ kind: 'error', message: errorMessage(e) })
    }
  }, [token])

  useEffect(() => {
    if (!scanning) void load()
  }, [load, scanning])

  return (
    <PageShell className="vf-page">
      <View className="vf-head">
        <View className="vf-head__title">复工复产公示牌核验</View>
        <View className="vf-head__sub">街道疫情防控三方审核 · 实时查询</View>
      </View>
      {scanning && <ScanPrompt onToken={setToken} />}
      {!scanning && state.kind === 'loading' && <LoadingBlock cards={1} rows={4} />}
      {state.kind === 'ok' && (
        <View>
          <Result check={state.check} />
          <Details check={state.check} />
          <View className="vf-foot">核验时间 {formatShanghai(Date.now(), 'YYYY年M月D日 HH:mm')}</View>
        </View>
      )}
      {state.kind === 'invalid' && (
        <View className="vf-result vf-result--unknown" data-testid="verify-invalid">
          <View className="vf-result__badge">
            <Search size={48} color="#ffffff" />
          </View>
          <View className="vf-result__word">无法核验</View>
          <View className="vf-result__sub">{state.message}</View>
        </View>
      )}
      {state.kind === 'error' && (
        <View className="vf-result vf-result--unknown">
          <View className="vf-result__word vf-result__word--small">查询失败</View>
          <View className="vf-result__sub">{state.message}</View>
          <View className="vf-retry">
            <Button type="primary" size="large" block onClick={() => void load()}>
              重新查询
            </Button>
          </View>
        </View>
      )}
      <View className="vf-note">
        公示牌以本页实时查询结果为准。如发现企业与公示内容不符，请向所在街道或社区反映。
      </View>
    </PageShell>
  )
}

export default VerifyPage
