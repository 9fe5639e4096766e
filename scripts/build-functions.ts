import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import { build, type BuildOptions, type Plugin } from 'esbuild'

/**
 * Bundles each cloud function for CloudBase: one CommonJS file per function with shared/ and every other
 * dependency inlined, except @cloudbase/node-sdk, which CloudBase installs from the function's package.json,
 * and the LAZY libraries.
 */
const root = path.resolve(__dirname, '..')
const src = path.join(root, 'cloudfunctions')
// FUNCTIONS_OUT: somewhere else (tests/functions/bundles.test.ts bundles into a temporary dir).
const out = path.resolve(root, process.env.FUNCTIONS_OUT ?? 'dist/cloudfunctions')
const sdkVersion = (
  JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>
  }
).dependencies['@cloudbase/node-sdk']

/**
 * Heavy libraries that functions need only on some paths: exceljs (ledger exports, 2.5 MB with its zip libraries)
 * and qrcode (plates and posters). The code requires them where they are used, never at the top of a module, so a
 * cold start — which CloudBase pays on every new instance — does not load them. Each goes into a file of its own
 * beside the function that uses it (`lib/<name>.js`, bundled whole), required on first use. Importing one at the
 * top of a module fails the build.
 */
const LAZY = ['exceljs', 'qrcode']

function lazyLibraries(used: Set<string>): Plugin {
  return {
    name: 'lazy-libraries',
    setup(b) {
      b.onResolve({ filter: new RegExp(`^(${LAZY.join('|')})$`) }, (args) => {
        if (args.kind !== 'require-call')
          return {
            errors: [{ text: `${args.path} is loaded on demand: require it where it is used (see LAZY)` }],
          }
        used.add(args.path)
        return { path: `./lib/${args.path}.js`, external: true }
      })
    },
  }
}

/**
 * A function that answers clients loads its action table (`actions.ts`: zod, every input schema, the use cases) on
 * its first call (see createMain in _lib/runtime.ts). Bundled into index.js, that code would still be read and
 * compiled by every cold instance — about 5 ms for 250 KB — so it goes into a file of its own, `actions.js`, that
 * index.js requires on that first call. Both files must share one copy of what index.js loads at start (the policy,
 * AppError, the SDK handle…): index.js exports those modules under EAGER_MODULES, and every import of one of them in
 * actions.js resolves to that export, never to a second copy.
 */
const EAGER_MODULES = '__eagerModules'

const entryBuild: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node16',
  format: 'cjs',
  external: ['@cloudbase/node-sdk'],
  legalComments: 'none',
  logLevel: 'warning',
}

/** index.ts's `require('./actions')` → the actions.js beside it. */
const tableOutside: Plugin = {
  name: 'table-outside',
  setup(b) {
    b.onResolve({ filter: /^\.\/actions$/ }, (args) =>
      args.kind === 'require-call' && path.basename(args.importer) === 'index.ts'
        ? { path: './actions.js', external: true }
        : undefined,
    )
  },
}

/** In actions.js: an import of a module index.js already holds → that module, from index.js. */
function fromEntry(eager: Set<string>): Plugin {
  return {
    name: 'from-entry',
    setup(b) {
      // Only the project's own relative imports can reach those modules (they are .ts files under _lib/ and shared/).
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.namespace !== 'file' || args.importer.includes(`${path.sep}node_modules${path.sep}`))
          return undefined
        const base = path.resolve(args.resolveDir, args.path)
        const file = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => eager.has(f))
        return file ? { path: path.relative(root, file), namespace: 'entry' } : undefined
      })
      b.onLoad({ filter: /.*/, namespace: 'entry' }, (args) => ({
        contents: `module.exports = require('./index.js').${EAGER_MODULES}[${JSON.stringify(args.path)}]`,
        loader: 'js',
      }))
      b.onResolve({ filter: /^\.\/index\.js$/, namespace: 'entry' }, () => ({
        path: './index.js',
        external: true,
      }))
    },
  }
}

/**
 * What every entry loads at start: _lib/runtime.ts and the project modules it imports (an entry imports nothing
 * else; bundleSplit checks). Found once per build from esbuild's metafile.
 */
async function eagerModules(): Promise<string[]> {
  const probe = await build({
    ...entryBuild,
    entryPoints: [path.join(src, '_lib', 'runtime.ts')],
    write: false,
    outfile: path.join(out, 'probe.js'),
    metafile: true,
  })
  return Object.keys(probe.metafile.inputs)
    .map((f) => path.resolve(root, f))
    .filter((f) => !f.includes(`${path.sep}node_modules${path.sep}`))
}

