import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import * as tar from 'tar'

/**
 * Backups of a local cloud's data directory: one .tar.gz holding the databases, the stored files and the keys.
 *
 * Online and consistent: each SQLite file is copied with SQLite's backup API from a connection of its own, in a
 * single step (one read transaction), so the copy is the database as it stood at one instant while the server
 * keeps writing — WAL lets a reader hold its snapshot without stopping writers, in this process or another. The
 * stored files are taken from the copied database's `files` table (a file is moved into place before its row is
 * written, so every row of the snapshot has its file on disk); files stored after the snapshot are not in it,
 * as their rows are not.
 *
 * db.sqlite is copied before auth.sqlite: a person who signs up in between is a sign-in without an app account
 * (the state right after registering), never the other way round.
 */

export const BACKUP_FORMAT = 'reopen-backup'
const MANIFEST = 'manifest.json'
/** The databases of a data directory, in the order they are copied; wechat.sqlite exists in simulator mode. */
const DATABASES = ['db.sqlite', 'auth.sqlite', 'wechat.sqlite'] as const
/** Keys without which the restored directory would sign nothing the old one signed. */
const SECRETS = ['cloud-secret.json', 'auth-secret'] as const

export interface BackupManifest {
  format: typeof BACKUP_FORMAT
  version: 1
  /** When the copy began (ms): every write acknowledged before this is in the archive. */
  startedAt: number
  finishedAt: number
  databases: string[]
  files: number
  /** Files whose row was in the snapshot but which were deleted before they could be copied. */
  missingFiles: number
}

export interface BackupResult extends BackupManifest {
  out: string
  size: number
}

/** Copies one SQLite database, as it stands at one instant, to `dest`. */
async function copyDatabase(src: string, dest: string): Promise<void> {
  const db = new Database(src, { readonly: true, fileMustExist: true })
  try {
    // All remaining pages in one step: one read transaction, so one instant (another connection's write between
    // steps would make SQLite start over anyway).
    await db.backup(dest, { progress: () => 0x7fffffff })
  } finally {
    db.close()
  }
}

/** Writes a backup of `dataDir` to `out` (a .tar.gz), atomically: `out` is either the whole archive or absent. */
export async function createBackup(dataDir: string, out: string): Promise<BackupResult> {
  const startedAt = Date.now()
  if (!existsSync(path.join(dataDir, 'db.sqlite')))
    throw new Error(`${dataDir} 不是本地云的数据目录（没有 db.sqlite）`)
  const stage = await fs.mkdtemp(path.join(os.tmpdir(), 'reopen-backup-'))
  try {
    const databases: string[] = []
    for (const name of DATABASES) {
      const src = path.join(dataDir, name)
      if (!existsSync(src)) continue
      await copyDatabase(src, path.join(stage, name))
      databases.push(name)
    }
    for (const name of SECRETS) {
      const src = path.join(dataDir, name)
      if (existsSync(src)) await fs.copyFile(src, path.join(stage, name))
    }
    // The stored files the snapshot knows about.
    const snapshot = new Database(path.join(stage, 'db.sqlite'), { readonly: true })
    let paths: string[] = []
    try {
      const hasFiles = snapshot
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'files'")
        .get()
      if (hasFiles)
        paths = (snapshot.prepare('SELECT path FROM files').all() as { path: string }[]).map((r) => r.path)
    } finally {
      snapshot.close()
    }
    let files = 0
    let missingFiles = 0
    for (const p of paths) {
      const rel = path.join('storage', 'files', ...p.split('/'))
      const target = path.join(stage, rel)
      await fs.mkdir(path.dirname(target), { recursive: true })
      try {
        await fs.copyFile(path.join(dataDir, rel), target)
        files++
      } catch (e) {
        if ((e as { code?: string }).code !== 'ENOENT') throw e
        missingFiles++
      }
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: 1,
      startedAt,
      finishedAt: Date.now(),
      databases,
      files,
      missingFiles,
    }
    await fs.writeFile(path.join(stage, MANIFEST), JSON.stringify(manifest, null, 2))
    const entries = (await fs.readdir(stage)).sort((a, b) => (a === MANIFEST ? -1 : b === MANIFEST ? 1 : 0))
    await fs.mkdir(path.dirname(path.resolve(out)), { recursive: true })
    const partial = `${out}.partial-${process.pid}`
    try {
      // Password hashes and keys are inside: readable by the owner only.
      await tar.create({ gzip: true, file: partial, cwd: stage, portable: true, mode: 0o600 }, entries)
      await fs.chmod(partial, 0o600)
      await fs.rename(partial, out)
    } catch (e) {
      await fs.rm(partial, { force: true })
      throw e
    }
    const { size } = await fs.stat(out)
    return { ...manifest, out, size }
  } finally {
    await fs.rm(stage, { recursive: true, force: true })
  }
}

export class RestoreRefused extends Error {}

/**
 * Restores an archive made by createBackup into `dataDir`, which must be empty (or absent) unless `force`;
 * with `force` its current contents are replaced (a `backups/` folder is kept). The server must not be running
 * on `dataDir`. The archive is unpacked and checked beside the target first, so a bad archive changes nothing.
 */
