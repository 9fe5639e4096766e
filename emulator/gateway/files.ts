import type { IncomingMessage, ServerResponse } from 'node:http'
import { readJsonObject, sendFail, sendJson } from '../http'
import type { CloudStorage } from '../cloud/types'

/**
 * Which stored files a web (H5) caller may see, and the temporary URLs it gets for them
 * (`POST /api/files/url {fileIDs}`, what `getTempFileURL` is in the mini-program).
 *
 * The rule is the functions' own access policy, applied without repeating it: a caller may see a file it
 * uploaded, or one whose fileID a cloud function has handed it in an answer (an errand's receipt photo reaches
 * the requester and the butler, a licence reaches the reviewers of that enterprise, and so on; a view that
 * leaves a photo out grants nothing). The gateway notes those fileIDs as answers pass through it, for a day.
 */

/** How long a fileID seen in an answer stays viewable without being seen again. */
const GRANT_TTL_MS = 24 * 3600_000
/** Per caller, the most fileIDs remembered; the oldest go first. */
const MAX_GRANTS_PER_CALLER = 5000
/** How long the URLs handed out work. */
export const FILE_URL_TTL_SECONDS = 3600
const MAX_FILES_PER_REQUEST = 50

export class FileGrants {
  private readonly byCaller = new Map<string, Map<string, number>>()

  constructor(
    /** What every fileID of this environment starts with (`cloud://<env>.`). */
    private readonly prefix: string,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Notes every fileID of this environment anywhere in `value` as viewable by `uid`. */
  grantWithin(uid: string, value: unknown): void {
    const found = new Set<string>()
    collect(value, this.prefix, found, 0)
    if (found.size) this.grant(uid, [...found])
  }

  grant(uid: string, fileIDs: string[]): void {
    let grants = this.byCaller.get(uid)
    if (!grants) this.byCaller.set(uid, (grants = new Map()))
    const until = this.clock() + GRANT_TTL_MS
    for (const id of fileIDs) {
      grants.delete(id) // re-inserted last: the map's order is the eviction order
      grants.set(id, until)
    }
    for (const id of grants.keys()) {
      if (grants.size <= MAX_GRANTS_PER_CALLER) break
      grants.delete(id)
    }
  }

  allows(uid: string, fileID: string): boolean {
    const until = this.byCaller.get(uid)?.get(fileID)
    return until !== undefined && until > this.clock()
  }
}

function collect(value: unknown, prefix: string, out: Set<string>, depth: number): void {
  if (depth > 32) return
  if (typeof value === 'string') {
    if (value.startsWith(prefix)) out.add(value)
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, prefix, out, depth + 1)
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) collect(item, prefix, out, depth + 1)
  }
}

export type FileUrl = {
  fileID: string
  tempFileURL: string
  code: 'SUCCESS' | 'FORBIDDEN' | 'STORAGE_FILE_NONEXIST'
}

/** `POST /api/files/url {fileIDs: string[]}` for a signed-in caller `uid`. */
export async function fileUrls(
  grants: FileGrants,
  storage: CloudStorage,
  uid: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = await readJsonObject(req)
  const ids = body?.fileIDs
  if (
    !Array.isArray(ids) ||
    ids.length === 0 ||
    ids.length > MAX_FILES_PER_REQUEST ||
    !ids.every((x) => typeof x === 'string')
  )
    return sendFail(res, 'BAD_REQUEST', `请提供 1 到 ${MAX_FILES_PER_REQUEST} 个文件编号`)
  const files: FileUrl[] = []
  for (const fileID of new Set(ids as string[])) {
    if (!grants.allows(uid, fileID)) {
      files.push({ fileID, tempFileURL: '', code: 'FORBIDDEN' })
      continue
    }
    const url = await storage.existingUrl(fileID, FILE_URL_TTL_SECONDS)
    files.push({ fileID, tempFileURL: url ?? '', code: url ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST' })
  }
  sendJson(res, 200, { ok: true, data: { files } })
}
