/**
 * Events as the WeChat client delivers them: a handler named in a `bind<type>` / `catch<type>` attribute of the
 * rendered node is called with an event object carrying `target` (where it happened) and `currentTarget` (the
 * node whose handler runs), each with its `id` and `dataset`. Touch events and taps bubble up the tree, stopping
 * at the first `catch` handler; component events (input, blur, change, getphonenumber …) do not bubble.
 */
import { datasetOf } from './query'
import type { VNode } from './templates'

export interface WxEvent {
  type: string
  timeStamp: number
  target: { id: string; dataset: Record<string, unknown> }
  currentTarget: { id: string; dataset: Record<string, unknown> }
  detail: Record<string, unknown>
  touches: Touch[]
  changedTouches: Touch[]
  mark: Record<string, unknown>
}

interface Touch {
  identifier: number
  pageX: number
  pageY: number
  clientX: number
  clientY: number
}

/** Calls the method a node's attribute names (Taro's pages all name `eh`) on the page or component. */
export type Invoke = (method: string, event: WxEvent) => unknown

const BUBBLING = new Set([
  'touchstart',
  'touchmove',
  'touchcancel',
  'touchend',
  'tap',
  'longpress',
  'longtap',
  'transitionend',
  'animationstart',
  'animationiteration',
  'animationend',
  'touchforcechange',
])

function handlerOf(node: VNode, type: string): { method: string; capture: 'bind' | 'catch' } | undefined {
  for (const prefix of ['catch', 'bind'] as const) {
    for (const key of [`${prefix}${type}`, `${prefix}:${type}`]) {
      const method = node.attr[key]
      if (typeof method === 'string' && method) return { method, capture: prefix }
    }
  }
  return undefined
}

function targetOf(node: VNode) {
  return { id: typeof node.attr.id === 'string' ? node.attr.id : '', dataset: datasetOf(node) }
}

const started = Date.now()

/** Delivers one event of `type` at `target`; returns how many handlers ran. */
export function dispatch(
  target: VNode,
  type: string,
  detail: Record<string, unknown>,
  invoke: Invoke,
): number {
  const touch: Touch = { identifier: 0, pageX: 10, pageY: 10, clientX: 10, clientY: 10 }
  const touchy = type.startsWith('touch') || type === 'tap' || type === 'longpress'
  let ran = 0
  for (let node: VNode | undefined = target; node; node = node.parent) {
    const handler = handlerOf(node, type)
    if (handler) {
      const event: WxEvent = {
        type,
        timeStamp: Date.now() - started,
        target: targetOf(target),
        currentTarget: targetOf(node),
        detail: { ...detail },
        touches: touchy && type !== 'touchend' ? [touch] : [],
        changedTouches: touchy ? [touch] : [],
        mark: {},
      }
      invoke(handler.method, event)
      ran++
      if (handler.capture === 'catch') break
    }
    if (!BUBBLING.has(type)) break
  }
  return ran
}

/** Whether anything on the way up from `target` listens for `type` (what a finger can actually trigger). */
export function listens(target: VNode, type: string): boolean {
  for (let node: VNode | undefined = target; node; node = node.parent) {
    if (handlerOf(node, type)) return true
    if (!BUBBLING.has(type)) return false
  }
  return false
}
