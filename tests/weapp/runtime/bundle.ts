/**
 * A built mini-program (`dist/weapp`) read once per test process: app.json, the compiled templates, and every
 * JavaScript file compiled to a `vm.Script` that each fresh mini-program instance runs in its own context.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import { Templates } from './templates'

export interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  subpackages?: { root: string; pages: string[] }[]
  tabBar?: { list: { pagePath: string; text: string }[] }
  window?: Record<string, unknown>
}

/** The build the tests run: WEAPP_DIST, or dist/weapp of this checkout. */
export const DEFAULT_DIST = path.resolve(__dirname, '../../..', process.env.WEAPP_DIST ?? 'dist/weapp')

/**
 * WeChat runs each file as a module with its own `require`, `module` and `exports`, and hides the browser's
 * names; the same is done here.
 */
const WRAPPER_ARGS = 'require, module, exports, window, document, self, navigator, location, localStorage'

export class Bundle {
  private static readonly cache = new Map<string, Bundle>()
  private readonly scripts = new Map<string, vm.Script>()
  readonly app: AppJson
  readonly templates: Templates
  /** Every page route (no leading slash), main package and subpackages. */
  readonly routes: Set<string>
  readonly tabRoutes: Set<string>

  private constructor(readonly root: string) {
    if (!existsSync(path.join(root, 'app.json')))
      throw new Error(`no mini-program build at ${root}: run \`npm run build:weapp\` first`)
    this.app = JSON.parse(readFileSync(path.join(root, 'app.json'), 'utf8')) as AppJson
    this.templates = Templates.compile(root)
    const subs = this.app.subPackages ?? this.app.subpackages ?? []
    this.routes = new Set([...this.app.pages, ...subs.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))])
    this.tabRoutes = new Set((this.app.tabBar?.list ?? []).map((t) => t.pagePath))
  }

  static load(root = DEFAULT_DIST): Bundle {
    let b = Bundle.cache.get(root)
    if (!b) {
      b = new Bundle(root)
      Bundle.cache.set(root, b)
    }
    return b
  }

  /** The page's JSON (title, usingComponents …). */
  pageJson(route: string): Record<string, unknown> {
    const file = path.join(this.root, `${route}.json`)
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {}
  }

  /** A file of the build compiled once, as a function of WeChat's module arguments. */
  script(file: string): vm.Script {
    let s = this.scripts.get(file)
    if (!s) {
      const source = readFileSync(path.join(this.root, file), 'utf8')
      s = new vm.Script(`(function (${WRAPPER_ARGS}) {${source}\n})`, {
        filename: path.join(this.root, file),
      })
      this.scripts.set(file, s)
    }
    return s
  }

  exists(file: string): boolean {
    return existsSync(path.join(this.root, file))
  }
}
