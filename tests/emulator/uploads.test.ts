import { TestCloud } from '../helpers/cloud'
import { MAX_UPLOAD_BYTES, UPLOAD_QUOTA } from '../../emulator/gateway/uploads'

/** Issue 9, hole 11: one stated size rule, the type read from the bytes, a daily quota, safe retries. */
let cloud: TestCloud
beforeAll(async () => {
  cloud = await TestCloud.start()
})
afterAll(() => cloud.stop())

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
/** A PNG padded to exactly `size` bytes (trailing bytes after IEND do not change what the file is). */
const pngOf = (size: number) => Buffer.concat([PNG, Buffer.alloc(size - PNG.length)])

async function send(token: string, data: Buffer, declared: string, requestId?: string) {
  const form = new FormData()
  form.append('dir', 'licences')
  if (requestId) form.append('requestId', requestId)
  form.append('file', new Blob([data], { type: declared }), 'x.bin')
  const res = await fetch(`${cloud.url}/api/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  })
  return {
    status: res.status,
    body: (await res.json()) as {
      ok: boolean
      code?: string
      message?: string
      data?: { fileID: string; contentType: string }
    },
  }
}

let n = 0
const newUser = () => cloud.newUser(`1370000${String(5000 + ++n)}`)

describe('uploads (issue 9, hole 11)', () => {
  it('accepts 10 MiB − 1 and exactly 10 MiB, refuses 10 MiB + 1 with the message that states the rule', async () => {
    const token = await newUser()
    expect((await send(token, pngOf(MAX_UPLOAD_BYTES - 1), 'image/png')).status).toBe(200)
    expect((await send(token, pngOf(MAX_UPLOAD_BYTES), 'image/png')).status).toBe(200)
    const over = await send(token, pngOf(MAX_UPLOAD_BYTES + 1), 'image/png')
    expect(over.status).toBe(413)
    expect(over.body).toMatchObject({ ok: false, code: 'PAYLOAD_TOO_LARGE', message: '文件不能超过10MB' })
  })

  it('reads the type from the bytes: a PNG declared as PDF is stored as PNG, a program declared as PNG is refused', async () => {
    const token = await newUser()
    const png = await send(token, PNG, 'application/pdf')
    expect(png.body.data).toMatchObject({ contentType: 'image/png', fileID: expect.stringMatching(/\.png$/) })
    const exe = await send(
      token,
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff'.repeat(20), 'latin1'),
      'image/png',
    )
    expect(exe.status).toBe(415)
    expect(exe.body).toMatchObject({ ok: false, code: 'UPLOAD_TYPE' })
    const html = await send(token, Buffer.from('<html><script>alert(1)</script></html>'), 'image/jpeg')
    expect(html.body.code).toBe('UPLOAD_TYPE')
  })

  it(`a daily quota per person: file ${UPLOAD_QUOTA.files + 1} is refused with the limits stated; others are not affected`, async () => {
    const token = await newUser()
    for (let i = 0; i < UPLOAD_QUOTA.files; i++)
      expect((await send(token, PNG, 'image/png')).status).toBe(200)
    const over = await send(token, PNG, 'image/png')
    expect(over.status).toBe(429)
    expect(over.body.code).toBe('UPLOAD_QUOTA')
    expect(over.body.message).toContain(`${UPLOAD_QUOTA.files}个`)
    expect(over.body.message).toContain('100MB')
    expect((await send(await newUser(), PNG, 'image/png')).status).toBe(200)
  })

  it('safe to retry: the same request id gives the same fileID, also for 10 sent at once, counted once', async () => {
    const token = await newUser()
    const first = await send(token, PNG, 'image/png', 'photo-0001-retry')
    const again = await send(token, PNG, 'image/png', 'photo-0001-retry')
    expect(again.body.data!.fileID).toBe(first.body.data!.fileID)
    const burst = await Promise.all(
      Array.from({ length: 10 }, () => send(token, PNG, 'image/png', 'photo-0002-burst')),
    )
    expect(new Set(burst.map((r) => r.body.data?.fileID)).size).toBe(1)
    // 2 uploads counted: the quota leaves the rest.
    for (let i = 0; i < UPLOAD_QUOTA.files - 2; i++)
      expect((await send(token, PNG, 'image/png')).status).toBe(200)
    expect((await send(token, PNG, 'image/png')).status).toBe(429)
  })
})
