/** What the supplies use cases share: loading an enterprise, and how a movement is shown. */
import { AppError } from '../../../shared/errors'
import type { MovementDoc } from '../model'
import { getDoc } from '../../_lib/collections'
import type { Deps } from '../../_lib/runtime'
import type { EnterpriseDoc } from '../../application/model'

export async function loadEnterprise(deps: Deps, id: string): Promise<EnterpriseDoc> {
  const e = await getDoc(deps, 'enterprises', id)
  if (!e) throw new AppError('NOT_FOUND', '没有找到这家企业')
  return e
}

/** The enterprise's own people: its owner and the managers the owner named. */
export const peopleOf = (e: Pick<EnterpriseDoc, 'ownerId' | 'managerIds'>) => [e.ownerId, ...e.managerIds]

/** A movement as its readers see it (the owner list leaves out the stock balance, which is the street's). */
export function movementView(m: MovementDoc, street: boolean) {
  const { ownerIds: _o, balance, ...rest } = m
  return street ? { ...rest, balance } : rest
}