export async function restoreBackup(
  archive: string,
  dataDir: string,
  opts: { force?: boolean } = {},
): Promise<BackupManifest> {
  const target = path.resolve(dataDir)
  const existing = existsSync(target) ? await fs.readdir(target) : []
  if (existing.length && !opts.force)
    throw new RestoreRefused(`${target} 不是空目录；确认要覆盖其中的数据，请加 --force`)
  await fs.mkdir(path.dirname(target), { recursive: true })
  const stage = await fs.mkdtemp(path.join(path.dirname(target), `.${path.basename(target)}-restore-`))
  try {
    await tar.extract({ file: archive, cwd: stage, strict: true })
    let manifest: BackupManifest
    try {
      manifest = JSON.parse(await fs.readFile(path.join(stage, MANIFEST), 'utf8')) as BackupManifest
    } catch {
      throw new RestoreRefused(`${archive} 不是复工通的备份文件（没有 ${MANIFEST}）`)
    }
    if (manifest.format !== BACKUP_FORMAT || manifest.version !== 1)
      throw new RestoreRefused(`${archive} 的格式无法识别`)
    for (const name of manifest.databases) {
      const db = new Database(path.join(stage, name), { readonly: true, fileMustExist: true })
      try {
        const [row] = db.pragma('integrity_check') as { integrity_check: string }[]
        if (row?.integrity_check !== 'ok') throw new RestoreRefused(`${name} 已损坏：${row?.integrity_check}`)
      } finally {
        db.close()
      }
    }
    await fs.rm(path.join(stage, MANIFEST))
    await fs.mkdir(target, { recursive: true, mode: 0o700 })
    for (const name of existing) {
      if (name !== 'backups') await fs.rm(path.join(target, name), { recursive: true, force: true })
    }
    for (const name of await fs.readdir(stage))
      await fs.rename(path.join(stage, name), path.join(target, name))
    return manifest
  } finally {
    await fs.rm(stage, { recursive: true, force: true })
  }
}

/** `reopen-20240315-030000.tar.gz`, on the Shanghai clock: names sort by time. */
export function backupName(at: number): string {
  const s = new Date(at + 8 * 3_600_000).toISOString()
  return `reopen-${s.slice(0, 10).replace(/-/g, '')}-${s.slice(11, 19).replace(/:/g, '')}.tar.gz`
}

export interface StoredBackup {
  name: string
  size: number
  createdAt: number
}

/** The archives in `<dataDir>/backups/`, newest first. */
export async function listBackups(dataDir: string): Promise<StoredBackup[]> {
  const dir = path.join(dataDir, 'backups')
  const names = existsSync(dir)
    ? (await fs.readdir(dir)).filter((n) => /^reopen-\d{8}-\d{6}\.tar\.gz$/.test(n))
    : []
  const out: StoredBackup[] = []
  for (const name of names.sort().reverse()) {
    const st = await fs.stat(path.join(dir, name))
    out.push({ name, size: st.size, createdAt: st.mtimeMs })
  }
  return out
}

/** A scheduled backup into `<dataDir>/backups/`, then all but the newest `keep` archives removed. */
export async function scheduledBackup(dataDir: string, keep: number, at = Date.now()): Promise<BackupResult> {
  const dir = path.join(dataDir, 'backups')
  await fs.mkdir(dir, { recursive: true, mode: 0o700 })
  const result = await createBackup(dataDir, path.join(dir, backupName(at)))
  for (const old of (await listBackups(dataDir)).slice(Math.max(1, keep)))
    await fs.rm(path.join(dir, old.name), { force: true })
  return result
}

/** BACKUP_KEEP: how many daily archives to keep (default 7). */
export function backupKeep(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.BACKUP_KEEP)
  return Number.isInteger(n) && n > 0 ? n : 7
}

/**
 * The daily backup as the server runs it: archive and prune, then report the outcome to the admin function
 * (admin.recordBackup, as server code), which lists it on the management page and alerts admins of a failure.
 * Never throws: a failure is reported, and logged.
 */
export async function runScheduledBackup(
  dataDir: string,
  keep: number,
  functions: { invoke(name: string, event: unknown, identity: { kind: 'server' }): Promise<unknown> },
): Promise<{ ok: boolean; name?: string; error?: string }> {
  let outcome: { ok: boolean; name?: string; size?: number; error?: string }
  try {
    const r = await scheduledBackup(dataDir, keep)
    outcome = { ok: true, name: path.basename(r.out), size: r.size }
  } catch (e) {
    console.error('[backup] failed', e)
    outcome = { ok: false, error: (e instanceof Error ? e.message : String(e)).slice(0, 500) }
  }
  try {
    const list = await listBackups(dataDir).catch(() => [])
    const kept = list.map((b) => ({ ...b, createdAt: Math.round(b.createdAt) }))
    await functions.invoke('admin', { action: 'recordBackup', ...outcome, kept }, { kind: 'server' })
  } catch (e) {
    console.error('[backup] could not record the outcome', e)
  }
  return outcome
}
