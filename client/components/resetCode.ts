import Taro from '@tarojs/taro'
import { accountApi } from '../services/account'
import type { ConfirmOptions } from './useConfirm'

/**
 * A one-time password reset code for someone who forgot theirs, issued by an admin (账号管理) or the person's
 * grid worker (their record): asked first, then shown to read out to them. The function writes the audit entry.
 */
export function confirmResetCode(
  confirm: (o: ConfirmOptions) => void,
  person: { id: string; name: string },
): void {
  confirm({
    title: `为「${person.name}」生成重置码`,
    content:
      '生成一个一次性重置码（24小时内有效），请当面或电话告诉本人，在登录页「忘记密码」设置新密码。生成记录写入操作日志。',
    confirmText: '生成',
    action: async () => {
      const { code } = await accountApi.issueResetCode(person.id)
      await Taro.showModal({
        title: '重置码',
        content: `${code}\n\n请告诉「${person.name}」：在登录页点「忘记密码」，输入手机号、这个重置码和新密码。24小时内有效，只能用一次。`,
        showCancel: false,
        confirmText: '知道了',
      })
    },
  })
}
