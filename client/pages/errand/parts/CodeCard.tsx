import { Text, View } from '@tarojs/components'
import type { Errand } from '../../../services/errand'

/**
 * The handoff code on the requester's screen. Big while the butler is on the way or at the door (that is
 * when it is read out); small and calm before, so nobody reads it out too early.
 */
export function CodeCard({ errand, compact }: { errand: Errand; compact?: boolean }) {
  const code = errand.handoffCode
  if (!code) return null
  const atDoor = errand.status === 'delivering' || errand.status === 'delivered'
  const psych = errand.category === 'psych'
  if (!atDoor || compact) {
    return (
      <View className={`e-code e-code--small${atDoor ? ' e-code--door' : ''}`} data-testid="handoff-code">
        <Text className="e-code__label">交接码</Text>
        <Text className="e-code__digits e-code__digits--small">{code}</Text>
        {!compact && <Text className="e-code__tip">送达时出示</Text>}
      </View>
    )
  }
  return (
    <View className="e-code" data-testid="handoff-code">
      <View className="e-code__label">交接码</View>
      <View className="e-code__digits" aria-label={`交接码 ${code.split('').join(' ')}`}>
        {code.split('').map((d, i) => (
          <Text key={i} className="e-code__digit">
            {d}
          </Text>
        ))}
      </View>
      <View className="e-code__tip">
        {psych
          ? '确认完成时使用'
          : errand.status === 'delivering'
            ? '管家送到时，请把这个号码读给管家核对'
            : '物品已送达，请核对后确认收货，或把号码读给管家'}
      </View>
    </View>
  )
}
