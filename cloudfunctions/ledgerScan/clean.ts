import type tcb from '@cloudbase/node-sdk'
import { col } from '../_lib/collections'
import type { Deps } from '../_lib/runtime'

/** How long exported ledgers are kept, unless LEDGER_RETENTION_DAYS says otherwise. */
export const DEFAULT_RETENTION_DAYS = 7
const DAY = 86_400_000
/** deleteFile takes this many files at a time. */
const BATCH = 50

export function retentionDays(env: NodeJS.ProcessEnv = process.env): number {
  const days = Number(env.LEDGER_RETENTION_DAYS)
  return Number.isFinite(days) && days > 0 ? days : DEFAULT_RETENTION_DAYS
}

/**
 * Deletes the ledger files exported more than `days` ago, and their records. A ledger holds names, phones and
 * health records of a whole street: it is kept only as long as someone may still be downloading it. A file
 * already gone counts as deleted; one storage refuses to delete keeps its record for the next run.
 */
export async function removeExpiredLedgers(
  deps: Deps,
  app: ReturnType<typeof tcb.init>,
  now: number,
  days: number,
): Promise<{ deleted: number; failed: number }> {
  const _ = deps.db.command
  const before = now - days * DAY
  let deleted = 0
  let failed = 0
  const failedIds = new Set<string>()
  for (;;) {
    const { data: docs } = await col(deps.db, 'ledger_files')
      .where({ createdAt: _.lt(before), _id: _.nin([...failedIds]) })
      .orderBy('createdAt', 'asc')
      .limit(BATCH)
      .get()
    if (docs.length === 0) break
    const { fileList } = await app.deleteFile({ fileList: docs.map((d) => d.fileID) })
    for (const doc of docs) {
      const result = fileList.find((f) => f.fileID === doc.fileID)
      if (result?.code === 'SUCCESS' || result?.code === 'STORAGE_FILE_NONEXIST') {
        await col(deps.db, 'ledger_files').doc(doc._id).remove()
        deleted++
      } else {
        failedIds.add(doc._id)
        failed++
      }
    }
  }
  return { deleted, failed }
}
