import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import path from 'node:path'

/**
 * A fingerprint of everything the local cloud holds: every collection (each document's id and revision — the
 * store bumps a document's revision on every write) and every stored file. Two equal digests mean nothing was
 * written in between; `changedBetween` names what was.
 */
export type Digest = Map<string, string>

export function digest(dataDir: string): Digest {
  const db = new Database(path.join(dataDir, 'db.sqlite'), { readonly: true, fileMustExist: true })
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND (name LIKE 'c\\_%' ESCAPE '\\' OR name = 'files')",
      )
      .all() as { name: string }[]
    const out: Digest = new Map()
    for (const { name } of tables) {
      const hash = createHash('sha256')
      const rows =
        name === 'files'
          ? (db.prepare('SELECT path AS id, size AS rev FROM files ORDER BY path').all() as {
              id: string
              rev: number
            }[])
          : (db.prepare(`SELECT id, rev FROM "${name}" ORDER BY id`).all() as { id: string; rev: number }[])
      for (const r of rows) hash.update(`${r.id}\u0000${r.rev}\n`)
      out.set(name === 'files' ? 'files' : name.slice(2), `${rows.length}:${hash.digest('hex').slice(0, 16)}`)
    }
    return out
  } finally {
    db.close()
  }
}

/** The collections (and `files`) whose contents differ between two digests. */
export function changedBetween(before: Digest, after: Digest): string[] {
  const names = new Set([...before.keys(), ...after.keys()])
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort()
}

/** How many documents each collection gained between two digests (for "one record, not two"). */
export function grownBetween(before: Digest, after: Digest): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [name, value] of after) {
    const n = Number(value.split(':')[0]) - Number((before.get(name) ?? '0:').split(':')[0])
    if (n) out[name] = n
  }
  return out
}

/**
 * A cheap "has anything been written?" reading for one request at a time: the highest document revision of every
 * collection (the store bumps it on every write) and the stored files. Kept open for a test's duration.
 */
export function revisions(dataDir: string): { read(): string; close(): void } {
  const db = new Database(path.join(dataDir, 'db.sqlite'), { readonly: true, fileMustExist: true })
  const tables = (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'c\\_%' ESCAPE '\\'")
      .all() as { name: string }[]
  ).map((t) => t.name)
  const query = db.prepare(
    [
      ...tables.map((t) => `SELECT '${t}' AS t, count(*) AS n, max(rev) AS r FROM "${t}"`),
      "SELECT 'files' AS t, count(*) AS n, total(size) AS r FROM files",
    ].join(' UNION ALL '),
  )
  return {
    read: () =>
      (query.all() as { t: string; n: number; r: number | null }[])
        .map((x) => `${x.t}:${x.n}:${x.r}`)
        .join(','),
    close: () => db.close(),
  }
}
