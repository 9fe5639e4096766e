import Taro from '@tarojs/taro'
import type { Reply } from '../../../services/api'
import { IS_WEAPP } from '../../../services/cloud'
import { formatShanghai } from '../../../../shared/time'
import { toast } from '../../../utils/toast'

type Plate = Reply<'application', 'plate'>

/** The picture's size in px: a 750-wide phone picture, sharp when printed on A5/A4. */
export const PLATE_IMAGE = { width: 750, height: 1120 } as const

const RED = '#c62f2f'
const TEXT = '#1f2329'
const MUTED = '#646a73'
const FONT = '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif'

/**
 * The drawing calls the picture needs: the browser's CanvasRenderingContext2D and the mini-program's 2D
 * context of an offscreen canvas both have them.
 */
export interface Ctx2D {
  fillStyle: string | CanvasGradient | CanvasPattern
  strokeStyle: string | CanvasGradient | CanvasPattern
  lineWidth: number
  font: string
  textAlign: CanvasTextAlign
  textBaseline: CanvasTextBaseline
  fillRect(x: number, y: number, w: number, h: number): void
  strokeRect(x: number, y: number, w: number, h: number): void
  fillText(text: string, x: number, y: number): void
  measureText(text: string): { width: number }
  drawImage(image: never, x: number, y: number, w: number, h: number): void
  beginPath(): void
  arc(x: number, y: number, r: number, start: number, end: number): void
  stroke(): void
}

const day = (ms: number) => (ms ? formatShanghai(ms, 'YYYY年M月D日') : '—')

/** Splits `text` into lines no wider than `width` at the context's font (Chinese breaks anywhere). */
function lines(ctx: Ctx2D, text: string, width: number): string[] {
  const out: string[] = []
  let line = ''
  for (const ch of text) {
    if (line && ctx.measureText(line + ch).width > width) {
      out.push(line)
      line = ch
    } else line += ch
  }
  if (line) out.push(line)
  return out
}

/**
 * Draws the plate as the page shows it — red band, enterprise, credit code, address, date, the departments'
 * approvals and the QR that checks it — onto `ctx` (PLATE_IMAGE in size); `qr` is the loaded QR picture.
 */
export function drawPlate(ctx: Ctx2D, plate: Plate, street: string, qr: unknown): void {
  const { width: W, height: H } = PLATE_IMAGE
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, W, H)
  ctx.strokeStyle = RED
  ctx.lineWidth = 6
  ctx.strokeRect(3, 3, W - 6, H - 6)

  ctx.fillStyle = RED
  ctx.fillRect(0, 0, W, 150)
  ctx.fillStyle = '#ffffff'
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  ctx.font = `bold 56px ${FONT}`
  ctx.fillText('复工复产公示牌', W / 2, 62)
  ctx.font = `28px ${FONT}`
  ctx.fillText(`${street} · 疫情防控三方审核`, W / 2, 118)

  let y = 210
  ctx.fillStyle = TEXT
  ctx.font = `bold 46px ${FONT}`
  for (const l of lines(ctx, plate.enterpriseName, W - 80)) {
    ctx.fillText(l, W / 2, y)
    y += 60
  }
  y += 10

  const row = (label: string, value: string, strong = false) => {
    ctx.textAlign = 'left'
    ctx.fillStyle = MUTED
    ctx.font = `26px ${FONT}`
    ctx.fillText(label, 40, y)
    ctx.fillStyle = strong ? RED : TEXT
    ctx.font = `${strong ? 'bold ' : ''}30px ${FONT}`
    const ls = lines(ctx, value, W - 320)
    for (const l of ls) {
      ctx.fillText(l, 280, y)
      y += 42
    }
    y += 18
  }
  row('统一社会信用代码', plate.creditCode)
  row('经营地址', plate.address)
  row('准予复工日期', day(plate.reopenedAt), true)

  // The departments' approvals: a red seal each.
  const n = Math.max(1, plate.approvals.length)
  ctx.textAlign = 'center'
  plate.approvals.forEach((a, i) => {
    const cx = ((i + 0.5) * W) / n
    ctx.strokeStyle = RED
    ctx.lineWidth = 4
    ctx.beginPath()
    ctx.arc(cx, y + 56, 52, 0, Math.PI * 2)
    ctx.stroke()
    ctx.fillStyle = RED
    ctx.font = `bold 28px ${FONT}`
    ctx.fillText('审核', cx, y + 40)
    ctx.fillText('通过', cx, y + 74)
    ctx.fillStyle = TEXT
    ctx.font = `26px ${FONT}`
    ctx.fillText(a.label, cx, y + 142)
    ctx.fillStyle = MUTED
    ctx.font = `22px ${FONT}`
    ctx.fillText(day(a.at), cx, y + 176)
  })
  y += 220

  // The QR and what it is for.
  const size = 300
  ctx.drawImage(qr as never, (W - size) / 2, y, size, size)
  y += size + 40
  ctx.fillStyle = TEXT
  ctx.font = `bold 32px ${FONT}`
  ctx.fillText('扫码核验', W / 2, y)
  ctx.fillStyle = MUTED
  ctx.font = `24px ${FONT}`
  ctx.fillText('扫描二维码，查看本公示牌是否有效', W / 2, y + 42)
}

