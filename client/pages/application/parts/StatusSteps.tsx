import { Step, Steps } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import type { ApplicationState } from '../../../../shared/application'

const STEPS = ['填写申请', '三方审核', '三方承诺', '挂牌复工'] as const

/** Which step is under way (1-based); 5 = all done. */
const CURRENT: Record<ApplicationState, number> = {
  draft: 1,
  returned: 1,
  reviewing: 2,
  rejected: 2,
  approved: 3,
  reopened: 5,
  revoked: 5,
}

function note(status: ApplicationState, step: number): string {
  if (status === 'returned' && step === 1) return '待补充'
  if (status === 'rejected' && step === 2) return '未通过'
  if (status === 'revoked' && step === 4) return '已撤销'
  const current = CURRENT[status]
  if (step < current) return '已完成'
  if (step === current) return '进行中'
  return ''
}

/** 填写申请 → 三方审核 → 三方承诺 → 挂牌复工, with where the application stands. */
export function StatusSteps({ status }: { status: ApplicationState }) {
  const stopped = status === 'rejected' || status === 'revoked'
  return (
    <View className={`ap-steps${stopped ? ' ap-steps--stopped' : ''} ap-steps--${status}`}>
      <Steps value={CURRENT[status]} status="dynamic" type="dot">
        {STEPS.map((title, i) => (
          <Step key={title} value={i + 1} title={title} description={note(status, i + 1) || ' '} />
        ))}
      </Steps>
    </View>
  )
}
