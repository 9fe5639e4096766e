import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { STANDING_LABELS, type CertificateStanding } from '../../../../shared/supplies'
import { CloudImage } from '../../../components/CloudImage'
import type { Reply } from '../../../services/api'
import { dateTime } from '../../../utils/format'

export type Certificate = Reply<'certificate', 'mine'>['items'][number]

/** The tone of a standing: green may work, orange soon not, red may not. */
export function standingTone(s: CertificateStanding): string {
  return s === 'valid' ? 'ok' : s === 'expiring' || s === 'pending' ? 'warn' : 'bad'
}

export function StandingTag({ standing }: { standing: CertificateStanding }) {
  return <Text className={`hc-tag hc-tag--${standingTone(standing)}`}>{STANDING_LABELS[standing]}</Text>
}

export function CertificateCard({ c, children }: { c: Certificate; children?: ReactNode }) {
  return (
    <View className="card hc-card" data-testid="certificate">
      <View className="hc-card__head">
        <Text className="hc-card__title">{c.enterpriseName}</Text>
        <StandingTag standing={c.standing} />
      </View>
      <View className="hc-card__body">
        <CloudImage
          fileID={c.photo}
          className="hc-card__photo"
          previewable
          fallback={<View className="hc-card__photo hc-card__photo--none">健康证</View>}
        />
        <View className="hc-card__facts">
          <View>编号 {c.number}</View>
          <View>{c.authority}</View>
          <View>
            有效期至 {c.expiresOn}
            {c.daysLeft >= 0 && c.daysLeft <= 30 ? `（还剩${c.daysLeft}天）` : ''}
          </View>
          <View className="hc-card__note">
            {dateTime(c.uploadedAt)} 上传
            {c.verifiedByName ? ` · ${c.verifiedByName} 核验` : ''}
            {c.status === 'rejected' && c.note ? ` · 未通过：${c.note}` : ''}
          </View>
        </View>
      </View>
      {children}
    </View>
  )
}
