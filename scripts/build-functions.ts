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
import { build } from 'esbuild'

/**
 * Bundles each cloud function for CloudBase: one CommonJS file per function with shared/ and every other
 * dependency inlined, except @cloudbase/node-sdk, which CloudBase installs from the function's package.json.
 */
const root = path.resolve(__dirname, '..')
const src = path.join(root, 'cloudfunctions')
const out = path.join(root, 'dist/cloudfunctions')
const sdkVersion = (
  JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>
  }
).dependencies['@cloudbase/node-sdk']

async function main(): Promise<void> {
  rmSync(out, { recursive: true, force: true })
  const names = readdirSync(src).filter(
    (n) =>
      !n.startsWith('_') &&
      statSync(path.join(src, n)).isDirectory() &&
      existsSync(path.join(src, n, 'index.ts')),
  )
  const started = Date.now()
  for (const name of names) {
    const dir = path.join(out, name)
    mkdirSync(dir, { recursive: true })
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
    })
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
    const kb = (statSync(path.join(dir, 'index.js')).size / 1024).toFixed(0)
    console.log(`  ${name}: ${kb} KB`)
  }
  console.log(`bundled ${names.length} functions into dist/cloudfunctions in ${Date.now() - started} ms`)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
