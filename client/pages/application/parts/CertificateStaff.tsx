import './nutui'
import { Button, type PickerOption } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { AccountView as Account } from '../../../../shared/account'
import { APP_PAGES, pageUrl } from '../../../../shared/routes'
import { verifyCertificateInput } from '../../../../shared/schemas/supplies'
import { AppPicker } from '../../../components/AppPicker'
import { Field, SelectBox } from '../../../components/Field'
import { ListFoot } from '../../../components/ListFoot'
import { SubscribeCard } from '../../../components/SubscribeCard'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../../components/StateView'
import type { ConfirmOptions } from '../../../components/useConfirm'
import { applicationApi } from '../../../services/application'
import { CloudError } from '../../../services/cloud'
import { certificateApi } from '../../../services/supplies'
import { openPage } from '../../../utils/nav'
import { toast } from '../../../utils/toast'
import { usePagedList } from '../../../utils/usePagedList'
import { useRemote } from '../../../utils/useRemote'
import { firstIssue } from '../../../utils/zodRule'
import { CertificateCard, StandingTag, type Certificate } from './CertificateCard'
import { CommentBox } from './CommentBox'

export type Confirm = (o: ConfirmOptions) => void

/** The grid worker's two answers to a certificate: verified (may work), or refused with the reason. */
function VerifyButtons({ c, confirm, onDone }: { c: Certificate; confirm: Confirm; onDone: () => void }) {
  const note = useRef('')
  const approve = () =>
    confirm({
      title: '核验通过',
      content: `${c.name}的健康证（编号 ${c.number}，有效期至 ${c.expiresOn}）与原件一致？核验后即可上岗。`,
      confirmText: '核验通过',
      action: async () => {
        await certificateApi.verify({ certificateId: c._id, approve: true })
        toast.success('已核验，可以上岗')
        onDone()
      },
    })
  const refuse = () => {
    note.current = ''
    confirm({
      title: '核验不通过',
      content: (
        <CommentBox
          placeholder="不通过的原因，如：照片不清楚、与原件不符"
          onChange={(v) => (note.current = v)}
        />
      ),
      confirmText: '不通过',
      danger: true,
      action: async () => {
        const parsed = verifyCertificateInput.safeParse({
          certificateId: c._id,
          approve: false,
          note: note.current,
        })
        if (!parsed.success) throw new CloudError('INVALID_INPUT', firstIssue(parsed.error))
        await certificateApi.verify(parsed.data)
        toast.success('已退回，员工会收到通知')
        onDone()
      },
    })
  }
  return (
    <View className="hc-card__actions">
      <Button size="small" onClick={refuse}>
        不通过
      </Button>
      <Button size="small" type="primary" onClick={approve}>
        核验通过
      </Button>
    </View>
  )
}

