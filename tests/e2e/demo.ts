/**
 * A local cloud for the browser tests and the screenshot scripts: the emulator on a throw-away data dir,
 * serving the H5 build, with the demo accounts — and its gateway driven without a browser (function calls
 * as a signed-in person, logins, new self-service accounts), and the two ways a phone gets signed in.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { DEMO_PASSWORD, seedDemo } from '../../emulator/seed'
import { startServer, type RunningServer } from '../../emulator/server'
import { backFromWuhan } from '../helpers/fixtures'
import {
  fillField,
  launchBrowser,
  newPhonePage,
  STATIC_DIR,
  tapButton,
  waitForRoute,
  waitForText,
  type BrowserSession,
  type PhonePage,
} from './helpers'

/** Where the H5 app keeps its session (client/services/cloud.ts). */
export const TOKEN_KEY = 'reopen.token'

/** The emulator's HTTP gateway, as the H5 app talks to it. */
export class Gateway {
  constructor(readonly url: string) {}

  /** Calls function `fn` as the person whose token this is; a refusal throws with its message. */
  async call<T>(token: string, fn: string, event: Record<string, unknown>): Promise<T> {
    const res = await fetch(`${this.url}/api/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(event),
    })
    const body = (await res.json()) as { ok: boolean; data: T; message?: string }
    if (!body.ok) throw new Error(`${fn}.${String(event.action)}: ${body.message}`)
    return body.data
  }

  /** A session token from the gateway's login or registration. */
  async auth(kind: 'login' | 'register', body: Record<string, string>): Promise<string> {
    const res = await fetch(`${this.url}/api/auth/${kind}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    const answer = (await res.json()) as { token?: string; message?: string }
    if (!answer.token) throw new Error(`${kind} ${body.phone}: ${answer.message}`)
    return answer.token
  }

  login(phone: string, password = DEMO_PASSWORD): Promise<string> {
    return this.auth('login', { phone, password })
  }

  /** Uploads a picture as the H5 app does (multipart POST /api/upload) into folder `dir`; its fileID. */
  async upload(token: string, png: Buffer, dir: string): Promise<string> {
    const form = new FormData()
    form.append('dir', dir)
    form.append('file', new Blob([png], { type: 'image/png' }), 'photo.png')
    const res = await fetch(`${this.url}/api/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    })
    const body = (await res.json()) as { ok: boolean; data: { fileID: string }; message?: string }
    if (!body.ok) throw new Error(`upload: ${body.message}`)
    return body.data.fileID
  }

  /** A new gateway user with a self-service account (the demo password). */
  async newUser(
    phone: string,
    name: string,
    role: 'resident' | 'employee' | 'owner' = 'resident',
  ): Promise<string> {
    const token = await this.auth('register', { phone, password: DEMO_PASSWORD, name })
    await this.call(token, 'account', { action: 'setup', name, phone, role })
    return token
  }
}

export interface DemoCloud {
  server: RunningServer
  url: string
  gateway: Gateway
  close(): Promise<void>
}

/**
 * Starts the emulator in this process (which also points this process's SDK at it) on a fresh data dir,
 * serving the H5 build in STATIC_DIR; `seed: false` leaves out the demo accounts.
 */
export async function startDemoCloud(name: string, opts: { seed?: boolean } = {}): Promise<DemoCloud> {
  if (!existsSync(path.join(STATIC_DIR, 'index.html'))) {
    throw new Error(`${STATIC_DIR} is missing: build the H5 app first (npm run build:h5)`)
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `reopen-${name}-`))
  const server = await startServer({ port: 0, dataDir, staticDir: STATIC_DIR })
  if (opts.seed ?? true) await seedDemo(server.auth)
  return {
    server,
    url: server.url,
    gateway: new Gateway(server.url),
    async close() {
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * Signs the phone in as `token` before the app starts, the way the app keeps its session (Taro storage,
 * values as `{data}`); `storage` adds other stored values.
 */
export async function signIn(
  context: BrowserContext,
  token: string,
  storage: Record<string, unknown> = {},
): Promise<void> {
  const entries = Object.entries({ [TOKEN_KEY]: token, ...storage }).map(
    ([k, v]) => [k, JSON.stringify({ data: v })] as const,
  )
  await context.addInitScript((list) => {
    for (const [key, value] of list)
      if (!window.localStorage.getItem(key)) window.localStorage.setItem(key, value)
  }, entries)
}

/** Logs in through the login page with the demo password, as a person would, and waits for home. */
export async function loginWithForm(page: Page, base: string, phone: string): Promise<void> {
  await page.goto(`${base}/#/pages/login/index`)
  await waitForText(page, '街道复工复产')
  await fillField(page, '手机号', phone)
  await fillField(page, '密码', DEMO_PASSWORD)
  await tapButton(page, '登录')
  await waitForRoute(page, '/pages/index/index')
  await waitForText(page, '办事服务')
}

/** What a browser test file shares: its cloud, its browser, the phones it opened (closed after its tests). */
export interface E2ESession {
  cloud: DemoCloud
  browser: Browser
  opened: PhonePage[]
  /** A new phone (own storage: own login), closed when the file's tests are done. */
  phone(): Promise<PhonePage>
  /** E2E_TIMING=1 prints how long each stage of a journey took. */
  mark(stage: string): void
}

/**
 * Sets up a test file (jest beforeAll / afterAll): a demo cloud named `name` (after `setup`, e.g. more
 * records), a browser; everything is closed after the file's tests. Read the fields inside the tests.
 */
export function e2eSession(
  name: string,
  opts: { seed?: boolean; setup?: () => Promise<void> } = {},
): E2ESession {
  let session: BrowserSession | undefined
  const t0 = Date.now()
  const s = {
    opened: [] as PhonePage[],
    async phone() {
      const p = await newPhonePage(s.browser)
      s.opened.push(p)
      return p
    },
    mark(stage: string) {
      if (process.env.E2E_TIMING) console.log(`${((Date.now() - t0) / 1000).toFixed(1)}s ${stage}`)
    },
  } as E2ESession
  beforeAll(async () => {
    s.cloud = await startDemoCloud(name, { seed: opts.seed })
    await opts.setup?.()
    session = await launchBrowser()
    s.browser = session.browser
  })
  afterAll(async () => {
    for (const p of s.opened) await p.context.close().catch(() => undefined)
    await session?.close()
    await s.cloud?.close()
  })
  return s
}

/** Who declares in the browser tests: back from Wuhan on `arrival`, at home in 幸福社区's first grid. */
export interface Returnee {
  phone: string
  name: string
  idNumber: string
  building: string
  room: string
  arrival: string
}

/** A new resident who declares as `who` (through the gateway) and is in home quarantine. */
export async function declareQuarantined(
  e2e: E2ESession,
  who: Returnee,
): Promise<{ token: string; quarantineId: string }> {
  const token = await e2e.cloud.gateway.newUser(who.phone, who.name)
  const { quarantine } = await e2e.cloud.gateway.call<{ quarantine: { _id: string } }>(token, 'health', {
    action: 'declare',
    name: who.name,
    idNumber: who.idNumber,
    phone: who.phone,
    communityId: 'community-xingfu',
    gridId: 'grid-xingfu-1',
    building: who.building,
    room: who.room,
    ...backFromWuhan(who.arrival),
  })
  return { token, quarantineId: quarantine._id }
}

/** The same, signed in on a new phone of the session. */
export async function quarantinedOnPhone(
  e2e: E2ESession,
  who: Returnee,
): Promise<PhonePage & { token: string }> {
  const { token } = await declareQuarantined(e2e, who)
  const p = await e2e.phone()
  await signIn(p.context, token)
  return { ...p, token }
}

/** Runs `scene` on a new phone logged in as `phone` through the login form, and closes the phone after. */
export async function onPhoneOf(
  browser: Browser,
  base: string,
  phone: string,
  scene: (page: Page) => Promise<void>,
): Promise<void> {
  const { page, context } = await newPhonePage(browser)
  try {
    await loginWithForm(page, base, phone)
    await scene(page)
  } finally {
    await context.close()
  }
}
