import { mkdtempSync, rmSync } from 'node:fs'
import tcb from '@cloudbase/node-sdk'
import os from 'node:os'
import path from 'node:path'
import { readCloudCredentials } from '../../emulator/cloud'
import { scans } from '../../emulator/cloud/rows'
import { COLLECTIONS } from '../../shared/collections'
import { DEMO_PASSWORD, seedDemo } from '../../emulator/seed'
import { startServer, type RunningServer, type ServerOptions } from '../../emulator/server'

export interface Reply<T = unknown> {
  status: number
  body: { ok: true; data: T } | { ok: false; code: string; message: string }
}

/**
 * A real emulator on a random port and a throw-away data dir, seeded with the demo street, plus small
 * clients for the gateway. Every function test goes through HTTP and the real SDK, like the app does.
 */
export class TestCloud {
  private constructor(
    readonly server: RunningServer,
    readonly dataDir: string,
  ) {}

  static async start(opts: Partial<ServerOptions> & { seed?: boolean } = {}): Promise<TestCloud> {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'reopen-test-'))
    const server = await startServer({ port: 0, dataDir, ...opts })
    if (opts.seed !== false) await seedDemo(server.auth)
    return new TestCloud(server, dataDir)
  }

  /** A server already started on `dataDir` (a restored backup, say); stop() removes the directory too. */
  static attach(server: RunningServer, dataDir: string): TestCloud {
    return new TestCloud(server, dataDir)
  }

  /**
   * The real SDK with the environment's key, as server code and timers use it: read from the data directory,
   * as any script outside the server gets it.
   */
  sdk(): ReturnType<typeof tcb.init> {
    return tcb.init({ env: this.server.envId, ...readCloudCredentials(this.dataDir) })
  }

  /** Runs a timer function as its trigger would at `time`, through the SDK's callFunction. */
  async timer<T = unknown>(fn: string, time: Date): Promise<T> {
    const { result } = await this.sdk().callFunction({ name: fn, data: timerEvent(time) })
    return timerData<T>(fn, result)
  }

  /** Runs a timer function at `time` as the platform's trigger does, and reads the trips to the platform it made. */
  async countedTimer<T = unknown>(fn: string, time: Date): Promise<{ data: T; trips: number }> {
    const { result, trips } = await this.server.host.invokeCounted(fn, timerEvent(time), { kind: 'timer' })
    return { data: timerData<T>(fn, result), trips }
  }

  get url(): string {
    return this.server.url
  }

  /**
   * Stops the server; fails (so the suite fails) when a function made a query that no declared index served,
   * unless its collection declares that query may read it whole (shared/collections.ts `scans`).
   */
  async stop(): Promise<void> {
    const unserved = scans
      .take()
      .filter(
        (s) => !COLLECTIONS.find((c) => c.name === s.collection)?.scans?.some((a) => a.query === s.query),
      )
    await this.server.close()
    rmSync(this.dataDir, { recursive: true, force: true })
    if (unserved.length)
      throw new Error(
        `queries of functions that no declared index serves (shared/collections.ts):\n${unserved
          .map((s) => `  ${s.collection} ${s.query} (${s.count}×)`)
          .join('\n')}`,
      )
  }

  async post<T = unknown>(pathname: string, body: unknown, token?: string, raw?: string): Promise<Reply<T>> {
    const res = await fetch(`${this.url}${pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: raw ?? JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as Reply<T>['body'] }
  }

  /** Calls a function through the gateway and returns its answer. */
  async call<T = unknown>(
    token: string | undefined,
    fn: string,
    event: Record<string, unknown>,
  ): Promise<Reply<T>> {
    return this.post<T>(`/api/functions/${fn}`, event, token)
  }

  /**
   * Calls a function through the gateway and reads how many trips to the platform its invocation made (the
   * server must run with `reportTrips`).
   */
  async counted<T = unknown>(
    token: string | undefined,
    fn: string,
    event: Record<string, unknown>,
  ): Promise<Reply<T> & { trips: number }> {
    const res = await fetch(`${this.url}/api/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(event),
    })
    const trips = res.headers.get('x-cloud-trips')
    if (trips === null) throw new Error('the server does not report trips: start it with reportTrips')
    return { status: res.status, body: (await res.json()) as Reply<T>['body'], trips: Number(trips) }
  }

  /** Like `call`, but fails the test unless the function answered ok; returns `data`. */
  async ok<T = unknown>(token: string | undefined, fn: string, event: Record<string, unknown>): Promise<T> {
    const reply = await this.call<T>(token, fn, event)
    if (!reply.body.ok)
      throw new Error(`${fn}.${String(event.action)} failed: ${reply.body.code} ${reply.body.message}`)
    return reply.body.data
  }

  /** Uploads a file through the gateway the way the H5 client does (multipart POST /api/upload). */
  async upload(
    token: string | undefined,
    body: Blob,
    dir = 'licences',
    name = 'photo.png',
  ): Promise<{
    status: number
    body: { ok: boolean; code?: string; data?: { fileID: string; url: string } }
  }> {
    const form = new FormData()
    form.append('dir', dir)
    form.append('file', body, name)
    const res = await fetch(`${this.url}/api/upload`, {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: form,
    })
    return { status: res.status, body: (await res.json()) as { ok: boolean; code?: string } }
  }

  /** Temporary URLs for stored files, as the H5 client asks for them (POST /api/files/url). */
  async fileUrls(
    token: string | undefined,
    fileIDs: string[],
  ): Promise<Reply<{ files: { fileID: string; tempFileURL: string; code: string }[] }>> {
    return this.post('/api/files/url', { fileIDs }, token)
  }

  async login(phone: string, password = DEMO_PASSWORD): Promise<string> {
    const reply = (await this.post('/api/auth/login', { phone, password })) as unknown as {
      body: { ok: boolean; token: string }
    }
    if (!reply.body.ok) throw new Error(`login ${phone} failed: ${JSON.stringify(reply.body)}`)
    return reply.body.token
  }

  /** Registers a new web user at the gateway (no account yet) and returns their token. */
  async register(phone: string, name = '测试用户'): Promise<string> {
    const reply = (await this.post('/api/auth/register', {
      phone,
      password: NEW_USER_PASSWORD,
      name,
    })) as unknown as {
      body: { ok: boolean; token: string }
    }
    if (!reply.body.ok) throw new Error(`register ${phone} failed: ${JSON.stringify(reply.body)}`)
    return reply.body.token
  }

  /**
   * Registers a new web user and sets up their account with a self-service role; in `streetId` when given
   * (once a second street exists, setup needs to know which).
   */
  async newUser(
    phone: string,
    role: 'owner' | 'employee' | 'resident' = 'resident',
    name = '测试用户',
    streetId?: string,
  ): Promise<string> {
    const token = await this.register(phone, name)
    await this.ok(token, 'account', { action: 'setup', name, phone, role, streetId })
    return token
  }
}