/** One shop's staff: who may work today, each with the certificate in force. */
function StaffList({
  enterpriseId,
  staff,
  confirm,
}: {
  enterpriseId: string
  staff: boolean
  confirm: Confirm
}) {
  const list = useRemote(() => certificateApi.staff(enterpriseId), [enterpriseId])
  usePullDownRefresh(() => {
    void list.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  if (list.status === 'loading') return <LoadingBlock cards={2} rows={3} />
  if (list.status === 'error' || !list.data)
    return <ErrorBlock message={list.error} onRetry={() => void list.reload(false)} />
  const { items, mayWork, mayNotWork } = list.data
  return (
    <View>
      <View className="section-title section-title--first">{list.data.enterpriseName}</View>
      <View className="hc-staff__summary" data-testid="staff-summary">
        可以上岗 {mayWork} 人{mayNotWork ? `，不得上岗 ${mayNotWork} 人` : ''}
      </View>
      {items.length === 0 ? (
        <EmptyBlock title="还没有员工" description="员工用门店加入码做健康申报、上传健康证后会显示在这里。" />
      ) : (
        items.map((row) =>
          row.certificate ? (
            <CertificateCard key={row.accountId} c={{ ...row.certificate, enterpriseName: row.name }}>
              <View className="hc-staff__sub">{row.mayWork ? '可以上岗' : '不得上岗'}</View>
              {staff && row.certificate.status === 'pending' && (
                <VerifyButtons c={row.certificate} confirm={confirm} onDone={() => void list.reload(true)} />
              )}
            </CertificateCard>
          ) : (
            <View key={row.accountId} className="card hc-staff" data-testid="certificate">
              <View>
                <View className="hc-staff__name">{row.name}</View>
                <View className="hc-staff__sub">不得上岗：请尽快办理并上传健康证</View>
              </View>
              <StandingTag standing={row.standing} />
            </View>
          ),
        )
      )}
    </View>
  )
}

/** WeChat notices of certificates about to expire (30 and 7 days before), for the owner and the grid worker. */
function ExpiryNotice() {
  return (
    <SubscribeCard
      kind="certificateExpiry"
      title="健康证到期提醒"
      text="员工健康证到期前 30 天和 7 天，微信通知您（每点一次「允许」收一条）。"
      label="开启到期提醒"
    />
  )
}

/** The owner picks one of their shops. */
function OwnerView({ initial, confirm }: { initial?: string; confirm: Confirm }) {
  const mine = useRemote(() => applicationApi.myEnterprises(), [])
  const [chosen, setChosen] = useState(initial)
  const [picking, setPicking] = useState(false)
  if (mine.status === 'loading') return <LoadingBlock cards={2} rows={3} />
  if (mine.status === 'error' || !mine.data)
    return <ErrorBlock message={mine.error} onRetry={() => void mine.reload(false)} />
  const shops = mine.data.items
  if (!shops.length)
    return <EmptyBlock title="请先登记门店" description="登记门店后，员工的健康证会显示在这里。" />
  const id = chosen ?? shops[0]!._id
  const options: PickerOption[] = shops.map((s) => ({ label: s.name, value: s._id }))
  return (
    <View>
      {shops.length > 1 && (
        <View className="card hc-form">
          <Field label="门店">
            <SelectBox
              value={shops.find((s) => s._id === id)?.name}
              placeholder="请选择门店"
              onClick={() => setPicking(true)}
            />
          </Field>
        </View>
      )}
      <StaffList enterpriseId={id} staff={false} confirm={confirm} />
      <ExpiryNotice />
      <AppPicker
        title="选择门店"
        visible={picking}
        options={[options]}
        value={[id]}
        onConfirm={(_o, v) => setChosen(String(v[0] ?? id))}
        onClose={() => setPicking(false)}
      />
    </View>
  )
}

/** The grid worker's certificates to verify, oldest first. */
function PendingView({ confirm }: { confirm: Confirm }) {
  const list = usePagedList((page, size) => certificateApi.pending(page, size), [], {
    pageSize: 10,
    rowKey: (c) => c._id,
    refreshOnShow: true,
  })
  usePullDownRefresh(() => {
    void list.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.loadMore())
  if (list.status === 'loading') return <LoadingBlock cards={2} rows={3} />
  if (list.status === 'error')
    return <ErrorBlock message={list.error} onRetry={() => void list.reload(false)} />
  return (
    <View>
      <View className="section-title section-title--first">
        待核验的健康证
        <View className="section-title__extra">共 {list.total} 张</View>
      </View>
      {list.items.length === 0 ? (
        <EmptyBlock title="没有待核验的健康证" description="门店员工上传健康证后，会显示在这里等您核验。" />
      ) : (
        <View>
          {list.items.map((c) => (
            <CertificateCard key={c._id} c={c}>
              <View className="hc-staff__sub">
                持证人 {c.name} ·{' '}
                <Text
                  className="hc-link"
                  onClick={() =>
                    openPage(pageUrl(APP_PAGES.certificateStaff, { enterpriseId: c.enterpriseId }))
                  }
                >
                  查看门店员工
                </Text>
              </View>
              <VerifyButtons c={c} confirm={confirm} onDone={() => void list.reload(true)} />
            </CertificateCard>
          ))}
          <ListFoot list={list} />
        </View>
      )}
      <ExpiryNotice />
    </View>
  )
}

/** The owner's staff list (by shop); the grid worker's certificates to verify, or one shop's staff. */
export function CertificateStaff({ account, confirm }: { account: Account; confirm: Confirm }) {
  const { params } = useRouter()
  const enterpriseId = params.enterpriseId || undefined
  if (account.role === 'owner') return <OwnerView initial={enterpriseId} confirm={confirm} />
  return enterpriseId ? (
    <StaffList enterpriseId={enterpriseId} staff confirm={confirm} />
  ) : (
    <PendingView confirm={confirm} />
  )
}
