import { useDidHide, useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { IS_H5 } from '../services/cloud'

/** From this window width on, H5 pages that support it switch to the desktop layout (tables, many columns). */
export const WIDE_MIN_WIDTH = 1024

const isWide = () => IS_H5 && typeof window !== 'undefined' && window.innerWidth >= WIDE_MIN_WIDTH

/** Pages on screen that asked for the desktop root size; the class stays while any of them is shown. */
const holders = new Set<number>()
let nextHolder = 0

function syncRootClass(): void {
  if (!IS_H5) return
  document.documentElement.classList.toggle('wide-root', holders.size > 0)
}

/**
 * True in the H5 build while the window is at least 1024 px wide (a PC), never in the mini-program — without
 * touching the page's layout. Controls use it to pick what works with a mouse and keyboard (AppPicker).
 */
export function useWideWindow(): boolean {
  const [wide, setWide] = useState(isWide)
  useEffect(() => {
    if (!IS_H5) return
    const onResize = () => setWide(isWide())
    window.addEventListener('resize', onResize)
    return () => window.removeEventListener('resize', onResize)
  }, [])
  return wide
}

/**
 * True in the H5 build when the window is at least 1024 px wide (a PC), never in the mini-program.
 *
 * Taro's H5 sets the root font size from the smaller side of the window, capped at twice the 375 px design:
 * on a 1280×800 screen every rem-sized thing is drawn at double size. While a page using this hook is on
 * screen in a wide window, `html.wide-root` pins the root size to the design's (client/styles/wide.scss), so
 * the page shows at 1:1 and has the whole width for tables and charts. Other pages are left as they are.
 */
export function useWideLayout(): boolean {
  const wide = useWideWindow()
  const [shown, setShown] = useState(true)
  const [holder] = useState(() => ++nextHolder)

  useDidShow(() => setShown(true))
  useDidHide(() => setShown(false))

  useEffect(() => {
    if (!IS_H5) return
    if (wide && shown) holders.add(holder)
    else holders.delete(holder)
    syncRootClass()
    return () => {
      holders.delete(holder)
      syncRootClass()
    }
  }, [wide, shown, holder])

  return wide
}
