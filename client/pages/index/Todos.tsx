import { Text, View } from '@tarojs/components'
import type { Todo } from '../../../shared/account'
import { accountApi } from '../../services/account'
import { openPage } from '../../utils/nav'
import { useRemote } from '../../utils/useRemote'

const TONE_TAG: Record<Todo['tone'], string> = { urgent: '要紧', action: '待办', info: '进度' }

/**
 * 我的待办: what the reader should do next, from their records (account.todos) — reloaded whenever home shows
 * again, so a report just made or a review just given drops off. Quiet when there is nothing to do.
 */
export function Todos() {
  const remote = useRemote(() => accountApi.todos(), [])
  const items = remote.data?.items
  if (!items) {
    if (remote.status === 'error')
      return (
        <View className="home-todos home-todos--error" onClick={() => void remote.reload()}>
          待办加载失败，点此重试
        </View>
      )
    return <View className="home-todos home-todos--loading">正在查看待办…</View>
  }
  return (
    <View className="home-todos" data-testid="todos">
      <View className="section-title">
        我的待办
        {items.length > 0 && <View className="section-title__extra">{items.length} 项</View>}
      </View>
      {items.length === 0 ? (
        <View className="card home-todos__none">暂时没有要办的事</View>
      ) : (
        <View className="card home-todos__list">
          {items.map((t) => (
            <View
              key={t.key}
              className={`home-todo home-todo--${t.tone}`}
              data-testid="todo"
              onClick={() => openPage(t.url)}
            >
              <Text className={`home-todo__tag home-todo__tag--${t.tone}`}>{TONE_TAG[t.tone]}</Text>
              <View className="home-todo__main">
                <View className="home-todo__title">{t.title}</View>
                <View className="home-todo__detail">{t.detail}</View>
              </View>
              <Text className="home-todo__go">›</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
