import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { Errand } from '../../../services/errand'
import { errandDetailUrl } from '../../../utils/errandPages'
import { friendlyTime } from '../../../utils/format'
import { openPage } from '../../../utils/nav'
import { CodeCard } from './CodeCard'
import { CATEGORY_TINTS, addressText, formatYuan, waitedText, wantText, windowText } from './labels'
import { StatusTag } from './StatusTag'

export type CardVariant = 'mine' | 'queue' | 'task' | 'oversee'

interface Props {
  errand: Errand
  variant: CardVariant
  /** Buttons under the card (claim, the next step); taps on them do not open the detail page. */
  footer?: ReactNode
  /** A warning line (超时未认领, 配送超时). */
  alert?: string
}

function CategoryChip({ errand }: { errand: Errand }) {
  const tint = CATEGORY_TINTS[errand.category]
  return (
    <Text className="e-chip" style={{ color: tint, borderColor: tint }}>
      {errand.categoryLabel}
    </Text>
  )
}

/** One request in a list; the body opens the detail page. */
export function ErrandCard({ errand: e, variant, footer, alert }: Props) {
  const open = () => openPage(errandDetailUrl(e._id))
  const money =
    e.category === 'psych'
      ? null
      : e.spentFen != null
        ? `实花 ${formatYuan(e.spentFen)} / 预算 ${formatYuan(e.budgetFen)}`
        : `预算 ${formatYuan(e.budgetFen)}`
  return (
    <View
      className={`card e-card e-card--${variant}${e.urgent ? ' e-card--urgent' : ''}`}
      data-testid={`errand-card-${variant}`}
      data-id={e._id}
    >
      <View className="e-card__main" onClick={open}>
        <View className="e-card__head">
          <View className="e-card__tags">
            {e.urgent && <Text className="e-urgent">加急</Text>}
            <CategoryChip errand={e} />
            {variant === 'queue' && e.ownGrid === false && (
              <Text className="e-chip e-chip--muted">邻近网格</Text>
            )}
          </View>
          {variant === 'queue' ? (
            <Text className={`e-card__wait${(e.waitingMinutes ?? 0) >= 30 ? ' e-card__wait--late' : ''}`}>
              {waitedText(e.waitingMinutes ?? 0)}
            </Text>
          ) : (
            <StatusTag errand={e} />
          )}
        </View>

        {(variant === 'queue' || variant === 'task' || variant === 'oversee') && (
          <View className="e-card__who">
            <Text className="e-card__addr">{addressText(e)}</Text>
            <Text className="e-card__name">{e.requesterName}</Text>
            {variant === 'task' && e.phone ? <Text className="e-card__phone">{e.phone}</Text> : null}
          </View>
        )}

        <View className="e-card__want">{wantText(e)}</View>
        {e.category !== 'psych' && e.note && variant !== 'mine' ? (
          <View className="e-card__note">备注：{e.note}</View>
        ) : null}

        <View className="e-card__meta">
          {money ? <Text>{money}</Text> : null}
          {e.category !== 'psych' && (
            <Text>
              {windowText(e.deliveryWindow)}
              {e.contactless ? ' · 无接触' : ''}
            </Text>
          )}
          {variant !== 'queue' && <Text>{friendlyTime(e.createdAt)}发起</Text>}
        </View>

        {variant === 'oversee' && e.assignee?.name ? (
          <View className="e-card__meta">
            <Text>
              {e.category === 'psych' ? '网格员' : '管家'} {e.assignee.name}
            </Text>
            {e.claimedAt ? <Text>{friendlyTime(e.claimedAt)}认领</Text> : null}
          </View>
        ) : null}

        {variant === 'mine' && e.status !== 'open' && e.assignee?.name && e.status !== 'cancelled' ? (
          <View className="e-card__meta">
            <Text>
              {e.category === 'psych' ? '网格员' : '社区管家'} {e.assignee.name}
            </Text>
          </View>
        ) : null}

        {variant === 'mine' && <CodeCard errand={e} compact />}

        {alert ? <View className="e-card__alert">{alert}</View> : null}
      </View>
      {footer ? <View className="e-card__foot">{footer}</View> : null}
    </View>
  )
}