/** What a timer trigger hands its function at `time`. */
const timerEvent = (time: Date) => ({ Type: 'Timer', TriggerName: 'test', Time: time.toISOString() })

/** A timer's answer, or the test fails. */
function timerData<T>(fn: string, result: unknown): T {
  const r = result as { ok: boolean; data: T; code?: string }
  if (!r.ok) throw new Error(`${fn} failed: ${JSON.stringify(r)}`)
  return r.data
}

/** The password `newUser` registers people with. */
export const NEW_USER_PASSWORD = 'Reopen2020x'

/** The same, for staff: a new user who redeems an invitation the admin behind `adminToken` creates. */
export async function newStaff(
  cloud: TestCloud,
  adminToken: string,
  phone: string,
  role: 'admin' | 'reviewer' | 'gridWorker' | 'butler',
  scope: { streetId: string; communityId?: string; gridId?: string },
  department?: 'economy' | 'safety' | 'epidemic',
  name = '测试人员',
): Promise<{ token: string; accountId: string }> {
  const { invite } = await cloud.ok<{ invite: { code: string } }>(adminToken, 'account', {
    action: 'createInvite',
    role,
    scope,
    ...(department ? { department } : {}),
  })
  const token = await cloud.newUser(phone, 'resident', name, scope.streetId)
  const { account } = await cloud.ok<{ account: { _id: string } }>(token, 'account', {
    action: 'redeemInvite',
    code: invite.code,
  })
  return { token, accountId: account._id }
}

export const DEMO = {
  admin: '13800000001',
  economy: '13800000011',
  safety: '13800000012',
  epidemic: '13800000013',
  gridWorker: '13800000021',
  butler: '13800000031',
  owner: '13800000041',
  employee: '13800000051',
  resident: '13800000061',
  district: '13800000091',
} as const
