import { Check, Close } from '@nutui/icons-react-taro'
import { Text, View } from '@tarojs/components'
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
  revoked: 4,
}

type StepState = 'done' | 'now' | 'todo' | 'stopped' | 'back'

function stateOf(status: ApplicationState, step: number): StepState {
  const current = CURRENT[status]
  if (step < current) return 'done'
  if (step > current) return 'todo'
  if (status === 'rejected' || status === 'revoked') return 'stopped'
  if (status === 'returned') return 'back'
  return 'now'
}

const NOTES: Record<StepState, string> = {
  done: '已完成',
  now: '进行中',
  todo: '',
  stopped: '',
  back: '待补充',
}

/** 填写申请 → 三方审核 → 三方承诺 → 挂牌复工, with where the application stands. */
export function StatusSteps({ status }: { status: ApplicationState }) {
  return (
    <View className="ap-steps" data-testid="status-steps">
      {STEPS.map((title, i) => {
        const s = stateOf(status, i + 1)
        const note = s === 'stopped' ? (status === 'rejected' ? '未通过' : '已撤销') : NOTES[s]
        return (
          <View key={title} className={`ap-steps__item ap-steps__item--${s}`}>
            <View className="ap-steps__dot">
              {s === 'done' ? (
                <Check size={14} color="#ffffff" />
              ) : s === 'stopped' ? (
                <Close size={12} color="#ffffff" />
              ) : (
                <Text className="ap-steps__n">{i + 1}</Text>
              )}
            </View>
            <View className="ap-steps__title">{title}</View>
            <View className="ap-steps__note">{note || ' '}</View>
          </View>
        )
      })}
    </View>
  )
}
