import { CheckChecked, CheckClose } from '@nutui/icons-react-taro'
import { Text, View } from '@tarojs/components'
import { roleLabel, type Role } from '../../../../shared/roles'
import { CloudImage } from '../../../components/CloudImage'
import type { Reply } from '../../../services/api'
import { dateTime } from '../../../utils/format'
import { INSPECTION_CHECKS, INSPECTION_RESULT_LABELS, INSPECTION_RESULT_TONES } from './labels'

type Inspection = Reply<'application', 'get'>['inspections'][number]

/** Follow-up inspections (回头看), newest first. */
export function InspectionList({ items }: { items: Inspection[] }) {
  return (
    <View>
      {items.map((i) => {
        const tone = INSPECTION_RESULT_TONES[i.result]
        return (
          <View className="card ap-insp" key={i._id} data-testid="inspection">
            <View className="ap-insp__head">
              <Text className="ap-insp__result" style={{ color: tone, borderColor: tone }}>
                {INSPECTION_RESULT_LABELS[i.result]}
              </Text>
              <Text className="ap-insp__time">{dateTime(i.at)}</Text>
            </View>
            <View className="ap-insp__who">
              检查人：{i.inspectorName}（{roleLabel(i.inspectorRole as Role)}）
            </View>
            <View className="ap-insp__checks">
              {INSPECTION_CHECKS.map((c) => {
                const ok = i[c.key]
                return (
                  <View className={`ap-insp__check${ok ? '' : ' ap-insp__check--bad'}`} key={c.key}>
                    {ok ? (
                      <CheckChecked size={15} color="#1f9d55" />
                    ) : (
                      <CheckClose size={15} color="#d93a3a" />
                    )}
                    <Text className="ap-insp__check-text">{c.label}</Text>
                  </View>
                )
              })}
            </View>
            <View className="ap-insp__findings">{i.findings}</View>
            {i.result === 'rectify' && i.rectifyDeadline && (
              <View className="ap-insp__deadline">整改期限：{i.rectifyDeadline}</View>
            )}
            {i.photos.length > 0 && (
              <View className="ap-insp__photos">
                <View className="ap-insp__photos-title">现场照片 {i.photos.length} 张</View>
                <View className="ap-insp__thumbs">
                  {i.photos.map((id) => (
                    <CloudImage
                      key={id}
                      fileID={id}
                      className="ap-insp__thumb"
                      previewable
                      fallback={<View className="ap-insp__thumb ap-insp__thumb--none">照片</View>}
                    />
                  ))}
                </View>
              </View>
            )}
          </View>
        )
      })}
    </View>
  )
}
