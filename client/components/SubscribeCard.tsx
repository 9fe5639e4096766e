import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import { errorMessage, IS_WEAPP } from '../services/cloud'
import { requestSubscribe, type SubscribeKind } from '../services/subscribe'

interface Props {
  kind: SubscribeKind
  title: string
  /** What the person will be told, and when. */
  text: string
  label: string
}

/**
 * Asks for a WeChat subscribe message with a tap (mini-program only; H5 has the in-app inbox). Each 「允许」 buys
 * one message, so after one the card offers another: a person who wants both "claimed" and "delivered" taps twice.
 */
export function SubscribeCard({ kind, title, text, label }: Props) {
  const [allowed, setAllowed] = useState(0)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  if (!IS_WEAPP) return null

  const onTap = () => {
    if (busy) return
    setBusy(true)
    setNote('')
    requestSubscribe([kind])
      .then((accepted) => {
        if (accepted.length) setAllowed((n) => n + 1)
        else setNote('您没有允许，消息会继续放在「消息」里')
      })
      .catch((e: unknown) => setNote(errorMessage(e)))
      .finally(() => setBusy(false))
  }

  return (
    <View className="card subscribe-card" data-testid={`subscribe-${kind}`}>
      <View className="subscribe-card__title">{title}</View>
      <View className="subscribe-card__text">
        {allowed ? `已开启 ${allowed} 条微信通知。每点一次「允许」可多收一条。` : text}
      </View>
      {note && <View className="subscribe-card__note">{note}</View>}
      <Button
        type="primary"
        fill={allowed ? 'outline' : 'solid'}
        size="large"
        block
        loading={busy}
        disabled={busy}
        onClick={onTap}
      >
        {allowed ? '再开启一条' : label}
      </Button>
    </View>
  )
}
