import tcb from '@cloudbase/node-sdk'
import { randomUUID } from 'node:crypto'
import type { ZodTypeAny, z } from 'zod'
import { AppError, fail, ok, type Result } from '../../shared/errors'
import type { Role } from '../../shared/roles'
import { parseInput } from '../../shared/validate'
import type { AccountDoc } from './accounts'
import { loadAccount } from './accounts'
import { clock } from './clock'
import { identityFromContext, isSystemCall, type Identity } from './identity'

export type Database = ReturnType<ReturnType<typeof tcb.init>['database']>
export type Transaction = Awaited<ReturnType<Database['startTransaction']>>

/** What a use case may depend on. Tests and timers can pass their own clock. */
export interface Deps {
  db: Database
  now: () => number
  newId: () => string
}

/** What a use case receives as input: the output of its action's zod schema. */
export type Input<S extends ZodTypeAny> = z.infer<S>

export type Access =
  /** Anyone, even without a login (e.g. verifying a public plate). */
  | 'public'
  /** Only the platform itself: a timer, or server code with the environment's credentials (the H5 gateway). */
  | 'system'
  /** Signed in, with or without an account yet (e.g. `me`, `setup`). */
  | 'identity'
  /** Signed in with an active account, any role. */
  | 'account'
  /** Signed in with one of these roles. */
  | readonly Role[]

/**
 * Who calls an action with this access: the platform identity, and the account — which only 'public',
 * 'identity' and 'system' actions may run without, so only their use cases have to handle its absence.
 */
export type CallerFor<A extends Access = 'account'> = A extends 'public' | 'identity' | 'system'
  ? { identity: Identity; account: AccountDoc | undefined }
  : { identity: Identity; account: AccountDoc }

export interface ActionDef<S extends ZodTypeAny, T, A extends Access = Access> {
  input: S
  access: A
  run: (deps: Deps, caller: CallerFor<A>, input: z.infer<S>) => Promise<T>
}

export function action<S extends ZodTypeAny, T, const A extends Access>(
  def: ActionDef<S, T, A>,
): ActionDef<S, T, A> {
  return def
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ActionTable = Record<string, ActionDef<any, any, any>>

let app: ReturnType<typeof tcb.init> | undefined
/** One SDK instance per loaded function, initialised the way CloudBase documents for functions. */
export function cloud(): ReturnType<typeof tcb.init> {
  app ??= tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
  return app
}

export function defaultDeps(): Deps {
  return { db: cloud().database(), now: () => clock.now(), newId: () => randomUUID().replace(/-/g, '') }
}

/**
 * The thin entry every function exports as `main`: checks the event shape, resolves the caller from the
 * context, enforces access, validates input with the shared schema and turns failures into
 * `{ok:false, code, message}`. Unexpected errors are logged and answered as INTERNAL, never thrown.
 */
export function createMain(actions: ActionTable, makeDeps: () => Deps = defaultDeps) {
  return async function main(event: unknown, context: unknown): Promise<Result<unknown>> {
    try {
      if (!event || typeof event !== 'object' || Array.isArray(event)) return fail('BAD_REQUEST')
      const { action: name, ...input } = event as Record<string, unknown>
      if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(actions, name)) {
        return fail(
          'UNKNOWN_ACTION',
          typeof name === 'string' ? `没有这个操作：${name}` : '请指定要进行的操作',
        )
      }
      const def = actions[name]!
      const deps = makeDeps()
      const identity = identityFromContext(context)
      let account: AccountDoc | undefined
      if (def.access === 'system') {
        if (!isSystemCall(context)) return fail('FORBIDDEN_ROLE')
      } else if (def.access !== 'public') {
        if (identity.kind === 'none') return fail('UNAUTHENTICATED')
        account = await loadAccount(deps.db, identity.key)
        if (account?.disabled) return fail('ACCOUNT_DISABLED')
        if (def.access !== 'identity') {
          if (!account) return fail('ACCOUNT_NOT_SET_UP')
          if (Array.isArray(def.access) && !def.access.includes(account.role)) return fail('FORBIDDEN_ROLE')
        }
      }
      const parsed = parseInput(def.input, input)
      const data = await def.run(deps, { identity, account }, parsed)
      return ok(data)
    } catch (e) {
      if (e instanceof AppError) return fail(e.code, e.message, e.details)
      console.error('[function] unexpected error', e)
      return fail('INTERNAL')
    }
  }
}

/**
 * The entry of a timer-triggered function. Only the platform's timer (or server code holding the environment's
 * credentials) may run it, so no client can run a scan with a made-up time. The trigger's own `Time` is "now":
 * a late start still does the job that was due. Failures are logged and answered as INTERNAL, never thrown.
 */
export function createTimerMain<T>(
  name: string,
  job: (deps: Deps, at: number) => Promise<T>,
  makeDeps: () => Deps = defaultDeps,
) {
  return async function main(event: unknown, context: unknown): Promise<Result<T>> {
    if (!isSystemCall(context)) return fail('FORBIDDEN_ROLE', '只有定时任务可以运行巡检')
    const deps = makeDeps()
    const time = (event as { Time?: unknown } | null)?.Time
    const at = typeof time === 'string' && !Number.isNaN(Date.parse(time)) ? Date.parse(time) : deps.now()
    try {
      return ok(await job({ ...deps, now: () => at }, at))
    } catch (e) {
      console.error(`[${name}]`, e)
      return fail('INTERNAL')
    }
  }
}