/**
 * Bundles a function with an action table into index.js (the entry and what it loads at start) and actions.js (the
 * table and everything only it needs). `plugins` resolve the LAZY libraries.
 */
async function bundleSplit(fnDir: string, dir: string, eager: string[], plugins: Plugin[]): Promise<void> {
  const entry = path.join(fnDir, 'index.ts')
  const modules = eager.map((f, i) => `import * as m${i} from ${JSON.stringify(f)}`)
  const registry = eager.map((f, i) => `  ${JSON.stringify(path.relative(root, f))}: m${i},`)
  const made = await build({
    ...entryBuild,
    stdin: {
      contents: [
        `export { main } from ${JSON.stringify(entry)}`,
        ...modules,
        `export const ${EAGER_MODULES} = {`,
        ...registry,
        '}',
      ].join('\n'),
      resolveDir: fnDir,
      sourcefile: 'bundle-entry.ts',
      loader: 'ts',
    },
    outfile: path.join(dir, 'index.js'),
    metafile: true,
    plugins: [tableOutside],
  })
  const extra = Object.keys(made.metafile.inputs)
    .map((f) => path.resolve(root, f))
    .filter((f) => f !== entry && !eager.includes(f) && !f.endsWith('bundle-entry.ts'))
  if (extra.length)
    throw new Error(
      `${path.relative(root, entry)} loads ${extra.map((f) => path.relative(root, f)).join(', ')} at start: ` +
        'an entry imports only _lib/runtime; what its actions need goes into actions.ts, loaded on first call',
    )
  await build({
    ...entryBuild,
    entryPoints: [path.join(fnDir, 'actions.ts')],
    outfile: path.join(dir, 'actions.js'),
    plugins: [fromEntry(new Set(eager)), ...plugins],
  })
}

/** Bundles `name` (a LAZY library) into one CommonJS file. */
async function bundleLibrary(name: string, outfile: string): Promise<void> {
  await build({
    stdin: { contents: `module.exports = require(${JSON.stringify(name)})`, resolveDir: root, loader: 'js' },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    legalComments: 'none',
    logLevel: 'warning',
  })
}

async function main(): Promise<void> {
  rmSync(out, { recursive: true, force: true })
  const names = readdirSync(src).filter(
    (n) =>
      !n.startsWith('_') &&
      statSync(path.join(src, n)).isDirectory() &&
      existsSync(path.join(src, n, 'index.ts')),
  )
  const started = Date.now()
  const eager = await eagerModules()
  const libraries = new Map<string, string>() // LAZY library → its bundle, made once, copied to each user
  for (const name of names) {
    const dir = path.join(out, name)
    mkdirSync(dir, { recursive: true })
    const used = new Set<string>()
    if (existsSync(path.join(src, name, 'actions.ts')))
      await bundleSplit(path.join(src, name), dir, eager, [lazyLibraries(used)])
    else
      await build({
        ...entryBuild,
        entryPoints: [path.join(src, name, 'index.ts')],
        outfile: path.join(dir, 'index.js'),
        plugins: [lazyLibraries(used)],
      })
    for (const lib of used) {
      const file = path.join(dir, 'lib', `${lib}.js`)
      mkdirSync(path.dirname(file), { recursive: true })
      const made = libraries.get(lib)
      if (made) copyFileSync(made, file)
      else {
        await bundleLibrary(lib, file)
        libraries.set(lib, file)
      }
    }
    if (existsSync(path.join(src, name, 'config.json')))
      copyFileSync(path.join(src, name, 'config.json'), path.join(dir, 'config.json'))
    writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify(
        { name, version: '1.0.0', main: 'index.js', dependencies: { '@cloudbase/node-sdk': sdkVersion } },
        null,
        2,
      ) + '\n',
    )
    const kb = (file: string) => `${(statSync(file).size / 1024).toFixed(0)} KB`
    const lazy = [...used].map((lib) => `, ${lib} on demand ${kb(path.join(dir, 'lib', `${lib}.js`))}`)
    const table = existsSync(path.join(dir, 'actions.js'))
      ? `, actions on first call ${kb(path.join(dir, 'actions.js'))}`
      : ''
    console.log(`  ${name}: ${kb(path.join(dir, 'index.js'))}${table}${lazy.join('')}`)
  }
  console.log(`bundled ${names.length} functions into dist/cloudfunctions in ${Date.now() - started} ms`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
