import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'

/**
 * The bottom of a form: the server's refusal (or what is still missing) in words, then one big submit button
 * — in the page's action bar, or `inline` right under the error line (sheets and cards). The place around it
 * sets the margins (`.e-sheet .form-error`, …).
 */
export function FormFooter({
  error,
  busy = false,
  label,
  onSubmit,
  disabled = false,
  danger = false,
  inline = false,
}: {
  error: string
  busy?: boolean
  label: string
  onSubmit: () => void
  disabled?: boolean
  /** A step that cannot be undone (退回, 解除隔离): the button is red. */
  danger?: boolean
  inline?: boolean
}) {
  const button = (
    <Button
      type={danger ? 'danger' : 'primary'}
      size="large"
      block
      className="form-footer__submit"
      loading={busy}
      disabled={busy || disabled}
      onClick={onSubmit}
    >
      {label}
    </Button>
  )
  return (
    <>
      {error && (
        <View className="form-error" role="alert">
          {error}
        </View>
      )}
      {inline ? button : <View className="form-actions">{button}</View>}
    </>
  )
}
