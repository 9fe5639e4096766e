import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { ActionName, FunctionName, Input, Reply } from './api'
import { callFunction, CloudError, IS_H5, IS_WEAPP, onSignedOut } from './cloud'

/**
 * Creates made without a network (a temperature report in a lift, an errand request in a basement) are kept on
 * this device with their request id, shown as "待发送", and sent by themselves when the network is back: on
 * the browser's `online`, on WeChat's network change, when the app starts, and every half minute while any
 * wait. The function stores a request id once, so a send whose answer was lost and is sent again is not
 * stored twice. Only actions that take a `requestId` may be queued.
 */

export interface Pending {
  requestId: string
  fn: FunctionName
  action: string
  input: Record<string, unknown>
  /** What the person sees in the "待发送" list: "上午体温 36.6℃". */
  label: string
  at: number
}

const KEY = 'reopen.offlineQueue'
const RETRY_MS = 30_000
const listeners = new Set<() => void>()

function read(): Pending[] {
  try {
    const raw: unknown = Taro.getStorageSync(KEY)
    return Array.isArray(raw) ? (raw as Pending[]) : []
  } catch {
    return []
  }
}

function write(list: Pending[]): void {
  try {
    if (list.length) Taro.setStorageSync(KEY, list)
    else Taro.removeStorageSync(KEY)
  } catch {
    // storage unavailable: nothing can be kept
  }
  for (const l of listeners) l()
}

// What waits may hold a temperature: it belongs to the person signed in, and goes when they sign out.
onSignedOut(() => write([]))

/** What waits to be sent, of one function's action or of all. */
export function pendingOf(fn?: FunctionName, action?: string): Pending[] {
  return read().filter((p) => (!fn || p.fn === fn) && (!action || p.action === action))
}

/**
 * Sends `input` (with its `requestId`) to `fn`'s `action`; if the network fails, keeps it to send later and
 * answers `{sent: false}`. Any other refusal throws as a call does.
 */
export async function sendOrKeep<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: Input<F, A> & { requestId: string },
  label: string,
): Promise<{ sent: true; data: Reply<F, A> } | { sent: false }> {
  const body = input as unknown as Record<string, unknown> & { requestId: string }
  try {
    return { sent: true, data: await callFunction<Reply<F, A>>(fn, { action, ...body }) }
  } catch (e) {
    if (!(e instanceof CloudError) || e.code !== 'NETWORK') throw e
    const list = read().filter((p) => p.requestId !== body.requestId)
    write([...list, { requestId: body.requestId, fn, action, input: body, label, at: Date.now() }])
    schedule()
    return { sent: false }
  }
}

let flushing: Promise<void> | null = null
let timer: ReturnType<typeof setTimeout> | undefined

/** Sends what waits, oldest first; stops at the first network failure (the rest waits for the next try). */
export function flushQueue(): Promise<void> {
  flushing ??= (async () => {
    try {
      for (const p of read()) {
        try {
          await callFunction(p.fn, { action: p.action, ...p.input })
        } catch (e) {
          if (e instanceof CloudError && e.code === 'NETWORK') return
          // Refused for good (the slot closed, the request is no longer allowed): say so, do not retry.
          Taro.showModal({
            title: '有一条没能发送',
            content: `${p.label}：${e instanceof Error ? e.message : '发送失败'}`,
            showCancel: false,
          }).catch(() => undefined)
        }
        write(read().filter((x) => x.requestId !== p.requestId))
      }
    } finally {
      flushing = null
      schedule()
    }
  })()
  return flushing
}

/**
 * Resolves once a send of what waits, if one is under way, has ended. A page that shows what a queued create
 * changes (the declaration form, the health card, my errands) reads after it: read while the send is still on
 * its way, it would show the state before, and the send ending before its "待发送" card mounts leaves nothing
 * to tell the page to read again.
 */
export function queueSettled(): Promise<void> {
  return flushing ?? Promise.resolve()
}

function schedule(): void {
  if (timer) clearTimeout(timer)
  timer = undefined
  if (read().length) timer = setTimeout(() => void flushQueue(), RETRY_MS)
}

/** Starts sending by itself (once, when the app starts). */
export function startOfflineQueue(): void {
  if (IS_H5) window.addEventListener('online', () => void flushQueue())
  if (IS_WEAPP) Taro.onNetworkStatusChange((res) => res.isConnected && void flushQueue())
  void flushQueue()
}

/** What waits of `fn`'s `action`, kept up to date (for a "待发送" list). */
export function useQueued(fn: FunctionName, action: string): Pending[] {
  const [list, setList] = useState(() => pendingOf(fn, action))
  useEffect(() => {
    const l = () => setList(pendingOf(fn, action))
    listeners.add(l)
    l()
    return () => void listeners.delete(l)
  }, [fn, action])
  return list
}
