/**
 * What the client knows of the functions, derived from their action tables: an action's name, what it
 * accepts (its shared zod schema's input) and what it answers (its use case's result). The imports are
 * type-only — erased at build time, so nothing of a function reaches the mini-program or H5 bundle — and a
 * change of a use case's result breaks the client's compile instead of drifting from a copy.
 */
import type { ZodTypeAny, z } from 'zod'
import type { actions as account } from '../../cloudfunctions/account'
import type { actions as admin } from '../../cloudfunctions/admin'
import type { actions as application } from '../../cloudfunctions/application'
import type { actions as errand } from '../../cloudfunctions/errand'
import type { actions as health } from '../../cloudfunctions/health'
import type { actions as onsite } from '../../cloudfunctions/onsite'
import type { actions as stats } from '../../cloudfunctions/stats'
import type { actions as supplies } from '../../cloudfunctions/supplies'
import type { actions as certificate } from '../../cloudfunctions/certificate'
import { callFunction, type CallOptions } from './cloud'

/** The functions the client calls, each with its action table. */
type Functions = {
  account: typeof account
  admin: typeof admin
  application: typeof application
  errand: typeof errand
  health: typeof health
  onsite: typeof onsite
  stats: typeof stats
  supplies: typeof supplies
  certificate: typeof certificate
}

export type FunctionName = keyof Functions
export type ActionName<F extends FunctionName> = keyof Functions[F] & string

/** What action `A` of function `F` accepts: the input type of its zod schema (defaults still optional). */
export type Input<F extends FunctionName, A extends ActionName<F>> = Functions[F][A] extends {
  input: infer S extends ZodTypeAny
}
  ? z.input<S>
  : never

/** What action `A` of function `F` answers: the `data` of `{ok:true, data}`, i.e. its use case's result. */
export type Reply<F extends FunctionName, A extends ActionName<F>> = Functions[F][A] extends {
  run: (...args: never[]) => infer R
}
  ? Awaited<R>
  : never

/** One row of a paged answer (`{items, total, page, pageSize}`). */
export type Item<F extends FunctionName, A extends ActionName<F>> =
  Reply<F, A> extends { items: readonly (infer T)[] } ? T : never

/**
 * A union of views (e.g. the requester's, the assignee's and the queue's view of one errand) as one type in
 * which the fields some view leaves out are optional, so a page can read `e.room` and get undefined.
 */
export type AnyView<U, All = U> = U extends unknown
  ? U & { [K in Exclude<All extends unknown ? keyof All : never, keyof U>]?: undefined }
  : never

/**
 * The typed caller of one function: `api('errand')('claim', {errandId})`. The input may be left out where
 * the action takes none.
 */
export function api<F extends FunctionName>(fn: F) {
  return <A extends ActionName<F>>(
    action: A,
    ...[input, opts]: object extends Input<F, A>
      ? [input?: Input<F, A>, opts?: CallOptions]
      : [input: Input<F, A>, opts?: CallOptions]
  ): Promise<Reply<F, A>> => callFunction<Reply<F, A>>(fn, { action, ...(input as object) }, opts)
}

/** A fresh id for one submission: a retry of the same submission reuses it, so the function stores it once. */
export function newRequestId(): string {
  const rnd = () => Math.random().toString(36).slice(2, 10)
  return `r${Date.now().toString(36)}${rnd()}${rnd()}`.slice(0, 40)
}
