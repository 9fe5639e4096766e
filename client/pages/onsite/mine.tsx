// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { SLOT_LABELS, slotTitle } from '../../../shared/health'
import { ONSITE_PAGES, pageUrl } from '../../../shared/routes'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import type { Reply } from '../../services/api'
import { onsiteApi } from '../../services/onsite'
import { openPage } from '../../utils/nav'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import { CheckSheet } from './parts/CheckSheet'
import { STATE_LOOK, checkSummary } from './parts/labels'
import './onsite.scss'

type Mine = Reply<'onsite', 'mine'>
type Entry = Mine['checks'][number]

function EnterpriseCard({ entry, mine, onRecord }: { entry: Entry; mine: Mine; onRecord: () => void }) {
  const open = mine.currentSlot
  const canRecord =
    !entry.stopped && open && entry.slots.find((s) => s.slot === open.slot)?.state === 'pending'
  return (
    <View className="card" data-testid="onsite-entry">
      <View className="o-head">
        <View className="o-head__name">{entry.enterpriseName || '本企业'}</View>
        <View className="o-head__meta">
          {entry.onSite ? '在岗（闭环管理）· 每天检测两次' : '未列入在岗名单，无需检测'}
        </View>
      </View>
      {entry.stopped && (
        <View className="o-flag" role="alert">
          您已被标记为不得上岗：请居家等候，防疫专业队伍会联系您。结案后恢复检测和上岗。
        </View>
      )}
      <View>
        {entry.slots.map((s) => {
          const look = STATE_LOOK[s.state]
          return (
            <View className="o-window" key={s.slot} data-testid={`window-${s.slot}`}>
              <View>
                <View className="o-window__title">{slotTitle(s.slot, mine.windows[s.slot])}</View>
                <View className="o-window__meta">
                  {s.check?.status === 'done' ? checkSummary(s.check) : '—'}
                </View>
              </View>
              <View className={`bcell bcell--${look.tone}`}>
                <View className="bcell__text">{look.text}</View>
              </View>
            </View>
          )
        })}
      </View>
      {canRecord && (
        <View className="o-links">
          <Button type="primary" size="large" block onClick={onRecord} data-testid="record-check">
            登记{SLOT_LABELS[open.slot]}检测
          </Button>
        </View>
      )}
    </View>
  )
}

function MineContent() {
  const remote = useRemote(() => onsiteApi.mine(), [])
  const [recording, setRecording] = useState<Entry | null>(null)
  usePullDownRefresh(() => {
    remote.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  const mine = remote.data
  if (!mine) {
    if (remote.error) return <ErrorBlock message={remote.error} onRetry={() => void remote.reload()} />
    return <LoadingBlock rows={3} />
  }
  const windows = `${slotTitle('morning', mine.windows.morning)}，${slotTitle('afternoon', mine.windows.afternoon)}`
  return (
    <View>
      <View className="o-head">
        <View className="o-head__name">今天 {mine.today}</View>
        <View className="o-head__meta">
          检测时间：{windows} · 发热标准 {mine.feverThreshold.toFixed(1)}℃
        </View>
      </View>
      {mine.boards.length > 0 && (
        <>
          <View className="section-title">我管理的企业</View>
          <View className="card">
            {mine.boards.map((b) => (
              <View
                key={b.enterpriseId}
                className="o-person"
                onClick={() => openPage(pageUrl(ONSITE_PAGES.board, { enterpriseId: b.enterpriseId }))}
                data-testid="onsite-board-link"
              >
                <View className="o-person__name">{b.name}</View>
                <View className="o-person__link">一日两检看板 ›</View>
              </View>
            ))}
          </View>
        </>
      )}
      <View className="section-title">我的检测</View>
      {mine.checks.length === 0 ? (
        <EmptyBlock
          title="您还不在企业的在岗名单里"
          description="企业安全员把您设为在岗（闭环管理）后，这里会显示每天两次的检测。"
        />
      ) : (
        mine.checks.map((entry) => (
          <EnterpriseCard
            key={entry.enterpriseId}
            entry={entry}
            mine={mine}
            onRecord={() => setRecording(entry)}
          />
        ))
      )}
      <CheckSheet
        visible={Boolean(recording)}
        title={mine.currentSlot ? `登记${SLOT_LABELS[mine.currentSlot.slot]}检测` : '登记检测'}
        subtitle={recording?.enterpriseName}
        enterpriseId={recording?.enterpriseId ?? ''}
        threshold={mine.feverThreshold}
        onClose={() => setRecording(null)}
        onSubmit={async (input) => {
          const r = await onsiteApi.record(input)
          setRecording(null)
          if (r.stopped) toast.fail('结果异常：已暂停上岗，防疫专业队伍会联系您')
          else toast.success('已登记')
          await remote.reload(true)
        }}
      />
    </View>
  )
}

function MinePage() {
  return (
    <PageShell className="onsite">
      <AccountGate action={['onsite', 'mine']}>{() => <MineContent />}</AccountGate>
    </PageShell>
  )
}

export default MinePage
