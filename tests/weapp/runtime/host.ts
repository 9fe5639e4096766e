/**
 * The page host: runs the built mini-program's JavaScript (Taro's real runtime, React, the app) in a fresh `vm`
 * context with the globals the WeChat client provides — `wx`, `App`, `Page`, `Component`, `getApp`,
 * `getCurrentPages` — and nothing a browser or Node would add. It keeps the page stack the way WeChat does
 * (navigateTo pushes, redirectTo replaces, switchTab keeps tab pages alive, reLaunch starts over, at most ten
 * pages), applies each `setData` to the page's data and renders it through WeChat's compiled templates.
 */
import path from 'node:path'
import vm from 'node:vm'
import { type WeChatIdentity, WeChatClient } from '../../helpers/wechat'
import type { RunningServer } from '../../../emulator/server'
import { Bundle, DEFAULT_DIST } from './bundle'
import { CanvasNode } from './canvas'
import { PageHost } from './page'
import { createWx, SimulatedUser, type WxHost } from './wx'

export interface LaunchOptions {
  /** The local cloud (started with `wechatSimulator`) the mini-program's wx.cloud reaches. */
  server: Pick<RunningServer, 'url' | 'wechat'>
  /** Who is using WeChat: the openid (and appid, phone) the local cloud will see. */
  identity: WeChatIdentity
  /** The page the mini-program opens at, e.g. `pages/health/card?x=1`; default: the first page of app.json. */
  path?: string
  /** WeChat's scene value: 1001 from the list of recent mini-programs, 1014 from a subscribe message, 1011 a QR. */
  scene?: number
  dist?: string
}

const MAX_PAGES = 10

type PageConfig = Record<string, unknown>

function splitUrl(url: string, from: string | undefined): { route: string; query: Record<string, string> } {
  const [rawPath = '', search = ''] = url.split('?')
  let route = rawPath
  if (!route.startsWith('/') && from) route = path.posix.join(path.posix.dirname(from), route)
  route = route.replace(/^\/+/, '')
  const query: Record<string, string> = {}
  // WeChat hands onLoad the query values as they were written in the URL: not decoded.
  for (const part of search.split('&').filter(Boolean)) {
    const i = part.indexOf('=')
    query[i < 0 ? part : part.slice(0, i)] = i < 0 ? '' : part.slice(i + 1)
  }
  return { route, query }
}

export class MiniProgram {
  readonly user = new SimulatedUser()
  readonly toasts: { title: string; icon?: string }[] = []
  readonly modals: { title: string; content: string; confirmed: boolean }[] = []
  readonly storage = new Map<string, string>()
  readonly client: WeChatClient
  /** The `wx` object the app sees (tests call it directly to check how it behaves). */
  readonly wx: Record<string, unknown>
  /** Errors thrown by the app's code (a handler, a lifecycle): tests assert there were none. */
  readonly errors: unknown[] = []
  private readonly bundle: Bundle
  private readonly context: vm.Context
  private readonly modules = new Map<string, { exports: unknown }>()
  private readonly pageConfigs = new Map<string, PageConfig>()
  private readonly stack: PageHost[] = []
  private readonly tabPages = new Map<string, PageHost>()
  private readonly timers = new Set<ReturnType<typeof setTimeout>>()
  private readonly intervals = new Set<ReturnType<typeof setInterval>>()
  private readonly temp = new Map<string, Buffer>()
  private readonly canvases = new Map<string, CanvasNode>()
  private readonly inFlight = new Set<Promise<unknown>>()
  private registering: string | undefined
  private appInstance: Record<string, unknown> | undefined
  private tapDepth = 0
  private closed = false
  private webviewSeq = 0
  readonly launchOptions: { path: string; query: Record<string, string>; scene: number }

