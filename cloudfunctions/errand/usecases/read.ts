import type { Contact } from '../../../shared/account'
import { compareOpen, isInProgress, type ErrandRelation, type ErrandState } from '../../../shared/errand'
import { AppError } from '../../../shared/errors'
import type {
  assignedInput,
  errandIdInput,
  listErrandsInput,
  listOpenInput,
  mineInput,
} from '../../../shared/schemas/errand'
import { col, getDoc } from '../../_lib/collections'
import { scopedWhere } from '../../_lib/access'
import { contactOf, staffFor } from '../../_lib/contacts'
import { pageOf } from '../../_lib/paging'
import type { CallerFor, Deps, Input } from '../../_lib/runtime'
import { errandSettingsFor } from '../../_lib/settings'
import type { ErrandDoc } from '../model'
import { MINUTE, basisOf, loadErrand, requireRelation } from './relations'
import { assigneeView, overseerView, queueView, requesterView, viewFor } from './views'

const ACTIVE_STATES: ErrandState[] = ['open', 'claimed', 'purchasing', 'delivering', 'delivered']
const OPEN_STATES: ErrandState[] = ['open', 'claimed', 'purchasing', 'delivering']

export async function mine(deps: Deps, caller: CallerFor, input: Input<typeof mineInput>) {
  const _ = deps.db.command
  const a = caller.account
  const where: Record<string, unknown> = { requesterId: a._id }
  if (input.active === true) where.status = _.in(ACTIVE_STATES)
  if (input.active === false) where.status = _.in(['confirmed', 'cancelled'])
  const [page, { total: openCount }, basis] = await Promise.all([
    pageOf(deps.db, 'errands', where, [['createdAt', 'desc']], input),
    col(deps.db, 'errands')
      .where({ requesterId: a._id, status: _.in(OPEN_STATES) })
      .count(),
    basisOf(deps, a),
  ])
  const settings = await errandSettingsFor(deps, basis?.streetId ?? a.scope.streetId)
  return {
    ...page,
    items: page.items.map(requesterView),
    /** What the request form needs: may this person ask, where it goes, how many more. */
    eligible: Boolean(basis),
    basis: basis ? basis.kind : null,
    address: basis ? { building: basis.building, room: basis.room } : null,
    openCount,
    maxOpen: settings.maxOpen,
  }
}

export async function get(deps: Deps, caller: CallerFor, input: Input<typeof errandIdInput>) {
  const e = await loadErrand(deps, input.errandId)
  const now = deps.now()
  const settings = await errandSettingsFor(deps, e.streetId)
  const rel = requireRelation(caller, e, settings, now)
  return { errand: viewFor(rel, e, now), contacts: await contactsFor(deps, e, rel) }
}

/**
 * Whom the two people at the door may call: the requester their butler (while the request is under way) and
 * the grid worker (nobody claims it, something went wrong); the assignee the grid worker (the resident does
 * not answer, the goods cannot be found). Phones in full: these are the staff looking after them.
 */
async function contactsFor(deps: Deps, e: ErrandDoc, rel: ErrandRelation[]): Promise<Contact[]> {
  const requester = rel.includes('requester')
  if (!requester && !rel.includes('assignee')) return []
  const psych = e.category === 'psych'
  const [assignee, gridWorker] = await Promise.all([
    requester && e.assigneeId && (isInProgress(e.status) || e.status === 'delivered')
      ? getDoc(deps, 'accounts', e.assigneeId)
      : undefined,
    staffFor(deps.db, e.gridId, 'gridWorker'),
  ])
  const out: Contact[] = []
  if (assignee && !assignee.disabled)
    out.push(contactOf(assignee, psych ? '网格员：正在和您联系' : '社区管家：正在为您跑腿'))
  if (gridWorker && gridWorker._id !== e.assigneeId && gridWorker._id !== assignee?._id)
    out.push(
      contactOf(
        gridWorker,
        requester ? '网格员：没人接单、东西不对时找他' : '网格员：联系不上居民、买不到东西时找他',
      ),
    )
  return out
}

/** The claimable queue: the grid's own requests, and the community's that waited long enough; urgent first. */
export async function listOpen(deps: Deps, caller: CallerFor, input: Input<typeof listOpenInput>) {
  const a = caller.account
  if (!a.scope.gridId || !a.scope.communityId) throw new AppError('FORBIDDEN_SCOPE', '您还没有分配网格')
  const _ = deps.db.command
  const now = deps.now()
  const settings = await errandSettingsFor(deps, a.scope.streetId)
  const queue = a.role === 'gridWorker' ? 'gridWorker' : 'butler'
  const own = col(deps.db, 'errands')
    .where({ gridId: a.scope.gridId, queue, status: 'open' })
    .orderBy('urgent', 'desc')
    .orderBy('createdAt', 'asc')
    .limit(input.limit)
    .get()
  const community =
    queue === 'butler'
      ? col(deps.db, 'errands')
          .where({
            communityId: a.scope.communityId,
            queue,
            status: 'open',
            gridId: _.neq(a.scope.gridId),
            createdAt: _.lte(now - settings.communityAfterMinutes * MINUTE),
          })
          .orderBy('urgent', 'desc')
          .orderBy('createdAt', 'asc')
          .limit(input.limit)
          .get()
      : Promise.resolve({ data: [] as ErrandDoc[] })
  const [{ data: mineRows }, { data: others }] = await Promise.all([own, community])
  const rows = [...mineRows, ...others].sort(compareOpen).slice(0, input.limit)
  return {
    items: rows.map((e) => ({ ...queueView(e, now), ownGrid: e.gridId === a.scope.gridId })),
    settings,
  }
}

/** The assignee's own work: what they claimed and have not finished (or, `active: false`, finished). */
export async function assigned(deps: Deps, caller: CallerFor, input: Input<typeof assignedInput>) {
  const _ = deps.db.command
  const where = {
    assigneeId: caller.account._id,
    status: input.active ? _.in(['claimed', 'purchasing', 'delivering', 'delivered']) : 'confirmed',
  }
  const { items: data, total } = await pageOf(deps.db, 'errands', where, [['claimedAt', 'desc']], input)
  return {
    items: data.map(assigneeView),
    total,
    page: input.page,
    pageSize: input.pageSize,
  }
}

/** Grid worker and admin: every request in their scope, newest first. */
export async function list(deps: Deps, caller: CallerFor, input: Input<typeof listErrandsInput>) {
  const where = await scopedWhere(deps, caller, input.gridId)
  if (input.status) where.status = input.status
  const { items: data, total } = await pageOf(deps.db, 'errands', where, [['createdAt', 'desc']], input)
  return {
    items: data.map(overseerView),
    total,
    page: input.page,
    pageSize: input.pageSize,
  }
}
