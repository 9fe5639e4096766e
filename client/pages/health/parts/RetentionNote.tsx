import { Text, View } from '@tarojs/components'
import { retentionLines } from '../../../../shared/retention'
import { adminApi } from '../../../services/admin'
import { useRemote } from '../../../utils/useRemote'

/** The street's retention policy in words, under the screening rules (set on 备份与数据上报). */
export function RetentionNote() {
  const remote = useRemote(() => adminApi.getRetention(), [])
  if (!remote.data) return null
  return (
    <View className="card" data-testid="retention-note">
      <View className="section-title">个人信息保留期限</View>
      {retentionLines(remote.data.policy).map((l) => (
        <View key={l.label} className="hint" style={{ margin: '6px 0' }}>
          <Text style={{ fontWeight: 600 }}>{l.label}：</Text>
          {l.text}
        </View>
      ))}
    </View>
  )
}
