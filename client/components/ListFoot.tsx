import { Button, Loading } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'

/** The end of a paged list: 加载更多, a spinner, a retry after a failure, or "no more". */
export function ListFoot({
  loading,
  error,
  hasMore,
  onMore,
  endText = '没有更多了',
  block,
}: {
  loading: boolean
  error: string
  hasMore: boolean
  onMore: () => void
  endText?: string
  /** The page's own CSS block name (e.g. `ap-foot`), so each subpackage keeps its styles. */
  block: string
}) {
  if (loading)
    return (
      <View className={block}>
        <Loading type="spinner">正在加载…</Loading>
      </View>
    )
  if (error)
    return (
      <View className={block}>
        <Text className={`${block}__err`}>{error}</Text>
        <Button size="small" fill="outline" type="primary" onClick={onMore}>
          重试
        </Button>
      </View>
    )
  if (hasMore)
    return (
      <View className={block}>
        <Button size="normal" fill="outline" type="primary" onClick={onMore}>
          加载更多
        </Button>
      </View>
    )
  return <View className={`${block} ${block}--end`}>{endText}</View>
}
