import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { databaseActions } from './database'
import { functionActions } from './functions'
import { adminEndpoint } from './protocol'
import { FileStorage } from './storage'
import { Store } from './store'
import { Transactions } from './transactions'
import type { Cloud, CloudOptions } from './types'

export type { Cloud, CloudOptions, CloudStorage } from './types'

/**
 * Opens the local CloudBase: the database (`<dataDir>/db.sqlite`, every declared collection and index created
 * or brought up to date), the file storage (`<dataDir>/storage/`) and the `/admin` endpoint node-sdk talks to.
 */
export async function openCloud(opts: CloudOptions): Promise<Cloud> {
  await fs.mkdir(opts.dataDir, { recursive: true })
  const store = new Store(path.join(opts.dataDir, 'db.sqlite'))
  try {
    store.declareCollections(opts.collections)
    let secret = store.meta('storage.secret')
    if (!secret) {
      secret = randomBytes(32).toString('hex')
      store.setMeta('storage.secret', secret)
    }
    const storage = await FileStorage.open(
      path.join(opts.dataDir, 'storage'),
      opts.envId,
      Buffer.from(secret, 'hex'),
      opts.publicUrl,
      store.sqlite,
    )
    const admin = adminEndpoint(opts.envId, {
      ...databaseActions(store, new Transactions(store)),
      ...storage.actions(),
      ...functionActions(opts.invokeFunction),
      ...opts.extraActions,
    })
    let closed = false
    return {
      async handle(req, res, url) {
        if (url.pathname === '/admin') {
          await admin(req, res)
          return true
        }
        return storage.handle(req, res, url)
      },
      storage: {
        put: (cloudPath, data, contentType) => storage.put(cloudPath, data, contentType),
        tempUrl: (fileID, ttlSeconds) => storage.tempUrl(fileID, ttlSeconds),
      },
      async close() {
        if (closed) return
        closed = true
        store.close()
      },
    }
  } catch (e) {
    store.close()
    throw e
  }
}
