import { Button, Cell, Input, Radio, type PickerOption } from '@nutui/nutui-react-taro'
import { AppPicker } from '../../../components/AppPicker'
import { Image, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useEffect, useMemo, useState } from 'react'
import type { Department, StaffRole } from '../../../../shared/roles'
import { DISTRICT_SCOPE, roleLabel } from '../../../../shared/roles'
import { createInviteInput } from '../../../../shared/schemas/account'
import { ErrorBlock, LoadingBlock } from '../../../components/StateView'
import type { Input as ActionInput } from '../../../services/api'
import type { InviteView as Invite } from '../../../../shared/account'
import { invites } from '../../../stores/staff'
import { dateTime } from '../../../utils/format'
import { firstIssue } from '../../../utils/zodRule'
import { copyCode } from './copy'
import {
  DEPARTMENT_CHOICES,
  DISTRICT_CHOICES,
  inviteScope,
  needsGrid,
  STAFF_CHOICES,
  VALIDITY_CHOICES,
} from './labels'
import { accountApi } from '../../../services/account'
import { useRemote } from '../../../utils/useRemote'
import { FormFooter } from '../../../components/FormFooter'
import { useSubmit } from '../../../utils/useSubmit'
import './nutui'

type CreateInviteForm = ActionInput<'account', 'createInvite'>

function CreatedCard({ invite, onAgain }: { invite: Invite; onAgain: () => void }) {
  return (
    <View className="card invite-created" data-testid="invite-created">
      <View className="invite-created__title">邀请码已生成</View>
      <Text className="invite-created__code" selectable userSelect data-testid="invite-code">
        {invite.code}
      </Text>
      <View className="invite-created__meta">
        {roleLabel(invite.role, invite.department)}
        {' · '}
        {inviteScope(invite)}
      </View>
      <View className="invite-created__meta">有效期至 {dateTime(invite.expiresAt)}</View>
      {invite.qr && <Image className="invite-created__qr" src={invite.qr} data-testid="invite-qr" />}
      <View className="invite-created__tip">
        请把邀请码告诉对方，或让对方用微信扫描二维码；也可在“我的 → 工作人员领取岗位”中输入。
      </View>
      <View className="invite-created__actions">
        <Button type="primary" size="large" onClick={() => copyCode(invite.code)}>
          复制邀请码
        </Button>
        <Button fill="outline" type="primary" size="large" onClick={onAgain}>
          再生成一个
        </Button>
      </View>
    </View>
  )
}

type InviteRole = StaffRole | 'district'

/**
 * The invitation form. A street's admin invites the street's staff into a place of the street; district staff
 * (`district`) invite further district staff, or a street's admin for a street they choose.
 */
