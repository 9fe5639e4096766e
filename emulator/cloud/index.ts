import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { loadOrCreateCredentials } from './credentials'
import { databaseActions } from './database'
import { decodeDoc, encodeDoc } from './ejson'
import { functionActions } from './functions'
import { adminEndpoint } from './protocol'
import { FileStorage } from './storage'
import { Store } from './store'
import { Transactions } from './transactions'
import type { Cloud, CloudOptions } from './types'

export type { Cloud, CloudOptions, CloudStorage } from './types'
export { readCloudCredentials, type CloudCredentials } from './credentials'

/**
 * Opens the local CloudBase: the database (`<dataDir>/db.sqlite`, every declared collection and index created
 * or brought up to date), the file storage (`<dataDir>/storage/`) and the `/admin` endpoint node-sdk talks to,
 * which answers only requests signed with the data directory's key (`<dataDir>/cloud-secret.json`).
 */
export async function openCloud(opts: CloudOptions): Promise<Cloud> {
  await fs.mkdir(opts.dataDir, { recursive: true })
  const credentials = loadOrCreateCredentials(opts.dataDir)
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
    const transactions = new Transactions(store)
    const database = databaseActions(store, transactions)
    const admin = adminEndpoint(opts.envId, credentials, {
      ...database,
      ...storage.actions(),
      ...functionActions(opts.invokeFunction),
      ...opts.extraActions,
    })
    let closed = false
    return {
      credentials,
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
        existingUrl: (fileID, ttlSeconds) => storage.existingUrl(fileID, ttlSeconds),
        fileIdPrefix: storage.fileIdPrefix,
      },
      writesTo: (collections) => store.writesTo(collections),
      async find(collection, query, { limit, fields }) {
        const reply = await database['database.getDocument']!(
          {
            collectionName: collection,
            query: encodeDoc(query),
            limit,
            ...(fields ? { projection: encodeDoc(fields) } : {}),
          },
          Date.now(),
        )
        return ((reply.data as { list: string[] }).list ?? []).map(decodeDoc)
      },
      async close() {
        if (closed) return
        closed = true
        transactions.close()
        store.close()
      },
    }
  } catch (e) {
    store.close()
    throw e
  }
}
