import { Tag } from '@nutui/nutui-react-taro'
import { APPLICATION_STATE_LABELS, type ApplicationState } from '../../../../shared/application'
import { STATE_TONES } from './labels'

export function StatusTag({ status, large }: { status: ApplicationState; large?: boolean }) {
  const tone = STATE_TONES[status]
  return (
    <Tag
      className={`ap-status${large ? ' ap-status--large' : ''}`}
      background={tone.background}
      color={tone.color}
      data-status={status}
    >
      {APPLICATION_STATE_LABELS[status]}
    </Tag>
  )
}
