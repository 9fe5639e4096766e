import { Text, View } from '@tarojs/components'
import { ENTERPRISE_KIND_LABELS } from '../../../../shared/enterprise'
import { CloudImage } from '../../../components/CloudImage'
import type { Reply } from '../../../services/api'
import { maskPhone } from '../../../../shared/mask'
import { InfoRow } from './FormSection'
import { useScopeNames } from './scopes'

type Enterprise = Reply<'application', 'get'>['enterprise']

/** An enterprise's registration, as a read-only list. */
export function EnterpriseInfo({
  enterprise: e,
  maskContacts,
}: {
  enterprise: Enterprise
  maskContacts?: boolean
}) {
  const names = useScopeNames(e.communityId, e.gridId)
  return (
    <View className="card ap-summary">
      <View className="ap-summary__title">企业信息</View>
      <InfoRow label="企业名称">
        <Text className="ap-strong">{e.name}</Text>
      </InfoRow>
      <InfoRow label="信用代码">
        <Text className="ap-mono">{e.creditCode}</Text>
      </InfoRow>
      <InfoRow label="企业类型">{ENTERPRISE_KIND_LABELS[e.kind]}</InfoRow>
      <InfoRow label="所属行业">{e.industry}</InfoRow>
      <InfoRow label="经营地址">{e.address}</InfoRow>
      <InfoRow label="所属网格">
        {names.community ? `${names.community} · ${names.grid}` : <Text className="ap-missing">…</Text>}
      </InfoRow>
      <InfoRow label="法定代表人">{e.legalRepresentative}</InfoRow>
      <InfoRow label="联系人">
        {e.contactName} {maskContacts ? maskPhone(e.contactPhone) : e.contactPhone}
      </InfoRow>
      <InfoRow label="营业执照">
        {e.licencePhoto ? (
          <CloudImage
            fileID={e.licencePhoto}
            className="ap-licence"
            previewable
            fallback={<Text className="ap-ok">已上传</Text>}
          />
        ) : (
          <Text className="ap-missing">未上传</Text>
        )}
      </InfoRow>
    </View>
  )
}