export const InviteForm = observer(function InviteForm({ district = false }: { district?: boolean }) {
  const [role, setRole] = useState<InviteRole | ''>('')
  const [streetId, setStreetId] = useState('')
  const streets = useRemote(() => (district ? accountApi.streets() : Promise.resolve(null)), [district])
  const [department, setDepartment] = useState<Department | ''>('')
  const [communityId, setCommunityId] = useState('')
  const [gridId, setGridId] = useState('')
  const [validHours, setValidHours] = useState(72)
  const [note, setNote] = useState('')
  const [picker, setPicker] = useState<'street' | 'community' | 'grid' | null>(null)
  const { busy, error, setError, run } = useSubmit()
  const [created, setCreated] = useState<Invite | null>(null)

  useEffect(() => {
    if (!district) void invites.loadScopes()
  }, [district])

  const scopes = invites.scopes
  const communities = useMemo(() => (scopes?.communities ?? []).filter((c) => c.grids.length > 0), [scopes])
  const community = communities.find((c) => c._id === communityId)
  const grid = community?.grids.find((g) => g._id === gridId)
  const gridLevel = role !== '' && role !== 'district' && needsGrid(role)

  if (created) {
    return (
      <CreatedCard
        invite={created}
        onAgain={() => {
          setCreated(null)
          setNote('')
        }}
      />
    )
  }
  if (district ? streets.status === 'error' : invites.scopesStatus === 'error')
    return district ? (
      <ErrorBlock message={streets.error ?? ''} onRetry={() => void streets.reload()} />
    ) : (
      <ErrorBlock message={invites.scopesError} onRetry={() => void invites.loadScopes()} />
    )
  const streetList = streets.data?.streets ?? []
  if (district ? !streets.data : !scopes) return <LoadingBlock cards={1} rows={4} />

  const pickRole = (r: InviteRole) => {
    setRole(r)
    setError('')
    if (r !== 'reviewer') setDepartment('')
  }

  const submit = async () => {
    if (!role) return setError('请选择要邀请的岗位')
    if (district && role === 'admin' && !streetId) return setError('请选择街道')
    if (gridLevel && !communityId) return setError('请选择所属社区')
    if (gridLevel && !gridId) return setError('请选择所属网格')
    const form: CreateInviteForm = {
      role,
      scope: district
        ? role === 'district'
          ? DISTRICT_SCOPE
          : { streetId }
        : gridLevel
          ? { streetId: scopes!.street._id, communityId, gridId }
          : { streetId: scopes!.street._id },
      validHours,
      ...(role === 'reviewer' && department ? { department } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    }
    const parsed = createInviteInput.safeParse(form)
    if (!parsed.success) return setError(firstIssue(parsed.error))
    await run(async () => {
      setCreated(await invites.create(form))
    })
  }

  const choices: Array<{ value: InviteRole; label: string; hint: string }> = district
    ? DISTRICT_CHOICES
    : STAFF_CHOICES
  const roleHint = choices.find((c) => c.value === role)?.hint
  const street = streetList.find((x) => x._id === streetId)
  const streetOptions: PickerOption[] = streetList.map((x) => ({ label: x.name, value: x._id }))

  const communityOptions: PickerOption[] = communities.map((c) => ({ label: c.name, value: c._id }))
  const gridOptions: PickerOption[] = (community?.grids ?? []).map((g) => ({ label: g.name, value: g._id }))

  return (
    <View className="card invite-form">
      <View className="invite-form__label">邀请岗位</View>
      <Radio.Group
        className="chip-group"
        value={role}
        shape="button"
        direction="horizontal"
        onChange={(v) => pickRole(String(v) as InviteRole)}
      >
        {choices.map((c) => (
          <Radio key={c.value} value={c.value} shape="button" className="chip">
            {c.label}
          </Radio>
        ))}
      </Radio.Group>
      {roleHint && <View className="invite-form__hint">{roleHint}</View>}

      {role === 'reviewer' && (
        <View>
          <View className="invite-form__label">审核部门</View>
          <Radio.Group
            className="chip-group"
            value={department}
            shape="button"
            direction="horizontal"
            onChange={(v) => setDepartment(String(v) as Department)}
          >
            {DEPARTMENT_CHOICES.map((c) => (
              <Radio key={c.value} value={c.value} shape="button" className="chip">
                {c.label}
              </Radio>
            ))}
          </Radio.Group>
        </View>
      )}

      {district && role === 'admin' && (
        <View>
          <View className="invite-form__label">街道</View>
          <Cell.Group className="invite-form__cells">
            <Cell
              clickable
              title="所属街道"
              extra={
                <Text className={street ? 'pick-value' : 'pick-empty'}>{street?.name ?? '请选择 ›'}</Text>
              }
              onClick={() => setPicker('street')}
              data-testid="invite-street"
            />
          </Cell.Group>
        </View>
      )}

      {role !== '' && !district && (
        <View>
          <View className="invite-form__label">负责范围</View>
          {gridLevel ? (
            <Cell.Group className="invite-form__cells">
              <Cell
                clickable
                title="所属社区"
                extra={
                  <Text className={community ? 'pick-value' : 'pick-empty'}>
                    {community?.name ?? '请选择 ›'}
                  </Text>
                }
                onClick={() => setPicker('community')}
              />
              <Cell
                clickable={!!community}
                title="所属网格"
                extra={
                  <Text className={grid ? 'pick-value' : 'pick-empty'}>
                    {grid?.name ?? (community ? '请选择 ›' : '请先选社区')}
                  </Text>
                }
                onClick={() => (community ? setPicker('grid') : setError('请先选择所属社区'))}
              />
            </Cell.Group>
          ) : (
            <View className="invite-form__street">{scopes!.street.name}（全街道）</View>
          )}
        </View>
      )}

      <View className="invite-form__label">有效期</View>
      <Radio.Group
        className="chip-group"
        value={validHours}
        shape="button"
        direction="horizontal"
        onChange={(v) => setValidHours(Number(v))}
      >
        {VALIDITY_CHOICES.map((c) => (
          <Radio key={c.value} value={c.value} shape="button" className="chip">
            {c.label}
          </Radio>
        ))}
      </Radio.Group>

      <View className="invite-form__label">备注（选填）</View>
      <Input
        className="app-input"
        value={note}
        maxLength={50}
        placeholder="如：幸福社区 王师傅"
        onChange={setNote}
        clearable
      />

      <FormFooter error={error} busy={busy} label="生成邀请码" onSubmit={() => void submit()} />

      <AppPicker
        title="选择街道"
        visible={picker === 'street'}
        options={[streetOptions]}
        value={[streetId || (streetOptions[0]?.value ?? '')]}
        onConfirm={(_opts, values) => {
          setStreetId(String(values[0] ?? streetOptions[0]?.value ?? ''))
          setError('')
        }}
        onClose={() => setPicker(null)}
      />
      <AppPicker
        title="选择社区"
        visible={picker === 'community'}
        options={[communityOptions]}
        value={[communityId || (communityOptions[0]?.value ?? '')]}
        onConfirm={(_opts, values) => {
          const id = String(values[0] ?? communityOptions[0]?.value ?? '')
          if (id !== communityId) setGridId('')
          setCommunityId(id)
          setError('')
        }}
        onClose={() => setPicker(null)}
      />
      <AppPicker
        title="选择网格"
        visible={picker === 'grid'}
        options={[gridOptions]}
        value={[gridId || (gridOptions[0]?.value ?? '')]}
        onConfirm={(_opts, values) => {
          setGridId(String(values[0] ?? gridOptions[0]?.value ?? ''))
          setError('')
        }}
        onClose={() => setPicker(null)}
      />
    </View>
  )
})
