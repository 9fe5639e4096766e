import { AppError } from '../../../shared/errors'
import type {
  handOutInput,
  receiveInput,
  stockInput,
  supplyEnterprisesInput,
} from '../../../shared/schemas/supplies'
import { SUPPLY_PAGES, pageUrl } from '../../../shared/routes'
import {
  SUPPLY_KINDS,
  SUPPLY_LABELS,
  SUPPLY_UNITS,
  stockId,
  supplyAmount,
  takeFromStock,
} from '../../../shared/supplies'
import { allow, placeOf, scopeFilter } from '../../_lib/access'
import { auditEntry } from '../../_lib/audit'
import { col, getDoc, txCol, txGet } from '../../_lib/collections'
import { notify } from '../../_lib/notify'
import { createOnce, onceId } from '../../_lib/once'
import { escapeRegExp, pageOf } from '../../_lib/paging'
import type { CallerFor, Deps, Input } from '../../_lib/runtime'
import type { MovementDoc } from '../model'
import { transactRetrying } from '../../_lib/transact'
import { loadEnterprise, movementView, peopleOf } from './common'

/** A movement this caller booked with this id before: the answer to a retry. */
async function booked(deps: Deps, caller: CallerFor, id: string) {
  const m = await getDoc(deps, 'supply_movements', id)
  return m && m.byId === caller.account._id ? { movement: movementView(m, true) } : undefined
}

/**
 * Enterprises in the caller's scope a hand-out can go to, by name (a street has hundreds: the picker searches
 * rather than lists them all). Names and kinds only — nothing about their people.
 */
export async function enterprises(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof supplyEnterprisesInput>,
) {
  const where: Record<string, unknown> = scopeFilter(caller.account)
  if (input.search) where.name = deps.db.RegExp({ regexp: escapeRegExp(input.search), options: 'i' })
  const page = await pageOf(
    deps.db,
    'enterprises',
    where,
    [
      ['name', 'asc'],
      ['_id', 'asc'],
    ],
    input,
  )
  return {
    ...page,
    items: page.items.map((e) => ({ _id: e._id, name: e.name, kind: e.kind, address: e.address })),
  }
}

/** The street's stock received: bought or donated. Stock and movement are written together. */
export async function receive(deps: Deps, caller: CallerFor, input: Input<typeof receiveInput>) {
  const a = caller.account
  const id = onceId(a, input.requestId, deps.newId)
  const sid = stockId(a.scope.streetId, input.kind)
  return createOnce(
    input.requestId,
    async () => {
      const movement = await transactRetrying(deps, async (t) => {
        const now = deps.now()
        const stock = await txGet(t, 'supply_stock', sid)
        const balance = (stock?.quantity ?? 0) + input.quantity
        const m: MovementDoc = {
          _id: id,
          type: 'receive',
          streetId: a.scope.streetId,
          kind: input.kind,
          quantity: input.quantity,
          balance,
          source: input.source,
          ...(input.note ? { note: input.note } : {}),
          byId: a._id,
          byName: a.name,
          at: now,
        }
        await txCol(t, 'supply_movements').add(m)
        await txCol(t, 'supply_stock')
          .doc(sid)
          .set({ streetId: a.scope.streetId, kind: input.kind, quantity: balance, updatedAt: now })
        await txCol(t, 'audit_logs').add(
          auditEntry(a, {
            action: 'supplies.receive',
            target: sid,
            before: { quantity: stock?.quantity ?? 0 },
            after: { quantity: balance, source: input.source },
            at: now,
          }),
        )
        return m
      })
      return { movement: movementView(movement, true) }
    },
    () => booked(deps, caller, id),
  )
}

/**
 * Hands supplies out to an enterprise in the caller's scope. The stock is read and lowered in one transaction;
 * when it holds less than asked, nothing is written and the caller hears how much is left.
 */
export async function handOut(deps: Deps, caller: CallerFor, input: Input<typeof handOutInput>) {
  const a = caller.account
  const e = await loadEnterprise(deps, input.enterpriseId)
  allow(caller, { scope: placeOf(e) })
  const id = onceId(a, input.requestId, deps.newId)
  const sid = stockId(e.streetId, input.kind)
  const result = await createOnce(
    input.requestId,
    async () => {
      const outcome = await transactRetrying(deps, async (t) => {
        const now = deps.now()
        const stock = await txGet(t, 'supply_stock', sid)
        const onHand = stock?.quantity ?? 0
        const left = takeFromStock(onHand, input.quantity)
        // Refused without a throw: nothing was written, so there is nothing to roll back.
        if (left === undefined) return { short: onHand }
        const m: MovementDoc = {
          _id: id,
          type: 'handOut',
          streetId: e.streetId,
          kind: input.kind,
          quantity: input.quantity,
          balance: left,
          enterpriseId: e._id,
          enterpriseName: e.name,
          communityId: e.communityId,
          gridId: e.gridId,
          ownerIds: peopleOf(e),
          status: input.signedBy ? 'confirmed' : 'handed',
          ...(input.signedBy ? { signedBy: input.signedBy, confirmedAt: now } : {}),
          ...(input.note ? { note: input.note } : {}),
          byId: a._id,
          byName: a.name,
          at: now,
        }
        await txCol(t, 'supply_movements').add(m)
        await txCol(t, 'supply_stock').doc(sid).update({ quantity: left, updatedAt: now })
        await txCol(t, 'audit_logs').add(
          auditEntry(a, {
            action: 'supplies.handOut',
            target: e._id,
            before: { stock: onHand },
            after: { stock: left, kind: input.kind, quantity: input.quantity },
            at: now,
            streetId: e.streetId,
            communityId: e.communityId,
          }),
        )
        return { movement: m }
      })
      if ('short' in outcome) {
        throw new AppError(
          'STOCK_SHORT',
          `库存不足：${SUPPLY_LABELS[input.kind]}现有${outcome.short}${SUPPLY_UNITS[input.kind]}，不够发放${input.quantity}${SUPPLY_UNITS[input.kind]}`,
        )
      }
      return { movement: movementView(outcome.movement, true), fresh: true }
    },
    async () => {
      const again = await booked(deps, caller, id)
      return again && { ...again, fresh: false }
    },
  )
  if (result.fresh && result.movement.status === 'handed') {
    await notify(deps, {
      accountId: e.ownerId,
      title: '街道发放了防疫物资',
      body: `${e.name}：${supplyAmount(input.kind, input.quantity)}（经办：${a.name}）。收到后请在「防疫物资」里确认收到。`,
      link: pageUrl(SUPPLY_PAGES.stock),
    })
  }
  return { movement: result.movement }
}

/** Quantity on hand of every kind in the caller's street (0 for a kind never received). */
export async function stock(deps: Deps, caller: CallerFor, _input: Input<typeof stockInput>) {
  const streetId = caller.account.scope.streetId
  const { data } = await col(deps.db, 'supply_stock').where({ streetId }).limit(100).get()
  const byKind = new Map(data.map((s) => [s.kind, s]))
  return {
    items: SUPPLY_KINDS.map((kind) => ({
      kind,
      quantity: byKind.get(kind)?.quantity ?? 0,
      updatedAt: byKind.get(kind)?.updatedAt ?? null,
    })),
  }
}
