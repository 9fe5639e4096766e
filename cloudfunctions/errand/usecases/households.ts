import { AppError } from '../../../shared/errors'
import { personSeer, shown } from '../../../shared/mask'
import type { Role } from '../../../shared/roles'
import { ERRAND_PAGES } from '../../../shared/routes'
import type {
  listNeedsHelpInput,
  markNeedsHelpInput,
  unmarkNeedsHelpInput,
} from '../../../shared/schemas/errand'
import { allow, placeOf } from '../../_lib/access'
import { auditEntry } from '../../_lib/audit'
import { getDoc, txCol } from '../../_lib/collections'
import { notify } from '../../_lib/notify'
import { createOnce, onceId } from '../../_lib/once'
import { pageOf } from '../../_lib/paging'
import { provenOwner } from '../../_lib/phones'
import type { CallerFor, Deps, Input } from '../../_lib/runtime'
import type { HouseholdDoc } from '../model'
import { transactOrConflict } from '../../_lib/transact'

const SELF_SERVICE: readonly Role[] = ['resident', 'employee', 'owner']

async function householdInMyGrid(deps: Deps, caller: CallerFor, accountId: string): Promise<HouseholdDoc> {
  const h = await getDoc(deps, 'errand_households', accountId)
  if (!h) throw new AppError('NOT_FOUND', '没有找到这户帮扶登记')
  allow(caller, { scope: placeOf(h) })
  return h
}

/** The grid worker marks a person of their grid (elderly, disabled) as able to request errands. */
export async function markNeedsHelp(deps: Deps, caller: CallerFor, input: Input<typeof markNeedsHelpInput>) {
  const gw = caller.account
  if (!gw.scope.gridId || !gw.scope.communityId) throw new AppError('FORBIDDEN_SCOPE', '您还没有分配网格')
  // Only the proven owner of the number: a phone typed into somebody else's profile must not inherit the right
  // to order errands to this room.
  const owner = await provenOwner(deps, input.phone)
  const person =
    owner &&
    owner.scope.streetId === gw.scope.streetId &&
    !owner.disabled &&
    SELF_SERVICE.includes(owner.role)
      ? owner
      : undefined
  if (!person)
    throw new AppError(
      'NOT_FOUND',
      '没有找到验证过这个手机号的居民：请对方先用这个手机号注册，或在小程序里验证微信手机号',
    )
  const existing = await getDoc(deps, 'errand_households', person._id)
  if (existing?.active && existing.gridId !== gw.scope.gridId)
    throw new AppError('FORBIDDEN_SCOPE', '这户已由其他网格登记帮扶，请联系该网格的网格员')
  const now = deps.now()
  const doc: HouseholdDoc = {
    _id: person._id,
    accountId: person._id,
    name: person.name,
    phone: person.phone,
    streetId: gw.scope.streetId,
    communityId: gw.scope.communityId,
    gridId: gw.scope.gridId,
    building: input.building,
    room: input.room,
    reason: input.reason,
    note: input.note ?? '',
    active: true,
    markedBy: gw._id,
    markedByName: gw.name,
    markedAt: now,
  }
  // The household's id is the person's; the request's own id goes on the audit entry (see _lib/once.ts).
  const auditId = onceId(gw, input.requestId, deps.newId)
  return createOnce(
    input.requestId,
    async () => {
      await transactOrConflict(deps, async (t) => {
        const { _id, ...body } = doc
        await txCol(t, 'audit_logs').add({
          _id: auditId,
          ...auditEntry(gw, {
            action: 'errand.markNeedsHelp',
            target: `account:${person._id}`,
            before: existing
              ? { active: existing.active, gridId: existing.gridId, reason: existing.reason }
              : null,
            after: {
              active: true,
              gridId: doc.gridId,
              reason: doc.reason,
              building: doc.building,
              room: doc.room,
            },
            at: now,
          }),
        })
        await txCol(t, 'errand_households').doc(_id).set(body)
      })
      await notify(deps, {
        accountId: person._id,
        title: '已登记为帮扶对象',
        body: `网格员${gw.name}已为您登记帮扶，您可以在「跑腿代购」请社区管家代买生活物资和药品。`,
        link: ERRAND_PAGES.new,
      })
      return { household: doc }
    },
    async () => {
      const entry = await getDoc(deps, 'audit_logs', auditId)
      if (!entry || entry.actorId !== gw._id) return undefined
      const household = await getDoc(deps, 'errand_households', entry.target.replace(/^account:/, ''))
      return household ? { household } : undefined
    },
  )
}

export async function unmarkNeedsHelp(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof unmarkNeedsHelpInput>,
) {
  const gw = caller.account
  const h = await householdInMyGrid(deps, caller, input.accountId)
  if (!h.active) return { household: h }
  const now = deps.now()
  await transactOrConflict(deps, async (t) => {
    await txCol(t, 'errand_households').doc(h._id).update({ active: false, unmarkedAt: now })
    await txCol(t, 'audit_logs').add(
      auditEntry(gw, {
        action: 'errand.unmarkNeedsHelp',
        target: `account:${h._id}`,
        before: { active: true },
        after: { active: false, reason: input.reason ?? null },
        at: now,
      }),
    )
  })
  return { household: { ...h, active: false, unmarkedAt: now } }
}

export async function listNeedsHelp(deps: Deps, caller: CallerFor, input: Input<typeof listNeedsHelpInput>) {
  const gridId = caller.account.scope.gridId
  if (!gridId) throw new AppError('FORBIDDEN_SCOPE', '您还没有分配网格')
  const where = { gridId, active: true }
  const { items: data, total } = await pageOf(
    deps.db,
    'errand_households',
    where,
    [['markedAt', 'desc']],
    input,
  )
  const items = data.map((h) => {
    const seer = personSeer(caller.account, h)
    return { ...h, phone: shown('phone', 'list', seer, h.phone), room: shown('room', 'list', seer, h.room) }
  })
  return { items, total, page: input.page, pageSize: input.pageSize }
}
