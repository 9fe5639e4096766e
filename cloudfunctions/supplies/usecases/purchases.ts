import { AppError } from '../../../shared/errors'
import { SUPPLY_PAGES, pageUrl } from '../../../shared/routes'
import type {
  purchasesInput,
  recordPurchaseInput,
  requestPurchaseInput,
} from '../../../shared/schemas/supplies'
import { supplyAmount } from '../../../shared/supplies'
import { allow, placeOf, scopeFilter } from '../../_lib/access'
import { firstStaffOfGrid } from '../../_lib/accounts'
import { auditEntry } from '../../_lib/audit'
import { col, getDoc, txCol, txGet } from '../../_lib/collections'
import { notify } from '../../_lib/notify'
import { createDocOnce, onceId } from '../../_lib/once'
import { pageOf } from '../../_lib/paging'
import type { CallerFor, Deps, Input } from '../../_lib/runtime'
import type { PurchaseDoc } from '../model'
import { transactRetrying } from '../../_lib/transact'
import { loadEnterprise, peopleOf } from './common'

/** An enterprise asks the street to help it buy supplies; the grid worker hears of it. */
export async function requestPurchase(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof requestPurchaseInput>,
) {
  const e = await loadEnterprise(deps, input.enterpriseId)
  allow(caller, { people: peopleOf(e) })
  const id = onceId(caller.account, input.requestId, deps.newId)
  const made = await createDocOnce(
    deps,
    'supply_purchases',
    id,
    input.requestId,
    async () => {
      const doc: PurchaseDoc = {
        _id: id,
        enterpriseId: e._id,
        enterpriseName: e.name,
        streetId: e.streetId,
        communityId: e.communityId,
        gridId: e.gridId,
        ownerId: caller.account._id,
        kind: input.kind,
        quantity: input.quantity,
        ...(input.note ? { note: input.note } : {}),
        status: 'open',
        createdAt: deps.now(),
      }
      await col(deps.db, 'supply_purchases').add(doc)
      return { purchase: doc, fresh: true }
    },
    (purchase) => ({ purchase, fresh: false }),
    (p) => p.ownerId === caller.account._id,
  )
  if (made.fresh) {
    const worker = await firstStaffOfGrid(deps.db, e.gridId, 'gridWorker')
    if (worker)
      await notify(deps, {
        accountId: worker._id,
        title: '企业申请协助采购防疫物资',
        body: `${e.name}需要${supplyAmount(input.kind, input.quantity)}，请协助采购后登记结果。`,
        link: pageUrl(SUPPLY_PAGES.purchases),
      })
  }
  return { purchase: made.purchase }
}

/** Purchase requests: the owner's own, or those within the staff member's scope; open ones first. */
export async function purchases(deps: Deps, caller: CallerFor, input: Input<typeof purchasesInput>) {
  const a = caller.account
  const where: Record<string, unknown> = a.role === 'owner' ? { ownerId: a._id } : scopeFilter(a)
  if (input.status) where.status = input.status
  return pageOf(
    deps.db,
    'supply_purchases',
    where,
    [
      ['status', 'desc'],
      ['createdAt', 'desc'],
    ],
    input,
  )
}

/** Staff record what was bought for the enterprise; once per request. The owner is told. */
export async function recordPurchase(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof recordPurchaseInput>,
) {
  const p = await getDoc(deps, 'supply_purchases', input.purchaseId)
  if (!p) throw new AppError('NOT_FOUND', '没有找到这条采购申请')
  allow(caller, { scope: placeOf(p) })
  const a = caller.account
  const now = deps.now()
  const changes = {
    status: 'procured' as const,
    procuredQuantity: input.quantity,
    ...(input.note ? { procuredNote: input.note } : {}),
    procuredBy: a._id,
    procuredByName: a.name,
    procuredAt: now,
  }
  // Read and changed in one transaction with its audit entry: two staff recording at once cannot both succeed.
  const done = await transactRetrying(deps, async (t) => {
    const current = await txGet(t, 'supply_purchases', p._id)
    if (current?.status !== 'open') return false
    await txCol(t, 'supply_purchases').doc(p._id).update(changes)
    await txCol(t, 'audit_logs').add(
      auditEntry(a, {
        action: 'supplies.recordPurchase',
        target: p._id,
        before: { status: 'open' },
        after: { status: 'procured', quantity: input.quantity },
        at: now,
        streetId: p.streetId,
        communityId: p.communityId,
      }),
    )
    return true
  })
  if (!done) throw new AppError('CONFLICT', '这条采购申请已经登记过采购结果')
  await notify(deps, {
    accountId: p.ownerId,
    title: '协助采购的防疫物资已办好',
    body: `${p.enterpriseName}：已采购${supplyAmount(p.kind, input.quantity)}。${input.note ?? ''}`,
    link: pageUrl(SUPPLY_PAGES.stock),
  })
  return { purchase: { ...p, ...changes } }
}
