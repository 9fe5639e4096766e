import { Text, View } from '@tarojs/components'
import type { RoundReviews } from '../../../../shared/application'
import { DEPARTMENTS, DEPARTMENT_LABELS } from '../../../../shared/roles'
import { dateTime } from '../../../utils/format'
import { DECISION_LABELS, DECISION_TONES } from './labels'

/** The three departments' decisions of one round: who decided what, when, and why. */
export function ReviewBoard({ reviews, waiting }: { reviews: RoundReviews; waiting: boolean }) {
  return (
    <View className="ap-board">
      {DEPARTMENTS.map((d) => {
        const r = reviews[d]
        const tone = r ? DECISION_TONES[r.decision] : '#8a94a6'
        return (
          <View className="ap-board__row" key={d} data-testid={`review-${d}`}>
            <View className="ap-board__head">
              <Text className="ap-board__dept">{DEPARTMENT_LABELS[d]}</Text>
              <Text className="ap-board__decision" style={{ color: tone, borderColor: tone }}>
                {r ? DECISION_LABELS[r.decision] : waiting ? '待审核' : '未审核'}
              </Text>
            </View>
            {r && (
              <View className="ap-board__meta">
                {r.reviewerName} · {dateTime(r.at)}
              </View>
            )}
            {r?.comment && <View className="ap-board__comment">“{r.comment}”</View>}
          </View>
        )
      })}
    </View>
  )
}
