import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import type { Classification } from '../../../../shared/health'
import { SubscribeCard } from '../../../components/SubscribeCard'
import type { Reply } from '../../../services/api'
import { monthDay } from '../../../utils/format'
import { HEALTH_PAGES, restartAt } from '../../../utils/nav'

type Quarantine = NonNullable<Reply<'health', 'declare'>['quarantine']>

/** The answer to a declaration: key person (on to the card) or not (home, or declare again). */
export function DeclareResult({
  classification,
  quarantine,
  observationOver,
  onAgain,
}: {
  classification: Classification
  quarantine: Quarantine | null
  observationOver?: boolean
  onAgain: () => void
}) {
  // The observation counts from the arrival: one that has already run its course asks nothing more.
  const key = classification.result === 'keyPerson' && !observationOver
  return (
    <View className={`result-card${key ? ' result-card--key' : ''}`} data-testid="declare-result">
      <View className="result-card__icon">{key ? '!' : '✓'}</View>
      <View className="result-card__title">{key ? '您被列为重点人员' : '申报成功，无需隔离'}</View>
      {key ? (
        <View className="result-card__lead">
          需要居家隔离
          {quarantine ? ` ${quarantine.totalDays} 天（从 ${monthDay(quarantine.startDate)} 算起）` : ''}
          {quarantine ? `，到 ${monthDay(quarantine.endDate)} 解除` : ''}。每天上午、下午各报备一次体温。
        </View>
      ) : observationOver ? (
        <View className="result-card__lead">
          您到达本地已满观察期，无需居家隔离。请继续做好个人防护，如出现发热、咳嗽，请及时告诉社区。
        </View>
      ) : (
        <View className="result-card__lead">请继续做好个人防护。如出现发热、咳嗽，请及时告诉社区。</View>
      )}
      {key && (
        <View className="result-card__reasons">
          <View className="result-card__reasons-title">原因</View>
          {classification.reasons.map((r) => (
            <View key={r} className="result-card__reason">
              · {r}
            </View>
          ))}
        </View>
      )}
      {key && (
        <SubscribeCard
          kind="reportReminder"
          title="体温报备提醒"
          text="到了报备时段快结束还没报备，微信会提醒您一次。"
          label="开启报备提醒"
        />
      )}
      <View className="result-card__actions">
        {key ? (
          <Button type="primary" size="large" block onClick={() => restartAt(HEALTH_PAGES.card)}>
            打开我的隔离卡
          </Button>
        ) : (
          <Button type="primary" size="large" block onClick={() => restartAt('/pages/index/index')}>
            回到首页
          </Button>
        )}
        {!key && (
          <Button fill="none" size="large" block onClick={onAgain}>
            重新填写
          </Button>
        )}
      </View>
    </View>
  )
}
