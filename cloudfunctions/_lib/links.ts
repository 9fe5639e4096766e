import type QRCodeModule from 'qrcode'
import type { PagePath } from '../../shared/routes'

/**
 * Links printed on paper (plates, join posters) must open the H5 app wherever it is hosted: PUBLIC_URL is set
 * per deployment (the emulator sets its own address; on CloudBase, the static hosting domain).
 */
export function publicUrl(pagePath: PagePath, query: Record<string, string>): string {
  const base = (process.env.PUBLIC_URL ?? '').replace(/\/$/, '')
  const qs = new URLSearchParams(query).toString()
  return `${base}/#${pagePath}?${qs}`
}

/**
 * qrcode (with its PNG encoder) only when a code is drawn: most calls of the functions that draw them draw none, and
 * a cold start should not load it (the bundle keeps it in a file of its own, see scripts/build-functions.ts).
 */
function qrcode(): typeof QRCodeModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('qrcode') as typeof QRCodeModule
}

const drawn = new Map<string, Promise<string>>()
const DRAWN_MAX = 200

/**
 * A PNG data URL, so the mini-program and H5 show it as a plain image without a canvas. Drawing a PNG costs
 * tens of milliseconds of CPU, and the same plate or poster is opened again and again: a warm instance keeps
 * the last few hundred it drew.
 */
export function qrDataUrl(text: string): Promise<string> {
  let png = drawn.get(text)
  if (!png) {
    png = qrcode().toDataURL(text, { errorCorrectionLevel: 'M', margin: 1, width: 360 })
    png.catch(() => drawn.delete(text))
    if (drawn.size >= DRAWN_MAX) drawn.delete(drawn.keys().next().value!)
    drawn.set(text, png)
  }
  return png
}
