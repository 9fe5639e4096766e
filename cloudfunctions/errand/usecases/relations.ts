/** Loading a request and deciding who stands in which relation to it; who may ask at all. */
import {
  ERRAND_CATEGORY_LABELS,
  relationsOf,
  type ErrandRelation,
  type ErrandSettings,
} from '../../../shared/errand'
import { AppError } from '../../../shared/errors'
import { allow } from '../../_lib/access'
import type { AccountDoc } from '../../_lib/accounts'
import { getDoc } from '../../_lib/collections'
import { wechatTime, type SubscribeNotice } from '../../_lib/notify'
import { activeQuarantineOf } from '../../_lib/quarantines'
import type { CallerFor, Deps } from '../../_lib/runtime'
import type { ErrandDoc, ErrandEvent, HouseholdDoc } from '../model'

export const MINUTE = 60_000

export async function loadErrand(deps: Deps, id: string): Promise<ErrandDoc> {
  return found(await getDoc(deps, 'errands', id))
}

function found(e: ErrandDoc | null | undefined): ErrandDoc {
  if (!e) throw new AppError('NOT_FOUND', '没有找到这个跑腿需求')
  return e
}

/**
 * The request an action names: as read with the caller's account when the entry read it for this id
 * (`caller.subject`), else read now.
 */
export async function subjectErrand(deps: Deps, caller: CallerFor, id: string): Promise<ErrandDoc> {
  return caller.subject?.id === id ? found(caller.subject.doc as ErrandDoc | null) : loadErrand(deps, id)
}

/**
 * Refuses unless the caller stands in the relation the action's rule asks for (shared/policy.ts: errandQueue,
 * errandAssignee, errandRequester, errandHandoff, errandView); returns the relations, which choose the view.
 */
export function requireRelation(
  caller: CallerFor,
  e: ErrandDoc,
  settings: ErrandSettings,
  now: number,
): ErrandRelation[] {
  const relations = relationsOf(caller.account, e, settings, now)
  allow(caller, { relations })
  return relations
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
