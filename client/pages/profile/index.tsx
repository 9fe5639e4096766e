import { Edit, QrCode, ShieldCheck, UserAdd } from '@nutui/icons-react-taro'
import { Avatar, Cell, Tag } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { ReactNode } from 'react'
import { roleLabel } from '../../../shared/roles'
import { AccountGate } from '../../components/AccountGate'
import { PageShell } from '../../components/PageShell'
import { hasSession, IS_H5 } from '../../services/cloud'
import type { AccountView as Account } from '../../../shared/account'
import { mayDo } from '../../../shared/policy'
import { session } from '../../stores'
import { avatarText, dateTime, scopeText } from '../../utils/format'
import { maskPhone } from '../../../shared/mask'
import { largeType, setLargeType } from '../../utils/largeType'
import { openPage, PAGES } from '../../utils/nav'
import { LinkCode } from './parts/LinkCode'
import { Logout } from './parts/Logout'
import './index.scss'

const ProfileCard = observer(function ProfileCard({ account }: { account: Account }) {
  return (
    <View className="me-card">
      <Avatar size="64" background="#e8f1fc" color="#1f6fd8" className="me-card__avatar">
        {avatarText(account.name)}
      </Avatar>
      <View className="me-card__info">
        <View className="me-card__name" data-testid="profile-name">
          {account.name}
        </View>
        <View className="me-card__phone">{maskPhone(account.phone)}</View>
        <Tag type="primary" className="me-card__role">
          {roleLabel(account.role, account.department)}
        </Tag>
      </View>
    </View>
  )
})

/** 大字模式: one switch, remembered on this phone, for every page (see utils/largeType.ts). */
const LargeTypeCell = observer(function LargeTypeCell() {
  const on = largeType.get()
  return (
    <Cell.Group className="me-group">
      <Cell
        clickable
        title={
          <View className="me-link">
            <Text className="me-link__big">大</Text>
            <Text className="me-link__text">大字模式</Text>
          </View>
        }
        description="字更大、按钮更好点，适合老年人"
        extra={
          <View
            className={`me-switch${on ? ' me-switch--on' : ''}`}
            role="switch"
            aria-checked={on}
            aria-label="大字模式"
            data-testid="large-type-switch"
          />
        }
        onClick={() => setLargeType(!on)}
      />
    </Cell.Group>
  )
})

/** A row that opens a page: icon, words, an arrow. */
function LinkCell({
  icon,
  text,
  url,
  description,
}: {
  icon: ReactNode
  text: string
  url: string
  description?: string
}) {
  return (
    <Cell
      clickable
      title={
        <View className="me-link">
          {icon}
          <Text className="me-link__text">{text}</Text>
        </View>
      }
      description={description}
      extra={<Text className="me-arrow">›</Text>}
      onClick={() => openPage(url)}
    />
  )
}

function ProfileContent({ account }: { account: Account }) {
  return (
    <View>
      <ProfileCard account={account} />
      <Cell.Group className="me-group">
        <Cell
          title="所属辖区"
          extra={<Text className="me-extra">{scopeText(account.scopeNames) || '尚未分配'}</Text>}
        />
        <Cell title="注册时间" extra={<Text className="me-extra">{dateTime(account.createdAt)}</Text>} />
      </Cell.Group>
      <LargeTypeCell />
      <Cell.Group className="me-group">
        <LinkCell icon={<Edit size={18} color="#1f6fd8" />} text="修改资料" url={PAGES.profileEdit} />
        {IS_H5 && (
          <LinkCell
            icon={<ShieldCheck size={18} color="#d97706" />}
            text="修改密码"
            url={PAGES.passwordChange}
          />
        )}
        {/* Owners have no post to take; a resident or employee may be a new member of staff. */}
        {account.role !== 'owner' && (
          <LinkCell
            icon={<QrCode size={18} color="#0e9f94" />}
            text="工作人员领取岗位"
            description="街道、社区工作人员凭邀请码领取；居民不用填"
            url={PAGES.redeem}
          />
        )}
        {mayDo(account, ['account', 'createInvite']) && (
          <LinkCell icon={<UserAdd size={18} color="#4b5fd6" />} text="邀请管理" url={PAGES.adminInvites} />
        )}
        <LinkCode phoneProven={account.phoneProven} />
        <LinkCell icon={<ShieldCheck size={18} color="#5f6878" />} text="我的数据" url={PAGES.myData} />
      </Cell.Group>
      <Logout />
      <View className="me-foot">复工通 · 街道复工复产服务</View>
    </View>
  )
}

function ProfilePage() {
  useDidShow(() => {
    if (hasSession() && session.ready) void session.load(true).catch(() => undefined)
  })
  return (
    <PageShell className="profile">
      <AccountGate action={['account', 'me']}>
        {(account) => <ProfileContent account={account} />}
      </AccountGate>
    </PageShell>
  )
}

export default ProfilePage
