import Taro from '@tarojs/taro'
import { useEffect, useRef } from 'react'
import { IS_H5, IS_WEAPP } from '../services/cloud'

/** What `history.block` of the H5 router hands a blocked navigation (the `history` library, v5). */
interface Transition {
  retry(): void
}
type Unblock = () => void

/** The H5 router's history: the one the app navigates with (Taro's navigateBack is history.go(-1)). */
function h5History(): Promise<{ block(blocker: (tx: Transition) => void): Unblock } | undefined> {
  // A condition webpack folds to a constant, so the mini-program bundle never includes the H5 router.
  if (process.env.TARO_ENV === 'h5') {
    return import('@tarojs/router').then((m) => m.history).catch(() => undefined)
  }
  return Promise.resolve(undefined)
}

/** Asks before a page with unsent work is left; true means leave. */
async function askToLeave(message: string): Promise<boolean> {
  const res = await Taro.showModal({
    title: '还没有提交',
    content: message,
    confirmText: '离开',
    cancelText: '继续填写',
  }).catch(() => ({ confirm: false }))
  return res.confirm
}

/**
 * While `active`, leaving the page asks first: on H5 the browser's own prompt on reload or closing the tab
 * (beforeunload) and an in-app confirmation on back, a link or the tab bar (the router's history.block); in the
 * mini-program WeChat's prompt on back (enableAlertBeforeUnload). Returns `release`, to call before the page
 * navigates away on its own (after sending) — it disarms the guard at once, before the next render.
 */
export function useLeaveGuard(active: boolean, message: string): () => void {
  const release = useRef<() => void>(() => undefined)
  useEffect(() => {
    if (!active) return
    let done = false
    let unblock: Unblock | undefined
    const stop = () => {
      done = true
      unblock?.()
      unblock = undefined
      if (IS_WEAPP) Taro.disableAlertBeforeUnload({ fail: () => undefined })
    }
    release.current = stop
    if (IS_WEAPP) Taro.enableAlertBeforeUnload({ message, fail: () => undefined })
    if (IS_H5) {
      void h5History().then((history) => {
        if (done || !history) return
        // history.block also asks before unload (reload, closing the tab) while it is in place.
        unblock = history.block((tx) => {
          void askToLeave(message).then((leave) => {
            if (!leave) return
            stop()
            tx.retry()
          })
        })
      })
    }
    return stop
  }, [active, message])
  return () => release.current()
}
