import { AppError } from '../../../shared/errors'
import { ERRAND_PAGES } from '../../../shared/routes'
import type { ledgerInput, settleInput } from '../../../shared/schemas/errand'
import { allow, gridPlace, placeOf } from '../../_lib/access'
import { auditEntry } from '../../_lib/audit'
import { col, txCol, txGet } from '../../_lib/collections'
import { notify } from '../../_lib/notify'
import type { CallerFor, Deps, Input } from '../../_lib/runtime'
import type { LedgerDoc } from '../model'
import { transactOrConflict } from '../../_lib/transact'
import { pageOf } from '../../_lib/paging'

/** Butlers see their own entries, a grid worker their grid's, an admin their community's or street's. */
export async function ledger(deps: Deps, caller: CallerFor, input: Input<typeof ledgerInput>) {
  const a = caller.account
  const place = input.gridId ? await gridPlace(deps, input.gridId) : a.scope
  allow(caller, { people: [input.butlerId ?? a._id], scope: place })
  const where: Record<string, unknown> = { streetId: a.scope.streetId }
  if (a.role === 'butler') where.butlerId = a._id
  else {
    if (a.scope.communityId) where.communityId = a.scope.communityId
    if (a.scope.gridId) where.gridId = a.scope.gridId
    if (input.butlerId) where.butlerId = input.butlerId
  }
  if (input.gridId) where.gridId = input.gridId
  const filtered = input.status ? { ...where, status: input.status } : where
  const $ = deps.db.command.aggregate
  const [page, sums] = await Promise.all([
    pageOf(deps.db, 'errand_ledger', filtered, [['createdAt', 'desc']], input),
    col(deps.db, 'errand_ledger')
      .aggregate()
      .match(where)
      .group({ _id: '$status', fen: $.sum('$amountFen'), n: $.sum(1) })
      .end(),
  ])
  const totals = { pendingFen: 0, pendingCount: 0, settledFen: 0, settledCount: 0 }
  for (const row of sums.data as { _id: string; fen: number; n: number }[]) {
    if (row._id === 'pending') Object.assign(totals, { pendingFen: row.fen, pendingCount: row.n })
    if (row._id === 'settled') Object.assign(totals, { settledFen: row.fen, settledCount: row.n })
  }
  return { ...page, totals }
}

/** The admin marks advanced money as paid back; every entry at once or none, with an audit record. */
export async function settle(deps: Deps, caller: CallerFor, input: Input<typeof settleInput>) {
  const a = caller.account
  const ids = [...new Set(input.entryIds)]
  const now = deps.now()
  const entries: LedgerDoc[] = []
  await transactOrConflict(deps, async (t) => {
    entries.length = 0
    for (const id of ids) {
      const entry = await txGet(t, 'errand_ledger', id)
      if (!entry) throw new AppError('NOT_FOUND', `没有找到垫付记录 ${id}`)
      // A community admin settles their community's entries only, a street admin the street's.
      allow(caller, { scope: placeOf(entry) })
      if (entry.status !== 'pending')
        throw new AppError('LEDGER_ALREADY_SETTLED', `垫付记录 ${id} 已经结算过了`)
      entries.push(entry)
      await txCol(t, 'errand_ledger')
        .doc(id)
        .update({
          status: 'settled',
          settledAt: now,
          settledBy: a._id,
          settledByName: a.name,
          settleNote: input.note ?? null,
        })
    }
    const totalFen = entries.reduce((s, x) => s + x.amountFen, 0)
    await txCol(t, 'audit_logs').add(
      auditEntry(a, {
        action: 'errand.settle',
        target: `ledger:${ids.length}`,
        before: entries.map((x) => ({
          id: x._id,
          butlerId: x.butlerId,
          amountFen: x.amountFen,
          status: x.status,
        })),
        after: { status: 'settled', ids, totalFen, note: input.note ?? null },
        at: now,
      }),
    )
  })
  const byButler = new Map<string, { fen: number; n: number }>()
  for (const x of entries) {
    const acc = byButler.get(x.butlerId) ?? { fen: 0, n: 0 }
    byButler.set(x.butlerId, { fen: acc.fen + x.amountFen, n: acc.n + 1 })
  }
  for (const [butlerId, { fen, n }] of byButler) {
    await notify(deps, {
      accountId: butlerId,
      title: '垫付款已结算',
      body: `您垫付的${n}笔代购款共 ¥${(fen / 100).toFixed(2)} 已由街道结算。`,
      link: ERRAND_PAGES.ledger,
    })
  }
  return {
    settled: ids.length,
    totalFen: entries.reduce((s, x) => s + x.amountFen, 0),
  }
}
