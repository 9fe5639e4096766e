/**
 * The `wx` object of the headless mini-program. Every name WeChat declares is an own key (Taro builds `Taro.*` from
 * `Object.keys(wx)`); what the app uses behaves as WeChat documents it — callbacks and promise style, `errMsg`
 * strings, failures such as the person cancelling or refusing a permission — and anything else fails the way an
 * unsupported API fails, so a page that starts using it shows up in a test instead of silently doing nothing.
 *
 * The person on the other side of WeChat's own dialogs (subscribe, phone number, camera, album, modals) is
 * `host.user`: tests set their answers before the tap.
 */
import { randomBytes } from 'node:crypto'
import { wxApiNames } from './apiNames'
import type { CanvasNode } from './canvas'
import type { VNode } from './templates'

type Callbacks = {
  success?: (res: unknown) => void
  fail?: (err: unknown) => void
  complete?: (res: unknown) => void
}
type Options = Record<string, unknown> & Callbacks

export interface WxError {
  errMsg: string
  errCode?: number
}

/** What the page host gives the `wx` object. */
export interface WxHost {
  user: SimulatedUser
  toasts: { title: string; icon?: string }[]
  modals: { title: string; content: string; confirmed: boolean }[]
  storage: Map<string, string>
  /** True while a tap is being dispatched: what WeChat calls a "user TAP gesture". */
  readonly inTap: boolean
  navigate(kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch', url: string): Promise<void>
  navigateBack(delta: number): Promise<void>
  currentTree(): VNode | undefined
  canvas(id: string): CanvasNode
  /** Bytes behind a temporary file path handed out by chooseMedia / chooseImage. */
  tempFile(path: string): Buffer | undefined
  addTempFile(data: Buffer, ext: string): string
  cloud: CloudCalls
  timers: { setTimeout: typeof setTimeout }
  launchOptions: { path: string; query: Record<string, string>; scene: number }
  pageTitle(title: string): void
  stopPullDownRefresh(): void
}

/** The local cloud as the WeChat client reaches it (tests/helpers/wechat.ts WeChatClient). */
export interface CloudCalls {
  callFunction(
    name: string,
    data: Record<string, unknown>,
  ): Promise<{ errMsg: string; errCode?: number } & Record<string, unknown>>
  uploadFile(
    cloudPath: string,
    data: Buffer,
  ): Promise<{ errMsg: string; errCode?: number } & Record<string, unknown>>
  getTempFileURL(fileList: string[]): Promise<{ errMsg: string; errCode?: number } & Record<string, unknown>>
  request(
    route: string,
    body: unknown,
  ): Promise<{ errMsg: string; errCode?: number } & Record<string, unknown>>
  phoneCode(): Promise<string>
}

export interface PickedFile {
  data: Buffer
  /** File extension without the dot. */
  ext: string
}

/** How the person answers WeChat's own dialogs. Each queue is consumed one answer per dialog. */
export class SimulatedUser {
  /** 「允许」 unless a template id is listed in `rejectSubscribe`. */
  rejectSubscribe = new Set<string>()
  /** Whether the person allows the phone-number button to share their number. */
  sharesPhone = true
  /** Codes the camera will read, in order; `'cancel'` (or nothing left) is the person closing the scanner. */
  scans: (string | 'cancel')[] = []
  /** Files the person picks in the album / camera, one list per chooseMedia; `'cancel'` or `'deny'` to refuse. */
  picks: (PickedFile[] | 'cancel' | 'deny')[] = []
  /** The answer to each showModal: true for the confirm button. */
  modalAnswers: boolean[] = []
}

const device = {
  brand: 'devtools',
  model: 'iPhone 12/13 (Pro)',
  pixelRatio: 3,
  screenWidth: 390,
  screenHeight: 844,
  windowWidth: 390,
  windowHeight: 750,
  statusBarHeight: 47,
  language: 'zh_CN',
  version: '8.0.50',
  system: 'iOS 16.0',
  platform: 'devtools',
  fontSizeSetting: 16,
  SDKVersion: '3.4.0',
  benchmarkLevel: 1,
  theme: 'light',
  safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
  deviceOrientation: 'portrait',
  enableDebug: false,
  host: { env: 'WeChat' },
}

/** Runs WeChat's callback contract and returns a promise when no callback was given (as wx APIs do). */
function settle(
  name: string,
  options: Callbacks,
  run: () => Promise<Record<string, unknown>>,
): Promise<unknown> | undefined {
  const hasCallback = Boolean(options.success || options.fail || options.complete)
  const p = run().then(
    (res) => ({ ok: true as const, res: { errMsg: `${name}:ok`, ...res } }),
    (e: unknown) => ({
      ok: false as const,
      res: (e && typeof e === 'object' && 'errMsg' in e
        ? e
        : { errMsg: `${name}:fail ${String(e)}` }) as WxError,
    }),
  )
  const done = p.then((r) => {
    if (r.ok) options.success?.(r.res)
    else options.fail?.(r.res)
    options.complete?.(r.res)
    return r
  })
  if (hasCallback) {
    done.catch(() => undefined)
    return undefined
  }
  return done.then((r) => (r.ok ? r.res : Promise.reject(r.res)))
}

const failure = (errMsg: string, errCode?: number): WxError => ({ errMsg, ...(errCode ? { errCode } : {}) })

/** Builds the `wx` object for one mini-program instance. */
export function createWx(host: WxHost): Record<string, unknown> {
  const wx: Record<string, unknown> = {}
  for (const name of wxApiNames()) {
    wx[name] = name.endsWith('Sync')
      ? () => {
          throw new Error(`${name}:fail not supported by the headless mini-program`)
        }
      : (options: Options = {}) =>
          settle(name, typeof options === 'object' && options ? options : {}, () =>
            Promise.reject(failure(`${name}:fail not supported by the headless mini-program`)),
          )
  }
  const async =
    (name: string, run: (o: Options) => Promise<Record<string, unknown>> | Record<string, unknown>) =>
    (options: Options = {}) =>
      settle(name, options, async () => run(options))
  const listeners = () => {
    const set = new Set<unknown>()
    return { on: (fn: unknown) => void set.add(fn), off: (fn: unknown) => void set.delete(fn) }
  }

  Object.assign(wx, {
    // ---- base
    canIUse: (schema: string) => typeof wx[String(schema).split('.')[0]!] !== 'undefined',
    nextTick: (fn: () => void) => host.timers.setTimeout(fn, 0),
    getSystemInfoSync: () => ({ ...device }),
    getSystemInfo: async('getSystemInfo', () => ({ ...device })),
    getSystemInfoAsync: async('getSystemInfoAsync', () => ({ ...device })),
    getWindowInfo: () => ({
      pixelRatio: device.pixelRatio,
      screenWidth: device.screenWidth,
      screenHeight: device.screenHeight,
      windowWidth: device.windowWidth,
      windowHeight: device.windowHeight,
      statusBarHeight: device.statusBarHeight,
      safeArea: device.safeArea,
      screenTop: 0,
    }),
    getDeviceInfo: () => ({
      brand: device.brand,
      model: device.model,
      system: device.system,
      platform: device.platform,
      benchmarkLevel: 1,
    }),
    getAppBaseInfo: () => ({
      SDKVersion: device.SDKVersion,
      enableDebug: false,
      language: device.language,
      version: device.version,
      theme: device.theme,
      host: device.host,
    }),
    getSystemSetting: () => ({
      bluetoothEnabled: false,
      locationEnabled: false,
      wifiEnabled: true,
      deviceOrientation: 'portrait',
    }),
    getAppAuthorizeSetting: () => ({ cameraAuthorized: 'authorized', albumAuthorized: 'authorized' }),
    getMenuButtonBoundingClientRect: () => ({
      width: 87,
      height: 32,
      top: 51,
      right: 382,
      bottom: 83,
      left: 295,
    }),
    getLaunchOptionsSync: () => ({ ...host.launchOptions, referrerInfo: {} }),
    getEnterOptionsSync: () => ({ ...host.launchOptions, referrerInfo: {} }),
    getAccountInfoSync: () => ({ miniProgram: { appId: 'wx-emulator', envVersion: 'develop', version: '' } }),
    getUpdateManager: () => ({
      onCheckForUpdate: () => undefined,
      onUpdateReady: () => undefined,
      onUpdateFailed: () => undefined,
      applyUpdate: () => undefined,
    }),
    onAppShow: listeners().on,
    offAppShow: listeners().off,
    onAppHide: listeners().on,
    offAppHide: listeners().off,
    onError: listeners().on,
    offError: listeners().off,
    onUnhandledRejection: listeners().on,
    offUnhandledRejection: listeners().off,
    onPageNotFound: listeners().on,
    offPageNotFound: listeners().off,
    onThemeChange: listeners().on,
    offThemeChange: listeners().off,
    onWindowResize: listeners().on,
    offWindowResize: listeners().off,
    onNetworkStatusChange: listeners().on,
    offNetworkStatusChange: listeners().off,
    reportAnalytics: () => undefined,
    reportEvent: () => undefined,

    // ---- routes
    navigateTo: async('navigateTo', (o) => host.navigate('navigateTo', String(o.url ?? '')).then(() => ({}))),
    redirectTo: async('redirectTo', (o) => host.navigate('redirectTo', String(o.url ?? '')).then(() => ({}))),
    switchTab: async('switchTab', (o) => host.navigate('switchTab', String(o.url ?? '')).then(() => ({}))),
    reLaunch: async('reLaunch', (o) => host.navigate('reLaunch', String(o.url ?? '')).then(() => ({}))),
    navigateBack: async('navigateBack', (o) => host.navigateBack(Number(o.delta ?? 1) || 1).then(() => ({}))),

    // ---- interface
    showToast: async('showToast', (o) => {
      host.toasts.push({ title: String(o.title ?? ''), icon: o.icon as string | undefined })
      return {}
    }),
    hideToast: async('hideToast', () => ({})),
    showLoading: async('showLoading', (o) => {
      host.toasts.push({ title: String(o.title ?? ''), icon: 'loading' })
      return {}
    }),
    hideLoading: async('hideLoading', () => ({})),
    showModal: async('showModal', (o) => {
      const confirmed = host.user.modalAnswers.length ? host.user.modalAnswers.shift()! : true
      host.modals.push({ title: String(o.title ?? ''), content: String(o.content ?? ''), confirmed })
      return { confirm: confirmed, cancel: !confirmed }
    }),
    showActionSheet: async('showActionSheet', () => Promise.reject(failure('showActionSheet:fail cancel'))),
    setNavigationBarTitle: async('setNavigationBarTitle', (o) => {
      host.pageTitle(String(o.title ?? ''))
      return {}
    }),
    setNavigationBarColor: async('setNavigationBarColor', () => ({})),
    showNavigationBarLoading: async('showNavigationBarLoading', () => ({})),
    hideNavigationBarLoading: async('hideNavigationBarLoading', () => ({})),
    hideHomeButton: async('hideHomeButton', () => ({})),
    // A page with unsaved input asks before the user leaves it (client/utils/leaveGuard.ts). WeChat shows
    // its prompt only on the user's own back gesture, which the headless runtime does not have; the calls
    // succeed as WeChat's do.
    enableAlertBeforeUnload: async('enableAlertBeforeUnload', () => ({})),
    disableAlertBeforeUnload: async('disableAlertBeforeUnload', () => ({})),
    setBackgroundColor: async('setBackgroundColor', () => ({})),
    setBackgroundTextStyle: async('setBackgroundTextStyle', () => ({})),
    startPullDownRefresh: async('startPullDownRefresh', () => ({})),
    stopPullDownRefresh: async('stopPullDownRefresh', () => {
      host.stopPullDownRefresh()
      return {}
    }),
    pageScrollTo: async('pageScrollTo', () => ({})),
    setTabBarBadge: async('setTabBarBadge', () => ({})),
    removeTabBarBadge: async('removeTabBarBadge', () => ({})),
    showTabBarRedDot: async('showTabBarRedDot', () => ({})),
    hideTabBarRedDot: async('hideTabBarRedDot', () => ({})),
    vibrateShort: async('vibrateShort', () => ({})),
    setClipboardData: async('setClipboardData', (o) => {
      host.storage.set('__clipboard__', JSON.stringify(String(o.data ?? '')))
      return {}
    }),
    getClipboardData: async('getClipboardData', () => ({
      data: JSON.parse(host.storage.get('__clipboard__') ?? '""'),
    })),

    // ---- storage: values are kept as JSON, as WeChat serialises them
    setStorageSync: (key: string, value: unknown) => {
      if (typeof key !== 'string' || !key)
        throw new Error('setStorageSync:fail parameter error: key should be a string')
      host.storage.set(key, JSON.stringify(value === undefined ? null : value))
    },
    getStorageSync: (key: string) => {
      const raw = host.storage.get(key)
      return raw === undefined ? '' : JSON.parse(raw)
    },
    removeStorageSync: (key: string) => void host.storage.delete(key),
    clearStorageSync: () => host.storage.clear(),
    getStorageInfoSync: () => ({
      keys: [...host.storage.keys()],
      currentSize: Math.ceil([...host.storage.values()].reduce((n, v) => n + v.length, 0) / 1024),
      limitSize: 10240,
    }),
    setStorage: async('setStorage', (o) => {
      host.storage.set(String(o.key), JSON.stringify(o.data ?? null))
      return {}
    }),
    getStorage: async('getStorage', (o) => {
      const raw = host.storage.get(String(o.key))
      if (raw === undefined) return Promise.reject(failure('getStorage:fail data not found'))
      return { data: JSON.parse(raw) }
    }),
    removeStorage: async('removeStorage', (o) => {
      host.storage.delete(String(o.key))
      return {}
    }),

    // ---- open abilities: WeChat's dialogs, answered by host.user
    requestSubscribeMessage: (o: Options = {}) => {
      // Decided synchronously, as WeChat does: only inside the handler of a tap.
      const tapped = host.inTap
      return settle('requestSubscribeMessage', o, async () => {
        if (!tapped)
          throw failure('requestSubscribeMessage:fail can only be invoked by user TAP gesture.', 10004)
        const ids = (o.tmplIds ?? []) as string[]
        const answer = await host.cloud.request('requestSubscribeMessage', {
          tmplIds: ids,
          answers: Object.fromEntries(
            ids.filter((id) => host.user.rejectSubscribe.has(id)).map((id) => [id, 'reject']),
          ),
        })
        if (answer.errCode) throw failure(answer.errMsg, answer.errCode)
        return answer
      })
    },
    scanCode: async('scanCode', () => {
      const next = host.user.scans.shift()
      if (next === undefined || next === 'cancel') return Promise.reject(failure('scanCode:fail cancel'))
      return {
        result: next,
        scanType: 'QR_CODE',
        charSet: 'utf-8',
        rawData: Buffer.from(next).toString('base64'),
      }
    }),
    chooseMedia: async('chooseMedia', (o) => {
      const files = pick(host, 'chooseMedia', Number(o.count ?? 9))
      return files.then((list) => ({
        type: 'image',
        tempFiles: list.map((f) => ({ tempFilePath: f.path, size: f.size, fileType: 'image' })),
      }))
    }),
    chooseImage: async('chooseImage', (o) => {
      const files = pick(host, 'chooseImage', Number(o.count ?? 9))
      return files.then((list) => ({
        tempFilePaths: list.map((f) => f.path),
        tempFiles: list.map((f) => ({ path: f.path, size: f.size })),
      }))
    }),
    previewImage: async('previewImage', () => ({})),
    saveImageToPhotosAlbum: async('saveImageToPhotosAlbum', () => ({})),
    getImageInfo: async('getImageInfo', (o) => ({
      width: 100,
      height: 100,
      path: String(o.src ?? ''),
      type: 'jpeg',
    })),
    makePhoneCall: async('makePhoneCall', () => ({})),
    login: async('login', () => ({ code: randomBytes(8).toString('hex') })),
    checkSession: async('checkSession', () => ({})),

    // ---- views
    createSelectorQuery: () => new SelectorQuery(host),
    createIntersectionObserver: () => ({
      relativeTo: function () {
        return this
      },
      relativeToViewport: function () {
        return this
      },
      observe: () => undefined,
      disconnect: () => undefined,
    }),
    createCanvasContext: () => {
      throw new Error('createCanvasContext (the old canvas) is not supported: use <canvas type="2d">')
    },

    // ---- cloud
    cloud: createCloud(host),
  })
  return wx
}

async function pick(host: WxHost, api: string, count: number): Promise<{ path: string; size: number }[]> {
  const next = host.user.picks.shift()
  if (next === undefined || next === 'cancel') throw failure(`${api}:fail cancel`)
  if (next === 'deny') throw failure(`${api}:fail auth deny`)
  return next.slice(0, count).map((f) => ({ path: host.addTempFile(f.data, f.ext), size: f.data.length }))
}

function createCloud(host: WxHost) {
  let initialised = false
  const ensure = (name: string) => {
    if (!initialised) throw failure(`cloud.${name}:fail please call wx.cloud.init first`, -1)
  }
  const call =
    (name: string, run: (o: Options) => Promise<Record<string, unknown>>) =>
    (options: Options = {}) =>
      settle(`cloud.${name}`, options, async () => {
        ensure(name)
        const res = await run(options)
        if (res.errCode) throw failure(String(res.errMsg), Number(res.errCode))
        return res
      })
  return {
    DYNAMIC_CURRENT_ENV: Symbol('DYNAMIC_CURRENT_ENV'),
    init: () => {
      initialised = true
    },
    callFunction: call('callFunction', (o) =>
      host.cloud.callFunction(String(o.name ?? ''), (o.data ?? {}) as Record<string, unknown>),
    ),
    uploadFile: (options: Options = {}) => {
      const p = call('uploadFile', async (o) => {
        const data = host.tempFile(String(o.filePath ?? ''))
        if (!data)
          return { errCode: -1, errMsg: `cloud.uploadFile:fail file not found: ${String(o.filePath)}` }
        return host.cloud.uploadFile(String(o.cloudPath ?? ''), data)
      })(options)
      // With callbacks WeChat returns an UploadTask.
      return p ?? { onProgressUpdate: () => undefined, abort: () => undefined }
    },
    getTempFileURL: call('getTempFileURL', (o) =>
      host.cloud.getTempFileURL(
        ((o.fileList ?? []) as unknown[]).map((x) => String((x as { fileID?: string })?.fileID ?? x)),
      ),
    ),
    deleteFile: call('deleteFile', async () => ({
      errCode: -1,
      errMsg: 'cloud.deleteFile:fail not supported by the headless mini-program',
    })),
  }
}

/** `wx.createSelectorQuery()`: nodes by id from the rendered page. There is no layout: sizes are 0, except canvas. */
class SelectorQuery {
  private readonly queue: {
    selector: string
    all: boolean
    fields: Record<string, boolean>
    cb?: (r: unknown) => void
  }[] = []
  constructor(private readonly host: WxHost) {}

