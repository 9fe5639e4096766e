import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import tcb from '@cloudbase/node-sdk'
import { startServer, type RunningServer, type ServerOptions } from '../../emulator/server'

export type App = ReturnType<typeof tcb.init>
export type Db = ReturnType<App['database']>

/** What a transaction offers (the SDK types it as any). */
export interface Tx {
  collection: Db['collection']
  commit(): Promise<unknown>
  rollback(reason?: unknown): Promise<unknown>
}

export interface SdkCloud {
  server: RunningServer
  app: App
  db: Db
  _: Db['command']
  /** A fresh undeclared collection, created the way a function would (createCollection). */
  scratch(): Promise<string>
}

/**
 * A local cloud on a random port and a throw-away data dir for one test file, with the real node-sdk
 * initialised exactly as a deployed function does it (`tcb.init({env: SYMBOL_CURRENT_ENV})`, the key from the
 * environment the server hands its functions). Registers its own beforeAll/afterAll.
 */
export function sdkCloud(opts: Partial<ServerOptions> = {}): SdkCloud {
  let dataDir = ''
  let seq = 0
  const cloud = {
    async scratch() {
      const name = `scratch_${++seq}`
      await cloud.db.createCollection(name)
      return name
    },
  } as SdkCloud
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'reopen-cloud-'))
    cloud.server = await startServer({
      port: 0,
      dataDir,
      functionsDir: path.join(__dirname, '../fixtures/functions'),
      ...opts,
    })
    cloud.app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
    cloud.db = cloud.app.database()
    cloud._ = cloud.db.command
  })
  afterAll(async () => {
    await cloud.server?.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })
  return cloud
}
