import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

/**
 * `npm start`: builds the H5 app when it is missing or older than its sources, then starts the local cloud,
 * which serves the app, the gateway and the functions on one port.
 */
const root = path.resolve(__dirname, '..')
const builtIndex = path.join(root, 'dist/h5/index.html')

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

const stale =
  !existsSync(builtIndex) ||
  Math.max(...['client', 'shared', 'config'].map((d) => newestMtime(path.join(root, d)))) >
    statSync(builtIndex).mtimeMs

if (stale) {
  console.log('正在构建 H5 页面（首次启动约需半分钟）…')
  const built = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: root, stdio: 'inherit' })
  if (built.status !== 0) process.exit(built.status ?? 1)
}

const server = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'emulator/main.ts')], {
  cwd: root,
  stdio: 'inherit',
})
process.exit(server.status ?? 0)