  private constructor(opts: LaunchOptions) {
    this.bundle = Bundle.load(opts.dist ?? DEFAULT_DIST)
    this.client = new WeChatClient(opts.server, opts.identity)
    const first = splitUrl(opts.path ?? this.bundle.app.pages[0]!, undefined)
    this.launchOptions = { path: first.route, query: first.query, scene: opts.scene ?? 1001 }
    const track = {
      setTimeout: ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
        const t = setTimeout(() => {
          this.timers.delete(t)
          if (!this.closed) this.guard(() => fn(...args))
        }, ms)
        this.timers.add(t)
        return t
      }) as typeof setTimeout,
      clearTimeout: ((t: ReturnType<typeof setTimeout>) => {
        this.timers.delete(t)
        clearTimeout(t)
      }) as typeof clearTimeout,
      setInterval: ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
        const t = setInterval(() => {
          if (!this.closed) this.guard(() => fn(...args))
        }, ms)
        this.intervals.add(t)
        return t
      }) as typeof setInterval,
      clearInterval: ((t: ReturnType<typeof setInterval>) => {
        this.intervals.delete(t)
        clearInterval(t)
      }) as typeof clearInterval,
    }
    this.timerApi = track
    const wx = createWx(this.wxHost())
    this.wx = wx
    this.context = vm.createContext({
      wx,
      App: (config: Record<string, unknown>) => {
        this.appInstance = config
      },
      Page: (config: PageConfig) => {
        if (!this.registering) throw new Error('Page() called outside a page file')
        this.pageConfigs.set(this.registering, config)
      },
      Component: () => undefined,
      Behavior: (b: unknown) => b,
      getApp: () => this.appInstance,
      getCurrentPages: () => this.stack.map((p) => p.instance),
      requirePlugin: (name: string) => {
        throw new Error(`requirePlugin(${name}): no plugins in this app`)
      },
      console,
      ...track,
    })
  }

  private readonly timerApi: {
    setTimeout: typeof setTimeout
    clearTimeout: typeof clearTimeout
    setInterval: typeof setInterval
    clearInterval: typeof clearInterval
  }

  /** Starts the mini-program as WeChat does: app.js, App's onLaunch and onShow, then the first page. */
  static async launch(opts: LaunchOptions): Promise<MiniProgram> {
    const mp = new MiniProgram(opts)
    mp.require('app.js')
    if (!mp.appInstance) throw new Error('app.js did not call App()')
    const launch = { ...mp.launchOptions, referrerInfo: {} }
    mp.call(mp.appInstance, 'onLaunch', launch)
    mp.call(mp.appInstance, 'onShow', launch)
    await mp.open('reLaunch', `/${mp.launchOptions.path}`, mp.launchOptions.query)
    return mp
  }

  // ---------------------------------------------------------------------------------------------
  // Modules

  private require(file: string, from?: string): unknown {
    let rel =
      from && !file.startsWith('/')
        ? path.posix.join(path.posix.dirname(from), file)
        : file.replace(/^\//, '')
    rel = path.posix.normalize(rel)
    if (!rel.endsWith('.js')) rel += '.js'
    const cached = this.modules.get(rel)
    if (cached) return cached.exports
    if (!this.bundle.exists(rel))
      throw new Error(`module not found: ${rel} (required from ${from ?? 'the host'})`)
    const module = { exports: {} as unknown }
    this.modules.set(rel, module)
    const fn = this.bundle.script(rel).runInContext(this.context) as (...args: unknown[]) => void
    fn((f: string) => this.require(f, rel), module, module.exports)
    return module.exports
  }

  private loadPage(route: string): PageConfig {
    let config = this.pageConfigs.get(route)
    if (config) return config
    // Custom components the page uses are registered before the page, as WeChat does.
    const json = this.bundle.pageJson(route)
    for (const comp of Object.values((json.usingComponents ?? {}) as Record<string, string>))
      this.require(comp, route)
    this.registering = route
    try {
      this.require(`${route}.js`)
    } finally {
      this.registering = undefined
    }
    config = this.pageConfigs.get(route)
    if (!config) throw new Error(`${route}.js did not call Page()`)
    return config
  }

  // ---------------------------------------------------------------------------------------------
  // Calling into the app

  /** Runs app code, recording what it throws (WeChat logs such errors and carries on). */
  guard<T>(fn: () => T): T | undefined {
    try {
      return fn()
    } catch (e) {
      this.errors.push(e)
      console.error('[weapp] app code threw:', e)
      return undefined
    }
  }

  call(target: Record<string, unknown> | undefined, method: string, ...args: unknown[]): unknown {
    const fn = target?.[method]
    if (typeof fn !== 'function') return undefined
    return this.guard(() => (fn as (...a: unknown[]) => unknown).apply(target, args))
  }

  /** Runs a tap's handlers: WeChat APIs that need a user gesture accept being called meanwhile. */
  withTap<T>(fn: () => T): T {
    this.tapDepth++
    try {
      return fn()
    } finally {
      this.tapDepth--
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Pages

  get page(): PageHost {
    const top = this.stack[this.stack.length - 1]
    if (!top) throw new Error('no page is open')
    return top
  }

  get pages(): PageHost[] {
    return [...this.stack]
  }

  private async open(
    kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch',
    url: string,
    presetQuery?: Record<string, string>,
  ): Promise<void> {
    const fromRoute = this.stack[this.stack.length - 1]?.route
    const { route, query } = splitUrl(url, fromRoute)
    const fail = (why: string) => Promise.reject({ errMsg: `${kind}:fail ${why}` })
    if (!this.bundle.routes.has(route)) return fail(`page "${route}" is not found`)
    const isTab = this.bundle.tabRoutes.has(route)
    if ((kind === 'navigateTo' || kind === 'redirectTo') && isTab)
      return fail(`can not ${kind} a tabbar page`)
    if (kind === 'switchTab' && !isTab) return fail(`can not switchTab to a non-tabbar page "${route}"`)
    if (kind === 'navigateTo' && this.stack.length >= MAX_PAGES) return fail('webview count limit exceed')
    const config = this.loadPage(route)
    // Navigation is never synchronous in WeChat.
    await new Promise<void>((r) => this.timerApi.setTimeout(r, 0))

    const top = this.stack[this.stack.length - 1]
    if (kind === 'navigateTo') {
      top?.hide()
    } else if (kind === 'redirectTo') {
      this.stack.pop()
      top?.unload()
    } else {
      // switchTab closes every page that is not a tab page; reLaunch closes all.
      for (const p of this.stack.splice(0).reverse()) {
        if (kind === 'switchTab' && this.tabPages.get(p.route) === p) p.hide()
        else p.unload()
      }
      if (kind === 'reLaunch') {
        for (const p of this.tabPages.values()) if (!p.unloaded) p.unload()
        this.tabPages.clear()
      }
    }
    if (kind === 'switchTab' && this.tabPages.has(route)) {
      const kept = this.tabPages.get(route)!
      this.stack.push(kept)
      kept.show()
      return
    }
    const page = new PageHost(this, route, presetQuery ?? query, config, ++this.webviewSeq)
    this.stack.push(page)
    if (isTab) this.tabPages.set(route, page)
    page.load()
  }

  async back(delta = 1): Promise<void> {
    if (this.stack.length <= 1)
      return Promise.reject({ errMsg: 'navigateBack:fail cannot navigate back at first page.' })
    await new Promise<void>((r) => this.timerApi.setTimeout(r, 0))
    const n = Math.min(delta, this.stack.length - 1)
    for (let i = 0; i < n; i++) {
      const p = this.stack.pop()!
      if (this.tabPages.get(p.route) === p) p.hide()
      else p.unload()
    }
    this.page.show()
  }

  /** Navigates as the app would (e.g. a test opening a page directly, like a notice's link). */
  navigate(kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch', url: string): Promise<void> {
    return this.open(kind, url)
  }

  // ---------------------------------------------------------------------------------------------

  private wxHost(): WxHost {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const mp = this
    return {
      user: this.user,
      toasts: this.toasts,
      modals: this.modals,
      storage: this.storage,
      get inTap() {
        return mp.tapDepth > 0
      },
      navigate: (kind, url) => this.open(kind, url),
      navigateBack: (delta) => this.back(delta),
      currentTree: () => this.stack[this.stack.length - 1]?.tree(),
      canvas: (id) => this.canvas(id),
      tempFile: (p) => this.temp.get(p),
      addTempFile: (data, ext) => {
        const p = `http://tmp/${Math.random().toString(36).slice(2, 12)}.${ext}`
        this.temp.set(p, data)
        return p
      },
      cloud: {
        callFunction: (name, data) => this.track(this.client.callFunction(name, data)),
        uploadFile: (cloudPath, data) => this.track(this.client.uploadFile(cloudPath, data)),
        getTempFileURL: (fileList) => this.track(this.client.getTempFileURL(fileList)),
        request: (route, body) => this.track(this.client.request(route, body)),
        phoneCode: () => this.track(this.client.phoneCode()),
      },
      timers: this.timerApi,
      launchOptions: this.launchOptions,
      pageTitle: (title) => {
        const top = this.stack[this.stack.length - 1]
        if (top) top.title = title
      },
      stopPullDownRefresh: () => undefined,
    }
  }

  /** Keeps count of calls to the local cloud in flight, so that closing waits for them. */
  private track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p)
    void p.finally(() => this.inFlight.delete(p)).catch(() => undefined)
    return p
  }

  /** A canvas node of the current page by its id: the same node every query returns, with its drawing log. */
  canvas(id: string): CanvasNode {
    const key = `${this.stack[this.stack.length - 1]?.webviewId ?? 0}:${id}`
    let c = this.canvases.get(key)
    if (!c) {
      c = new CanvasNode(id, undefined, undefined, this.timerApi)
      this.canvases.set(key, c)
    }
    return c
  }

  /** The navigation bar title a page starts with (its JSON, else the app's window). */
  pageJsonTitle(route: string): string {
    const own = this.bundle.pageJson(route).navigationBarTitleText
    return String(own ?? this.bundle.app.window?.navigationBarTitleText ?? '')
  }

  /** Waits until the page on top of the stack is `route` (no leading slash) and returns it. */
  async waitForPage(route: string, timeoutMs = 10_000): Promise<PageHost> {
    const until = Date.now() + timeoutMs
    while (Date.now() < until) {
      const top = this.stack[this.stack.length - 1]
      if (top?.route === route) return top
      await new Promise((r) => setTimeout(r, 20))
    }
    throw new Error(
      `waited for ${route}; the stack is ${this.stack.map((p) => p.route).join(' > ') || 'empty'}; errors: ${this.errors.map(String).join('; ') || 'none'}`,
    )
  }

  get bundleRoutes(): Set<string> {
    return this.bundle.routes
  }

  get templates() {
    return this.bundle.templates
  }

  get timersApi() {
    return this.timerApi
  }

  /**
   * Stops every timer the app started and waits for its calls to the local cloud still in flight (so the cloud is
   * not shut down under them); the instance is dead afterwards.
   */
  async close(): Promise<void> {
    this.closed = true
    for (const t of this.timers) clearTimeout(t)
    for (const t of this.intervals) clearInterval(t)
    this.timers.clear()
    this.intervals.clear()
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise((r) => setTimeout(r, 10_000).unref()),
    ])
  }
}
