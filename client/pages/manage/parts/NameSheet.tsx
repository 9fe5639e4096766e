import { Input } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { Sheet } from '../../../components/Sheet'
import { FormFooter } from '../../../components/FormFooter'
import { useSubmit } from '../../../utils/useSubmit'

interface Props {
  visible: boolean
  title: string
  description?: string
  label: string
  initial?: string
  placeholder: string
  submitText: string
  /** The Chinese message of the shared schema when the name is not acceptable, else null. */
  check: (name: string) => string | null
  onSubmit: (name: string) => Promise<void>
  onClose: () => void
  centred?: boolean
}

/** A name for a new or renamed community or grid, checked with the shared schema before it is sent. */
export function NameSheet({
  visible,
  title,
  description,
  label,
  initial = '',
  placeholder,
  submitText,
  check,
  onSubmit,
  onClose,
  centred,
}: Props) {
  const [name, setName] = useState(initial)
  const { busy, error, setError, run } = useSubmit()

  useEffect(() => {
    if (visible) {
      setName(initial)
      setError('')
    }
  }, [visible, initial, setError])

  const submit = async () => {
    const problem = check(name)
    if (problem) return setError(problem)
    await run(async () => {
      await onSubmit(name.trim())
      onClose()
    })
  }

  return (
    <Sheet
      visible={visible}
      title={title}
      description={description}
      centred={centred}
      className="mg-sheet"
      onClose={onClose}
    >
      <View className="mg-sheet__body" data-testid="name-sheet">
        <View className="mg-sheet__label">{label}</View>
        <Input
          className="app-input"
          value={name}
          maxLength={30}
          placeholder={placeholder}
          clearable
          onChange={(v) => {
            setName(v)
            setError('')
          }}
          onConfirm={() => void submit()}
        />
        <FormFooter error={error} busy={busy} label={submitText} onSubmit={() => void submit()} inline />
      </View>
    </Sheet>
  )
}
