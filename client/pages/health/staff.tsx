import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { applicationApi } from '../../services/application'
import { healthApi } from '../../services/health'
import type { Reply } from '../../services/api'
import { friendlyTime } from '../../utils/format'
import { monthDay } from '../../utils/format'
import { useRemote } from '../../utils/useRemote'
import './health.scss'

type StaffStatus = Reply<'health', 'staffStatus'>

function StaffRow({ item }: { item: StaffStatus['items'][number] }) {
  const q = item.quarantine
  return (
    <View className="srow">
      <View className="srow__main">
        <View className="srow__name">{item.name}</View>
        <View className="srow__meta">申报于 {friendlyTime(item.declaredAt)}</View>
      </View>
      {q ? (
        <View className="srow__state srow__state--q">
          <View>{q.status === 'pendingDecision' ? '期满待解除' : `居家隔离第${q.day}天`}</View>
          <View className="srow__sub">预计 {monthDay(q.endDate)} 返岗</View>
        </View>
      ) : item.result === 'keyPerson' ? (
        <View className="srow__state srow__state--done">已解除隔离</View>
      ) : (
        <View className="srow__state srow__state--ok">可正常上岗</View>
      )}
    </View>
  )
}

function StaffContent() {
  const mine = useRemote(() => applicationApi.myEnterprises(), [], { refreshOnShow: false })
  const [picked, setPicked] = useState('')
  const enterprises = mine.data?.items
  const current = enterprises?.some((e) => e._id === picked) ? picked : (enterprises?.[0]?._id ?? '')
  const staff = useRemote(
    () => (current ? healthApi.staffStatus(current) : Promise.resolve(null)),
    [current],
    {
      refreshOnShow: false,
    },
  )
  usePullDownRefresh(() => {
    ;(current ? staff.reload(true) : mine.reload(true)).finally(() => Taro.stopPullDownRefresh())
  })

  if (!enterprises) {
    if (mine.status === 'error') return <ErrorBlock message={mine.error} onRetry={() => void mine.reload()} />
    return <LoadingBlock rows={3} />
  }
  if (enterprises.length === 0)
    return (
      <EmptyBlock
        title="还没有登记企业"
        description="登记企业并提交复工申请后，员工用加入码做健康申报，这里就能看到他们的情况。"
      />
    )
  const enterprise = enterprises.find((e) => e._id === current)
  const status = staff.data

  return (
    <View className="staff">
      {enterprises.length > 1 && (
        <View className="chip-row staff__switch">
          {enterprises.map((e) => (
            <View
              key={e._id}
              className={`chip-toggle${e._id === current ? ' chip-toggle--on' : ''}`}
              onClick={() => setPicked(e._id)}
            >
              {e.name}
            </View>
          ))}
        </View>
      )}
      <View className="card staff-head">
        <View className="staff-head__name">{enterprise?.name}</View>
        <View className="staff-head__code">
          加入码 <Text className="staff-head__code-v">{enterprise?.joinCode}</Text>
        </View>
        <View className="staff-head__tip">
          请员工在“健康申报”里填写加入码，或扫描企业加入码海报上的二维码。
        </View>
      </View>
      {staff.status === 'error' ? (
        <ErrorBlock message={staff.error} onRetry={() => void staff.reload()} />
      ) : staff.status === 'loading' || !status ? (
        <LoadingBlock rows={3} cards={1} />
      ) : (
        <View>
          <View className="bcounts bcounts--3">
            <View className="bcounts__item">
              <View className="bcounts__n">{status.total}</View>
              <View className="bcounts__label">已申报</View>
            </View>
            <View className={`bcounts__item${status.inQuarantine ? ' bcounts__item--wait' : ''}`}>
              <View className="bcounts__n">{status.inQuarantine}</View>
              <View className="bcounts__label">居家隔离中</View>
            </View>
            <View className="bcounts__item bcounts__item--ok">
              <View className="bcounts__n">{status.total - status.inQuarantine}</View>
              <View className="bcounts__label">可上岗</View>
            </View>
          </View>
          <View className="section-title">
            员工情况<View className="section-title__extra">不显示体温和身份证号</View>
          </View>
          {status.items.length === 0 ? (
            <EmptyBlock title="还没有员工申报" description="员工用加入码申报后会出现在这里。" />
          ) : (
            <View className="card staff-list">
              {status.items.map((i, n) => (
                <StaffRow key={`${i.name}-${n}`} item={i} />
              ))}
            </View>
          )}
          <View className="form-actions">
            <Button fill="outline" type="primary" size="large" block onClick={() => void staff.reload(true)}>
              刷新
            </Button>
          </View>
        </View>
      )}
    </View>
  )
}

function StaffPage() {
  return (
    <PageShell className="health">
      <AccountGate action={['health', 'staffStatus']}>{() => <StaffContent />}</AccountGate>
    </PageShell>
  )
}

export default StaffPage
