// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Phone } from '@nutui/icons-react-taro'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useCallback, useState, type ReactNode } from 'react'
import {
  SETTLEMENT_LABELS,
  canCancel,
  canRelease,
  stateLabel,
  type ErrandState,
} from '../../../shared/errand'
import { AccountGate } from '../../components/AccountGate'
import { ContactList } from '../../components/ContactList'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { useConfirm } from '../../components/useConfirm'
import { CloudError } from '../../services/cloud'
import { errandApi, relationTo, type Errand } from '../../services/errand'
import type { AccountView as Account, Contact } from '../../../shared/account'
import { ERRAND_PAGES } from '../../utils/errandPages'
import { dateTime } from '../../utils/format'
import { goBack, openPage } from '../../utils/nav'
import { toast } from '../../utils/toast'
import { useRemote } from '../../utils/useRemote'
import { primaryLabel, useAssigneeActions, type ActionOutcome } from './parts/AssigneeActions'
import { CodeCard } from './parts/CodeCard'
import { SubscribeCard } from '../../components/SubscribeCard'
import { CATEGORY_TINTS, addressText, formatYuan, windowText } from './parts/labels'
import { PhotoView } from './parts/Photo'
import { Progress } from './parts/Progress'
import { RateCard, RatingView } from './parts/RateCard'
import { StatusTag } from './parts/StatusTag'
import { usePolling } from './parts/usePolling'
import './errand.scss'

type ErrandEvent = NonNullable<Errand['timeline']>[number]
type ErrandRelation = ReturnType<typeof relationTo>

const POLL_MS = 10_000

function explain(e: Errand, rel: ErrandRelation): string {
  const psych = e.category === 'psych'
  const who = e.assignee?.name ?? ''
  if (rel === 'assignee') {
    const tips: Partial<Record<ErrandState, string>> = psych
      ? {
          claimed: '请尽快电话联系居民；沟通完成后点「已完成疏导」',
          delivered: '等待居民确认',
          confirmed: '居民已确认，辛苦了',
        }
      : {
          claimed: '出发采购时点「开始采购」',
          purchasing: '买好后填写实际花费、拍下小票，再开始配送',
          delivering: '送到后拍照，选择结算方式',
          delivered: '请居民读出手机上的交接码完成交接，也可等居民自己确认收货',
          confirmed: '居民已确认收货，辛苦了',
          cancelled: '居民已取消，无需再处理',
        }
    return tips[e.status] ?? ''
  }
  if (rel === 'queue') return psych ? '居民需要心理疏导，接单后请电话联系' : '认领后可看到门牌号和联系电话'
  const tips: Record<ErrandState, string> = psych
    ? {
        open: '已通知网格员，会尽快与您联系',
        claimed: `网格员${who}已接单，会电话联系您`,
        purchasing: '',
        delivering: '',
        delivered: '网格员已记录本次沟通，请确认',
        confirmed: '已完成，如还需要帮助可再次发起',
        cancelled: '已取消',
      }
    : {
        open: '已通知社区管家，请耐心等待认领',
        claimed: `社区管家${who}已认领，即将为您采购`,
        purchasing: `${who}正在为您采购`,
        delivering: '已买好，正在送来，请准备好交接码',
        delivered: e.contactless
          ? '已放在您家门口，请开门取物、核对后确认收货'
          : '已送达，请核对物品后确认收货',
        confirmed: '已确认收货，感谢配合',
        cancelled: '需求已取消',
      }
  return rel === 'overseer' ? '' : tips[e.status]
}

function eventText(ev: ErrandEvent, e: Errand): string {
  switch (ev.type) {
    case 'create':
      return '发起需求'
    case 'claim':
      return '认领'
    case 'release':
      return `退回${ev.note ? `：${ev.note}` : ''}`
    case 'advance':
      return `更新为「${ev.to ? stateLabel(ev.to, e.category) : ''}」${ev.note ? `：${ev.note}` : ''}`
    case 'confirm':
      return e.category === 'psych' ? '确认完成' : '确认收货'
    case 'cancel':
      return `取消${ev.note ? `：${ev.note}` : ''}`
    case 'rate':
      return `评价 ${ev.note ?? ''}`
    case 'codeWrong':
      return '交接码输入错误'
    default:
      return ev.type
  }
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <View className="e-row" data-testid={testId}>
      <Text className="e-row__label">{label}</Text>
      <View className="e-row__value">{children}</View>
    </View>
  )
}

function call(phone: string | null | undefined) {
  if (!phone || phone.includes('*')) return
  Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined)
}

