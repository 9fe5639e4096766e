import os from 'node:os'
import path from 'node:path'
import { CREDENTIALS_FILE } from './cloud/credentials'
import { backupKeep } from './backup'
import { seedDemo, seedSupplyDemo } from './seed'
import { seedOnsiteDemo } from './seedOnsite'
import { startServer } from './server'
import { parseTestPhones } from './wechat'

/**
 * A whole-number setting from the environment; unset, the server's default. FUNCTION_CONCURRENCY: calls of each
 * action of each function run at once (0: no limit). FUNCTION_WORKERS: worker processes the functions run in (0: in
 * this one; unset: one on a machine with more than one core).
 */
function wholeNumber(name: string): number | undefined {
  const value = process.env[name]
  if (value === undefined || value === '') return undefined
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number, not "${value}"`)
  return Number(value)
}

/** `npm start`: the local cloud on one port, with the H5 app and the demo street. */
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..')
  const port = process.env.PORT ? Number(process.env.PORT) : 8787
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, '.data'))
  const server = await startServer({
    port,
    host: process.env.HOST ?? '127.0.0.1',
    dataDir,
    staticDir: path.join(root, 'dist/h5'),
    timers: process.env.TIMERS !== 'off',
    // Daily backups into DATA_DIR/backups/, the newest BACKUP_KEEP (default 7) kept.
    backups: process.env.TIMERS !== 'off' ? { keep: backupKeep() } : undefined,
    publicUrl: process.env.PUBLIC_URL,
    trustProxy: process.env.TRUST_PROXY,
    reportTrips: process.env.REPORT_TRIPS === 'on',
    functionConcurrency: wholeNumber('FUNCTION_CONCURRENCY'),
    // One instance process beside the platform's on a machine with a second core: measured quiet on 2 cores, 64
    // reporters at once went from 311 to 431 reports/s and p99 256 → 157 ms (docs/local-cloud.md).
    functionWorkers: wholeNumber('FUNCTION_WORKERS') ?? (os.availableParallelism() > 1 ? 1 : 0),
    // Simulator mode: only for tests and local mini-program work, never on a server others reach.
    wechatSimulator:
      process.env.WECHAT_SIMULATOR === 'on'
        ? { appid: process.env.WECHAT_APPID, testPhones: parseTestPhones(process.env.WECHAT_TEST_PHONES) }
        : false,
  })
  if (process.env.SEED !== 'off') {
    const { created } = await seedDemo(server.auth)
    const supplies = await seedSupplyDemo()
    const onsite = await seedOnsiteDemo()
    const all = created + supplies.created + onsite.created
    if (all) console.log(`已写入演示数据（${all} 条）`)
  }
  console.log(`复工通本地云已启动: ${server.url}/`)
  console.log(
    `  环境 ID ${server.envId}（node-sdk: tcb.init({ env: '${server.envId}', secretId, secretKey, serviceUrl: '${server.url}/admin' })）`,
  )
  console.log(`  密钥 ${path.join(dataDir, CREDENTIALS_FILE)}（secretId / secretKey，仅本机所有者可读）`)
  console.log(`  数据目录 ${dataDir}`)
  console.log(`  云函数 ${server.host.names().join(', ')}`)
  if (server.wechat) {
    console.log(`  微信模拟（仅本机）: ${server.url}/wechat-client/  appid ${server.wechat.appid}`)
    console.log(`  模拟入口令牌 x-wechat-simulator-token: ${server.wechat.token}`)
  }
  const stop = async () => {
    await server.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
