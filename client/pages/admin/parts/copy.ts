import Taro from '@tarojs/taro'
import { IS_H5 } from '../../../services/cloud'
import { toast } from '../../../utils/toast'

/** Copies an invite code; the mini-program shows its own "内容已复制" toast, H5 gets ours. */
export function copyCode(code: string): void {
  Taro.setClipboardData({ data: code })
    .then(() => {
      if (IS_H5) toast.success('邀请码已复制')
    })
    .catch(() => toast.info('复制失败，请长按邀请码手动复制'))
}