  in(): this {
    return this
  }

  select(selector: string) {
    return this.ref(selector, false)
  }

  selectAll(selector: string) {
    return this.ref(selector, true)
  }

  selectViewport() {
    return this.ref('viewport', false)
  }

  private ref(selector: string, all: boolean) {
    const add = (fields: Record<string, boolean>, cb?: (r: unknown) => void) => {
      this.queue.push({ selector, all, fields, cb })
      return this
    }
    return {
      fields: (f: Record<string, boolean>, cb?: (r: unknown) => void) => add(f, cb),
      boundingClientRect: (cb?: (r: unknown) => void) =>
        add({ rect: true, size: true, id: true, dataset: true }, cb),
      scrollOffset: (cb?: (r: unknown) => void) => add({ scrollOffset: true }, cb),
      node: (cb?: (r: unknown) => void) => add({ node: true }, cb),
      context: (cb?: (r: unknown) => void) => add({ context: true }, cb),
    }
  }

  exec(cb?: (results: unknown[]) => void): void {
    this.host.timers.setTimeout(() => {
      const tree = this.host.currentTree()
      const results = this.queue.map((q) => {
        const nodes = tree && q.selector !== 'viewport' ? find(tree, q.selector) : []
        const describe = (n: VNode | undefined) => {
          if (!n && q.selector !== 'viewport') return null
          const out: Record<string, unknown> = {}
          const id = (n?.attr.id as string) ?? ''
          const canvas = n?.tag === 'wx-canvas' ? this.host.canvas(id) : undefined
          if (q.fields.id) out.id = id
          if (q.fields.dataset) out.dataset = {}
          if (q.fields.rect) Object.assign(out, { left: 0, top: 0, right: 0, bottom: 0 })
          if (q.fields.size)
            Object.assign(out, { width: canvas?.cssWidth ?? 0, height: canvas?.cssHeight ?? 0 })
          if (q.fields.scrollOffset) Object.assign(out, { scrollLeft: 0, scrollTop: 0 })
          if (q.fields.node) out.node = canvas ?? null
          return out
        }
        const r = q.all ? nodes.map(describe) : describe(nodes[0])
        q.cb?.(r)
        return r
      })
      cb?.(results)
    }, 0)
  }
}

function find(root: VNode, selector: string): VNode[] {
  const out: VNode[] = []
  const id = selector.startsWith('#') ? selector.slice(1) : undefined
  const cls = selector.startsWith('.') ? selector.slice(1) : undefined
  const visit = (n: VNode) => {
    const classes = typeof n.attr.class === 'string' ? n.attr.class.split(/\s+/) : []
    if ((id && n.attr.id === id) || (cls && classes.includes(cls))) out.push(n)
    for (const c of n.children) if (typeof c !== 'string') visit(c)
  }
  visit(root)
  return out
}
