import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'
import diagnostics from 'node:diagnostics_channel'
import type { ClientRequest } from 'node:http'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { WorkerPool } from './workers'

/** Who is calling, as the platform knows it. The function reads it back from `context.environment`. */
export type CallerIdentity =
  | { kind: 'wx'; openid: string; appid?: string; unionid?: string }
  | { kind: 'custom'; uid: string }
  /** An anonymous web caller (e.g. scanning a public plate). */
  | { kind: 'none' }
  /** A timer trigger. */
  | { kind: 'timer' }
  /** Server-side code with the environment's credentials (the SDK's callFunction). */
  | { kind: 'server' }

export interface FunctionConfig {
  timeout?: number
  triggers?: { name: string; type: string; config: string }[]
}

type Main = (event: unknown, context: Record<string, unknown>) => unknown

interface HostedFunction {
  name: string
  dir: string
  config: FunctionConfig
  main?: Main
}

export class FunctionError extends Error {
  constructor(
    readonly code: 'UNKNOWN_FUNCTION' | 'FUNCTION_TIMEOUT' | 'FUNCTION_CRASHED',
    message: string,
  ) {
    super(message)
  }
}

/**
 * Builds the `context.environment` string the way CloudBase does, so that `tcb.getCloudbaseContext(context)`
 * in the function sees WX_OPENID (mini-program callers) or TCB_CUSTOM_USER_ID (custom-login web callers).
 */
export function environmentFor(identity: CallerIdentity, envId: string): string {
  const base: Record<string, string> = { SCF_NAMESPACE: envId, TCB_ENV: envId }
  if (identity.kind === 'wx') {
    return JSON.stringify({
      ...base,
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
      WX_OPENID: identity.openid,
      WX_APPID: identity.appid ?? 'wx-emulator',
      WX_UNIONID: identity.unionid ?? '',
      TCB_SOURCE: 'wx_client',
    })
  }
  if (identity.kind === 'custom') {
    return JSON.stringify({
      ...base,
      TCB_CONTEXT_KEYS: 'TCB_CUSTOM_USER_ID,TCB_UUID,TCB_SOURCE',
      TCB_CUSTOM_USER_ID: identity.uid,
      TCB_UUID: identity.uid,
      TCB_SOURCE: 'web',
    })
  }
  if (identity.kind === 'timer') return JSON.stringify({ ...base, TRIGGER_SRC: 'timer', TCB_SOURCE: 'timer' })
  if (identity.kind === 'server') return JSON.stringify({ ...base, TCB_SOURCE: 'server' })
  return JSON.stringify({ ...base, TCB_SOURCE: 'web' })
}

/** One invocation in flight: the database (and other platform) trips its code has made so far. */
interface Invocation {
  trips: number
}

/**
 * Counts trips to the platform per invocation. A hosted function reaches the local cloud the way it reaches
 * CloudBase: node-sdk POSTs each database, storage or function request to `/admin` over HTTP. Every such request
 * starts inside the async context of the invocation that made it, so Node's `http.client.request.start` channel,
 * read with the invocation's AsyncLocalStorage, attributes it exactly — a count of real requests, not an estimate.
 * A function called from a function (callFunction) runs as its own invocation with its own count.
 */
const invocations = new AsyncLocalStorage<Invocation>()
diagnostics.subscribe('http.client.request.start', (message) => {
  const invocation = invocations.getStore()
  const request = (message as { request: ClientRequest }).request
  if (invocation && request.path.startsWith('/admin')) invocation.trips++
})

/** The answer of an invocation and the trips it took. */
export interface Counted {
  result: unknown
  trips: number
}

/**
 * Hosts every folder of `cloudfunctions/` (those not starting with `_`) in this process, loading each
 * `index.ts` on first call, and invokes `main(event, context)` with a CloudBase-shaped context.
 */
export class FunctionHost {
  private readonly functions = new Map<string, HostedFunction>()
  /** Worker processes that run the functions (workers.ts); absent, they run in this process. */
  private readonly pool?: WorkerPool

  constructor(
    private readonly root: string,
    private readonly envId: string,
    opts: { workers?: number; stuckMs?: number } = {},
  ) {
    if (opts.workers) this.pool = new WorkerPool(opts.workers, root, envId, opts.stuckMs)
    for (const name of readdirSync(root)) {
      const dir = path.join(root, name)
      if (name.startsWith('_') || name.startsWith('.') || !statSync(dir).isDirectory()) continue
      if (!existsSync(path.join(dir, 'index.ts'))) continue
      const configPath = path.join(dir, 'config.json')
      const config: FunctionConfig = existsSync(configPath)
        ? JSON.parse(readFileSync(configPath, 'utf8'))
        : {}
      this.functions.set(name, { name, dir, config })
    }
  }

  names(): string[] {
    return [...this.functions.keys()].sort()
  }

  has(name: string): boolean {
    return this.functions.has(name)
  }

  triggers(): { functionName: string; name: string; cron: string }[] {
    const out: { functionName: string; name: string; cron: string }[] = []
    for (const fn of this.functions.values()) {
      for (const t of fn.config.triggers ?? []) {
        if (t.type === 'timer') out.push({ functionName: fn.name, name: t.name, cron: t.config })
      }
    }
    return out
  }

  private async load(fn: HostedFunction): Promise<Main> {
    if (!fn.main) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path.join(fn.dir, 'index.ts')) as { main?: Main }
      if (typeof mod.main !== 'function')
        throw new FunctionError('FUNCTION_CRASHED', `${fn.name} has no exports.main`)
      fn.main = mod.main
    }
    return fn.main
  }

  async invoke(name: string, event: unknown, identity: CallerIdentity): Promise<unknown> {
    return (await this.invokeCounted(name, event, identity)).result
  }

  /** Invokes a function and counts the trips to the platform its code made while answering. */
  async invokeCounted(
    name: string,
    event: unknown,
    identity: CallerIdentity,
    onStarted?: () => void,
  ): Promise<Counted> {
    if (this.pool) {
      const fn = this.functions.get(name)
      if (!fn) throw new FunctionError('UNKNOWN_FUNCTION', `function ${name} not found`)
      return this.pool.invoke(name, event, identity, timeoutOf(fn))
    }
    const invocation: Invocation = { trips: 0 }
    const result = await invocations.run(invocation, () => this.run(name, event, identity, onStarted))
    return { result, trips: invocation.trips }
  }

  /** `onStarted`: told once the code is loaded and the call's time limit starts. */
  private async run(
    name: string,
    event: unknown,
    identity: CallerIdentity,
    onStarted?: () => void,
  ): Promise<unknown> {
    const fn = this.functions.get(name)
    if (!fn) throw new FunctionError('UNKNOWN_FUNCTION', `function ${name} not found`)
    const main = await this.load(fn)
    onStarted?.()
    const timeoutMs = timeoutOf(fn)
    const context = {
      request_id: randomUUID(),
      function_name: name,
      function_version: '$LATEST',
      namespace: this.envId,
      memory_limit_in_mb: 256,
      time_limit_in_ms: timeoutMs,
      environment: environmentFor(identity, this.envId),
    }
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new FunctionError('FUNCTION_TIMEOUT', `${name} timed out`)), timeoutMs)
    })
    try {
      return await Promise.race([Promise.resolve().then(() => main(event, context)), timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  /** Stops the worker processes, if any. */
  async close(): Promise<void> {
    await this.pool?.close()
  }
}

/** A function's time limit (config.json `timeout`, seconds; CloudBase's default 20). */
const timeoutOf = (fn: HostedFunction) => (fn.config.timeout ?? 20) * 1000
