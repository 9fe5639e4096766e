import path from 'node:path'
import { parseArgs } from 'node:util'
import { createBackup, restoreBackup, RestoreRefused } from '../emulator/backup'

/**
 * `npm run backup -- --out <file>` and `npm run restore -- --from <file> [--force]`, on DATA_DIR (default .data/).
 *
 * The backup opens the data directory itself rather than asking the running server: SQLite's locking lets a
 * second process read a consistent snapshot of a WAL database while the server writes, so it is as safe with the
 * server running as without it, and it also works when the server is down (which is when a backup is most
 * wanted). A restore must be run with the server stopped.
 */
async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2)
  const { values } = parseArgs({
    args: rest,
    options: {
      out: { type: 'string' },
      from: { type: 'string' },
      force: { type: 'boolean', default: false },
      'data-dir': { type: 'string' },
    },
  })
  const dataDir = path.resolve(
    values['data-dir'] ?? process.env.DATA_DIR ?? path.join(__dirname, '..', '.data'),
  )
  if (command === 'backup') {
    if (!values.out)
      throw new RestoreRefused('请用 --out <文件> 指定备份文件，例如 npm run backup -- --out reopen.tar.gz')
    const r = await createBackup(dataDir, path.resolve(values.out))
    console.log(
      `已备份 ${dataDir} → ${r.out}（${(r.size / 1024).toFixed(1)} KB，数据库 ${r.databases.join('、')}，文件 ${r.files} 个）`,
    )
  } else if (command === 'restore') {
    if (!values.from) throw new RestoreRefused('请用 --from <文件> 指定备份文件')
    const m = await restoreBackup(path.resolve(values.from), dataDir, { force: values.force })
    console.log(
      `已恢复到 ${dataDir}：备份开始于 ${new Date(m.startedAt).toISOString()}，数据库 ${m.databases.join('、')}，文件 ${m.files} 个`,
    )
  } else {
    throw new RestoreRefused(
      '用法：tsx scripts/backup.ts backup --out <文件> | restore --from <文件> [--force]',
    )
  }
}

main().catch((e) => {
  console.error(e instanceof RestoreRefused ? e.message : e)
  process.exit(1)
})
