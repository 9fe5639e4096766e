import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import {
  HAND_OUT_STATUS_LABELS,
  PURCHASE_STATUS_LABELS,
  SUPPLY_LABELS,
  SUPPLY_UNITS,
} from '../../../../shared/supplies'
import type { Item } from '../../../services/api'
import { dateTime } from '../../../utils/format'

type HandOut = Item<'supplies', 'handOuts'>
type Purchase = Item<'supplies', 'purchases'>

/** One hand-out: what, to whom, by whom, and whether the enterprise confirmed it. */
export function HandOutCard({ m, onConfirm }: { m: HandOut; onConfirm?: (m: HandOut) => void }) {
  const waiting = m.status === 'handed'
  return (
    <View className="card sp-move" data-testid="hand-out">
      <View className="sp-move__head">
        <Text className="sp-move__what">
          {SUPPLY_LABELS[m.kind]} {m.quantity}
          {SUPPLY_UNITS[m.kind]}
        </Text>
        <Text className={`sp-tag${waiting ? ' sp-tag--warn' : ' sp-tag--ok'}`}>
          {m.status ? HAND_OUT_STATUS_LABELS[m.status] : ''}
        </Text>
      </View>
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
      <View className="sp-move__head">
        <Text className="sp-move__what">
          {SUPPLY_LABELS[p.kind]} {p.quantity}
          {SUPPLY_UNITS[p.kind]}
        </Text>
        <Text className={`sp-tag${open ? ' sp-tag--warn' : ' sp-tag--ok'}`}>
          {PURCHASE_STATUS_LABELS[p.status]}
        </Text>
      </View>
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
