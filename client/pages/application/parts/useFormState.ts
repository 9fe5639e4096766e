import Taro from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import type { ZodIssue } from 'zod'

export type Errors = Record<string, string>

/**
 * Values and per-field errors of a form. Errors are keyed by the zod path ("supplies.masks"), so the
 * messages of the shared schemas land on the field they are about.
 */
export function useFormState<V extends object>(initial: V, paths: Partial<Record<keyof V, string>> = {}) {
  const [values, setValues] = useState<V>(initial)
  const [errors, setErrors] = useState<Errors>({})
  const ref = useRef(values)
  ref.current = values
  const pathsRef = useRef(paths)
  const liveRef = useRef<((v: V) => Errors) | null>(null)

  /**
   * Sets a value. Live (after a failed submission, see `checkLive`), every error is checked again, so that
   * "还有 N 项" counts what is really left; otherwise the error of this field (keyed by `paths[key]`, else by
   * the key) is cleared while the person types.
   */
  const set = useCallback(<K extends keyof V>(key: K, value: V[K]) => {
    ref.current = { ...ref.current, [key]: value }
    setValues(ref.current)
    const live = liveRef.current
    if (live) return setErrors(live(ref.current))
    const path = pathsRef.current[key] ?? (key as string)
    setErrors((e) => {
      if (!(path in e)) return e
      const { [path]: _gone, ...rest } = e
      return rest
    })
  }, [])

  /** From now on every change checks the whole form with `check` (null: back to clearing one field). */
  const checkLive = useCallback((check: ((v: V) => Errors) | null) => {
    liveRef.current = check
  }, [])

  const setError = useCallback((key: string, message: string | undefined) => {
    setErrors((e) => {
      if (!message) {
        if (!(key in e)) return e
        const { [key]: _gone, ...rest } = e
        return rest
      }
      return e[key] === message ? e : { ...e, [key]: message }
    })
  }, [])

  const reset = useCallback((next: V) => {
    ref.current = next
    liveRef.current = null
    setValues(next)
    setErrors({})
  }, [])

  return { values, errors, set, setError, setErrors, checkLive, reset, current: () => ref.current }
}

/** The first message per path of a zod error. */
export function issuesByPath(issues: readonly ZodIssue[]): Errors {
  const out: Errors = {}
  for (const i of issues) {
    const key = i.path.join('.')
    if (!(key in out)) out[key] = i.message
  }
  return out
}

/** Scrolls the first field with an error into view (fields carry `id="f-<path>"`). */
export function scrollToFirstError(errors: Errors, order: readonly string[]): void {
  const first = order.find((k) => errors[k])
  if (!first) return
  Taro.pageScrollTo({ selector: `#${fieldId(first)}`, offsetTop: -80, duration: 200 }).catch(() => undefined)
}

export function fieldId(path: string): string {
  return `f-${path.replace(/\./g, '-')}`
}
