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
import { useWideLayout } from '../../utils/useWideLayout'
import { InviteForm } from './parts/InviteForm'
import { InviteList } from './parts/InviteList'
import './invites.scss'

/** The form above the list on a phone; on a PC window the form (or the new code) left and the list right. */
const Content = observer(function Content({
  confirm,
  district,
}: {
  confirm: (o: ConfirmOptions) => void
  district: boolean
}) {
  const wide = useWideLayout()
  useEffect(() => {
    void invites.load()
  }, [])
  return (
    <View className={`invites${wide ? ' invites--wide' : ''}`}>
      <View className="invites__form">
        <View className="section-title section-title--first">生成邀请码</View>
        <InviteForm district={district} />
      </View>
      <View className="invites__list">
        <View className="section-title section-title--first">
          邀请记录
          {invites.status === 'ready' && <View className="section-title__extra">共 {invites.total} 条</View>}
        </View>
        <InviteList confirm={confirm} />
      </View>
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
      <AccountGate action={['account', 'listInvites']}>
        {(account) => <Content confirm={confirm} district={account.role === 'district'} />}
      </AccountGate>
      {dialog}
    </PageShell>
  )
}

export default AdminInvitesPage
