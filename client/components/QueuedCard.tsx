import { Text, View } from '@tarojs/components'
import { useEffect, useRef } from 'react'
import type { FunctionName } from '../services/api'
import { useQueued } from '../services/offlineQueue'

/**
 * What of `fn`'s `action` was made without a network and waits on this phone ("待发送"), with a word that it
 * goes out by itself; `onSent` runs when one has gone (to read the page again). Nothing when nothing waits.
 */
export function QueuedCard({ fn, action, onSent }: { fn: FunctionName; action: string; onSent: () => void }) {
  const waiting = useQueued(fn, action)
  const waited = useRef(waiting.length)
  const sent = useRef(onSent)
  sent.current = onSent
  useEffect(() => {
    if (waiting.length < waited.current) sent.current()
    waited.current = waiting.length
  }, [waiting.length])
  if (!waiting.length) return null
  return (
    <View className="card queued-card" data-testid="queued">
      {waiting.map((p) => (
        <View key={p.requestId} className="queued-card__item">
          <Text className="queued-card__tag">待发送</Text>
          {p.label}
        </View>
      ))}
      <View className="queued-card__hint">网络恢复后会自动发送，不用重新填写。</View>
    </View>
  )
}
