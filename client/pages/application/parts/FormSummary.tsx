import { CheckChecked, CheckClose } from '@nutui/icons-react-taro'
import { Text, View } from '@tarojs/components'
import { MEASURES, MEASURE_LABELS, type ApplicationForm } from '../../../../shared/schemas/application'
import { maskPhone } from '../../../../shared/mask'
import { InfoRow } from './FormSection'

const missing = <Text className="ap-missing">未填写</Text>

function count(n: number | undefined, unit: string) {
  return n === undefined ? missing : <Text className="ap-strong">{`${n} ${unit}`}</Text>
}

function Plan({ plan }: { plan?: { text?: string; file?: string } }) {
  if (!plan || (!plan.text && !plan.file)) return missing
  return (
    <View>
      {plan.text && <View className="ap-plan-text">{plan.text}</View>}
      {plan.file && (
        <View className="ap-plan-file">附件已上传{plan.text ? '' : '（纸质方案照片或 PDF）'}</View>
      )}
    </View>
  )
}

/** The application form, read only, section by section (detail and review pages). */
export function FormSummary({
  form,
  maskContacts,
}: {
  form: Partial<ApplicationForm>
  maskContacts?: boolean
}) {
  const measures = form.measures ?? []
  return (
    <View>
      <View className="card ap-summary">
        <View className="ap-summary__title">复工计划与人员</View>
        <InfoRow label="计划复工日期">
          {form.plannedDate ? <Text className="ap-strong">{form.plannedDate}</Text> : missing}
        </InfoRow>
        <InfoRow label="职工总数">{count(form.staffTotal, '人')}</InfoRow>
        <InfoRow label="首批到岗">{count(form.staffOnSite, '人')}</InfoRow>
        <InfoRow label="省外返回">{count(form.staffFromOutside, '人')}</InfoRow>
        <InfoRow label="风险地区返回">{count(form.staffFromRiskAreas, '人')}</InfoRow>
      </View>
      <View className="card ap-summary">
        <View className="ap-summary__title">防疫物资</View>
        <InfoRow label="口罩">{count(form.supplies?.masks, '只')}</InfoRow>
        <InfoRow label="消毒液">{count(form.supplies?.disinfectantLitres, '升')}</InfoRow>
        <InfoRow label="体温计">{count(form.supplies?.thermometers, '支')}</InfoRow>
      </View>
      <View className="card ap-summary">
        <View className="ap-summary__title">防控措施</View>
        {MEASURES.map((m) => {
          const on = measures.includes(m)
          return (
            <View className={`ap-measure${on ? '' : ' ap-measure--off'}`} key={m}>
              {on ? <CheckChecked size={18} color="#1f9d55" /> : <CheckClose size={18} color="#b5bcc8" />}
              <Text className="ap-measure__text">{MEASURE_LABELS[m]}</Text>
              {!on && <Text className="ap-measure__no">未落实</Text>}
            </View>
          )
        })}
      </View>
      <View className="card ap-summary">
        <View className="ap-summary__title">应急预案与消毒方案</View>
        <InfoRow label="应急预案">
          <Plan plan={form.emergencyPlan} />
        </InfoRow>
        <InfoRow label="消毒方案">
          <Plan plan={form.disinfectionPlan} />
        </InfoRow>
        <InfoRow label="疫情防控安全员">
          {form.safetyOfficer ? (
            <Text className="ap-strong">
              {form.safetyOfficer.name}{' '}
              {maskContacts ? maskPhone(form.safetyOfficer.phone) : form.safetyOfficer.phone}
            </Text>
          ) : (
            missing
          )}
        </InfoRow>
      </View>
    </View>
  )
}
