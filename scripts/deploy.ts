import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { COLLECTIONS } from '../shared/collections'

/**
 * `npm run deploy`: bundles the functions and deploys them, their timer triggers, and the declared
 * collections and indexes to a CloudBase environment. Runs only with credentials:
 *   TCB_ENV_ID, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY
 * The CloudBase CLI and manager SDK are fetched on demand (npx / npm exec) rather than kept as dependencies:
 * nothing else in the project needs them.
 */
const root = path.resolve(__dirname, '..')
const env = process.env.TCB_ENV_ID
const secretId = process.env.TENCENTCLOUD_SECRETID
const secretKey = process.env.TENCENTCLOUD_SECRETKEY

function run(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env })
}

async function ensureDatabase(): Promise<void> {
  // @cloudbase/manager-node creates collections and indexes, which the CLI does not.
  run('npm', ['install', '--no-save', '@cloudbase/manager-node@4'])
  const CloudBase = require('@cloudbase/manager-node') as new (opts: object) => {
    database: {
      checkCollectionExists(name: string): Promise<{ Exists: boolean }>
      createCollection(name: string): Promise<unknown>
      checkIndexExists(collection: string, index: string): Promise<{ Exists: boolean }>
      updateCollection(collection: string, options: object): Promise<unknown>
    }
  }
  const manager = new CloudBase({ secretId, secretKey, envId: env })
  for (const c of COLLECTIONS) {
    if (!(await manager.database.checkCollectionExists(c.name)).Exists)
      await manager.database.createCollection(c.name)
    for (const index of c.indexes) {
      if ((await manager.database.checkIndexExists(c.name, index.name)).Exists) continue
      await manager.database.updateCollection(c.name, {
        CreateIndexes: [
          {
            IndexName: index.name,
            MgoKeySchema: {
              MgoIsUnique: Boolean(index.unique),
              MgoIndexKeys: Object.entries(index.keys).map(([Name, dir]) => ({
                Name,
                Direction: String(dir),
              })),
            },
          },
        ],
      })
    }
    console.log(`  collection ${c.name}: ${c.indexes.length} indexes`)
  }
}

async function main(): Promise<void> {
  if (!env || !secretId || !secretKey) {
    console.error(
      '部署需要设置 TCB_ENV_ID、TENCENTCLOUD_SECRETID 和 TENCENTCLOUD_SECRETKEY 环境变量（见 README）。',
    )
    process.exit(2)
  }
  run('npx', ['tsx', 'scripts/cloudbaserc.ts'])
  run('npx', ['tsx', 'scripts/build-functions.ts'])
  await ensureDatabase()
  run('npx', ['--yes', '@cloudbase/cli@2', 'login', '--apiKeyId', secretId, '--apiKey', secretKey])
  run('npx', ['--yes', '@cloudbase/cli@2', 'fn', 'deploy', '--all', '--force', '-e', env])
  run('npx', ['--yes', '@cloudbase/cli@2', 'fn', 'trigger', 'create', '-e', env])
  console.log('部署完成')
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
