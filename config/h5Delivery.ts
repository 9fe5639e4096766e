import { promisify } from 'node:util'
import zlib from 'node:zlib'
import type { Chunk, Compiler, Module } from 'webpack'

/**
 * How the H5 build reaches a slow phone (Fast 3G: ~180 KB/s, 0.56 s per request; HTTP/1.1 opens six connections
 * to a host, so a seventh file waits for a whole extra round trip):
 *  - the first screen is index.html alone: everything the app's start-up and its first pages (home, or the login
 *    page for someone not signed in) need is one initial chunk (`first`, with its CSS) beside the app's own
 *    (`app`), and both are written into index.html (InlineFirstScreenPlugin) — no file fetched a round trip later;
 *  - every text asset is written precompressed beside itself (`.br` at brotli's best, `.gz`), so the local cloud
 *    serves the smallest one the browser accepts without compressing per request (emulator/server.ts).
 */

/** The pages (as in client/app.config.ts) a person sees first: home, or login when not signed in. */
export const FIRST_SCREEN_PAGES = ['pages/index/index', 'pages/login/index']

/** True when the module is needed before the first screen shows: by the app's start-up or a first page. */
function onFirstScreen(module: Module, chunkGraph: { getModuleChunksIterable(m: Module): Iterable<Chunk> }) {
  for (const chunk of chunkGraph.getModuleChunksIterable(module)) {
    if (chunk.canBeInitial()) return true
    for (const group of chunk.groupsIterable) {
      for (const origin of group.origins) {
        const request = (origin.request ?? '').replace(/\\/g, '/')
        if (FIRST_SCREEN_PAGES.some((page) => request.endsWith(page))) return true
      }
    }
  }
  return false
}

/**
 * The splitChunks cache group of the first screen: one initial chunk named `name`, loaded by index.html. Its pages'
 * own lazy chunks end up empty and webpack drops them, so opening them costs no request.
 */
export function firstScreenCacheGroup(name: string) {
  return {
    name,
    chunks: 'all' as const,
    test: (module: Module, { chunkGraph }: { chunkGraph: Parameters<typeof onFirstScreen>[1] }) =>
      onFirstScreen(module, chunkGraph),
    priority: 30,
    enforce: true,
  }
}

/**
 * Carries the first screen's own files inside index.html: the initial scripts (`first`, `app`) at the end of the
 * body, in their order, and their CSS in the head. On Fast 3G every request costs a 0.56 s round trip before its
 * first byte; the three files came one round trip after the page, so the login form waited for it (measured on
 * this machine, five runs each under load: median 4.2 s separate, 3.2 s inline). index.html is served no-cache
 * with an ETag, so an unchanged app costs a returning phone one 304, as before; the hashed files stay on disk for
 * what loads them later. Runs after html-webpack-plugin writes index.html and before it is precompressed.
 */
export class InlineFirstScreenPlugin {
  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap('InlineFirstScreenPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'InlineFirstScreenPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE + 100 },
        () => {
          const html = compilation.getAsset('index.html')
          if (!html) return
          const text = (name: string) => compilation.getAsset(name)?.source.source().toString()
          const scripts: string[] = []
          let page = html.source
            .source()
            .toString()
            .replace(/<script defer="defer" src="\/([^"]+\.js)"><\/script>/g, (tag, file: string) => {
              const js = text(file)
              if (js === undefined) return tag
              // Inside a script element only "</script" and "<!--" mean something to the HTML parser.
              scripts.push(
                `<script>${js.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--')}</script>`,
              )
              return ''
            })
            .replace(/<link href="\/([^"]+\.css)" rel="stylesheet">/g, (tag, file: string) => {
              const css = text(file)
              return css === undefined || /<\/style|url\(/i.test(css) ? tag : `<style>${css}</style>`
            })
          // A function, not a string: the scripts hold `$&`-like sequences a replacement string would expand.
          page = page.replace('</body>', () => `${scripts.join('')}</body>`)
          compilation.updateAsset('index.html', new sources.RawSource(page))
        },
      )
    })
  }
}

const gzip = promisify(zlib.gzip)
const brotli = promisify(zlib.brotliCompress)
const COMPRESSIBLE = /\.(js|css|html|json|svg|ttf|txt)$/
/** Below this a compressed copy saves less than its own headers cost. */
const MIN_BYTES = 1024

/** Writes `name.br` and `name.gz` beside every text asset that compression makes smaller. */
export class PrecompressPlugin {
  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap('PrecompressPlugin', (compilation) => {
      compilation.hooks.processAssets.tapPromise(
        { name: 'PrecompressPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER },
        async (assets) => {
          await Promise.all(
            Object.keys(assets)
              .filter((name) => COMPRESSIBLE.test(name))
              .map(async (name) => {
                const body = compilation.getAsset(name)!.source.buffer()
                if (body.length < MIN_BYTES) return
                const [br, gz] = await Promise.all([
                  brotli(body, {
                    params: {
                      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
                    },
                  }),
                  gzip(body, { level: zlib.constants.Z_BEST_COMPRESSION }),
                ])
                if (br.length < body.length) compilation.emitAsset(`${name}.br`, new sources.RawSource(br))
                if (gz.length < body.length) compilation.emitAsset(`${name}.gz`, new sources.RawSource(gz))
              }),
          )
        },
      )
    })
  }
}
