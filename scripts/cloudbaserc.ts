import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * cloudbaserc.json is generated from each function's config.json, so a trigger or timeout declared once
 * reaches both the emulator and CloudBase. A unit test fails when the committed file drifts.
 */
const root = path.resolve(__dirname, '..')

export function renderCloudbaserc(): string {
  const src = path.join(root, 'cloudfunctions')
  const functions = readdirSync(src)
    .filter(
      (n) =>
        !n.startsWith('_') &&
        statSync(path.join(src, n)).isDirectory() &&
        existsSync(path.join(src, n, 'index.ts')),
    )
    .sort()
    .map((name) => {
      const configPath = path.join(src, name, 'config.json')
      const config = existsSync(configPath)
        ? (JSON.parse(readFileSync(configPath, 'utf8')) as { timeout?: number; triggers?: unknown[] })
        : {}
      return {
        name,
        timeout: config.timeout ?? 20,
        runtime: 'Nodejs16.13',
        handler: 'index.main',
        installDependency: true,
        ...(config.triggers && config.triggers.length ? { triggers: config.triggers } : {}),
      }
    })
  const rc = {
    version: '2.0',
    envId: '{{env.TCB_ENV_ID}}',
    functionRoot: './dist/cloudfunctions',
    functions,
  }
  return JSON.stringify(rc, null, 2) + '\n'
}

if (require.main === module) {
  writeFileSync(path.join(root, 'cloudbaserc.json'), renderCloudbaserc())
  console.log('cloudbaserc.json written')
}
