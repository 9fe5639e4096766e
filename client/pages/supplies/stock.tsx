// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { AccountView as Account } from '../../../shared/account'
import { mayDo } from '../../../shared/policy'
import { SUPPLY_PAGES } from '../../../shared/routes'
import { handOutInput, receiveInput } from '../../../shared/schemas/supplies'
import {
  SUPPLY_LABELS,
  SUPPLY_SOURCES,
  SUPPLY_SOURCE_LABELS,
  SUPPLY_UNITS,
  type SupplyKind,
  type SupplySource,
} from '../../../shared/supplies'
import { AccountGate } from '../../components/AccountGate'
import { Field } from '../../components/Field'
import { FormFooter } from '../../components/FormFooter'
import { ListFoot } from '../../components/ListFoot'
import { PageShell } from '../../components/PageShell'
import { Sheet } from '../../components/Sheet'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { newRequestId } from '../../services/api'
import { suppliesApi } from '../../services/supplies'
import { openPage } from '../../utils/nav'
import { toast } from '../../utils/toast'
import { usePagedList } from '../../utils/usePagedList'
import { useRemote } from '../../utils/useRemote'
import { useSubmit } from '../../utils/useSubmit'
import { EnterpriseSearch, type PickedEnterprise } from './parts/EnterpriseSearch'
import { HandOutCard } from './parts/MovementCard'
import { Received } from './parts/Received'
import { KindAndQuantity, TextField, issuesOf, quantityOf } from './parts/SupplyForm'
import './supplies.scss'

type Stock = Partial<Record<SupplyKind, number>>

/** The street admin books stock received: bought or donated. */
function ReceiveSheet({
  visible,
  onClose,
  onDone,
}: {
  visible: boolean
  onClose: () => void
  onDone: () => void
}) {
  const [kind, setKind] = useState<SupplyKind | ''>('')
  const [quantity, setQuantity] = useState('')
  const [source, setSource] = useState<SupplySource | ''>('')
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const requestId = useRef(newRequestId())
  const submit = useSubmit()
  const send = () =>
    submit.run(async () => {
      const parsed = receiveInput.safeParse({
        kind: kind || undefined,
        quantity: quantityOf(quantity),
        source: source || undefined,
        ...(note.trim() ? { note } : {}),
        requestId: requestId.current,
      })
      if (!parsed.success) return setErrors(issuesOf(parsed.error.issues))
      setErrors({})
      await suppliesApi.receive(parsed.data)
      toast.success('已登记入库')
      requestId.current = newRequestId()
      setQuantity('')
      setNote('')
      onDone()
    })
  return (
    <Sheet visible={visible} title="登记入库" description="街道采购或社会捐赠的防疫物资" onClose={onClose}>
      <View className="sp-sheet">
        <KindAndQuantity
          kind={kind}
          quantity={quantity}
          onKind={setKind}
          onQuantity={setQuantity}
          errors={errors}
        />
        <Field label="来源" required error={errors.source}>
          <View className="sp-chips">
            {SUPPLY_SOURCES.map((s) => (
              <View
                key={s}
                className={`sp-chip${source === s ? ' sp-chip--on' : ''}`}
                onClick={() => setSource(s)}
              >
                {SUPPLY_SOURCE_LABELS[s]}
              </View>
            ))}
          </View>
        </Field>
        <TextField
          label="来源说明"
          error={errors.note}
          placeholder="如：某某公司捐赠（选填）"
          maxLength={100}
          value={note}
          onChange={setNote}
        />
        <FormFooter
          inline
          error={submit.error}
          busy={submit.busy}
          label="登记入库"
          onSubmit={() => void send()}
        />
      </View>
    </Sheet>
  )
}

