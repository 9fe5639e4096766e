import { Checkbox, Popup } from '@nutui/nutui-react-taro'
import { AppPicker } from '../../../components/AppPicker'
import { Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import {
  SYMPTOM_LABELS,
  SYMPTOMS,
  TEMPERATURE_TENTHS,
  clampTenths,
  isFever,
  temperatureWheel,
} from '../../../../shared/health'
import { reportInput } from '../../../../shared/schemas/health'
import { newRequestId, type Input } from '../../../services/api'
import { firstIssue } from '../../../utils/zodRule'
import { FormFooter } from '../../../components/FormFooter'
import { useSubmit } from '../../../utils/useSubmit'
import './nutui'

type ReadingInput = Input<'health', 'report'>

const { min: MIN, max: MAX } = TEMPERATURE_TENTHS
const START = 365

/** The wheel: whole degrees, each with only the tenths inside the range under it (42 → .0). */
const WHEEL = temperatureWheel().map((w) => ({
  label: `${w.whole}`,
  value: w.whole,
  children: w.tenths.map((t) => ({ label: `.${t}`, value: t })),
}))

interface Props {
  visible: boolean
  title: string
  subtitle?: string
  threshold: number
  onClose: () => void
  /** Throws to keep the sheet open; a network failure keeps the same requestId for the retry. */
  onSubmit: (input: ReadingInput) => Promise<void>
}

/**
 * The temperature entry: one big number with − / + (0.1 a tap, or tap the number to pick), symptom
 * checkboxes, one submit button. Each opening is one submission with its own requestId, so a retry
 * after a lost answer is stored once.
 */
export function ReportSheet({ visible, title, subtitle, threshold, onClose, onSubmit }: Props) {
  // Tenths of a degree, so that 0.1 steps never drift (36.6 + 0.1 ≠ 36.7 in floating point).
  const [tenths, setTenths] = useState(START)
  const [symptoms, setSymptoms] = useState<string[]>([])
  const [picking, setPicking] = useState(false)
  const { busy, error, setError, run } = useSubmit()
  const requestId = useRef('')

  useEffect(() => {
    if (!visible) return
    setTenths(START)
    setSymptoms([])
    setError('')
    requestId.current = newRequestId()
  }, [visible, setError])

  const temperature = tenths / 10
  const fever = isFever(temperature, { feverThreshold: threshold })
  const step = (d: number) => setTenths((t) => clampTenths(t + d))

  const submit = async () => {
    const input = { temperature, symptoms, requestId: requestId.current }
    const parsed = reportInput.safeParse(input)
    if (!parsed.success) return setError(firstIssue(parsed.error))
    await run(async () => {
      await onSubmit(parsed.data)
    })
  }

  return (
    <Popup
      visible={visible}
      position="bottom"
      round
      closeable
      title={title}
      description={subtitle}
      className="report-sheet"
      onClose={onClose}
    >
      <View className="report-sheet__body" data-testid="report-sheet">
        <View className="report-sheet__label">体温（℃）</View>
        <View className="temp-stepper">
          <View
            className={`temp-stepper__btn${tenths <= MIN ? ' temp-stepper__btn--off' : ''}`}
            onClick={() => step(-1)}
            aria-label="减0.1度"
            data-testid="temp-minus"
          >
            −
          </View>
          <View
            className={`temp-stepper__value${fever ? ' temp-stepper__value--fever' : ''}`}
            onClick={() => setPicking(true)}
            data-testid="temp-value"
          >
            {temperature.toFixed(1)}
            <Text className="temp-stepper__unit">℃</Text>
          </View>
          <View
            className={`temp-stepper__btn${tenths >= MAX ? ' temp-stepper__btn--off' : ''}`}
            onClick={() => step(1)}
            aria-label="加0.1度"
            data-testid="temp-plus"
          >
            +
          </View>
        </View>
        {/* One line of fixed height for the tip or the fever warning: the sheet keeps its height when the
            warning appears, so the − / + buttons stay under the finger. */}
        <View
          className={`report-sheet__status${fever ? ' report-sheet__status--fever' : ''}`}
          role={fever ? 'alert' : undefined}
          data-testid="temp-status"
        >
          {fever
            ? `体温达到 ${threshold.toFixed(1)}℃ 发热标准。提交后社区管家会尽快联系您。`
            : '点 − / + 每次调 0.1 度，点数字可直接选择'}
        </View>

        <View className="report-sheet__label">现在有没有以下症状？（可多选，没有就不选）</View>
        <Checkbox.Group
          className="symptom-group"
          value={symptoms}
          direction="horizontal"
          onChange={(v) => setSymptoms(v)}
        >
          {SYMPTOMS.filter((s) => s !== 'fever').map((s) => (
            <Checkbox key={s} value={s} shape="button" className="symptom-chip" label={SYMPTOM_LABELS[s]} />
          ))}
        </Checkbox.Group>

        <FormFooter
          error={error}
          busy={busy}
          label={`提交 ${temperature.toFixed(1)}℃`}
          onSubmit={() => void submit()}
          inline
        />
      </View>
      <AppPicker
        title="选择体温"
        visible={picking}
        options={[WHEEL]}
        value={[Math.floor(tenths / 10), tenths % 10]}
        onConfirm={(_o, values) => setTenths(clampTenths(Number(values[0]) * 10 + Number(values[1] ?? 0)))}
        onClose={() => setPicking(false)}
      />
    </Popup>
  )
}
