import { randomBytes } from 'node:crypto'
import { AppError } from '../../../shared/errors'
import { HEALTH_PAGES } from '../../../shared/routes'
import type { registerEnterpriseInput, updateEnterpriseInput } from '../../../shared/schemas/application'
import { col, getDoc } from '../../_lib/collections'
import { isDuplicateKey } from '../../_lib/errors'
import { publicUrl, qrDataUrl } from '../../_lib/links'
import { createDocOnce, onceId } from '../../_lib/once'
import type { CallerFor, Deps, Input } from '../../_lib/runtime'
import type { EnterpriseDoc } from '../model'
import { allow } from '../../_lib/access'
import { enterprisePlace, ownEnterprise } from './access'

// No 0/O/1/I: the code is read off a poster and typed by employees.
const JOIN_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
function newJoinCode(): string {
  const bytes = randomBytes(6)
  return Array.from(bytes, (b) => JOIN_ALPHABET[b % JOIN_ALPHABET.length]).join('')
}

export async function registerEnterprise(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof registerEnterpriseInput>,
) {
  const place = await enterprisePlace(deps, input.communityId, input.gridId)
  allow(caller, { scope: place })
  const { requestId, ...fields } = input
  const id = onceId(caller.account, requestId, deps.newId)
  return createDocOnce(
    deps,
    'enterprises',
    id,
    requestId,
    async () => {
      const now = deps.now()
      const doc: EnterpriseDoc = {
        _id: id,
        ...fields,
        streetId: place.streetId,
        ownerId: caller.account._id,
        managerIds: [],
        joinCode: newJoinCode(),
        openApplicationId: null,
        createdAt: now,
        updatedAt: now,
      }
      try {
        await col(deps.db, 'enterprises').add(doc)
      } catch (e) {
        // One enterprise per credit code (unique index) — unless this very request made it (a double tap).
        if (isDuplicateKey(e) && !(requestId && (await getDoc(deps, 'enterprises', id))))
          throw await creditCodeTaken(deps, caller, input.creditCode)
        throw e
      }
      return { enterprise: doc }
    },
    (enterprise) => ({ enterprise }),
    (made) => made.ownerId === caller.account._id,
  )
}

/**
 * The refusal of a credit code already registered. To its own registrant (or a manager) it says so and names
 * the enterprise to open — "contact the original registrant" would send them to themselves.
 */
async function creditCodeTaken(deps: Deps, caller: CallerFor, creditCode: string): Promise<AppError> {
  const { data } = await col(deps.db, 'enterprises').where({ creditCode }).limit(1).get()
  const e = data[0]
  const me = caller.account._id
  if (e && (e.ownerId === me || e.managerIds.includes(me)))
    return new AppError(
      'CREDIT_CODE_TAKEN',
      `您已经登记过「${e.name}」，不用再登记，可以在“我的企业”里查看和修改`,
      { enterpriseId: e._id },
    )
  return new AppError('CREDIT_CODE_TAKEN')
}

export async function updateEnterprise(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof updateEnterpriseInput>,
) {
  const { enterpriseId, ...changes } = input
  const e = await ownEnterprise(deps, caller, enterpriseId)
  const communityId = changes.communityId ?? e.communityId
  const gridId = changes.gridId ?? e.gridId
  if (changes.communityId || changes.gridId) {
    const place = await enterprisePlace(deps, communityId, gridId)
    if (place.streetId !== e.streetId)
      throw new AppError('SCOPE_NOT_FOUND', '所选社区或网格不属于本街道，请重新选择')
  }
  const next = { ...changes, updatedAt: deps.now() }
  await col(deps.db, 'enterprises').doc(enterpriseId).update(next)
  return { enterprise: { ...e, ...next } }
}

/** The poster the owner shows so employees can join the enterprise when they declare their health. */
export async function joinPoster(deps: Deps, caller: CallerFor, input: { enterpriseId: string }) {
  const e = await ownEnterprise(deps, caller, input.enterpriseId)
  const url = publicUrl(HEALTH_PAGES.declare, { code: e.joinCode })
  return { enterpriseName: e.name, joinCode: e.joinCode, url, qr: await qrDataUrl(url) }
}

export async function myEnterprises(deps: Deps, caller: CallerFor) {
  const _ = deps.db.command
  const { data } = await col(deps.db, 'enterprises')
    .where(_.or([{ ownerId: caller.account._id }, { managerIds: caller.account._id }]))
    .orderBy('createdAt', 'desc')
    .limit(100)
    .get()
  return { items: data }
}
