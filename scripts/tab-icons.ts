/**
 * Generates the tab-bar PNGs in client/assets/tab/ from NutUI's own icon set (the SVGs inside
 * @nutui/icons-react-taro), rendered by headless chromium so they match the icons used in pages.
 * WeChat wants PNG/JPG tab icons (≤ 40 KB, 81×81 recommended); SVG is not accepted there.
 *
 *   npx tsx scripts/tab-icons.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { chromium } from 'playwright-core'

const ROOT = path.resolve(__dirname, '..')
const ICONS = path.join(ROOT, 'node_modules/@nutui/icons-react-taro/dist/es/icons')
const OUT = path.join(ROOT, 'client/assets/tab')
const SIZE = 81
const INACTIVE = '#8a94a6'
const ACTIVE = '#1f6fd8'

const TABS: Array<{ file: string; icon: string; activeIcon: string }> = [
  { file: 'home', icon: 'Home', activeIcon: 'HomeF' },
  { file: 'messages', icon: 'Message', activeIcon: 'MessageF' },
  { file: 'profile', icon: 'User', activeIcon: 'UserF' },
]

function svgOf(name: string, color: string): string {
  const src = readFileSync(path.join(ICONS, `${name}.js`), 'utf8')
  const m = /data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/.exec(src)
  if (!m) throw new Error(`no svg in ${name}`)
  return Buffer.from(m[1]!, 'base64')
    .toString('utf8')
    .replace(/fill="#[0-9a-fA-F]{3,6}"/g, `fill="${color}"`)
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  })
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 })
    for (const tab of TABS) {
      for (const [suffix, icon, color] of [
        ['', tab.icon, INACTIVE],
        ['-active', tab.activeIcon, ACTIVE],
      ] as const) {
        const svg = svgOf(icon, color)
        await page.setContent(
          `<html><body style="margin:0;background:transparent"><div style="width:${SIZE}px;height:${SIZE}px;display:flex;align-items:center;justify-content:center">` +
            `<img style="width:60px;height:60px" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"></div></body></html>`,
        )
        const png = await page.screenshot({
          omitBackground: true,
          clip: { x: 0, y: 0, width: SIZE, height: SIZE },
        })
        const file = path.join(OUT, `${tab.file}${suffix}.png`)
        writeFileSync(file, png)
        console.log(`${path.relative(ROOT, file)}  ${png.length} bytes`)
      }
    }
  } finally {
    await browser.close()
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
