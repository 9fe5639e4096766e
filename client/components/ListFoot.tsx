import { Button, Loading } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'

/** The end of a paged list (stores/pagedList.ts): 加载更多, a spinner, a retry after a failure, or "no more". */
export const ListFoot = observer(function ListFoot({
  list,
  endText = '没有更多了',
}: {
  list: { loadingMore: boolean; moreError: string; hasMore: boolean; loadMore: () => Promise<void> }
  endText?: string
}) {
  const more = () => void list.loadMore()
  if (list.loadingMore)
    return (
      <View className="list-foot">
        <Loading type="spinner">正在加载…</Loading>
      </View>
    )
  if (list.moreError)
    return (
      <View className="list-foot">
        <Text className="list-foot__err">{list.moreError}</Text>
        <Button size="small" fill="outline" type="primary" onClick={more}>
          重试
        </Button>
      </View>
    )
  if (list.hasMore)
    return (
      <View className="list-foot">
        <Button size="normal" fill="outline" type="primary" onClick={more}>
          加载更多
        </Button>
      </View>
    )
  return <View className="list-foot list-foot--end">{endText}</View>
})
