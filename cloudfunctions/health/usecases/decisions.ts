import { AppError } from '../../../shared/errors'
import { OPEN_QUARANTINE_STATES, quarantineDay, quarantineEnd } from '../../../shared/health'
import { personSeer, shown } from '../../../shared/mask'
import type {
  extendInput,
  listKeyPersonsInput,
  releaseInput,
  staffStatusInput,
} from '../../../shared/schemas/health'
import { shanghaiDate } from '../../../shared/time'
import { col, getDoc, txCol, txGet } from '../../_lib/collections'
import { recordQuarantineOnAccount } from '../../_lib/quarantines'
import { transactOrConflict } from '../../_lib/transact'
import { notify } from '../../_lib/notify'
import { allow, placeOf, scopedWhere } from '../../_lib/access'
import { pageOf } from '../../_lib/paging'
import type { CallerFor, Deps, Input, Transaction } from '../../_lib/runtime'
import type { DeclarationDoc, QuarantineDoc } from '../model'
import { publicQuarantine } from './quarantines'

export async function extend(deps: Deps, caller: CallerFor, input: Input<typeof extendInput>) {
  const q = await getDoc(deps, 'quarantines', input.quarantineId)
  if (!q) throw new AppError('NOT_FOUND')
  allow(caller, { scope: placeOf(q) })
  if (q.status === 'released') throw new AppError('NOT_IN_QUARANTINE', '已解除隔离，不能延长')
  const endDate = quarantineEnd(q.endDate, input.days)
  const change = {
    type: 'extend' as const,
    by: caller.account._id,
    byName: caller.account.name,
    reason: input.reason,
    days: input.days,
    at: deps.now(),
  }
  await changeOpenQuarantine(deps, q._id, 'CONFLICT', {
    endDate,
    status: 'active',
    extended: true,
    changes: deps.db.command.push(change),
  })
  await notify(deps, {
    accountId: q.accountId,
    title: '隔离期已延长',
    body: `您的居家隔离延长${input.days}天，至${endDate}。原因：${input.reason}`,
  })
  return { endDate }
}

export async function release(deps: Deps, caller: CallerFor, input: Input<typeof releaseInput>) {
  const q = await getDoc(deps, 'quarantines', input.quarantineId)
  if (!q) throw new AppError('NOT_FOUND')
  allow(caller, { scope: placeOf(q) })
  const now = deps.now()
  const change = {
    type: 'release' as const,
    by: caller.account._id,
    byName: caller.account.name,
    reason: input.reason,
    at: now,
  }
  await changeOpenQuarantine(deps, q._id, new AppError('NOT_IN_QUARANTINE', '这位人员已解除隔离'), {
    status: 'released',
    releasedAt: now,
    changes: deps.db.command.push(change),
  })
  await notify(deps, {
    accountId: q.accountId,
    title: '已解除居家隔离',
    body: `您的居家隔离已解除。说明：${input.reason}`,
  })
  return { status: 'released' as const }
}

/**
 * Changes a quarantine that must still be open, and the account that carries it, in one transaction: the
 * account's copy (AccountDoc.quarantine) never disagrees with the quarantine. `closed` is thrown when it was
 * no longer open.
 */
async function changeOpenQuarantine(
  deps: Deps,
  id: string,
  closed: AppError | 'CONFLICT',
  change: { status?: QuarantineDoc['status']; endDate?: string } & Record<string, unknown>,
): Promise<void> {
  await transactOrConflict(deps, async (t: Transaction) => {
    const q = await txGet(t, 'quarantines', id)
    if (!q || !OPEN_QUARANTINE_STATES.includes(q.status))
      throw typeof closed === 'string' ? new AppError(closed) : closed
    await txCol(t, 'quarantines').doc(id).update(change)
    const status = change.status ?? q.status
    const endDate = change.endDate ?? q.endDate
    await recordQuarantineOnAccount(
      deps,
      t,
      { ...q, status, endDate },
      OPEN_QUARANTINE_STATES.includes(status),
    )
  })
}

export async function listKeyPersons(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof listKeyPersonsInput>,
) {
  const where = await scopedWhere(deps, caller, input.gridId)
  if (input.status) where.status = input.status
  const { items: data, total } = await pageOf(deps.db, 'quarantines', where, [['createdAt', 'desc']], input)
  const today = shanghaiDate(deps.now())
  return {
    items: data.map((q) => ({
      ...publicQuarantine(q, today, caller.account, 'list'),
      phone: shown('phone', 'list', personSeer(caller.account, q), q.phone),
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  }
}

/** The owner's view of their staff: who is screened and who is in quarantine, no temperatures or ID numbers. */
export async function staffStatus(deps: Deps, caller: CallerFor, input: Input<typeof staffStatusInput>) {
  const e = await getDoc(deps, 'enterprises', input.enterpriseId)
  if (!e) throw new AppError('NOT_FOUND', '没有找到这家企业')
  allow(caller, { people: [e.ownerId, ...e.managerIds] })
  const { data } = await col(deps.db, 'declarations')
    .where({ enterpriseId: input.enterpriseId })
    .orderBy('createdAt', 'desc')
    .limit(1000)
    .get()
  const latest = new Map<string, DeclarationDoc>()
  for (const d of data) if (!latest.has(d.accountId)) latest.set(d.accountId, d)
  const { data: qs } = await col(deps.db, 'quarantines')
    .where({ enterpriseId: input.enterpriseId })
    .limit(1000)
    .get()
  const today = shanghaiDate(deps.now())
  const items = [...latest.values()].map((d) => {
    const q = qs.find((x) => x.accountId === d.accountId && x.status !== 'released')
    return {
      name: d.name,
      result: d.classification.result,
      declaredAt: d.createdAt,
      quarantine: q ? { status: q.status, endDate: q.endDate, day: quarantineDay(q.startDate, today) } : null,
    }
  })
  return {
    enterpriseName: e.name,
    items,
    total: items.length,
    inQuarantine: items.filter((i) => i.quarantine).length,
  }
}
