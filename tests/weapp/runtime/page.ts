/**
 * One page of the headless mini-program: its WeChat page instance (what `Page()` was given, with `setData`),
 * its data, the tree WeChat's templates render from that data, and what a person does on it — read, tap, type.
 */
import { dispatch, listens } from './events'
import type { MiniProgram } from './host'
import { byText, closest, outline, select, textOf, walk } from './query'
import type { VNode } from './templates'

type Target = VNode | string | RegExp

const WAIT_MS = Number(process.env.WEAPP_WAIT_MS ?? 10_000)

/** Writes `value` at a setData path: `root.cn.[0].v`, `a.b[2].c`. */
function setPath(data: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
  let obj: Record<string, unknown> = data
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i]!
    const next = obj[part]
    if (next === null || typeof next !== 'object') obj[part] = /^\d+$/.test(parts[i + 1]!) ? [] : {}
    obj = obj[part] as Record<string, unknown>
  }
  obj[parts[parts.length - 1]!] = value
}

export class PageHost {
  readonly instance: Record<string, unknown>
  title = ''
  unloaded = false
  private version = 0
  private rendered?: { version: number; tree: VNode }
  private readonly pendingCallbacks: (() => void)[] = []

  constructor(
    private readonly mp: MiniProgram,
    readonly route: string,
    readonly query: Record<string, string>,
    config: Record<string, unknown>,
    readonly webviewId: number,
  ) {
    const inst: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(config))
      inst[k] = k === 'data' ? JSON.parse(JSON.stringify(v ?? {})) : v
    inst.data ??= {}
    Object.assign(inst, {
      route,
      __route__: route,
      options: query,
      __wxWebviewId__: webviewId,
      __wxExparserNodeId__: `page-${webviewId}`,
      setData: (patch: Record<string, unknown>, cb?: () => void) => this.setData(patch, cb),
      selectComponent: () => null,
      selectAllComponents: () => [],
      getTabBar: () => undefined,
      getPageId: () => `page-${webviewId}`,
      getOpenerEventChannel: () => ({ emit: () => undefined, on: () => undefined, off: () => undefined }),
    })
    this.instance = inst
    const json = mp.pageJsonTitle(route)
    if (json) this.title = json
  }

  get data(): Record<string, unknown> {
    return this.instance.data as Record<string, unknown>
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle, as WeChat calls it

  load(): void {
    this.mp.call(this.instance, 'onLoad', { ...this.query })
    this.mp.call(this.instance, 'onShow')
    this.mp.timersApi.setTimeout(() => {
      if (!this.unloaded) this.mp.call(this.instance, 'onReady')
    }, 0)
  }

  show(): void {
    this.mp.call(this.instance, 'onShow')
  }

  hide(): void {
    this.mp.call(this.instance, 'onHide')
  }

  unload(): void {
    this.unloaded = true
    this.mp.call(this.instance, 'onUnload')
  }

  /** A pull-down on the page (pages that enable it refresh their lists). */
  async pullDownRefresh(): Promise<void> {
    this.mp.call(this.instance, 'onPullDownRefresh')
    await this.idle()
  }

  /**
   * WeChat's setData: each key is a path into the page's data; values cross to the view thread as JSON. The
   * callback runs once the view has the update.
   */
  setData(patch: Record<string, unknown>, cb?: () => void): void {
    if (this.unloaded) return
    const copy = JSON.parse(JSON.stringify(patch ?? {})) as Record<string, unknown>
    for (const [key, value] of Object.entries(copy)) setPath(this.data, key, value)
    this.version++
    if (cb) {
      this.pendingCallbacks.push(cb)
      this.mp.timersApi.setTimeout(() => {
        const fn = this.pendingCallbacks.shift()
        if (fn) this.mp.guard(fn)
      }, 0)
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  /** The page as WeChat's templates render its current data. */
  tree(): VNode {
    if (!this.rendered || this.rendered.version !== this.version)
      this.rendered = {
        version: this.version,
        tree: this.mp.templates.render(`${this.route}.wxml`, this.data),
      }
    return this.rendered.tree
  }

  /** All text on the page. */
  text(): string {
    return textOf(this.tree())
  }

  has(text: string | RegExp): boolean {
    const t = this.text()
    return typeof text === 'string' ? t.includes(text) : text.test(t)
  }

  select(selector: string, within?: VNode): VNode[] {
    return select(within ?? this.tree(), selector)
  }

  /** The one node matching: text (exact), a pattern, or a selector prefixed with `css=`. */
  get(target: Target, within?: VNode): VNode {
    const all = this.getAll(target, within)
    if (all.length === 1) return all[0]!
    throw new Error(
      `${all.length ? `${all.length} nodes` : 'no node'} for ${String(target)} on ${this.route}:\n${outline(within ?? this.tree())}`,
    )
  }

  /**
   * Waits (like a person looking for it) until exactly one node matches, then returns it. With `tappable`, of
   * several matches (a sheet's title and its button both reading 确认已送达) the only one on a button wins.
   */
  async find(target: Target, within?: VNode, timeoutMs = WAIT_MS, tappable = false): Promise<VNode> {
    if (typeof target === 'object' && !(target instanceof RegExp)) return target
    const pick = () => {
      const all = this.getAll(target, within)
      if (all.length === 1) return all[0]
      if (!tappable) return undefined
      const buttons = all.filter((n) => closest(n, 'button'))
      return buttons.length === 1 ? buttons[0] : undefined
    }
    const until = Date.now() + timeoutMs
    while (Date.now() < until) {
      const found = pick()
      if (found) return found
      await new Promise((r) => setTimeout(r, 20))
    }
    return pick() ?? this.get(target, within)
  }

  getAll(target: Target, within?: VNode): VNode[] {
    if (typeof target === 'object' && !(target instanceof RegExp)) return [target]
    const root = within ?? this.tree()
    if (typeof target === 'string' && target.startsWith('css=')) return select(root, target.slice(4))
    return byText(root, target)
  }

  /** The first input (or textarea) under the form item whose label reads `label` (waits for it). */
  async field(label: string, timeoutMs = WAIT_MS): Promise<VNode> {
    const until = Date.now() + timeoutMs
    while (Date.now() < until) {
      try {
        return this.fieldNow(label)
      } catch {
        await new Promise((r) => setTimeout(r, 20))
      }
    }
    return this.fieldNow(label)
  }

  private fieldNow(label: string): VNode {
    // A label reads as written, possibly after a required-mark "*" and followed by a hint.
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const labels = byText(this.tree(), new RegExp(`^\\*?\\s*${escaped}`))
    for (const l of labels) {
      for (let n: VNode | undefined = l; n; n = n.parent) {
        const inputs = select(n, 'input').concat(select(n, 'textarea'))
        if (inputs.length) return inputs[0]!
      }
    }
    throw new Error(`no input labelled ${label} on ${this.route}:\n${outline(this.tree())}`)
  }

  // ---------------------------------------------------------------------------------------------
  // Acting

  /**
   * A finger on the node: touchstart, touchend, tap — each bubbling as WeChat's do. A button with
   * `open-type="getPhoneNumber"` then asks the person (host.user.sharesPhone) and delivers `getphonenumber`.
   */
  async tap(target: Target, within?: VNode): Promise<void> {
    const node = await this.find(target, within, WAIT_MS, true)
    if (!listens(node, 'tap') && !listens(node, 'touchstart'))
      throw new Error(`nothing on ${this.route} reacts to a tap on ${String(target)}`)
    const invoke = (method: string, event: unknown) => this.mp.call(this.instance, method, event)
    this.mp.withTap(() => {
      dispatch(node, 'touchstart', {}, invoke)
      dispatch(node, 'touchend', {}, invoke)
      dispatch(node, 'tap', { x: 10, y: 10 }, invoke)
    })
    const button = closest(node, 'button')
    const openType = button?.attr.openType ?? button?.attr['open-type']
    if (button && openType === 'getPhoneNumber') {
      const detail = this.mp.user.sharesPhone
        ? { errMsg: 'getPhoneNumber:ok', code: await this.mp.client.phoneCode() }
        : { errMsg: 'getPhoneNumber:fail user deny' }
      dispatch(this.fresh(button), 'getphonenumber', detail, invoke)
    }
    await this.idle()
  }

  /** Typing into an input or textarea: focus, the new value, blur — as the keyboard does. */
  async fill(target: Target, value: string, within?: VNode): Promise<void> {
    let node = await this.find(target, within)
    if (node.tag !== 'wx-input' && node.tag !== 'wx-textarea') {
      const inner = select(node, 'input').concat(select(node, 'textarea'))
      if (!inner.length) throw new Error(`${String(target)} is not an input`)
      node = inner[0]!
    }
    const invoke = (method: string, event: unknown) => this.mp.call(this.instance, method, event)
    dispatch(node, 'focus', { value: node.attr.value ?? '', height: 0 }, invoke)
    await this.idle()
    dispatch(this.fresh(node), 'input', { value, cursor: value.length, keyCode: 0 }, invoke)
    await this.idle()
    dispatch(this.fresh(node), 'blur', { value, cursor: value.length }, invoke)
    await this.idle()
  }

  /** A component's `change` (picker, switch, checkbox-group, slider) with WeChat's detail. */
  async change(target: Target, detail: Record<string, unknown>): Promise<void> {
    const node = await this.find(target)
    dispatch(node, 'change', detail, (method, event) => this.mp.call(this.instance, method, event))
    await this.idle()
  }

  /** The same node in the current tree (found again by Taro's node id). */
  private fresh(node: VNode): VNode {
    const sid = node.attr['data-sid']
    if (sid === undefined) return node
    let found: VNode | undefined
    walk(this.tree(), (n) => {
      if (!found && n.attr['data-sid'] === sid) found = n
    })
    return found ?? node
  }

  /** Lets the app's promises, timers and setData callbacks run. */
  async idle(ms = 30): Promise<void> {
    await new Promise((r) => setTimeout(r, ms))
  }

  /** Waits until `check` holds (polled), or fails with what the page shows instead. */
  async waitFor(check: string | RegExp | ((page: PageHost) => boolean), timeoutMs = WAIT_MS): Promise<void> {
    const test = typeof check === 'function' ? () => check(this) : () => this.has(check)
    const until = Date.now() + timeoutMs
    while (Date.now() < until) {
      if (this.mp.page !== this && typeof check !== 'function') break
      if (test()) return
      await new Promise((r) => setTimeout(r, 20))
    }
    if (test()) return
    throw new Error(
      `waited ${timeoutMs} ms on ${this.route} for ${String(check)}; the page shows:\n${outline(this.tree())}\n` +
        `errors: ${this.mp.errors.map(String).join('; ') || 'none'}`,
    )
  }
}
