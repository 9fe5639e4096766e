import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import {
  HAND_OUT_STATUS_LABELS,
  PURCHASE_STATUS_LABELS,
  SUPPLY_LABELS,
  SUPPLY_UNITS,
  type SupplyKind,
} from '../../../../shared/supplies'
import type { Item } from '../../../services/api'
import { dateTime } from '../../../utils/format'

type HandOut = Item<'supplies', 'handOuts'>
type Purchase = Item<'supplies', 'purchases'>

/** A card's first line: the kind and quantity, and its state (orange while it waits on someone, else green). */
function CardHead({
  kind,
  quantity,
  pending,
  label,
}: {
  kind: SupplyKind
  quantity: number
  pending: boolean
  label: string
}) {
  return (
    <View className="sp-move__head">
      <Text className="sp-move__what">
        {SUPPLY_LABELS[kind]} {quantity}
        {SUPPLY_UNITS[kind]}
      </Text>
      <Text className={`sp-tag${pending ? ' sp-tag--warn' : ' sp-tag--ok'}`}>{label}</Text>
    </View>
  )
}

/** One hand-out: what, to whom, by whom, and whether the enterprise confirmed it. */
export function HandOutCard({ m, onConfirm }: { m: HandOut; onConfirm?: (m: HandOut) => void }) {
  const waiting = m.status === 'handed'
  return (
    <View className="card sp-move" data-testid="hand-out">
      <CardHead
        kind={m.kind}
        quantity={m.quantity}
        pending={waiting}
        label={m.status ? HAND_OUT_STATUS_LABELS[m.status] : ''}
      />
      <View className="sp-move__line">{m.enterpriseName}</View>
      <View className="sp-move__meta">
        {dateTime(m.at)} 发放 · 经办 {m.byName}
        {m.signedBy ? ` · ${m.signedBy} 现场签收` : ''}
        {m.confirmedByName ? ` · ${m.confirmedByName} ${dateTime(m.confirmedAt ?? m.at)} 确认` : ''}
      </View>
      {waiting && onConfirm && (
        <View className="sp-move__actions">
          <Button type="primary" size="small" onClick={() => onConfirm(m)}>
            确认收到
          </Button>
        </View>
      )}
    </View>
  )
}

/** One purchase request: what the enterprise asked for, and what was procured. */
export function PurchaseCard({ p, action }: { p: Purchase; action?: ReactNode }) {
  const open = p.status === 'open'
  return (
    <View className="card sp-move" data-testid="purchase">
      <CardHead kind={p.kind} quantity={p.quantity} pending={open} label={PURCHASE_STATUS_LABELS[p.status]} />
      <View className="sp-move__line">{p.enterpriseName}</View>
      <View className="sp-move__meta">
        {dateTime(p.createdAt)} 申请{p.note ? ` · ${p.note}` : ''}
      </View>
      {!open && (
        <View className="sp-move__meta">
          {p.procuredByName} {dateTime(p.procuredAt ?? p.createdAt)} 已采购 {p.procuredQuantity}
          {SUPPLY_UNITS[p.kind]}
          {p.procuredNote ? `：${p.procuredNote}` : ''}
        </View>
      )}
      {action}
    </View>
  )
}
