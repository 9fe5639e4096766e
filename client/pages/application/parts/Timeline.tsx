import { Text, View } from '@tarojs/components'
import { DEPARTMENT_LABELS, roleLabel, type Role } from '../../../../shared/roles'
import type { Reply } from '../../../services/api'
import { dateTime } from '../../../utils/format'
import { DECISION_LABELS, EVENT_LABELS } from './labels'

type ApplicationEvent = Reply<'application', 'get'>['events'][number]

function title(e: ApplicationEvent): string {
  if (e.type === 'reviewed' && e.department && e.decision)
    return `${DEPARTMENT_LABELS[e.department]}：${DECISION_LABELS[e.decision]}`
  if (e.type === 'submitted' && e.round > 1) return `第${e.round}次提交审核`
  return EVENT_LABELS[e.type]
}

const STRONG = new Set(['approved', 'reopened', 'returned', 'rejected', 'revoked'])
/** The outcome of a round follows the decision that settled it: said once, by the department. */
const OUTCOMES = new Set(['approved', 'returned', 'rejected'])

/** What happened to the application, newest first: who, when, and what they said. */
export function Timeline({ events }: { events: ApplicationEvent[] }) {
  const list = [...events].reverse()
  return (
    <View className="ap-timeline">
      {list.map((e, i) => (
        <View
          key={e._id}
          className={`ap-timeline__item ap-timeline__item--${e.type}${i === 0 ? ' ap-timeline__item--latest' : ''}${
            STRONG.has(e.type) ? ' ap-timeline__item--strong' : ''
          }`}
        >
          <View className="ap-timeline__dot" />
          <View className="ap-timeline__body">
            <View className="ap-timeline__title">{title(e)}</View>
            {OUTCOMES.has(e.type) ? (
              <View className="ap-timeline__meta">{dateTime(e.at)}</View>
            ) : (
              <View className="ap-timeline__meta">
                <Text>{e.actorName}</Text>
                <Text className="ap-timeline__role">（{roleLabel(e.actorRole as Role, e.department)}）</Text>
                <Text>{dateTime(e.at)}</Text>
              </View>
            )}
            {e.comment && !OUTCOMES.has(e.type) && <View className="ap-timeline__comment">{e.comment}</View>}
          </View>
        </View>
      ))}
    </View>
  )
}
