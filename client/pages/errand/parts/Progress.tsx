import { Text, View } from '@tarojs/components'
import dayjs from 'dayjs'
import { stateLabel } from '../../../../shared/errand'
import type { Errand } from '../../../services/errand'

interface Step {
  key: string
  title: string
  at: number | null | undefined
  hint?: string
}

function steps(e: Errand): Step[] {
  const who = e.assignee?.name ?? ''
  const created: Step = { key: 'created', title: '已发起', at: e.createdAt }
  if (e.status === 'cancelled') {
    return [created, { key: 'cancelled', title: '已取消', at: e.cancelledAt }]
  }
  if (e.category === 'psych') {
    return [
      created,
      {
        key: 'claimed',
        title: stateLabel('claimed', 'psych'),
        at: e.claimedAt,
        hint: e.claimedAt ? `网格员 ${who}` : '等待网格员接单',
      },
      { key: 'delivered', title: stateLabel('delivered', 'psych'), at: e.deliveredAt },
      { key: 'confirmed', title: stateLabel('confirmed', 'psych'), at: e.confirmedAt },
    ]
  }
  return [
    created,
    {
      key: 'claimed',
      title: '管家已认领',
      at: e.claimedAt,
      hint: e.claimedAt ? `社区管家 ${who}` : '等待社区管家认领',
    },
    { key: 'purchasing', title: '采购中', at: e.purchasingAt },
    {
      key: 'delivering',
      title: '配送中',
      at: e.deliveringAt,
      hint: e.deliveringAt ? '已买好，正在送来' : '',
    },
    {
      key: 'delivered',
      title: '已送达',
      at: e.deliveredAt,
      hint: e.deliveredAt ? (e.contactless ? '已放在门口' : '已当面送达') : '',
    },
    { key: 'confirmed', title: '已确认收货', at: e.confirmedAt },
  ]
}

function time(at: number, now = Date.now()): string {
  const d = dayjs(at)
  return d.isSame(dayjs(now), 'day') ? `今天 ${d.format('HH:mm')}` : d.format('M月D日 HH:mm')
}

/** Where the request stands: each step with the moment it was reached; the current one stands out. */
export function Progress({ errand }: { errand: Errand }) {
  const list = steps(errand)
  const reached = list.filter((s) => s.at).length
  return (
    <View className="e-steps" data-testid="errand-steps">
      {list.map((s, i) => {
        const done = Boolean(s.at)
        const current = i === reached - 1
        const cls = ['e-steps__item']
        if (done) cls.push('e-steps__item--done')
        if (current) cls.push('e-steps__item--current')
        if (s.key === 'cancelled') cls.push('e-steps__item--cancelled')
        return (
          <View key={s.key} className={cls.join(' ')}>
            <View className="e-steps__rail">
              <View className="e-steps__dot" />
              {i < list.length - 1 && <View className="e-steps__line" />}
            </View>
            <View className="e-steps__body">
              <View className="e-steps__head">
                <Text className="e-steps__title">{s.title}</Text>
                {s.at ? <Text className="e-steps__time">{time(s.at)}</Text> : null}
              </View>
              {s.hint ? <View className="e-steps__hint">{s.hint}</View> : null}
            </View>
          </View>
        )
      })}
    </View>
  )
}
