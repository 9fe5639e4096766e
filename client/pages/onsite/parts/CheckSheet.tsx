import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { clampTenths, isFever } from '../../../../shared/health'
import { ANTIGEN_LABELS, ANTIGEN_RESULTS, type AntigenResult } from '../../../../shared/onsite'
import { recordCheckInput } from '../../../../shared/schemas/onsite'
import { ChoiceCards } from '../../../components/ChoiceCards'
import { FormFooter } from '../../../components/FormFooter'
import { Sheet } from '../../../components/Sheet'
import { newRequestId, type Input } from '../../../services/api'
import { errorMessage, uploadFile } from '../../../services/cloud'
import { firstIssue } from '../../../utils/zodRule'
import { useSubmit } from '../../../utils/useSubmit'

type CheckInput = Input<'onsite', 'record'>

interface Props {
  visible: boolean
  title: string
  subtitle?: string
  enterpriseId: string
  /** Recording for someone else (the officer): their account. */
  accountId?: string
  threshold: number
  onClose: () => void
  /** Throws to keep the sheet open; a lost answer keeps the same requestId for the retry. */
  onSubmit: (input: CheckInput) => Promise<void>
}

const ANTIGEN_CHOICES = ANTIGEN_RESULTS.map((r) => ({
  value: r,
  label: ANTIGEN_LABELS[r],
  hint:
    r === 'negative'
      ? '只有C线（质控线）显色'
      : r === 'positive'
        ? 'C线和T线都显色'
        : 'C线不显色，需要重新检测',
  ...(r === 'positive' ? { tone: 'danger' as const } : r === 'invalid' ? { tone: 'warn' as const } : {}),
}))
const PCR_CHOICES = [
  { value: 'yes', label: '已采样', hint: '今天已做核酸采样' },
  { value: 'no', label: '未采样' },
] as const

/**
 * One 一日两检 check: temperature (− / + by 0.1), the antigen result with an optional photo of the cassette, and
 * whether a PCR sample was taken. Each opening is one submission with its own requestId.
 */
export function CheckSheet({
  visible,
  title,
  subtitle,
  enterpriseId,
  accountId,
  threshold,
  onClose,
  onSubmit,
}: Props) {
  const [tenths, setTenths] = useState(365)
  const [antigen, setAntigen] = useState<AntigenResult | ''>('')
  const [pcr, setPcr] = useState<'yes' | 'no' | ''>('')
  const [photo, setPhoto] = useState('')
  const [uploading, setUploading] = useState(false)
  const { busy, error, setError, run } = useSubmit()
  const requestId = useRef('')

  useEffect(() => {
    if (!visible) return
    setTenths(365)
    setAntigen('')
    setPcr('')
    setPhoto('')
    setError('')
    requestId.current = newRequestId()
  }, [visible, setError])

  const temperature = tenths / 10
  const fever = isFever(temperature, { feverThreshold: threshold })

  const pickPhoto = async () => {
    let path: string | undefined
    try {
      path = (await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['camera', 'album'] }))
        .tempFilePaths[0]
    } catch {
      return // cancelled
    }
    if (!path) return
    setUploading(true)
    try {
      setPhoto((await uploadFile(path, 'antigen')).fileID)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setUploading(false)
    }
  }

  const submit = async () => {
    if (!antigen) return setError('请选择抗原结果：阴性、阳性或无效')
    if (!pcr) return setError('请选择今天是否采了核酸')
    const parsed = recordCheckInput.safeParse({
      enterpriseId,
      ...(accountId ? { accountId } : {}),
      temperature,
      antigen,
      pcrSampled: pcr === 'yes',
      ...(photo ? { photo } : {}),
      requestId: requestId.current,
    })
    if (!parsed.success) return setError(firstIssue(parsed.error))
    await run(() => onSubmit(parsed.data))
  }

  return (
    <Sheet visible={visible} title={title} description={subtitle} className="o-sheet" onClose={onClose}>
      <View className="o-sheet__body" data-testid="check-sheet">
        <View className="o-sheet__label">体温（℃）</View>
        <View className="o-temp">
          <View
            className="o-temp__btn"
            onClick={() => setTenths((t) => clampTenths(t - 1))}
            data-testid="temp-minus"
          >
            −
          </View>
          <View className={`o-temp__value${fever ? ' o-temp__value--fever' : ''}`} data-testid="temp-value">
            {temperature.toFixed(1)}
            <Text>℃</Text>
          </View>
          <View
            className="o-temp__btn"
            onClick={() => setTenths((t) => clampTenths(t + 1))}
            data-testid="temp-plus"
          >
            +
          </View>
        </View>
        <View className={`o-sheet__status${fever ? ' o-sheet__status--fever' : ''}`}>
          {fever
            ? `达到 ${threshold.toFixed(1)}℃ 发热标准，提交后将暂停上岗并通知防疫专业队伍`
            : '点 − / + 每次调 0.1 度'}
        </View>
        <View className="o-sheet__label">抗原结果</View>
        <ChoiceCards choices={ANTIGEN_CHOICES} value={antigen} onChange={setAntigen} />
        <View
          className={`o-sheet__photo${photo ? ' o-sheet__photo--done' : ''}`}
          onClick={() => !uploading && void pickPhoto()}
          data-testid="antigen-photo"
        >
          {uploading ? '正在上传…' : photo ? '抗原卡照片已上传（点此重拍）' : '拍一张抗原卡照片（可选）'}
        </View>
        <View className="o-sheet__label">核酸采样</View>
        <ChoiceCards choices={PCR_CHOICES} value={pcr} onChange={setPcr} />
        <FormFooter error={error} busy={busy} label="提交检测结果" onSubmit={() => void submit()} inline />
      </View>
    </Sheet>
  )
}
