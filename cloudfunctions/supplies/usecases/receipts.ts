import { AppError } from '../../../shared/errors'
import type {
  confirmReceiptInput,
  handOutsInput,
  suppliesLedgerInput,
} from '../../../shared/schemas/supplies'
import { startOfShanghaiDay } from '../../../shared/time'
import { allow, scopeFilter } from '../../_lib/access'
import { col, getDoc } from '../../_lib/collections'
import { pageOf } from '../../_lib/paging'
import type { CallerFor, Deps, Input } from '../../_lib/runtime'
import { movementView } from './common'

const DAY = 86_400_000

/** The owner confirms in the app that a hand-out arrived; once (a compare-and-set on its status). */
export async function confirmReceipt(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof confirmReceiptInput>,
) {
  const m = await getDoc(deps, 'supply_movements', input.handOutId)
  if (!m || m.type !== 'handOut') throw new AppError('NOT_FOUND', '没有找到这次物资发放')
  allow(caller, { people: m.ownerIds ?? [] })
  const now = deps.now()
  const a = caller.account
  const { updated } = await col(deps.db, 'supply_movements')
    .where({ _id: m._id, status: 'handed' })
    .update({ status: 'confirmed', confirmedBy: a._id, confirmedByName: a.name, confirmedAt: now })
  if (!updated) throw new AppError('CONFLICT', '这批物资已经确认收到了')
  return {
    movement: movementView(
      { ...m, status: 'confirmed', confirmedBy: a._id, confirmedByName: a.name, confirmedAt: now },
      false,
    ),
  }
}

/** Hand-outs: to the owner's enterprises, or within the grid worker's or admin's scope; newest first. */
export async function handOuts(deps: Deps, caller: CallerFor, input: Input<typeof handOutsInput>) {
  const a = caller.account
  const owner = a.role === 'owner'
  const where: Record<string, unknown> = owner
    ? { ownerIds: a._id, type: 'handOut' }
    : { ...scopeFilter(a), type: 'handOut' }
  if (input.enterpriseId) where.enterpriseId = input.enterpriseId
  if (input.pending) where.status = 'handed'
  const page = await pageOf(
    deps.db,
    'supply_movements',
    where,
    [
      ['at', 'desc'],
      ['_id', 'asc'],
    ],
    input,
  )
  return { ...page, items: page.items.map((m) => movementView(m, !owner)) }
}

/**
 * Every movement of the stock in the admin's scope, oldest first — the same rows as the Excel 防疫物资台账. A
 * community admin sees the hand-outs in the community; receipts are the street's.
 */
export async function ledger(deps: Deps, caller: CallerFor, input: Input<typeof suppliesLedgerInput>) {
  const _ = deps.db.command
  const where: Record<string, unknown> = scopeFilter(caller.account)
  if (input.from || input.to) {
    const from = input.from ? startOfShanghaiDay(input.from) : 0
    const to = input.to ? startOfShanghaiDay(input.to) + DAY : Number.MAX_SAFE_INTEGER
    where.at = _.gte(from).and(_.lt(to))
  }
  const { items, total } = await pageOf(
    deps.db,
    'supply_movements',
    where,
    [
      ['at', 'desc'],
      ['_id', 'asc'],
    ],
    { page: input.page, pageSize: input.pageSize },
  )
  return { items: items.map((m) => movementView(m, true)), total, page: input.page, pageSize: input.pageSize }
}
