import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'
import { firstScreenCacheGroup, InlineFirstScreenPlugin, PrecompressPlugin } from './h5Delivery'

/**
 * Taro build configuration for 复工通.
 *  - `taro build --type weapp` → dist/weapp (WeChat DevTools opens the repo root; project.config.json points here)
 *  - `taro build --type h5`    → dist/h5   (served by the emulator together with the HTTP gateway)
 *
 * NutUI React Taro is drawn on a 375px design, so the whole app uses designWidth 375 with the
 * matching device ratio (375 → 2), as NutUI's Taro guide recommends.
 */
/**
 * Webpack's filesystem cache (.cache/webpack in this checkout, one per NODE_ENV + TARO_ENV): warm
 * rebuilds take a fraction of a cold one. Invalidated when the config, Babel or the page list changes.
 * It lives beside the sources rather than in node_modules so that two checkouts sharing one
 * node_modules (git worktrees) never write into each other's cache.
 */
function enableFilesystemCache(chain: { cache: (value: unknown) => unknown }): void {
  chain.cache({
    type: 'filesystem',
    cacheDirectory: path.join(ROOT, '.cache/webpack'),
    name: `${process.env.NODE_ENV ?? 'production'}-${process.env.TARO_ENV ?? 'weapp'}`,
    buildDependencies: {
      config: ['index.ts', 'dev.ts', 'prod.ts', 'h5Delivery.ts'].map((f) => path.join(ROOT, 'config', f)),
      files: [
        path.join(ROOT, 'client/app.config.ts'),
        path.join(ROOT, 'babel.config.js'),
        path.join(ROOT, 'package-lock.json'),
      ],
    },
  })
}

/**
 * NutUI's icon package declares its index (`export { default as X } from './icons/X.js'` for 200 icons) as having
 * side effects, so webpack keeps that index in the main package — and with it every icon any subpackage imports
 * through it (each carries its SVG inline). It has none: letting webpack skip it sends each import straight to its
 * icon file, which then lands in the package of the page that uses it (on-demand import without changing the code).
 */
interface RuleChain {
  test: (re: RegExp) => { set: (key: 'sideEffects', value: boolean) => unknown }
}
function importIconsOnDemand(chain: { module: { rule: (name: string) => RuleChain } }): void {
  chain.module
    .rule('nutui-icons-index')
    .test(/@nutui[\\/]icons-react-taro[\\/]dist[\\/]es[\\/]index\.es\.js$/)
    .set('sideEffects', false)
}

/** shared/ and the subscribe-message templates live outside sourceRoot; they must still go through Babel. */
const ROOT = path.resolve(__dirname, '..')
const SHARED = path.join(ROOT, 'shared')
const SUBSCRIBE_CONFIG = path.join(ROOT, 'config/subscribe.ts')

export default defineConfig<'webpack5'>(async (merge) => {
  const env = process.env.TARO_ENV ?? 'weapp'
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'reopen',
    date: '2024-11-23',
    designWidth: 375,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'client',
    // TARO_OUTPUT_ROOT lets parallel builds (e.g. two people checking pages at once) not overwrite each other.
    outputRoot: process.env.TARO_OUTPUT_ROOT || `dist/${env}`,
    plugins: ['@tarojs/plugin-html'],
    defineConstants: {},
    env: {
      // Exposed to client code as process.env.*; empty values fall back to the defaults in code.
      TARO_APP_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
      TARO_APP_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      prebundle: { enable: false },
    },
    // Webpack's filesystem cache is set in webpackChain below: Taro's own switch points its
    // invalidation at src/app.config, which this project does not have.
    cache: { enable: false },
    mini: {
      compile: { include: [SHARED, SUBSCRIBE_CONFIG] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        url: { enable: true, config: { limit: 1024 } },
        // A local plugin (Taro resolves the path from the project root): no right-to-left NutUI styles.
        './config/postcss-no-rtl.js': { enable: true },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
      optimizeMainPackage: { enable: true },
      // Template levels before the view recurses through Taro's `comp` component (default 16): each level is a
      // copy of every container's template in base.wxml (~3 KB each, all in the main package). Pages here nest
      // about ten deep; the levels past seven go through `comp` (the main package budget is 600 KB). Taro reads it
      // from `mini` but its types omit it.
      ...({ baseLevel: 7 } as Record<string, unknown>),
      // Taro's default terser output is ascii_only: every Chinese character of the UI text became a six-byte
      // \uXXXX escape. WeChat reads package files as UTF-8, where the same character takes three bytes — the
      // difference is several KB of the main package's 600 KB budget.
      // (Taro reads `terser` from `mini` as from the top level, but its mini types omit it.)
      ...({ terser: { enable: true, config: { output: { ascii_only: false } } } } as Record<string, unknown>),
      webpackChain(chain) {
        // The 2 MB package limit is what matters in a mini-program, not webpack's 244 KB web hint.
        chain.performance.hints(false)
        importIconsOnDemand(chain)
        enableFilesystemCache(chain)
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      esnextModules: ['nutui-react'],
      compile: { include: [SHARED, SUBSCRIBE_CONFIG] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css',
      },
      webpackChain(chain) {
        // What the first screen downloads on a slow phone is what counts (see h5Delivery.ts): the app's start-up
        // code, the libraries and the code of its first pages (home, login) form one initial file, `first`.
        // Everything else is split by webpack per set of pages that share it, so a page loads what it needs (no
        // chart library before a chart, no calendar before a date field), and what several pages share is still
        // downloaded once.
        chain.optimization.splitChunks({
          chunks: 'all',
          hidePathInfo: true,
          minSize: 20_000,
          maxAsyncRequests: 30,
          cacheGroups: {
            default: false,
            defaultVendors: false,
            first: firstScreenCacheGroup('first'),
            vendors: {
              test: /[\\/]node_modules[\\/]/,
              chunks: 'async',
              priority: 10,
              reuseExistingChunk: true,
            },
            common: { chunks: 'async', minChunks: 2, priority: 1, reuseExistingChunk: true },
          },
        })
        chain.plugin('inline-first-screen').use(InlineFirstScreenPlugin)
        chain.plugin('precompress').use(PrecompressPlugin)
        importIconsOnDemand(chain)
        chain.performance.hints(false)
        enableFilesystemCache(chain)
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
