import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { onSignedOut } from '../services/cloud'
import { useLeaveGuard } from './leaveGuard'

/**
 * Drafts of long forms (the reopening application, the enterprise, the health declaration, an errand request):
 * what was typed is kept on this device as it is typed, so a reload, a crash or a closed tab loses nothing, and
 * leaving with unsent work asks first. A draft belongs to one account and one form (one enterprise's
 * application); it goes when the form is sent, when it is emptied, and — it may hold an ID number — when the
 * person signs out.
 */

const PREFIX = 'reopen.draft.'
/** A draft nobody came back to in this long is stale: the form starts from what is saved on the server. */
const MAX_AGE_MS = 30 * 24 * 3600_000

interface Stored<V> {
  savedAt: number
  values: V
}

const storageKey = (key: string) => `${PREFIX}${key}`

function read<V>(key: string): V | undefined {
  try {
    const raw: unknown = Taro.getStorageSync(storageKey(key))
    if (!raw || typeof raw !== 'object') return undefined
    const s = raw as Partial<Stored<V>>
    if (typeof s.savedAt !== 'number' || Date.now() - s.savedAt > MAX_AGE_MS || !s.values) return undefined
    return s.values
  } catch {
    return undefined
  }
}

function write<V>(key: string, values: V): void {
  try {
    Taro.setStorageSync(storageKey(key), { savedAt: Date.now(), values } satisfies Stored<V>)
  } catch {
    // storage full or unavailable: the form still works, only the reload safety net is gone
  }
}

function remove(key: string): void {
  try {
    Taro.removeStorageSync(storageKey(key))
  } catch {
    // nothing to remove
  }
}

/** Removes every draft on this device (on sign-out: a draft may hold an ID number). */
export function removeAllDrafts(): void {
  try {
    for (const k of Taro.getStorageInfoSync().keys) if (k.startsWith(PREFIX)) Taro.removeStorageSync(k)
  } catch {
    // storage unavailable
  }
}
onSignedOut(removeAllDrafts)

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

export interface Draft<V> {
  key: string
  /** The values the form has when nothing was typed (empty, or what the server has). */
  baseline: V
  /** What the form starts from: the draft kept on this device, else `baseline`. */
  initial: V
  /** A draft was found and is what the form shows. */
  restored: boolean
  /** The form was sent: forget the draft and stop asking before leaving. */
  clear(): void
  /** The values were saved on the server (a server-side draft): they are the new baseline. */
  rebase(values: V): void
  /** Throws the draft away (清空重填); the baseline, for the form to show again. */
  discard(): V
  /** @internal shared with useKeepDraft */
  state: { cleared: boolean; baseline: V; release: () => void }
}

/** The draft of form `key` (unique per account and per thing the form is about), against `baseline`. */
export function useDraft<V>(key: string, baseline: V): Draft<V> {
  const [found] = useState(() => read<V>(key))
  const state = useRef({ cleared: false, baseline, release: () => undefined as void }).current
  const [, rerender] = useState(0)
  const initial = found ?? state.baseline
  return {
    key,
    baseline: state.baseline,
    initial,
    restored: found !== undefined && !same(found, state.baseline),
    clear() {
      state.cleared = true
      remove(key)
      state.release()
    },
    rebase(values) {
      state.baseline = values
      remove(key)
      rerender((n) => n + 1)
    },
    discard() {
      remove(key)
      return state.baseline
    },
    state,
  }
}

export const LEAVE_MESSAGE = '填写的内容已保存在本机，下次打开可以接着填，但还没有提交。确定离开吗？'

/** Keeps `values` as the draft while they differ from the baseline, and asks before the page is left then. */
export function useKeepDraft<V>(draft: Draft<V>, values: V): void {
  const dirty = !draft.state.cleared && !same(values, draft.state.baseline)
  const { key } = draft
  useEffect(() => {
    if (draft.state.cleared) return
    if (dirty) write(key, values)
    else remove(key)
  }, [draft.state, key, values, dirty])
  draft.state.release = useLeaveGuard(dirty, LEAVE_MESSAGE)
}
