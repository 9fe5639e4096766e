import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'

/**
 * Says the form shows what was typed last time and not sent (its draft on this device), with a way to start
 * over — after a confirmation, as throwing typed work away cannot be undone.
 */
export function DraftNote({ onDiscard }: { onDiscard: () => void }) {
  const ask = () =>
    Taro.showModal({
      title: '清空重填',
      content: '上次填写但没有提交的内容将被清除，不能恢复。确定清空吗？',
      confirmText: '清空',
      cancelText: '保留',
    })
      .then((res) => res.confirm && onDiscard())
      .catch(() => undefined)
  return (
    <View className="draft-note" data-testid="draft-note">
      <Text className="draft-note__text">已恢复您上次没有提交的内容</Text>
      <Text className="draft-note__discard" onClick={() => void ask()}>
        清空重填
      </Text>
    </View>
  )
}
