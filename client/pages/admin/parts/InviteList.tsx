import { Button, Tag } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { roleLabel } from '../../../../shared/roles'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../../components/StateView'
import type { ConfirmOptions } from '../../../components/useConfirm'
import type { InviteView as Invite, InviteStatus } from '../../../../shared/account'
import { invites } from '../../../stores/staff'
import { dateTime, remaining } from '../../../utils/format'
import { toast } from '../../../utils/toast'
import { copyCode } from './copy'
import { inviteScope, STATUS_COLORS, STATUS_TEXT } from './labels'
import { ListFoot } from '../../../components/ListFoot'

/** An unused code past its expiry reads as expired even before the server says so. */
function effectiveStatus(invite: Invite, now: number): InviteStatus {
  return invite.status === 'unused' && invite.expiresAt <= now ? 'expired' : invite.status
}

function statusLine(invite: Invite, status: InviteStatus, now: number): string {
  switch (status) {
    case 'unused':
      return `有效期至 ${dateTime(invite.expiresAt)}（${remaining(invite.expiresAt, now)}）`
    case 'used':
      return `${invite.usedBy?.name ?? '对方'} 已于 ${invite.usedAt ? dateTime(invite.usedAt) : '—'} 使用`
    case 'expired':
      return `已于 ${dateTime(invite.expiresAt)} 过期`
    case 'revoked':
      return '已作废，不能再使用'
  }
}

const InviteRow = observer(function InviteRow({
  invite,
  confirm,
}: {
  invite: Invite
  confirm: (o: ConfirmOptions) => void
}) {
  const now = Date.now()
  const status = effectiveStatus(invite, now)
  const onRevoke = () =>
    confirm({
      title: '作废邀请码',
      content: `作废后，邀请码 ${invite.code} 将不能再使用，此操作无法撤销。确定作废吗？`,
      confirmText: '作废',
      danger: true,
      action: async () => {
        await invites.revoke(invite.code)
        toast.success('已作废')
      },
    })
  return (
    <View className={`invite-row invite-row--${status}`} data-testid="invite-row">
      <View className="invite-row__head">
        <Text className="invite-row__code" selectable userSelect>
          {invite.code}
        </Text>
        <Tag
          background={STATUS_COLORS[status].background}
          color={STATUS_COLORS[status].color}
          className="invite-row__tag"
        >
          {status === 'used' && invite.usedBy ? `已使用 · ${invite.usedBy.name}` : STATUS_TEXT[status]}
        </Tag>
      </View>
      <View className="invite-row__role">
        {roleLabel(invite.role, invite.department)}
        <Text className="invite-row__scope">
          {' · '}
          {inviteScope(invite)}
        </Text>
      </View>
      <View className="invite-row__line">{statusLine(invite, status, now)}</View>
      {invite.note && <View className="invite-row__line">备注：{invite.note}</View>}
      {status === 'unused' && (
        <View className="invite-row__actions">
          <Button size="small" fill="outline" type="primary" onClick={() => copyCode(invite.code)}>
            复制
          </Button>
          <Button size="small" fill="outline" type="danger" onClick={onRevoke}>
            作废
          </Button>
        </View>
      )}
    </View>
  )
})

export const InviteList = observer(function InviteList({
  confirm,
}: {
  confirm: (o: ConfirmOptions) => void
}) {
  if (invites.status === 'idle' || invites.status === 'loading') return <LoadingBlock cards={2} rows={2} />
  if (invites.status === 'error')
    return <ErrorBlock message={invites.error} onRetry={() => void invites.load()} />
  if (invites.items.length === 0) {
    return (
      <EmptyBlock
        title="还没有邀请记录"
        description="生成的邀请码会显示在这里，可以随时作废未使用的邀请码。"
      />
    )
  }
  return (
    <View>
      <View className="card invite-list">
        {invites.items.map((inv) => (
          <InviteRow key={inv.code} invite={inv} confirm={confirm} />
        ))}
      </View>
      <ListFoot list={invites} endText={`已显示全部 ${invites.total} 条`} />
    </View>
  )
})
