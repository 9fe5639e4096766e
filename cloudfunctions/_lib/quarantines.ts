import { OPEN_QUARANTINE_STATES } from '../../shared/health'
import type { QuarantineDoc } from '../health/model'
import type { AccountDoc, OpenQuarantine } from './accounts'
import { col, txCol, txGet } from './collections'
import type { Deps, Transaction } from './runtime'

/** The person's quarantine in force, if any (a person has at most one open at a time). */
export async function activeQuarantineOf(deps: Deps, accountId: string): Promise<QuarantineDoc | undefined> {
  const { data } = await col(deps.db, 'quarantines')
    .where({ accountId, status: deps.db.command.in(OPEN_QUARANTINE_STATES) })
    .limit(1)
    .get()
  return data[0]
}

/** What the account carries of an open quarantine (AccountDoc.quarantine). */
export function openQuarantineSummary(q: QuarantineDoc): OpenQuarantine {
  return {
    _id: q._id,
    streetId: q.streetId,
    communityId: q.communityId,
    gridId: q.gridId,
    endDate: q.endDate,
  }
}

/**
 * The caller's open quarantine as their account carries it: no trip to the database on the hot path (a report
 * needs nothing else of the quarantine). An account from before the field existed is looked up once and the
 * answer recorded — only while the field is still missing, so a declaration or release that recorded it in
 * the meantime is not overwritten.
 */
export async function openQuarantineOf(deps: Deps, account: AccountDoc): Promise<OpenQuarantine | undefined> {
  if (account.quarantine !== undefined) return account.quarantine ?? undefined
  const q = await activeQuarantineOf(deps, account._id)
  const summary = q ? openQuarantineSummary(q) : null
  const _ = deps.db.command
  await col(deps.db, 'accounts')
    .where({ _id: account._id, quarantine: _.exists(false) })
    .update({ quarantine: summary ? _.set(summary) : null })
  return summary ?? undefined
}

/**
 * Keeps the account in step with a quarantine's state, inside the transaction that changes the quarantine:
 * `q` open → the account carries it; closed → it carries none (unless it already carries another one).
 */
export async function recordQuarantineOnAccount(
  deps: Deps,
  t: Transaction,
  q: QuarantineDoc,
  open: boolean,
): Promise<void> {
  const _ = deps.db.command
  const accounts = txCol(t, 'accounts')
  if (open) {
    await accounts.doc(q.accountId).update({ quarantine: _.set(openQuarantineSummary(q)) })
    return
  }
  const account = await txGet(t, 'accounts', q.accountId)
  if (account?.quarantine?._id === q._id) await accounts.doc(q.accountId).update({ quarantine: null })
}
