import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { Reply } from '../../../services/api'
import { dateTime } from '../../../utils/format'
import { shortId } from './labels'
import { ReviewBoard } from './ReviewBoard'
import { StatusTag } from './StatusTag'
import { Timeline } from './Timeline'

type Bundle = Reply<'application', 'get'>

/** The top of an application's page: the enterprise, the state, number, round and when it was submitted. */
export function ApplicationHead({
  app,
  testId,
  large,
  children,
}: {
  app: Bundle['application']
  testId: string
  /** The owner's and staff's detail page: a large state tag and every round counted from the first. */
  large?: boolean
  /** Under the line: the steps, or whom the reviewer speaks for. */
  children?: ReactNode
}) {
  const round = large ? (app.round > 0 ? ` · 第${app.round}轮审核` : '') : ` · 第${app.round}轮`
  return (
    <View className={`card ap-head${large ? ' ap-head--large' : ''}`}>
      <View className="ap-head__top">
        <Text className="ap-head__name" data-testid={testId}>
          {app.enterpriseName}
        </Text>
        <StatusTag status={app.status} large={large} />
      </View>
      <View className="ap-head__meta">
        申请编号 {shortId(app._id)}
        {round}
        {app.submittedAt ? ` · 提交于 ${dateTime(app.submittedAt)}` : ''}
      </View>
      {children}
    </View>
  )
}

/** Under an application: the earlier rounds of review, newest first, and the record of what happened. */
export function ApplicationHistory({ bundle, roundsTitle }: { bundle: Bundle; roundsTitle: string }) {
  const { application: app, events } = bundle
  return (
    <>
      {app.pastRounds.length > 0 && (
        <View>
          <View className="section-title">{roundsTitle}</View>
          {[...app.pastRounds].reverse().map((r) => (
            <View className="card" key={r.round}>
              <View className="ap-round">第{r.round}轮</View>
              <ReviewBoard reviews={r.reviews} waiting={false} />
            </View>
          ))}
        </View>
      )}

      <View className="section-title">办理记录</View>
      <View className="card">
        <Timeline events={events} />
      </View>
    </>
  )
}
