import QRCode from 'qrcode'
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

/** A PNG data URL, so the mini-program and H5 show it as a plain image without a canvas. */
export function qrDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 1, width: 360 })
}
