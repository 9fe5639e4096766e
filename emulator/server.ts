import { createReadStream, existsSync, statSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { COLLECTIONS, type CollectionDeclaration } from '../shared/collections'
import { openCloud } from './cloud'
import type { Cloud } from './cloud/types'
import { Cron } from 'croner'
import { backupKeep, runScheduledBackup } from './backup'
import { parseTriggerCron, startTimers, TRIGGER_TIMEZONE, type Timers } from './cron'
import { FunctionHost } from './functions/host'
import { AccountLink } from './gateway/accounts'
import { FunctionAdmission } from './gateway/admission'
import { AuthStore } from './gateway/auth'
import { trustProxyFrom } from './gateway/client-address'
import { FileGrants } from './gateway/files'
import { decodePath, handleGateway, type GatewayDeps } from './gateway/routes'
import { sdkEnvironment } from './connect'
import { sendFail } from './http'
import { noWeChatActions, WeChatSimulation } from './wechat'

export interface ServerOptions {
  port: number
  host?: string
  dataDir: string
  envId?: string
  functionsDir?: string
  /** The built H5 app; served at `/` when present. */
  staticDir?: string
  /** Address printed in QR codes when the app is reached through a proxy or domain; default: this server. */
  publicUrl?: string
  /** Run timer triggers (off in tests that drive timers themselves). */
  timers?: boolean
  /**
   * Reverse proxies whose X-Forwarded-For names the client (sign-in throttling is per client): `loopback`, or a
   * comma-separated list of addresses; default none (TRUST_PROXY in `npm start`). See client-address.ts.
   */
  trustProxy?: string
  /**
   * Simulator mode (WECHAT_SIMULATOR=on): the local cloud also plays WeChat — a client entry through which tests
   * call functions as a mini-program user (openid), and WeChat's open APIs for functions. Off by default.
   */
  wechatSimulator?: boolean | { appid?: string; testPhones?: Record<string, string> }
  /** The collections and indexes to create; default: the app's (shared/collections.ts). */
  collections?: CollectionDeclaration[]
  /**
   * Daily backups into `<dataDir>/backups/` (emulator/backup.ts), keeping the newest `keep`, at `cron` (7 fields,
   * Shanghai time; default 03:00). Off unless given (`npm start` turns it on with the timers: BACKUP_KEEP).
   */
  backups?: { keep: number; cron?: string }
  /**
   * Each function reply through the gateway carries `x-cloud-trips`, the trips its invocation made to the
   * platform (REPORT_TRIPS=on; `npm run bench` and tests use it). Off by default.
   */
  reportTrips?: boolean
  /**
   * How many calls of each action of each function through the gateway run at once, the rest waiting their turn
   * first come first served (gateway/admission.ts; FUNCTION_CONCURRENCY in `npm start`). Default 2; 0 admits every
   * call at once.
   */
  functionConcurrency?: number
  /**
   * Run hosted functions in this many worker processes (functions/workers.ts; FUNCTION_WORKERS in `npm start`),
   * as SCF runs instances apart from the platform; default 0: in this process (tests drive `clock.now` there).
   */
  functionWorkers?: number
  /**
   * After a call in a worker times out, how long the worker may take to answer a ping before it is taken for stuck
   * (its event loop blocked, e.g. by an endless loop) and killed; default 10 s (functions/workers.ts).
   */
  workerStuckMs?: number
}

export interface RunningServer {
  url: string
  envId: string
  port: number
  auth: AuthStore
  host: FunctionHost
  cloud: Cloud
  /** Present in simulator mode: the appid it plays and the token its client entry requires. */
  wechat?: WeChatSimulation
  /** Runs the scheduled backup now (what the daily timer does): archive, prune, report to the admins' page. */
  backupNow(): Promise<{ ok: boolean; name?: string; error?: string }>
  close(): Promise<void>
}

const ROOT = path.resolve(__dirname, '..')
/** Calls of each function the gateway runs at once (ServerOptions.functionConcurrency; measured in admission.ts). */
export const DEFAULT_FUNCTION_CONCURRENCY = 2
/** The environment id the local cloud serves: node-sdk scripts pass it as `env` (or use SYMBOL_CURRENT_ENV). */
export const LOCAL_ENV_ID = 'reopen-local'
/** The daily backup's time: 03:00 Shanghai, before the ledger (03:30) and retention (04:10) timers. */
export const DAILY_BACKUP_CRON = '0 0 3 * * * *'
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}

/** Hashed build output (`js/app.1a2b3c4d.js`): its name changes with its content, so it never needs revalidating. */
const HASHED = /\.[0-9a-f]{8}\.(js|css)$/
/** Precompressed copies the H5 build writes beside each text asset (config/h5Delivery.ts), best first. */
const ENCODINGS = [
  { name: 'br', ext: '.br' },
  { name: 'gzip', ext: '.gz' },
] as const

/** The encodings a request's Accept-Encoding allows (`br;q=0` refuses brotli). */
function acceptedEncodings(header: string | string[] | undefined): Set<string> {
  const out = new Set<string>()
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)).find(Boolean)
    if (name && !(q && Number(q[1]) === 0)) out.add(name)
  }
  return out
}

/**
 * The H5 app. Each file goes out as the smallest precompressed copy the browser accepts (`Vary: Accept-Encoding`
 * so caches keep one per encoding); hashed files are cached for a year as immutable, index.html is revalidated on
 * every visit (ETag) so a new build is picked up at once; unknown paths get index.html (the app's routes).
 */
