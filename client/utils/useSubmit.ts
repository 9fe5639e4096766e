import { useCallback, useRef, useState } from 'react'
import { errorMessage } from '../services/cloud'

/**
 * A form's submission, for FormFooter: `busy` while it runs (a second tap does nothing), and the refusal in
 * words after it failed. `setError` shows a check of the form's own.
 */
export function useSubmit(): {
  busy: boolean
  error: string
  setError: (message: string) => void
  run: (action: () => Promise<void>) => Promise<void>
} {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const running = useRef(false)
  const run = useCallback(async (action: () => Promise<void>) => {
    if (running.current) return
    running.current = true
    setBusy(true)
    setError('')
    try {
      await action()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      running.current = false
      setBusy(false)
    }
  }, [])
  return { busy, error, setError, run }
}
