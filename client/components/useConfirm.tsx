import { Dialog } from '@nutui/nutui-react-taro'
import { useCallback, useState, type ReactNode } from 'react'
import { errorMessage } from '../services/cloud'
import { toast } from '../utils/toast'

export interface ConfirmOptions {
  title: string
  content: ReactNode
  confirmText?: string
  cancelText?: string
  /** Paint the confirm button red (作废, 退出登录 ...). */
  danger?: boolean
  /** Runs while the confirm button spins; if it throws, a toast says why and the dialog stays open. */
  action: () => Promise<void> | void
}

/**
 * A confirmation dialog before anything destructive. Render `dialog` once in the page and call
 * `confirm({...})` from a handler.
 */
export function useConfirm(): { dialog: ReactNode; confirm: (opts: ConfirmOptions) => void } {
  const [opts, setOpts] = useState<ConfirmOptions | null>(null)
  const [visible, setVisible] = useState(false)

  const confirm = useCallback((o: ConfirmOptions) => {
    setOpts(o)
    setVisible(true)
  }, [])

  const close = useCallback(() => setVisible(false), [])

  const onConfirm = useCallback(async () => {
    if (!opts) return
    try {
      await opts.action()
    } catch (e) {
      toast.fail(errorMessage(e))
      throw e
    }
  }, [opts])

  const dialog = (
    <Dialog
      className={`app-confirm${opts?.danger ? ' app-confirm--danger' : ''}`}
      visible={visible}
      title={opts?.title ?? ''}
      content={opts?.content ?? ''}
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
