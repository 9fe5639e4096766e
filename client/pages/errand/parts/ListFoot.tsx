import { Button, Loading } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'

/** The end of a paged list: 加载更多, a spinner, a retry after a failure, or "no more". */
export function ListFoot({
  loading,
  error,
  hasMore,
  onMore,
  endText = '没有更多了',
}: {
  loading: boolean
  error: string
  hasMore: boolean
  onMore: () => void
  endText?: string
}) {
  if (loading)
    return (
      <View className="e-foot">
        <Loading type="spinner">正在加载…</Loading>
      </View>
    )
  if (error)
    return (
      <View className="e-foot">
        <Text className="e-foot__err">{error}</Text>
        <Button size="small" fill="outline" type="primary" onClick={onMore}>
          重试
        </Button>
      </View>
    )
  if (hasMore)
    return (
      <View className="e-foot">
        <Button size="normal" fill="outline" type="primary" onClick={onMore}>
          加载更多
        </Button>
      </View>
    )
  return <View className="e-foot e-foot--end">{endText}</View>
}
