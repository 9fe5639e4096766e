import { useEffect, useState } from 'react'
import { tempFileUrls } from '../services/cloud'

/**
 * The URL to show a stored file (a cloud:// fileID) with. Files asked for in the same moment — the photos of one
 * page — go to the backend in one request; services/cloud.ts remembers URLs until they are about to expire.
 */

type Waiter = (url: string | undefined) => void
let queued = new Map<string, Waiter[]>()
let timer: ReturnType<typeof setTimeout> | undefined

function flush(): void {
  const batch = queued
  queued = new Map()
  timer = undefined
  tempFileUrls([...batch.keys()]).then(
    (urls) => batch.forEach((waiters, id) => waiters.forEach((w) => w(urls.get(id)))),
    () => batch.forEach((waiters) => waiters.forEach((w) => w(undefined))),
  )
}

function urlFor(fileID: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    queued.set(fileID, [...(queued.get(fileID) ?? []), resolve])
    timer ??= setTimeout(flush, 0)
  })
}

export type FileUrlState = { status: 'loading' } | { status: 'ready'; url: string } | { status: 'none' }

/** `local` (a file just picked on this device) is shown as is, without asking the backend. */
export function useFileUrl(fileID: string | null | undefined, local?: string): FileUrlState {
  const [state, setState] = useState<FileUrlState>(
    local ? { status: 'ready', url: local } : { status: 'loading' },
  )
  useEffect(() => {
    if (local) return setState({ status: 'ready', url: local })
    if (!fileID) return setState({ status: 'none' })
    let live = true
    setState({ status: 'loading' })
    void urlFor(fileID).then((url) => {
      if (live) setState(url ? { status: 'ready', url } : { status: 'none' })
    })
    return () => {
      live = false
    }
  }, [fileID, local])
  return state
}
