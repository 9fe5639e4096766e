/** Loading a request and deciding who stands in which relation to it; who may ask at all. */
import {
  ERRAND_CATEGORY_LABELS,
  communityOpensAt,
  mayDo,
  type ErrandOperation,
  type ErrandRelation,
  type ErrandSettings,
} from '../../../shared/errand'
import { AppError } from '../../../shared/errors'
import { scopeContains } from '../../../shared/roles'
import type { AccountDoc } from '../../_lib/accounts'
import { getDoc } from '../../_lib/collections'
import { wechatTime, type SubscribeNotice } from '../../_lib/notify'
import { activeQuarantineOf } from '../../_lib/quarantines'
import type { CallerFor, Deps, Transaction } from '../../_lib/runtime'
import type { ErrandDoc, ErrandEvent, HouseholdDoc } from '../model'

export const MINUTE = 60_000

export function isConflict(e: unknown): boolean {
  const text = `${(e as { code?: unknown })?.code ?? ''} ${(e as { message?: unknown })?.message ?? ''}`
  return /TRANSACTION_CONFLICT|TransactionConflict/i.test(text)
}

/**
 * Runs a transaction; a conflict that outlived the SDK's own retries (someone else changed the same request
 * several times over) is answered as CONFLICT, so the person refreshes and sees what happened.
 */
export async function transact(deps: Deps, body: (t: Transaction) => Promise<void>): Promise<void> {
  try {
    await deps.db.runTransaction(body)
  } catch (e) {
    if (isConflict(e)) throw new AppError('CONFLICT')
    throw e
  }
}

export async function loadErrand(deps: Deps, id: string): Promise<ErrandDoc> {
  const e = await getDoc(deps, 'errands', id)
  if (!e) throw new AppError('NOT_FOUND', '没有找到这个跑腿需求')
  return e
}

function scopeOf(e: Pick<ErrandDoc, 'streetId' | 'communityId' | 'gridId'>) {
  return { streetId: e.streetId, communityId: e.communityId, gridId: e.gridId }
}

/** Staff whose queue holds the request: the grid's butlers (the community's after the wait) or its grid worker. */
function inQueueScope(a: AccountDoc, e: ErrandDoc, settings: ErrandSettings, now: number): boolean {
  if (a.scope.streetId !== e.streetId) return false
  if (e.queue === 'gridWorker') return a.role === 'gridWorker' && a.scope.gridId === e.gridId
  if (a.role !== 'butler') return false
  if (a.scope.gridId === e.gridId) return true
  return a.scope.communityId === e.communityId && now >= communityOpensAt(e, settings)
}

export function relationsOf(
  a: AccountDoc,
  e: ErrandDoc,
  settings: ErrandSettings,
  now: number,
): ErrandRelation[] {
  const out: ErrandRelation[] = []
  if (e.requesterId === a._id) out.push('requester')
  if (e.assigneeId === a._id) out.push('assignee')
  if (e.status === 'open' && inQueueScope(a, e, settings, now)) out.push('queueStaff')
  if ((a.role === 'gridWorker' || a.role === 'admin') && scopeContains(a.scope, scopeOf(e)))
    out.push('overseer')
  return out
}

/** Refuses unless the caller stands in a relation that may take this step. */
export function requireMay(
  op: ErrandOperation,
  a: AccountDoc,
  e: ErrandDoc,
  settings: ErrandSettings,
  now: number,
): ErrandRelation[] {
  const rel = relationsOf(a, e, settings, now)
  if (!mayDo(op, rel)) {
    const message =
      op === 'advance' || op === 'release'
        ? '只能操作自己认领的需求'
        : op === 'confirm'
          ? '只有发起人或认领的管家可以确认收货'
          : '这不是您发起的需求'
    throw new AppError('FORBIDDEN_SCOPE', message)
  }
  return rel
}

export function eventOf(
  caller: CallerFor,
  type: ErrandEvent['type'],
  at: number,
  extra: Partial<ErrandEvent> = {},
): ErrandEvent {
  return { type, byId: caller.account._id, byName: caller.account.name, at, ...extra }
}

export function takenOrClosed(e: ErrandDoc): AppError {
  if (e.status === 'cancelled' || e.status === 'confirmed') return new AppError('ERRAND_CLOSED')
  return new AppError('ERRAND_TAKEN')
}

/** Who asks and where to: a person's name, phone and address, and the staff the record names. */
type Resident = Pick<
  HouseholdDoc,
  'name' | 'phone' | 'streetId' | 'communityId' | 'gridId' | 'building' | 'room'
>

interface Basis extends Resident {
  kind: 'quarantine' | 'household'
  quarantineId: string | null
  butlerId: string | null
  gridWorkerId: string | null
}

const residentOf = ({ name, phone, streetId, communityId, gridId, building, room }: Resident): Resident => ({
  name,
  phone,
  streetId,
  communityId,
  gridId,
  building,
  room,
})

/** A person in home quarantine, or a household the grid worker marked as needing help. */
export async function basisOf(deps: Deps, account: AccountDoc): Promise<Basis | undefined> {
  const q = await activeQuarantineOf(deps, account._id)
  if (q) {
    return {
      kind: 'quarantine',
      quarantineId: q._id,
      ...residentOf(q),
      butlerId: q.butlerId,
      gridWorkerId: q.gridWorkerId,
    }
  }
  const h = await getDoc(deps, 'errand_households', account._id)
  if (h?.active)
    return { kind: 'household', quarantineId: null, ...residentOf(h), butlerId: null, gridWorkerId: null }
  return undefined
}

/** The subscribe message of an errand's progress: what was asked, the step, who, when. */
export function errandMessage(e: ErrandDoc, status: string, who: string, at: number): SubscribeNotice {
  const what = e.items.map((i) => i.name).join('、')
  return {
    kind: 'errandStatus',
    data: {
      item: `${ERRAND_CATEGORY_LABELS[e.category]}${what ? `：${what}` : ''}`,
      status,
      assignee: who,
      time: wechatTime(at),
    },
  }
}