function Detail({ account, id }: { account: Account; id: string }) {
  /** Whom to call about it, from the same answer (see the errand function's `get`). */
  const [contacts, setContacts] = useState<Contact[]>([])
  const remote = useRemote<Errand>(
    () =>
      errandApi.get(id).then((r) => {
        setContacts(r.contacts)
        return r.errand
      }),
    [id],
  )
  const { dialog, confirm } = useConfirm()
  const e = remote.data
  const rel = e ? relationTo(e, account._id) : undefined
  const live = Boolean(
    e &&
    (rel === 'requester' || rel === 'assignee' || rel === 'queue') &&
    e.status !== 'cancelled' &&
    !(e.status === 'confirmed' && e.rating),
  )
  usePolling(() => void remote.reload(true), POLL_MS, live)
  usePullDownRefresh(() => {
    remote.reload(true).finally(() => Taro.stopPullDownRefresh())
  })

  const onDone = useCallback(
    (outcome: ActionOutcome, errand?: Errand) => {
      if (outcome === 'released') {
        openPage(ERRAND_PAGES.queue)
        return
      }
      if (errand) remote.setData(errand)
      void remote.reload(true)
    },
    [remote],
  )
  const actions = useAssigneeActions(onDone)

  if (!e) {
    if (remote.status === 'error')
      return <ErrorBlock message={remote.error} onRetry={() => void remote.reload()} />
    return <LoadingBlock rows={4} />
  }
  const psych = e.category === 'psych'
  const tip = explain(e, rel!)

  const confirmReceipt = () =>
    confirm({
      title: psych ? '确认已完成' : '确认收货',
      content: psych ? '确认网格员已和您沟通过？' : '请先核对物品和数量，确认无误后再确认收货。',
      confirmText: psych ? '确认' : '确认收货',
      action: async () => {
        const { errand } = await errandApi.confirm(e._id, e.handoffCode ?? '')
        toast.success(psych ? '已确认' : '已确认收货')
        remote.setData(errand)
      },
    })

  const cancel = () =>
    confirm({
      title: '取消这个需求？',
      content: e.assignee?.name
        ? `管家${e.assignee.name}已认领，取消后会通知他不用再买。`
        : '取消后管家不会再看到这个需求。',
      confirmText: '取消需求',
      cancelText: '再想想',
      danger: true,
      action: async () => {
        try {
          const { errand } = await errandApi.cancel(e._id)
          toast.success('已取消')
          remote.setData(errand)
        } catch (err) {
          if (err instanceof CloudError && err.code === 'ERRAND_NOT_CANCELLABLE') void remote.reload(true)
          throw err
        }
      },
    })

  const primary = rel === 'assignee' ? primaryLabel(e) : undefined
  const busy = actions.busyId === e._id

  return (
    <View className="e-detail">
      <View className="card e-detail__head">
        <View className="e-detail__tags">
          {e.urgent && <Text className="e-urgent">加急</Text>}
          <Text
            className="e-chip"
            style={{ color: CATEGORY_TINTS[e.category], borderColor: CATEGORY_TINTS[e.category] }}
          >
            {e.categoryLabel}
          </Text>
          <Text className="e-detail__when">{dateTime(e.createdAt)} 发起</Text>
        </View>
        <View className="e-detail__status-row">
          <StatusTag errand={e} large />
        </View>
        {tip ? <View className="e-detail__tip">{tip}</View> : null}
      </View>

      {rel === 'requester' && <CodeCard errand={e} />}
      {rel === 'requester' && (e.status === 'open' || e.status === 'claimed') && (
        <SubscribeCard
          kind="errandStatus"
          title="跑腿进度通知"
          text="有人认领、送到门口时，微信通知您（每点一次「允许」收一条）。"
          label="开启进度通知"
        />
      )}

      {/* What this person can do now */}
      {rel === 'requester' && e.status === 'delivered' && (
        <View className="e-actions">
          <Button type="primary" size="large" block onClick={confirmReceipt}>
            {psych ? '确认已完成' : '确认收货'}
          </Button>
        </View>
      )}
      {rel === 'requester' && e.status === 'confirmed' && !e.rating && e.assignee && (
        <RateCard errand={e} onRated={(x) => remote.setData(x)} />
      )}
      {rel === 'requester' && e.rating && <RatingView rating={e.rating} />}

      {rel === 'assignee' && (primary || canRelease(e.status)) && (
        <View className="e-actions">
          {primary && (
            <Button
              type="primary"
              size="large"
              block
              className="e-next"
              loading={busy}
              disabled={busy}
              onClick={() => actions.next(e)}
            >
              {primary}
            </Button>
          )}
          {canRelease(e.status) && (
            <View className="e-actions__minor">
              <Text className="e-link e-link--danger" onClick={() => actions.release(e)}>
                无法完成？退回需求
              </Text>
            </View>
          )}
        </View>
      )}
      {rel === 'assignee' && e.rating && <RatingView rating={e.rating} title="居民的评价" />}

      {rel === 'queue' && e.status === 'open' && (
        <View className="e-actions">
          <Button
            type="primary"
            size="large"
            block
            loading={busy}
            disabled={busy}
            onClick={() => void actions.claim(e)}
          >
            {psych ? '接单' : '认领'}
          </Button>
        </View>
      )}

      <View className="section-title">进度</View>
      <View className="card">
        <Progress errand={e} />
      </View>

      {!psych && (
        <>
          <View className="section-title">
            物品清单
            <Text className="section-title__extra">共 {e.items.length} 样</Text>
          </View>
          <View className="card e-items" data-testid="errand-items">
            {e.items.map((i, n) => (
              <View className="e-items__row" key={n}>
                <View className="e-items__main">
                  <Text className="e-items__name">{i.name}</Text>
                  <Text className="e-items__qty">
                    ×{i.quantity}
                    {i.unit ?? ''}
                  </Text>
                </View>
                {i.note ? <View className="e-items__note">{i.note}</View> : null}
              </View>
            ))}
            <View className="e-items__money">
              <Row label="预算">{formatYuan(e.budgetFen)}</Row>
              {e.spentFen != null && (
                <Row label="实际花费" testId="errand-spent">
                  <Text className={e.overBudget ? 'e-over' : ''}>{formatYuan(e.spentFen)}</Text>
                  {e.overBudget ? <Text className="e-over__tag">超预算</Text> : null}
                </Row>
              )}
              {e.overBudgetReason ? <Row label="超支原因">{e.overBudgetReason}</Row> : null}
              {e.settlement ? <Row label="结算方式">{SETTLEMENT_LABELS[e.settlement]}</Row> : null}
            </View>
          </View>
        </>
      )}

      <View className="section-title">{psych ? '需求说明' : '配送信息'}</View>
      <View className="card e-info">
        {psych ? (
          <Row label="想聊的">{e.note || '—'}</Row>
        ) : (
          <>
            <Row label="送达时间">{windowText(e.deliveryWindow)}</Row>
            <Row label="配送方式">{e.contactless ? '无接触配送（放门口）' : '当面交接'}</Row>
            {e.note ? <Row label="备注">{e.note}</Row> : null}
          </>
        )}
        {psych && e.deliveryWindow ? <Row label="方便时间">{windowText(e.deliveryWindow)}</Row> : null}
        <Row label={psych ? '居民' : '收货人'}>
          {e.requesterName}
          {rel !== 'queue' && e.phone ? (
            <Text
              className={`e-phone${e.phone.includes('*') || rel === 'requester' ? ' e-phone--plain' : ''}`}
              onClick={rel === 'assignee' ? () => call(e.phone) : undefined}
            >
              {rel === 'assignee' && <Phone size={14} color="#1f6fd8" />} {e.phone}
            </Text>
          ) : null}
        </Row>
        <Row label="地址" testId="errand-address">
          {addressText(e)}
          {rel === 'queue' ? <Text className="e-muted">（认领后显示门牌号）</Text> : null}
        </Row>
        {e.assignee?.name && <Row label={psych ? '网格员' : '社区管家'}>{e.assignee.name}</Row>}
      </View>

      {contacts.length > 0 && (
        <>
          <View className="section-title">有问题找谁</View>
          <ContactList contacts={contacts} testId="errand-contacts" />
        </>
      )}

      {(e.receiptFileId || e.dropOffFileId) && (
        <>
          <View className="section-title">照片</View>
          <View className="card e-photos">
            <PhotoView fileID={e.receiptFileId} title="购物小票" />
            <PhotoView fileID={e.dropOffFileId} title={e.contactless ? '门口物品' : '送达照片'} />
          </View>
        </>
      )}

      {e.timeline && e.timeline.length > 0 && (
        <>
          <View className="section-title">处理记录</View>
          <View className="card e-log">
            {[...e.timeline].reverse().map((ev, i) => (
              <View className="e-log__row" key={`${ev.at}-${i}`}>
                <Text className="e-log__time">{dateTime(ev.at)}</Text>
                <Text className="e-log__text">
                  {ev.byName} {eventText(ev, e)}
                </Text>
              </View>
            ))}
          </View>
        </>
      )}

      {rel === 'requester' && canCancel(e.status) && (
        <View className="e-actions e-actions--bottom">
          <Button fill="outline" type="danger" size="large" block onClick={cancel}>
            取消需求
          </Button>
          <View className="hint">管家开始采购后就不能取消了</View>
        </View>
      )}
      {actions.sheets}
      {dialog}
    </View>
  )
}

function DetailPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  return (
    <PageShell className="e-page">
      <AccountGate action={['errand', 'get']}>
        {(account) =>
          id ? (
            <Detail account={account} id={id} />
          ) : (
            <EmptyBlock
              title="没有找到这个需求"
              action={
                <Button type="primary" size="large" onClick={() => goBack()}>
                  返回
                </Button>
              }
            />
          )
        }
      </AccountGate>
    </PageShell>
  )
}

export default DetailPage
