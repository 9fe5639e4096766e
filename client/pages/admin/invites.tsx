// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { useConfirm, type ConfirmOptions } from '../../components/useConfirm'
import { invites } from '../../stores/staff'
import { InviteForm } from './parts/InviteForm'
import { InviteList } from './parts/InviteList'
import './invites.scss'

const Content = observer(function Content({ confirm }: { confirm: (o: ConfirmOptions) => void }) {
  useEffect(() => {
    void invites.load()
  }, [])
  return (
    <View>
      <View className="section-title section-title--first">生成邀请码</View>
      <InviteForm />
      <View className="section-title">
        邀请记录
        {invites.status === 'ready' && <View className="section-title__extra">共 {invites.total} 条</View>}
      </View>
      <InviteList confirm={confirm} />
    </View>
  )
})

function AdminInvitesPage() {
  const { dialog, confirm } = useConfirm()
  usePullDownRefresh(() => {
    invites.load().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    void invites.loadMore()
  })
  return (
    <PageShell>
      <AccountGate roles={['admin']}>{() => <Content confirm={confirm} />}</AccountGate>
      {dialog}
    </PageShell>
  )
}

export default AdminInvitesPage