/** A grid worker or admin hands supplies out to an enterprise in their scope. */
function HandOutSheet({
  visible,
  stock,
  onClose,
  onDone,
}: {
  visible: boolean
  stock: Stock
  onClose: () => void
  onDone: () => void
}) {
  const [enterprise, setEnterprise] = useState<PickedEnterprise>()
  const [kind, setKind] = useState<SupplyKind | ''>('')
  const [quantity, setQuantity] = useState('')
  const [signedBy, setSignedBy] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const requestId = useRef(newRequestId())
  const submit = useSubmit()
  const send = () =>
    submit.run(async () => {
      const parsed = handOutInput.safeParse({
        enterpriseId: enterprise?._id ?? '',
        kind: kind || undefined,
        quantity: quantityOf(quantity),
        ...(signedBy.trim() ? { signedBy } : {}),
        requestId: requestId.current,
      })
      if (!parsed.success) {
        const e = issuesOf(parsed.error.issues)
        return setErrors(e.enterpriseId ? { ...e, enterpriseId: '请选择领用的企业' } : e)
      }
      setErrors({})
      await suppliesApi.handOut(parsed.data)
      toast.success(signedBy.trim() ? '已发放，现场签收' : '已发放，等待企业确认')
      requestId.current = newRequestId()
      setQuantity('')
      setSignedBy('')
      onDone()
    })
  return (
    <Sheet visible={visible} title="发放物资" description="从街道库存发放给企业或门店" onClose={onClose}>
      <View className="sp-sheet">
        <Field label="领用企业" required error={errors.enterpriseId}>
          <EnterpriseSearch value={enterprise} onChange={setEnterprise} />
        </Field>
        <KindAndQuantity
          kind={kind}
          quantity={quantity}
          onKind={setKind}
          onQuantity={setQuantity}
          errors={errors}
          onHand={stock}
        />
        <TextField
          label="现场签收人"
          error={errors.signedBy}
          hint="当面交接时填写签收人姓名；不填则由企业在小程序里确认收到"
          placeholder="选填"
          maxLength={20}
          value={signedBy}
          onChange={setSignedBy}
        />
        <FormFooter
          inline
          error={submit.error}
          busy={submit.busy}
          label="确认发放"
          onSubmit={() => void send()}
        />
      </View>
    </Sheet>
  )
}

function StockBoard({ account }: { account: Account }) {
  const [sheet, setSheet] = useState<'receive' | 'handOut' | null>(null)
  const stock = useRemote(() => suppliesApi.stock(), [])
  const list = usePagedList((page, pageSize) => suppliesApi.handOuts({ page, pageSize }), [], {
    pageSize: 10,
    rowKey: (m) => m._id,
    refreshOnShow: true,
  })
  const reload = (quiet: boolean) => Promise.all([stock.reload(quiet), list.reload(quiet)])
  usePullDownRefresh(() => {
    void reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.loadMore())
  if (stock.status === 'loading' || list.status === 'loading') return <LoadingBlock cards={2} rows={3} />
  if (stock.status === 'error' || list.status === 'error' || !stock.data)
    return <ErrorBlock message={stock.error || list.error} onRetry={() => void reload(false)} />
  const onHand: Stock = Object.fromEntries(stock.data.items.map((s) => [s.kind, s.quantity]))
  const done = () => {
    setSheet(null)
    void reload(true)
  }
  return (
    <View>
      <View className="section-title section-title--first">街道库存</View>
      <View className="sp-stock">
        {stock.data.items.map((s) => (
          <View
            key={s.kind}
            className={`sp-stock__item${s.quantity ? '' : ' sp-stock__item--empty'}`}
            data-testid={`stock-${s.kind}`}
          >
            <Text className="sp-stock__label">{SUPPLY_LABELS[s.kind]}</Text>
            <Text className="sp-stock__qty">{s.quantity.toLocaleString('zh-CN')}</Text>
            <Text className="sp-stock__unit">{SUPPLY_UNITS[s.kind]}</Text>
          </View>
        ))}
      </View>
      <View className="sp-actions">
        {mayDo(account, ['supplies', 'receive']) && (
          <Button size="large" className="sp-actions__btn" onClick={() => setSheet('receive')}>
            登记入库
          </Button>
        )}
        <Button type="primary" size="large" className="sp-actions__btn" onClick={() => setSheet('handOut')}>
          发放物资
        </Button>
      </View>
      <View
        className="card sp-link"
        data-testid="to-purchases"
        onClick={() => openPage(SUPPLY_PAGES.purchases)}
      >
        <Text>企业申请协助采购</Text>
        <Text className="sp-link__arrow">›</Text>
      </View>
      <View className="section-title">
        发放记录
        <View className="section-title__extra">共 {list.total} 次</View>
      </View>
      {list.items.length === 0 ? (
        <EmptyBlock title="还没有发放记录" description="发放给企业的口罩、测温枪等物资会记录在这里。" />
      ) : (
        <View>
          {list.items.map((m) => (
            <HandOutCard key={m._id} m={m} />
          ))}
          <ListFoot list={list} />
        </View>
      )}
      <ReceiveSheet visible={sheet === 'receive'} onClose={() => setSheet(null)} onDone={done} />
      {sheet === 'handOut' && (
        <HandOutSheet visible stock={onHand} onClose={() => setSheet(null)} onDone={done} />
      )}
    </View>
  )
}

/** One page for everyone the 防疫物资 entry admits: the owner's receipts, or the staff's stock. */
function StockPage() {
  return (
    <PageShell>
      <AccountGate action={['supplies', 'handOuts']}>
        {(account) => (account.role === 'owner' ? <Received /> : <StockBoard account={account} />)}
      </AccountGate>
    </PageShell>
  )
}

export default StockPage
