import { Dialog } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useCallback, useState, type ReactNode } from 'react'
import { errorMessage } from '../services/cloud'

export interface ConfirmOptions {
  title: string
  content: ReactNode
  confirmText?: string
  cancelText?: string
  /** Paint the confirm button red (作废, 退出登录 ...). */
  danger?: boolean
  /**
   * Runs while the confirm button spins; if it throws, the dialog stays open and says why in red under its
   * content — not in a toast, which would cover the box the person must fill in and the 取消 button.
   */
  action: () => Promise<void> | void
}

/**
 * A confirmation dialog before anything destructive. Render `dialog` once in the page and call
 * `confirm({...})` from a handler.
 */
export function useConfirm(): { dialog: ReactNode; confirm: (opts: ConfirmOptions) => void } {
  const [opts, setOpts] = useState<ConfirmOptions | null>(null)
  const [visible, setVisible] = useState(false)
  const [error, setError] = useState('')

  const confirm = useCallback((o: ConfirmOptions) => {
    setOpts(o)
    setError('')
    setVisible(true)
  }, [])

  const close = useCallback(() => setVisible(false), [])

  const onConfirm = useCallback(async () => {
    if (!opts) return
    setError('')
    try {
      await opts.action()
    } catch (e) {
      setError(errorMessage(e))
      throw e
    }
  }, [opts])

  const dialog = (
    <Dialog
      className={`app-confirm${opts?.danger ? ' app-confirm--danger' : ''}`}
      visible={visible}
      title={opts?.title ?? ''}
      content={
        <>
          {opts?.content ?? ''}
          {error && (
            <View className="app-confirm__error" role="alert" data-testid="confirm-error">
              {error}
            </View>
          )}
        </>
      }
      confirmText={opts?.confirmText ?? '确定'}
      cancelText={opts?.cancelText ?? '取消'}
      closeOnOverlayClick={false}
      onConfirm={onConfirm}
      onCancel={close}
      onClose={close}
    />
  )
  return { dialog, confirm }
}
