/**
 * WeChat subscribe messages from the client's side. WeChat shows its 「允许」 dialog only in answer to a tap, so
 * `requestSubscribe` must be called directly in a tap handler (no await before it). Each kind the person allows
 * buys one message; the account function counts them (functions send through WeChat, one per authorisation).
 */
import Taro from '@tarojs/taro'
import { SUBSCRIBE_TEMPLATES, type SubscribeKind } from '../../config/subscribe'
import { accountApi } from './account'

export type { SubscribeKind }

/** The kinds the person allowed (already counted by the account function); [] when they declined. */
export function requestSubscribe(kinds: SubscribeKind[]): Promise<SubscribeKind[]> {
  const tmplIds = kinds.map((k) => SUBSCRIBE_TEMPLATES[k].id)
  // Called synchronously, inside the tap: WeChat refuses the dialog otherwise.
  const asked = Taro.requestSubscribeMessage({ tmplIds } as Parameters<
    typeof Taro.requestSubscribeMessage
  >[0])
  return asked.then(async (res) => {
    const answers = res as unknown as Record<string, string>
    const accepted = kinds.filter((k) => answers[SUBSCRIBE_TEMPLATES[k].id] === 'accept')
    if (accepted.length) await accountApi.subscribed(accepted)
    return accepted
  })
}
