/**
 * The view layer, from WeChat's own template compilers (`miniprogram-compiler`: wcc for WXML, wcsc for WXSS).
 * `$gwx(path)` is what the WeChat client runs to turn a page's data into its virtual DOM; here it runs in a
 * `vm` sandbox with the one global it reads (`window`), and the tree it returns is what the tests query.
 */
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import { wxmlToJs } from 'miniprogram-compiler'
import wcsc from 'miniprogram-compiler/src/wcsc'

/** An element as wcc's render functions produce it; text arrives as plain strings among the children. */
export interface VNode {
  tag: string
  attr: Record<string, unknown>
  children: Child[]
  parent?: VNode
}
export type Child = VNode | string

type RenderFn = (data: unknown, env: unknown, root: unknown) => RawNode
interface RawNode {
  tag: string
  attr?: Record<string, unknown>
  children?: (RawNode | string)[]
}
type Gwx = (path: string) => RenderFn | undefined

/** Every file under `root` whose name ends with `ext`, as paths relative to `root` with forward slashes. */
export function filesOf(root: string, ext: string): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name)
      if (statSync(full).isDirectory()) walk(full)
      else if (name.endsWith(ext)) out.push(path.relative(root, full).split(path.sep).join('/'))
    }
  }
  walk(root)
  return out.sort()
}

/** wcc's output for a whole build is a few hundred KB: allow far more than its 1 MB default buffer. */
const MAX_BUFFER = 256 * 1024 * 1024

/**
 * Compiles every WXSS file of the build with wcsc; throws with the compiler's message on an error. (The package's
 * own wxssToJs would not: its wcsc wrapper returns the Error instead of throwing it.) Returns the style of the app
 * and of each page (`app.wxss`, `pages/x/y.wxss`), and `comm`: the files they import, compiled once.
 */
export function compileWxss(root: string): Record<string, string> {
  const files = filesOf(root, '.wxss').map((f) => f.slice(0, -'.wxss'.length))
  const result = wcsc(root, files, { maxBuffer: MAX_BUFFER })
  if (result instanceof Error) throw result
  return Object.fromEntries(Object.entries(result).map(([k, v]) => [k.replace(/^\.\//, ''), v]))
}

/** The custom component Taro uses to continue its template recursion past 15 levels. */
const RECURSION_COMPONENT = 'wx-comp'

export class Templates {
  private readonly cache = new Map<string, RenderFn>()

  private constructor(
    private readonly gwx: Gwx,
    /** JSON.parse of the sandbox: data must be made of the sandbox's own objects (see render). */
    private readonly parse: (text: string) => unknown,
    readonly files: string[],
  ) {}

  /** Compiles every WXML and WXS file of the build with wcc; throws with the compiler's message on an error. */
  static compile(root: string): Templates {
    const source = wxmlToJs(root, { maxBuffer: MAX_BUFFER })
    // The only browser global the generated code reads is `window`; it must not see Node's globals either.
    const sandbox = vm.createContext({ window: {}, console })
    const factory = vm.runInContext(`(function (global) {${source}\n})`, sandbox) as (g: object) => Gwx
    const parse = vm.runInContext('JSON.parse', sandbox) as (text: string) => unknown
    return new Templates(factory({}), parse, filesOf(root, '.wxml'))
  }

  /** The render function of `file` (e.g. `pages/index/index.wxml`); throws when wcc did not produce one. */
  renderer(file: string): RenderFn {
    let fn = this.cache.get(file)
    if (!fn) {
      fn = this.gwx(file)
      if (typeof fn !== 'function') throw new Error(`wcc has no template for ${file}`)
      this.cache.set(file, fn)
    }
    return fn
  }

  /**
   * Renders `file` with `data`. The data is passed as a JSON copy made by the sandbox itself: the compiled code
   * tests `o.constructor === Object`, which objects of another context fail (they would reach WXS functions as
   * null). Taro's recursion component (`comp`) is rendered in place from comp.wxml with the properties it was
   * given, as the client would.
   */
  render(file: string, data: unknown, depth = 0): VNode {
    const copy: unknown = this.parse(JSON.stringify(data ?? {}))
    const raw = this.renderer(file)(copy, {}, this.gwx('base.wxml'))
    return this.adopt(raw, undefined, depth)
  }

  private adopt(raw: RawNode, parent: VNode | undefined, depth: number): VNode {
    const node: VNode = { tag: raw.tag, attr: raw.attr ?? {}, children: [], parent }
    for (const child of raw.children ?? []) {
      if (typeof child === 'string') {
        if (child !== '') node.children.push(child)
      } else if (child.tag === RECURSION_COMPONENT) {
        if (depth > 20) throw new Error('Taro templates recurse through comp more than 20 times')
        const inner = this.render('comp.wxml', child.attr ?? {}, depth + 1)
        // `comp` is a virtual host: its content takes its place in the tree.
        for (const c of inner.children) {
          if (typeof c !== 'string') c.parent = node
          node.children.push(c)
        }
      } else {
        node.children.push(this.adopt(child, node, depth))
      }
    }
    return node
  }
}
