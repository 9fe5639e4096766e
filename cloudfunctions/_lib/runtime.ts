import tcb from '@cloudbase/node-sdk'
import { randomUUID } from 'node:crypto'
import type { ZodTypeAny, z } from 'zod'
import { AppError, fail, ok, type Result } from '../../shared/errors'
import {
  POLICY,
  policyOf,
  roleRefusal,
  whoAdmits,
  type ActionName,
  type FunctionName,
  type RuleName,
  type Who,
  type WhoOf,
} from '../../shared/policy'
import { parseInput } from '../../shared/validate'
import type { AccountDoc, SubjectRef } from './accounts'
import { loadAccount, loadAccountWith } from './accounts'
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

/**
 * Who calls an action whose policy row (shared/policy.ts) admits `W`: the platform identity, the account — which
 * only 'public', 'identity' and 'system' actions may run without, so only their use cases have to handle its
 * absence — and the action's scope rule, which `allow(caller, target)` (_lib/access.ts) applies to the records it loads.
 */
export type CallerFor<W extends Who = 'account'> = (W extends 'public' | 'identity' | 'system'
  ? { identity: Identity; account: AccountDoc | undefined; rule: RuleName }
  : { identity: Identity; account: AccountDoc; rule: RuleName }) & {
  /**
   * The record the action is about, read with the account when the function's `subjects` name it (see
   * `MainOptions`): the id looked up (as the request sent it) and the document, null when there is none. Undefined
   * when it was not read: the use case reads it itself.
   */
  subject?: { id: string; doc: unknown }
}

export interface ActionDef<S extends ZodTypeAny, T, C> {
  input: S
  run: (deps: Deps, caller: C, input: z.infer<S>) => Promise<T>
}

/** One action: its shared input schema and its use case. Who may call it is the policy's, not the table's. */
export function action<S extends ZodTypeAny, T, C>(def: ActionDef<S, T, C>): ActionDef<S, T, C> {
  return def
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDef<C> = ActionDef<any, any, C>

/** The table a function exports: exactly the actions its policy rows name, each use case taking that caller. */
export type TableFor<F extends FunctionName> = { [A in ActionName<F>]: AnyDef<CallerFor<WhoOf<F, A>>> }

/**
 * A function's action table, checked by the compiler against the policy: an action without a row, a row
 * without an action, or a use case that needs an account where the policy admits callers without one, fail
 * the build. `createMain` checks the same at load time, for code the compiler did not see.
 */
export function actionTable<F extends FunctionName, T extends TableFor<F>>(
  _fn: F,
  table: T & Record<Exclude<keyof T, ActionName<F>>, never>,
): T {
  return table
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ActionTable = Record<string, AnyDef<any>>

/** Actions of the table without a policy row and rows without an action: both must be empty. */
export function policyGaps(fn: string, actions: ActionTable): { unlisted: string[]; unused: string[] } {
  const rows = Object.keys((POLICY as Record<string, object>)[fn] ?? {})
  const names = Object.keys(actions)
  return {
    unlisted: names.filter((a) => !policyOf(fn, a)),
    unused: rows.filter((a) => !names.includes(a)),
  }
}

let app: ReturnType<typeof tcb.init> | undefined
/**
 * One SDK instance per loaded function, initialised the way CloudBase documents for functions. Its requests say
 * they come from function code (`x-cloud-caller`, ignored by CloudBase), so the local cloud can tell the queries
 * functions make from those of scripts and tests: every function query must be served by an index.
 */
export function cloud(): ReturnType<typeof tcb.init> {
  app ??= tcb.init({ env: tcb.SYMBOL_CURRENT_ENV, headers: { 'x-cloud-caller': 'function' } })
  return app
}

export function defaultDeps(): Deps {
  return { db: cloud().database(), now: () => clock.now(), newId: () => randomUUID().replace(/-/g, '') }
}

/**
 * The thin entry every function exports as `main`: checks the event shape, resolves the caller from the
 * context, enforces who may call the action (its row in shared/policy.ts), validates input with the shared
 * schema and turns failures into `{ok:false, code, message}`. Unexpected errors are logged and answered as
 * INTERNAL, never thrown.
 *
 * `load` gives the action table (the function's `actions.ts`). It is called on the first call that passes the
 * policy, not when the function loads: the table brings zod, every input schema of the function and its use cases,
 * which cost a cold CloudBase instance 15–50 ms before its first line could run, and a call that is refused (unknown
 * action, no identity, wrong role) needs none of it. A table that disagrees with the policy never runs an action.
 */
export interface MainOptions {
  /**
   * Actions that begin by reading one record named by their input (`field`, an id in `collection`). The entry
   * reads it with the caller's account in one trip, and the use case takes it as `caller.subject`: a hot action
   * contended by many (a claim) then needs one trip before its write. Only a string is looked up; anything else is
   * left to the action's schema to refuse.
   */
  subjects?: Record<string, { collection: SubjectRef['collection']; field: string }>
  makeDeps?: () => Deps
}

export function createMain(fn: FunctionName, load: () => ActionTable, options: MainOptions = {}) {
  const { subjects = {}, makeDeps = defaultDeps } = options
  let table: ActionTable | undefined
  const actions = (): ActionTable => {
    if (table) return table
    const loaded = load()
    const gaps = policyGaps(fn, loaded)
    if (gaps.unlisted.length || gaps.unused.length)
      throw new Error(
        `${fn}: actions without a row in shared/policy.ts: [${gaps.unlisted.join(', ')}]; rows without an action: [${gaps.unused.join(', ')}]`,
      )
    return (table = loaded)
  }
  return async function main(event: unknown, context: unknown): Promise<Result<unknown>> {
    try {
      if (!event || typeof event !== 'object' || Array.isArray(event)) return fail('BAD_REQUEST')
      const { action: name, ...input } = event as Record<string, unknown>
      // The policy names every action of the table (checked on loading it), so it answers this without the table.
      const row = typeof name === 'string' ? policyOf(fn, name) : undefined
      if (!row) {
        return fail(
          'UNKNOWN_ACTION',
          typeof name === 'string' ? `没有这个操作：${name.slice(0, 40)}` : '请指定要进行的操作',
        )
      }
      const deps = makeDeps()
      const identity = identityFromContext(context)
      let account: AccountDoc | undefined
      let subject: { id: string; doc: unknown } | undefined
      if (row.who === 'system') {
        if (!isSystemCall(context)) return fail('FORBIDDEN_ROLE', roleRefusal(row))
      } else if (row.who !== 'public') {
        if (identity.kind === 'none') return fail('UNAUTHENTICATED')
        const about = subjects[name as string]
        const id = about ? input[about.field] : undefined
        if (about && typeof id === 'string') {
          const read = await loadAccountWith(deps.db, identity.key, { collection: about.collection, id })
          account = read.account
          if (read.subject !== undefined) subject = { id, doc: read.subject }
        } else account = await loadAccount(deps.db, identity.key)
        if (account?.disabled) return fail('ACCOUNT_DISABLED')
        if (row.who !== 'identity') {
          if (!account) return fail('ACCOUNT_NOT_SET_UP')
          if (!whoAdmits(row.who, account)) return fail('FORBIDDEN_ROLE', roleRefusal(row))
        }
      }
      const def = actions()[name as string]!
      const parsed = parseInput(def.input, input)
      const data = await def.run(deps, { identity, account, rule: row.rule, subject }, parsed)
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
