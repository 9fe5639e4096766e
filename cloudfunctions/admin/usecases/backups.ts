import type { recordBackupInput } from '../../../shared/schemas/admin'
import { col } from '../../_lib/collections'
import { notifyStreetStaff } from '../../_lib/notify'
import { allStreetIds } from '../../_lib/streets'
import type { CallerFor, Deps, Input } from '../../_lib/runtime'

/**
 * Records a scheduled backup (called by the local cloud, never by a client). A failed one alerts every street
 * admin in the inbox: the data is at risk until a backup succeeds again.
 */
export async function recordBackup(
  deps: Deps,
  _caller: CallerFor<'system'>,
  input: Input<typeof recordBackupInput>,
) {
  const at = deps.now()
  await col(deps.db, 'backup_runs').add({ _id: deps.newId(), at, ...input })
  if (!input.ok) {
    for (const streetId of await allStreetIds(deps))
      await notifyStreetStaff(deps, streetId, 'admin', {
        title: '数据备份失败',
        body: `今天的自动备份没有成功：${input.error ?? '原因未知'}。请检查服务器的磁盘空间，或手动运行 npm run backup。`,
      })
  }
  return { recorded: true }
}

/** The archives kept and the recent runs, for the management page. */
export async function backups(deps: Deps, _caller: CallerFor) {
  const runs = col(deps.db, 'backup_runs')
  const [{ data: recent }, { data: lastOk }] = await Promise.all([
    runs.where({}).orderBy('at', 'desc').limit(10).get(),
    runs.where({ ok: true }).orderBy('at', 'desc').limit(1).get(),
  ])
  return {
    lastSuccessAt: lastOk[0]?.at ?? null,
    kept: recent[0]?.kept ?? [],
    runs: recent.map((r) => ({
      at: r.at,
      ok: r.ok,
      name: r.name ?? null,
      size: r.size ?? null,
      error: r.error ?? null,
    })),
  }
}
