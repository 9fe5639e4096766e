import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'

/** The bottom of a form: the server's refusal in words, then one big submit button. */
export function FormFooter({
  error,
  busy,
  label,
  onSubmit,
}: {
  error: string
  busy: boolean
  label: string
  onSubmit: () => void
}) {
  return (
    <>
      {error && (
        <View className="form-error" role="alert">
          {error}
        </View>
      )}
      <View className="form-actions">
        <Button type="primary" size="large" block loading={busy} disabled={busy} onClick={onSubmit}>
          {label}
        </Button>
      </View>
    </>
  )
}
