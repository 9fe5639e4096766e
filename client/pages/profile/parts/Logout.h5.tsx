/** H5: the logout button, with a confirmation (the mini-program has no logout: see Logout.tsx). */
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css'
import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useConfirm } from '../../../components/useConfirm'
import { session } from '../../../stores'
import { PAGES, restartAt } from '../../../utils/nav'

export function Logout() {
  const { dialog, confirm } = useConfirm()
  const onLogout = () =>
    confirm({
      title: '退出登录',
      content: '确定要退出当前账号吗？退出后需要重新输入手机号和密码登录。',
      confirmText: '退出',
      danger: true,
      action: () => {
        session.logout()
        restartAt(PAGES.login)
      },
    })
  return (
    <View className="me-logout">
      <Button block size="large" fill="outline" type="danger" onClick={onLogout}>
        退出登录
      </Button>
      {dialog}
    </View>
  )
}