function serveStatic(
  staticDir: string,
  pathname: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): boolean {
  let rel = decodePath(pathname) ?? ''
  if (rel.endsWith('/')) rel += 'index.html'
  const file = path.normalize(path.join(staticDir, rel))
  if (!file.startsWith(staticDir)) return false
  const target = existsSync(file) && statSync(file).isFile() ? file : path.join(staticDir, 'index.html')
  if (!existsSync(target)) return false
  const ext = path.extname(target)
  const accepted = acceptedEncodings(req.headers['accept-encoding'])
  const encoding = ENCODINGS.find((e) => accepted.has(e.name) && existsSync(target + e.ext))
  const sent = encoding ? target + encoding.ext : target
  const stat = statSync(sent)
  const headers: http.OutgoingHttpHeaders = {
    'content-type': MIME[ext] ?? 'application/octet-stream',
    'content-length': stat.size,
    'cache-control': HASHED.test(target)
      ? 'public, max-age=31536000, immutable'
      : ext === '.html'
        ? 'no-cache'
        : 'public, max-age=3600',
  }
  if (encoding) headers['content-encoding'] = encoding.name
  if (ENCODINGS.some((e) => existsSync(target + e.ext))) headers.vary = 'Accept-Encoding'
  if (ext === '.html') {
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}${encoding ? `-${encoding.name}` : ''}"`
    headers.etag = etag
    if (req.headers['if-none-match'] === etag) {
      delete headers['content-length']
      res.writeHead(304, headers)
      res.end()
      return true
    }
  }
  res.writeHead(200, headers)
  createReadStream(sent).pipe(res)
  return true
}

/** Starts the local cloud: SDK endpoint, function host, gateway, timers and the H5 app on one port. */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const envId = opts.envId ?? LOCAL_ENV_ID
  const host = opts.host ?? '127.0.0.1'
  const functions = new FunctionHost(opts.functionsDir ?? path.join(ROOT, 'cloudfunctions'), envId, {
    workers: opts.functionWorkers,
    stuckMs: opts.workerStuckMs,
  })
  const auth = new AuthStore(opts.dataDir)
  let baseUrl = ''
  const sim = opts.wechatSimulator
  const wechat = sim
    ? new WeChatSimulation({ dataDir: opts.dataDir, ...(typeof sim === 'object' ? sim : {}) })
    : undefined
  const cloud = await openCloud({
    dataDir: opts.dataDir,
    envId,
    collections: opts.collections ?? COLLECTIONS,
    publicUrl: () => baseUrl,
    invokeFunction: (name, event) => functions.invoke(name, event, { kind: 'server' }),
    extraActions: wechat ? wechat.actions() : noWeChatActions(),
  })
  wechat?.attach(functions, cloud.storage)
  const staticDir = opts.staticDir && path.resolve(opts.staticDir)
  const files = new FileGrants(cloud.storage.fileIdPrefix)
  const gateway: GatewayDeps = {
    auth,
    host: functions,
    cloud,
    files,
    accounts: new AccountLink(envId, cloud),
    uploads: auth.uploads,
    trustProxy: trustProxyFrom(opts.trustProxy),
    reportTrips: opts.reportTrips,
    admission:
      (opts.functionConcurrency ?? DEFAULT_FUNCTION_CONCURRENCY) > 0
        ? new FunctionAdmission(opts.functionConcurrency ?? DEFAULT_FUNCTION_CONCURRENCY)
        : undefined,
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    void (async () => {
      try {
        // A malformed percent-escape (`/%`, `/%E0%A4%A`) is the client's mistake, whichever route it aimed at.
        if (decodePath(url.pathname) === undefined) return sendFail(res, 'BAD_REQUEST', '请求地址格式不正确')
        if (await handleGateway(gateway, req, res, url.pathname)) return
        if (wechat && (await wechat.handle(req, res, url))) return
        if (await cloud.handle(req, res, url)) return
        if (req.method === 'GET' && staticDir && serveStatic(staticDir, url.pathname, req, res)) return
        sendFail(res, 'NOT_FOUND', '没有这个页面')
      } catch (e) {
        console.error('[server]', e)
        if (!res.headersSent) sendFail(res, 'INTERNAL')
        else res.end()
      }
    })()
  })
  server.keepAliveTimeout = 65_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  baseUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`
  // Functions reach this process through the real SDK, exactly as they reach CloudBase in production, signing
  // each request with the data directory's key: /admin refuses any other, so it replaces a key this process was
  // started with.
  Object.assign(process.env, sdkEnvironment(baseUrl, envId, cloud.credentials))
  delete process.env.TENCENTCLOUD_SESSIONTOKEN
  // Links printed on plates and posters point at this server unless a public address is configured.
  process.env.PUBLIC_URL = opts.publicUrl ?? baseUrl

  const timers: Timers | undefined = opts.timers ? startTimers(functions) : undefined
  const keep = opts.backups?.keep ?? backupKeep()
  const backupNow = () => runScheduledBackup(opts.dataDir, keep, functions)
  const backupJob = opts.backups
    ? new Cron(
        parseTriggerCron(opts.backups.cron ?? DAILY_BACKUP_CRON).pattern,
        { timezone: TRIGGER_TIMEZONE, protect: true },
        () => void backupNow(),
      )
    : undefined

  return {
    url: baseUrl,
    envId,
    port,
    auth,
    host: functions,
    cloud,
    wechat,
    backupNow,
    async close() {
      timers?.stop()
      backupJob?.stop()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await functions.close()
      await cloud.close()
      auth.close()
      wechat?.close()
    },
  }
}
