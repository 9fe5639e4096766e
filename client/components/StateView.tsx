import { Failure, Message, NetworkError } from '@nutui/icons-react-taro'
import { Button, Empty, Skeleton } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import type { ReactNode } from 'react'

/**
 * NutUI's Empty pictures are fetched from a JD CDN, which the mini-program cannot reach without a
 * whitelisted domain (and an offline street office cannot reach at all): draw them from the
 * bundled icon set instead.
 */
function Illustration({ kind }: { kind: 'empty' | 'error' | 'network' }) {
  const Icon = kind === 'empty' ? Message : kind === 'network' ? NetworkError : Failure
  return (
    <View className={`state-illu state-illu--${kind}`}>
      <Icon size={44} color={kind === 'empty' ? '#8fb4e8' : '#e39a9a'} />
    </View>
  )
}

/** Grey placeholder blocks while data is loading. */
export function LoadingBlock({ rows = 3, cards = 2 }: { rows?: number; cards?: number }) {
  return (
    <View className="state-loading" aria-busy="true">
      {Array.from({ length: cards }, (_, i) => (
        <View className="card state-loading__card" key={i}>
          <Skeleton rows={rows} animated />
        </View>
      ))}
      <View className="state-loading__text">正在加载…</View>
    </View>
  )
}

/** Something went wrong: say what, and offer to try again. */
export function ErrorBlock({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const network = /网络/.test(message)
  return (
    <View className="state-block">
      <Empty
        image={<Illustration kind={network ? 'network' : 'error'} />}
        title="加载失败"
        description={message || '网络不太好，请稍后再试'}
      />
      {onRetry && (
        <View className="state-block__action">
          <Button type="primary" size="large" onClick={onRetry}>
            重新加载
          </Button>
        </View>
      )}
    </View>
  )
}

export function EmptyBlock({
  title,
  description,
  action,
}: {
  title: string
  description?: string
  action?: ReactNode
}) {
  return (
    <View className="state-block">
      <Empty image={<Illustration kind="empty" />} title={title} description={description} />
      {action && <View className="state-block__action">{action}</View>}
    </View>
  )
}
