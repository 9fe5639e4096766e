import '../parts/nutui'
import type { PickerOption } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { requestPurchaseInput } from '../../../../shared/schemas/supplies'
import { SUPPLY_LABELS, SUPPLY_UNITS, type SupplyKind } from '../../../../shared/supplies'
import { AppPicker } from '../../../components/AppPicker'
import { Field, SelectBox } from '../../../components/Field'
import { FormFooter } from '../../../components/FormFooter'
import { ListFoot } from '../../../components/ListFoot'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../../components/StateView'
import { useConfirm } from '../../../components/useConfirm'
import { newRequestId, type Item } from '../../../services/api'
import { applicationApi } from '../../../services/application'
import { suppliesApi } from '../../../services/supplies'
import { toast } from '../../../utils/toast'
import { usePagedList } from '../../../utils/usePagedList'
import { useRemote } from '../../../utils/useRemote'
import { useSubmit } from '../../../utils/useSubmit'
import { HandOutCard, PurchaseCard } from './MovementCard'
import { KindAndQuantity, TextField, issuesOf, quantityOf } from './SupplyForm'

type HandOut = Item<'supplies', 'handOuts'>

/** Asking the street to help buy supplies for one of my enterprises. */
function PurchaseForm({
  enterprises,
  onDone,
}: {
  enterprises: { _id: string; name: string }[]
  onDone: () => void
}) {
  const [enterpriseId, setEnterpriseId] = useState(enterprises[0]?._id ?? '')
  const [picking, setPicking] = useState(false)
  const [kind, setKind] = useState<SupplyKind | ''>('')
  const [quantity, setQuantity] = useState('')
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const requestId = useRef(newRequestId())
  const submit = useSubmit()
  const options: PickerOption[] = enterprises.map((e) => ({ label: e.name, value: e._id }))
  const send = () =>
    submit.run(async () => {
      const parsed = requestPurchaseInput.safeParse({
        enterpriseId,
        kind: kind || undefined,
        quantity: quantityOf(quantity),
        ...(note.trim() ? { note } : {}),
        requestId: requestId.current,
      })
      if (!parsed.success) return setErrors(issuesOf(parsed.error.issues))
      setErrors({})
      await suppliesApi.requestPurchase(parsed.data)
      toast.success('已提交，网格员会协助采购')
      requestId.current = newRequestId()
      setQuantity('')
      setNote('')
      onDone()
    })
  return (
    <View className="card sp-form">
      {enterprises.length > 1 && (
        <Field label="企业">
          <SelectBox
            value={enterprises.find((e) => e._id === enterpriseId)?.name}
            placeholder="请选择企业"
            onClick={() => setPicking(true)}
          />
        </Field>
      )}
      <KindAndQuantity
        kind={kind}
        quantity={quantity}
        onKind={setKind}
        onQuantity={setQuantity}
        errors={errors}
      />
      <TextField
        label="说明"
        error={errors.note}
        placeholder="如：复工前全员检测（选填）"
        maxLength={100}
        value={note}
        onChange={setNote}
      />
      <FormFooter
        inline
        error={submit.error}
        busy={submit.busy}
        label="申请协助采购"
        onSubmit={() => void send()}
      />
      <AppPicker
        title="选择企业"
        visible={picking}
        options={[options]}
        value={[enterpriseId]}
        onConfirm={(_o, v) => setEnterpriseId(String(v[0] ?? enterpriseId))}
        onClose={() => setPicking(false)}
      />
    </View>
  )
}

/** The owner's 防疫物资: what the street handed to my enterprises (confirm receipt), and help with buying. */
export function Received() {
  const { dialog, confirm } = useConfirm()
  const mine = useRemote(() => applicationApi.myEnterprises(), [])
  const handOuts = usePagedList((page, pageSize) => suppliesApi.handOuts({ page, pageSize }), [], {
    pageSize: 10,
    rowKey: (m) => m._id,
    refreshOnShow: true,
  })
  const purchases = useRemote(() => suppliesApi.purchases({ pageSize: 20 }), [])
  const reload = (quiet: boolean) =>
    Promise.all([mine.reload(quiet), handOuts.reload(quiet), purchases.reload(quiet)])
  usePullDownRefresh(() => {
    void reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void handOuts.loadMore())
  if (mine.status === 'loading' || handOuts.status === 'loading' || purchases.status === 'loading')
    return <LoadingBlock cards={2} rows={3} />
  if (mine.status === 'error' || handOuts.status === 'error' || purchases.status === 'error' || !mine.data)
    return (
      <ErrorBlock
        message={mine.error || handOuts.error || purchases.error}
        onRetry={() => void reload(false)}
      />
    )
  const waiting = handOuts.items.filter((m) => m.status === 'handed').length
  const onConfirm = (m: HandOut) =>
    confirm({
      title: '确认收到物资',
      content: `${m.enterpriseName}已收到街道发放的${SUPPLY_LABELS[m.kind]} ${m.quantity}${SUPPLY_UNITS[m.kind]}？请清点无误后再确认。`,
      confirmText: '确认收到',
      action: async () => {
        await suppliesApi.confirmReceipt(m._id)
        toast.success('已确认收到')
        void handOuts.reload(true)
      },
    })
  return (
    <View>
      <View className="section-title section-title--first">
        街道发放的物资
        <View className="section-title__extra">
          {waiting ? `${waiting} 次待确认` : `共 ${handOuts.total} 次`}
        </View>
      </View>
      {handOuts.items.length === 0 ? (
        <EmptyBlock
          title="还没有收到物资"
          description="街道发放给您企业的口罩、测温枪等物资会显示在这里，收到后请确认。"
        />
      ) : (
        <View>
          {handOuts.items.map((m) => (
            <HandOutCard key={m._id} m={m} onConfirm={onConfirm} />
          ))}
          <ListFoot list={handOuts} />
        </View>
      )}
      <View className="section-title">请街道协助采购</View>
      {mine.data.items.length ? (
        <PurchaseForm enterprises={mine.data.items} onDone={() => void purchases.reload(true)} />
      ) : (
        <EmptyBlock title="请先登记企业" description="登记企业后可以请街道协助采购防疫物资。" />
      )}
      {purchases.data && purchases.data.items.length > 0 && (
        <View>
          <View className="section-title">我的采购申请</View>
          {purchases.data.items.map((p) => (
            <PurchaseCard key={p._id} p={p} />
          ))}
        </View>
      )}
      {dialog}
    </View>
  )
}
