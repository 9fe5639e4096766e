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
import { build, type Plugin } from 'esbuild'

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
  const libraries = new Map<string, string>() // LAZY library → its bundle, made once, copied to each user
  for (const name of names) {
    const dir = path.join(out, name)
    mkdirSync(dir, { recursive: true })
    const used = new Set<string>()
    await build({
      entryPoints: [path.join(src, name, 'index.ts')],
      outfile: path.join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external: ['@cloudbase/node-sdk'],
      legalComments: 'none',
      logLevel: 'warning',
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
    console.log(`  ${name}: ${kb(path.join(dir, 'index.js'))}${lazy.join('')}`)
  }
  console.log(`bundled ${names.length} functions into dist/cloudfunctions in ${Date.now() - started} ms`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
