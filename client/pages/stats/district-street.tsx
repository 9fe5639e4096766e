// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { shanghaiDate } from '../../../shared/time'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { statsApi } from '../../services/stats'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import { useWideLayout } from '../../utils/useWideLayout'
import { FigureBoard } from './parts/FigureBoard'
import './stats.scss'

const READ_ONLY = '区级只读查看汇总数字，明细名单请联系街道查看'

/**
 * One street's figures for one day, as its dashboard shows them, for district staff: read-only and figures only —
 * no list behind a figure opens (those name people; they stay with the street).
 */
function DistrictStreet({ streetId, date }: { streetId: string; date: string }) {
  const wide = useWideLayout()
  const summary = useRemote(() => statsApi.districtSummary(date), [date])
  usePullDownRefresh(() => {
    summary.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  if (summary.status === 'loading') return <LoadingBlock cards={3} rows={4} />
  if (summary.status === 'error')
    return <ErrorBlock message={summary.error} onRetry={() => void summary.reload()} />
  const row = summary.data?.streets.find((s) => s.streetId === streetId)
  if (!row)
    return (
      <EmptyBlock title="没有这个街道" description="街道可能已被改名或不存在，请返回全区汇总重新选择。" />
    )
  const view = {
    scope: { streetId },
    level: 'street' as const,
    scopeNames: { street: row.streetName },
    from: date,
    to: date,
    today: summary.data!.date,
    generatedAt: summary.data!.generatedAt,
    figures: row.figures,
  }
  return (
    <View>
      <View className="card ds-head" data-testid="district-street-head">
        <Text className="ds-head__name">{row.streetName}</Text>
        <Text className="ds-head__day">{date} · 只读</Text>
      </View>
      <FigureBoard
        view={view}
        wide={wide}
        healthReader={false}
        periodLabel={date}
        onOpen={() => toast.info(READ_ONLY)}
        onLocked={() => toast.info(READ_ONLY)}
      />
    </View>
  )
}

function DistrictStreetPage() {
  const { params } = useRouter()
  const date = params.date && /^\d{4}-\d{2}-\d{2}$/.test(params.date) ? params.date : shanghaiDate(Date.now())
  return (
    <PageShell className="st-page">
      <AccountGate action={['stats', 'districtSummary']}>
        {() => <DistrictStreet streetId={params.id ?? ''} date={date} />}
      </AccountGate>
    </PageShell>
  )
}

export default DistrictStreetPage
