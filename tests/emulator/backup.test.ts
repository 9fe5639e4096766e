import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { listBackups, scheduledBackup } from '../../emulator/backup'
import { startServer } from '../../emulator/server'
import type { DashboardView } from '../../shared/stats'
import { DEMO, TestCloud } from '../helpers/cloud'

/**
 * Backups that restore: the server keeps taking writes while `npm run backup` (another process) copies its data
 * directory; the archive restored into a fresh directory and started holds every write acknowledged before the
 * backup began, its stored files, its sign-ins, and the same dashboard figures.
 */

const ROOT = path.resolve(__dirname, '../..')
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'scripts/backup.ts'), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    child.stdout.on('data', (c: Buffer) => (output += c.toString()))
    child.stderr.on('data', (c: Buffer) => (output += c.toString()))
    child.once('exit', (code) => resolve({ code: code ?? -1, output }))
  })
}

let scratch: string
beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'reopen-backup-test-'))
})
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

it('a backup taken under continuous writes restores every write acknowledged before it began', async () => {
  const cloud = await TestCloud.start()
  let restored: Awaited<ReturnType<typeof startServer>> | undefined
  try {
    const admin = await cloud.login(DEMO.admin)
    const resident = await cloud.login(DEMO.resident)
    const up = await cloud.upload(resident, new Blob([PNG], { type: 'image/png' }), 'receipts')
    expect(up.body.ok).toBe(true)
    const fileID = (up.body as { data: { fileID: string } }).data.fileID

    // A writer that never pauses: each acknowledged write is remembered with the moment it was acknowledged.
    const db = cloud.sdk().database()
    const acked: { id: string; at: number }[] = []
    let writing = true
    const writer = (async () => {
      for (let n = 0; writing; n++) {
        const id = `load-${n}`
        await db
          .collection('inbox')
          .add({ _id: id, accountId: 'load', title: 't', body: `${n}`, read: false, createdAt: n })
        acked.push({ id, at: Date.now() })
      }
    })()
    while (acked.length < 30) await new Promise((r) => setTimeout(r, 20))

    const archive = path.join(scratch, 'mid-load.tar.gz')
    const startedAt = Date.now()
    const backup = await run(['backup', '--out', archive], { DATA_DIR: cloud.dataDir })
    expect(backup).toMatchObject({ code: 0 })
    expect(backup.output).toMatch(/已备份/)
    const during = acked.filter((a) => a.at > startedAt).length
    while (acked.length < 60 + during) await new Promise((r) => setTimeout(r, 20))
    writing = false
    await writer
    // The server kept answering writes while the backup ran.
    expect(acked.filter((a) => a.at > startedAt).length).toBeGreaterThan(0)
    const before = acked.filter((a) => a.at < startedAt).map((a) => a.id)

    const figures = await cloud.ok<DashboardView>(admin, 'stats', { action: 'dashboard' })
    await cloud.stop()

    // A non-empty directory is refused without --force, and left as it was.
    const busy = path.join(scratch, 'busy')
    rmSync(busy, { recursive: true, force: true })
    const keep = path.join(busy, 'keep.txt')
    await import('node:fs/promises').then((fs) => fs.mkdir(busy, { recursive: true }))
    writeFileSync(keep, 'mine')
    const refused = await run(['restore', '--from', archive], { DATA_DIR: busy })
    expect(refused.code).toBe(1)
    expect(refused.output).toMatch(/不是空目录.*--force/)
    expect(readdirSync(busy)).toEqual(['keep.txt'])

    const fresh = path.join(scratch, 'fresh')
    const restore = await run(['restore', '--from', archive], { DATA_DIR: fresh })
    expect(restore).toMatchObject({ code: 0 })

    restored = await startServer({ port: 0, dataDir: fresh })
    const again = TestCloud.attach(restored, fresh)
    const { data } = await again
      .sdk()
      .database()
      .collection('inbox')
      .where({ accountId: 'load' })
      .limit(1000)
      .get()
    const ids = new Set((data as { _id: string }[]).map((d) => d._id))
    expect(before.filter((id) => !ids.has(id))).toEqual([])
    // Sign-ins, stored files and figures came along.
    const admin2 = await again.login(DEMO.admin)
    expect(await again.login(DEMO.resident)).toBeTruthy()
    const { fileContent } = await again.sdk().downloadFile({ fileID })
    expect(Buffer.compare(fileContent as Buffer, PNG)).toBe(0)
    const figures2 = await again.ok<DashboardView>(admin2, 'stats', { action: 'dashboard' })
    expect(figures2.figures).toEqual(figures.figures)
  } finally {
    await restored?.close()
    if (existsSync(cloud.dataDir)) await cloud.stop().catch(() => undefined)
  }
})

it('the daily backup keeps the newest N archives', async () => {
  const cloud = await TestCloud.start({ seed: false })
  try {
    const day = 86_400_000
    for (let i = 0; i < 4; i++) await scheduledBackup(cloud.dataDir, 2, Date.UTC(2024, 2, 1) + i * day)
    expect((await listBackups(cloud.dataDir)).map((b) => b.name)).toEqual([
      'reopen-20240304-080000.tar.gz',
      'reopen-20240303-080000.tar.gz',
    ])
  } finally {
    await cloud.stop()
  }
})

it('the scheduled backup is listed for the street admin, and a failed one alerts them', async () => {
  const cloud = await TestCloud.start()
  try {
    const admin = await cloud.login(DEMO.admin)
    expect(await cloud.server.backupNow()).toMatchObject({ ok: true })
    const list = await cloud.ok<{
      lastSuccessAt: number | null
      kept: { name: string }[]
      runs: { ok: boolean }[]
    }>(admin, 'admin', { action: 'backups' })
    expect(list.lastSuccessAt).toEqual(expect.any(Number))
    expect(list.kept).toHaveLength(1)
    expect(list.kept[0]!.name).toMatch(/^reopen-\d{8}-\d{6}\.tar\.gz$/)

    // A file where the backups folder should be: the backup fails, is listed as failed, and admins hear of it.
    rmSync(path.join(cloud.dataDir, 'backups'), { recursive: true, force: true })
    writeFileSync(path.join(cloud.dataDir, 'backups'), 'not a folder')
    const failed = await cloud.server.backupNow()
    expect(failed.ok).toBe(false)
    const after = await cloud.ok<typeof list>(admin, 'admin', { action: 'backups' })
    expect(after.runs.map((r) => r.ok)).toEqual([false, true])
    expect(after.lastSuccessAt).toBe(list.lastSuccessAt)
    const inbox = await cloud.ok<{ items: { title: string }[] }>(admin, 'account', { action: 'inbox' })
    expect(inbox.items.map((m) => m.title)).toContain('数据备份失败')
  } finally {
    await cloud.stop()
  }
})