/** H5: the plate as a PNG data URL, drawn on a canvas in the page. */
export async function plateImageH5(plate: Plate, street: string): Promise<string> {
  const canvas = document.createElement('canvas')
  canvas.width = PLATE_IMAGE.width
  canvas.height = PLATE_IMAGE.height
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('no 2d canvas')
  const qr = new Image()
  await new Promise<void>((resolve, reject) => {
    qr.onload = () => resolve()
    qr.onerror = () => reject(new Error('QR did not load'))
    qr.src = plate.qr
  })
  drawPlate(ctx as unknown as Ctx2D, plate, street, qr)
  return canvas.toDataURL('image/png')
}

/** The offscreen 2D canvas of the mini-program, as far as this file uses it. */
interface WeappCanvas {
  getContext(type: '2d'): Ctx2D
  createImage(): { onload: () => void; onerror: () => void; src: string }
}

/**
 * Mini-program: draws the plate on an offscreen canvas, writes it to a temporary PNG and saves it to the
 * album. WeChat asks for the album permission the first time; if it was refused before, offer the settings.
 */
export async function savePlateToAlbum(plate: Plate, street: string): Promise<void> {
  if (!IS_WEAPP) return
  try {
    const canvas = Taro.createOffscreenCanvas({
      type: '2d',
      width: PLATE_IMAGE.width,
      height: PLATE_IMAGE.height,
    }) as unknown as WeappCanvas
    const qr = canvas.createImage()
    await new Promise<void>((resolve, reject) => {
      qr.onload = resolve
      qr.onerror = reject
      qr.src = plate.qr
    })
    drawPlate(canvas.getContext('2d'), plate, street, qr)
    const { tempFilePath } = await Taro.canvasToTempFilePath({
      canvas: canvas as never,
      fileType: 'png',
    } as Taro.canvasToTempFilePath.Option)
    await Taro.saveImageToPhotosAlbum({ filePath: tempFilePath })
    toast.success('已保存到相册')
  } catch (e) {
    const msg = (e as { errMsg?: string } | undefined)?.errMsg ?? ''
    if (/auth|denied|deny/i.test(msg)) {
      const { confirm } = await Taro.showModal({
        title: '需要相册权限',
        content: '保存公示牌图片需要允许访问相册，请在设置里打开“添加到相册”。',
        confirmText: '去设置',
      })
      if (confirm) await Taro.openSetting().catch(() => undefined)
      return
    }
    if (/cancel/i.test(msg)) return
    toast.fail('没能保存图片，请截屏保存整张公示牌')
  }
}
