/**
 * The H5 app as the local cloud serves it: the precompressed copy the browser accepts (brotli, else gzip, else the
 * file itself), `Vary: Accept-Encoding`, hashed files cached for good, index.html revalidated by ETag.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { TestCloud } from '../helpers/cloud'

let cloud: TestCloud
let staticDir: string

const HTML = `<!doctype html><title>复工通</title>${'<div>首页</div>'.repeat(200)}`
const APP = `console.log(${JSON.stringify('复工通'.repeat(500))})`
const PLAIN = 'body{color:#333}' // too small to have been compressed by the build
const PNG = Buffer.from('89504e470d0a1a0a', 'hex')

function put(rel: string, body: string | Buffer, compressed: boolean): void {
  const file = path.join(staticDir, rel)
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, body)
  if (!compressed) return
  writeFileSync(`${file}.br`, zlib.brotliCompressSync(body))
  writeFileSync(`${file}.gz`, zlib.gzipSync(body))
}

beforeAll(async () => {
  staticDir = mkdtempSync(path.join(os.tmpdir(), 'reopen-static-'))
  put('index.html', HTML, true)
  put('js/app.1a2b3c4d.js', APP, true)
  put('css/first.0f0f0f0f.css', PLAIN, false)
  put('static/images/tab.png', PNG, false)
  cloud = await TestCloud.start({ staticDir })
})
afterAll(async () => {
  await cloud.stop()
  rmSync(staticDir, { recursive: true, force: true })
})

interface Answer {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

/** A GET with exactly these headers (fetch would add and undo Accept-Encoding itself). */
function get(pathname: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get(`${cloud.url}${pathname}`, { headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        )
      })
      .on('error', reject)
  })
}

function decoded(a: Answer): string {
  const enc = a.headers['content-encoding']
  if (enc === 'br') return zlib.brotliDecompressSync(a.body).toString()
  if (enc === 'gzip') return zlib.gunzipSync(a.body).toString()
  return a.body.toString()
}

describe('content encoding follows Accept-Encoding', () => {
  const cases: [string, string | undefined][] = [
    ['gzip, deflate, br', 'br'],
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['deflate, gzip;q=0.5', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['BR', 'br'],
    ['deflate', undefined],
    ['identity', undefined],
    ['', undefined],
  ]
  const files: [string, string, string][] = [
    ['/', HTML, 'text/html; charset=utf-8'],
    ['/js/app.1a2b3c4d.js', APP, 'text/javascript; charset=utf-8'],
  ]
  for (const [url, body, type] of files)
    it.each(cases)(`${url} with Accept-Encoding "%s" → %s`, async (accept, encoding) => {
      const a = await get(url, accept ? { 'accept-encoding': accept } : {})
      expect(a.status).toBe(200)
      expect(a.headers['content-type']).toBe(type)
      expect(a.headers['content-encoding']).toBe(encoding)
      expect(a.headers.vary).toBe('Accept-Encoding')
      expect(Number(a.headers['content-length'])).toBe(a.body.length)
      expect(decoded(a)).toBe(body)
      if (encoding) expect(a.body.length).toBeLessThan(Buffer.byteLength(body))
    })

  it('a file the build left uncompressed goes out as it is, whatever the browser accepts', async () => {
    const a = await get('/css/first.0f0f0f0f.css', { 'accept-encoding': 'br, gzip' })
    expect(a.headers['content-encoding']).toBeUndefined()
    expect(a.headers.vary).toBeUndefined()
    expect(a.body.toString()).toBe(PLAIN)
  })
})

describe('caching', () => {
  it('hashed files are cached for a year and never revalidated', async () => {
    for (const url of ['/js/app.1a2b3c4d.js', '/css/first.0f0f0f0f.css'])
      expect((await get(url)).headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })

  it('files without a hash in their name are cached for an hour', async () => {
    const a = await get('/static/images/tab.png')
    expect(a.headers['content-type']).toBe('image/png')
    expect(a.headers['cache-control']).toBe('public, max-age=3600')
    expect(a.body.equals(PNG)).toBe(true)
  })

  it('index.html is revalidated on every visit: same ETag → 304 without a body, per encoding', async () => {
    for (const accept of ['br', 'gzip', '']) {
      const headers: Record<string, string> = accept ? { 'accept-encoding': accept } : {}
      const first = await get('/', headers)
      expect(first.headers['cache-control']).toBe('no-cache')
      const etag = first.headers.etag!
      expect(etag).toMatch(/^".+"$/)
      const again = await get('/', { ...headers, 'if-none-match': etag })
      expect(again.status).toBe(304)
      expect(again.body.length).toBe(0)
      expect(again.headers.etag).toBe(etag)
      // Another encoding's ETag names another body: the full answer comes.
      const other = await get('/', { ...headers, 'if-none-match': '"stale"' })
      expect(other.status).toBe(200)
      expect(decoded(other)).toBe(HTML)
    }
    const tags = await Promise.all(
      ['br', 'gzip', ''].map(async (e) => (await get('/', e ? { 'accept-encoding': e } : {})).headers.etag),
    )
    expect(new Set(tags).size).toBe(3)
  })

  it('an app route that is no file gets index.html, revalidated', async () => {
    const a = await get('/pages/login/index', { 'accept-encoding': 'gzip' })
    expect(a.status).toBe(200)
    expect(a.headers['cache-control']).toBe('no-cache')
    expect(decoded(a)).toBe(HTML)
  })

  it('a precompressed copy is not a way out of the static dir', async () => {
    const a = await get('/../../etc/passwd', { 'accept-encoding': 'br' })
    expect(a.body.toString()).not.toMatch(/root:/)
  })
})
