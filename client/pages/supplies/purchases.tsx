// First, so that the subpackage's NutUI styles come before any page style that adjusts them.
import './parts/nutui'
import { Button, Input } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { recordPurchaseInput } from '../../../shared/schemas/supplies'
import { SUPPLY_LABELS, SUPPLY_UNITS } from '../../../shared/supplies'
import { AccountGate } from '../../components/AccountGate'
import { Field } from '../../components/Field'
import { ListFoot } from '../../components/ListFoot'
import { PageShell } from '../../components/PageShell'
import { EmptyBlock, ErrorBlock, LoadingBlock } from '../../components/StateView'
import { useConfirm } from '../../components/useConfirm'
import type { Item } from '../../services/api'
import { CloudError } from '../../services/cloud'
import { suppliesApi } from '../../services/supplies'
import { toast } from '../../utils/toast'
import { usePagedList } from '../../utils/usePagedList'
import { PurchaseCard } from './parts/MovementCard'
import { issuesOf, quantityOf } from './parts/SupplyForm'
import './supplies.scss'

type Purchase = Item<'supplies', 'purchases'>

function QuantityBox({ initial, onChange }: { initial: string; onChange: (v: string) => void }) {
  const [v, setV] = useState(initial)
  return (
    <Field label="实际采购数量">
      <Input
        className="app-input"
        type="number"
        maxLength={7}
        value={v}
        onChange={(x) => {
          setV(x)
          onChange(x)
        }}
      />
    </Field>
  )
}

function Purchases() {
  const { dialog, confirm } = useConfirm()
  const [status, setStatus] = useState<'open' | 'procured'>('open')
  const quantity = useRef('')
  const list = usePagedList((page, pageSize) => suppliesApi.purchases({ page, pageSize, status }), [status], {
    pageSize: 10,
    rowKey: (p) => p._id,
    refreshOnShow: true,
  })
  usePullDownRefresh(() => {
    void list.reload(true).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void list.loadMore())
  const record = (p: Purchase) => {
    quantity.current = String(p.quantity)
    confirm({
      title: '登记采购结果',
      content: (
        <View>
          <View className="sp-move__line">
            {p.enterpriseName}申请 {SUPPLY_LABELS[p.kind]} {p.quantity}
            {SUPPLY_UNITS[p.kind]}
          </View>
          <QuantityBox initial={quantity.current} onChange={(v) => (quantity.current = v)} />
        </View>
      ),
      confirmText: '登记',
      action: async () => {
        const parsed = recordPurchaseInput.safeParse({
          purchaseId: p._id,
          quantity: quantityOf(quantity.current),
        })
        if (!parsed.success)
          throw new CloudError('INVALID_INPUT', Object.values(issuesOf(parsed.error.issues))[0]!)
        await suppliesApi.recordPurchase(parsed.data)
        toast.success('已登记，企业会收到通知')
        void list.reload(true)
      },
    })
  }
  return (
    <View>
      <View className="sp-tabs">
        {(['open', 'procured'] as const).map((s) => (
          <View
            key={s}
            className={`sp-tabs__tab${status === s ? ' sp-tabs__tab--on' : ''}`}
            onClick={() => setStatus(s)}
          >
            {s === 'open' ? '待协助' : '已采购'}
          </View>
        ))}
      </View>
      {list.status === 'loading' ? (
        <LoadingBlock cards={2} rows={3} />
      ) : list.status === 'error' ? (
        <ErrorBlock message={list.error} onRetry={() => void list.reload(false)} />
      ) : list.items.length === 0 ? (
        <EmptyBlock
          title={status === 'open' ? '没有待协助的采购' : '还没有采购记录'}
          description="企业在「防疫物资」里申请协助采购后，会显示在这里。"
        />
      ) : (
        <View>
          {list.items.map((p) => (
            <PurchaseCard
              key={p._id}
              p={p}
              action={
                p.status === 'open' ? (
                  <View className="sp-move__actions">
                    <Button type="primary" size="small" onClick={() => record(p)}>
                      登记采购结果
                    </Button>
                  </View>
                ) : undefined
              }
            />
          ))}
          <ListFoot list={list} />
        </View>
      )}
      {dialog}
    </View>
  )
}

function PurchasesPage() {
  return (
    <PageShell>
      <AccountGate action={['supplies', 'recordPurchase']}>{() => <Purchases />}</AccountGate>
    </PageShell>
  )
}

export default PurchasesPage
