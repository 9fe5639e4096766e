import { Text } from '@tarojs/components'
import type { Errand } from '../../../services/errand'
import { STATE_TONES } from './labels'

export function StatusTag({
  errand,
  large,
}: {
  errand: Pick<Errand, 'status' | 'statusLabel'>
  large?: boolean
}) {
  const tone = STATE_TONES[errand.status]
  return (
    <Text
      className={`e-status${large ? ' e-status--large' : ''}`}
      style={{ color: tone.color, backgroundColor: tone.background }}
      data-testid="errand-status"
    >
      {errand.statusLabel}
    </Text>
  )
}
