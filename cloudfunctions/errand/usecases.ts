import { randomInt } from 'node:crypto'
import type { z } from 'zod'
import {
  DEFAULT_ERRAND_SETTINGS,
  ERRAND_CATEGORY_LABELS,
  HANDOFF_CODE_LENGTH,
  MAX_CODE_ATTEMPTS,
  canAdvance,
  canCancel,
  canRelease,
  communityOpensAt,
  compareOpen,
  countsAsOpen,
  isOverBudget,
  mayDo,
  maskName,
  missingForStep,
  nextStep,
  queueOf,
  stateLabel,
  type ErrandOperation,
  type ErrandRelation,
  type ErrandSettings,
  type ErrandState,
} from '../../shared/errand'
import { AppError } from '../../shared/errors'
import { maskPhone } from '../../shared/mask'
import { provenOwner } from '../_lib/phones'
import { scopeContains, type Role } from '../../shared/roles'
import type {
  advanceErrandInput,
  assignedInput,
  butlerStatsInput,
  cancelErrandInput,
  confirmErrandInput,
  createErrandInput,
  errandIdInput,
  ledgerInput,
  listErrandsInput,
  listNeedsHelpInput,
  listOpenInput,
  markNeedsHelpInput,
  mineInput,
  rateErrandInput,
  releaseErrandInput,
  setErrandSettingsInput,
  settleInput,
  unmarkNeedsHelpInput,
} from '../../shared/schemas/errand'
import type { AccountDoc } from '../_lib/accounts'
import type { AuditEntry } from '../_lib/audit'
import { isDuplicateKey } from '../_lib/errors'
import { notify, wechatTime, type SubscribeNotice } from '../_lib/notify'
import { pageOf, scopeWhere } from '../_lib/paging'
import { getDoc, txGet } from '../_lib/docs'
import type { CallerFor, Deps, Transaction } from '../_lib/runtime'
import type { QuarantineDoc } from '../health/model'
import type { ErrandDoc, ErrandEvent, HouseholdDoc, LedgerDoc, SlotDoc } from './model'

type Input<S extends z.ZodTypeAny> = z.infer<S>

const MINUTE = 60_000
const SELF_SERVICE: readonly Role[] = ['resident', 'employee', 'owner']

function isConflict(e: unknown): boolean {
  const text = `${(e as { code?: unknown })?.code ?? ''} ${(e as { message?: unknown })?.message ?? ''}`
  return /TRANSACTION_CONFLICT|TransactionConflict/i.test(text)
}

/**
 * Runs a transaction; a conflict that outlived the SDK's own retries (someone else changed the same request
 * several times over) is answered as CONFLICT, so the person refreshes and sees what happened.
 */
async function transact(deps: Deps, body: (t: Transaction) => Promise<void>): Promise<void> {
  try {
    await deps.db.runTransaction(body)
  } catch (e) {
    if (isConflict(e)) throw new AppError('CONFLICT')
    throw e
  }
}

export async function settingsFor(deps: Deps, streetId: string): Promise<ErrandSettings> {
  const doc = await getDoc<Partial<ErrandSettings>>(deps, 'errand_settings', streetId)
  if (!doc) return DEFAULT_ERRAND_SETTINGS
  const { maxOpen, unclaimedMinutes, urgentUnclaimedMinutes, deliverWithinMinutes, communityAfterMinutes } = {
    ...DEFAULT_ERRAND_SETTINGS,
    ...doc,
  }
  return { maxOpen, unclaimedMinutes, urgentUnclaimedMinutes, deliverWithinMinutes, communityAfterMinutes }
}

async function loadErrand(deps: Deps, id: string): Promise<ErrandDoc> {
  const e = await getDoc<ErrandDoc>(deps, 'errands', id)
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

function relationsOf(a: AccountDoc, e: ErrandDoc, settings: ErrandSettings, now: number): ErrandRelation[] {
  const out: ErrandRelation[] = []
  if (e.requesterId === a._id) out.push('requester')
  if (e.assigneeId === a._id) out.push('assignee')
  if (e.status === 'open' && inQueueScope(a, e, settings, now)) out.push('queueStaff')
  if ((a.role === 'gridWorker' || a.role === 'admin') && scopeContains(a.scope, scopeOf(e)))
    out.push('overseer')
  return out
}

/** Refuses unless the caller stands in a relation that may take this step. */
function requireMay(
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

function eventOf(caller: CallerFor, type: ErrandEvent['type'], at: number, extra: Partial<ErrandEvent> = {}) {
  return { type, byId: caller.account._id, byName: caller.account.name, at, ...extra } as ErrandEvent
}

function takenOrClosed(e: ErrandDoc): AppError {
  if (e.status === 'cancelled' || e.status === 'confirmed') return new AppError('ERRAND_CLOSED')
  return new AppError('ERRAND_TAKEN')
}

// ---------- views: who sees what ----------

function commonView(e: ErrandDoc) {
  return {
    _id: e._id,
    category: e.category,
    categoryLabel: ERRAND_CATEGORY_LABELS[e.category],
    queue: e.queue,
    items: e.items,
    budgetFen: e.budgetFen,
    deliveryWindow: e.deliveryWindow,
    contactless: e.contactless,
    urgent: e.urgent,
    note: e.note,
    status: e.status,
    statusLabel: stateLabel(e.status, e.category),
    streetId: e.streetId,
    communityId: e.communityId,
    gridId: e.gridId,
    building: e.building,
    createdAt: e.createdAt,
    openedAt: e.openedAt,
  }
}

function progressView(e: ErrandDoc) {
  return {
    claimedAt: e.claimedAt,
    purchasingAt: e.purchasingAt,
    deliveringAt: e.deliveringAt,
    deliveredAt: e.deliveredAt,
    confirmedAt: e.confirmedAt,
    cancelledAt: e.cancelledAt,
    spentFen: e.spentFen,
    overBudget: e.spentFen != null && isOverBudget(e.budgetFen, e.spentFen),
    overBudgetReason: e.overBudgetReason,
    receiptFileId: e.receiptFileId,
    dropOffFileId: e.dropOffFileId,
    settlement: e.settlement,
    rating: e.rating,
    nextStep: nextStep(e.status, e.category) ?? null,
  }
}

/** The requester: everything about their own request, including the handoff code for the door. */
export function requesterView(e: ErrandDoc) {
  return {
    ...commonView(e),
    ...progressView(e),
    room: e.room,
    phone: e.phone,
    requesterName: e.requesterName,
    assignee: e.assigneeId ? { _id: e.assigneeId, name: e.assigneeName, phone: e.assigneePhone } : null,
    handoffCode: e.status === 'delivered' || (e.assigneeId && countsAsOpen(e.status)) ? e.handoffCode : null,
    timeline: e.timeline,
  }
}

/** The assignee: the exact address and phone, to deliver; never the handoff code. */
export function assigneeView(e: ErrandDoc) {
  return {
    ...commonView(e),
    ...progressView(e),
    room: e.room,
    phone: e.phone,
    requesterName: e.requesterName,
    assignee: { _id: e.assigneeId, name: e.assigneeName, phone: e.assigneePhone },
    codeAttemptsLeft: Math.max(0, MAX_CODE_ATTEMPTS - e.codeAttempts),
    timeline: e.timeline,
  }
}

/** The queue, before anyone claimed it: building only, no room, no phone, the name masked. */
export function queueView(e: ErrandDoc, now: number) {
  return {
    ...commonView(e),
    requesterName: maskName(e.requesterName),
    waitingMinutes: Math.max(0, Math.floor((now - e.openedAt) / MINUTE)),
  }
}

/** Grid worker and admin: the progress and the money, but the address and phone stay with the assignee. */
export function overseerView(e: ErrandDoc) {
  return {
    ...commonView(e),
    ...progressView(e),
    requesterName: e.requesterName,
    phone: maskPhone(e.phone),
    assignee: e.assigneeId ? { _id: e.assigneeId, name: e.assigneeName } : null,
    codeAttemptsLeft: Math.max(0, MAX_CODE_ATTEMPTS - e.codeAttempts),
    timeline: e.timeline,
  }
}

function viewFor(rel: ErrandRelation[], e: ErrandDoc, now: number) {
  if (rel.includes('requester')) return requesterView(e)
  if (rel.includes('assignee')) return assigneeView(e)
  if (rel.includes('overseer')) return overseerView(e)
  if (rel.includes('queueStaff')) return queueView(e, now)
  throw new AppError('FORBIDDEN_SCOPE', '不能查看这个需求')
}

// ---------- who may ask ----------

interface Basis {
  kind: 'quarantine' | 'household'
  quarantineId: string | null
  name: string
  phone: string
  streetId: string
  communityId: string
  gridId: string
  building: string
  room: string
  butlerId: string | null
  gridWorkerId: string | null
}

async function activeQuarantineOf(deps: Deps, accountId: string): Promise<QuarantineDoc | undefined> {
  const { data } = await deps.db
    .collection('quarantines')
    .where({ accountId, status: deps.db.command.in(['active', 'pendingDecision']) })
    .limit(1)
    .get()
  return data[0] as QuarantineDoc | undefined
}

/** A person in home quarantine, or a household the grid worker marked as needing help. */
async function basisOf(deps: Deps, account: AccountDoc): Promise<Basis | undefined> {
  const q = await activeQuarantineOf(deps, account._id)
  if (q) {
    return {
      kind: 'quarantine',
      quarantineId: q._id,
      name: q.name,
      phone: q.phone,
      streetId: q.streetId,
      communityId: q.communityId,
      gridId: q.gridId,
      building: q.building,
      room: q.room,
      butlerId: q.butlerId,
      gridWorkerId: q.gridWorkerId,
    }
  }
  const h = await getDoc<HouseholdDoc>(deps, 'errand_households', account._id)
  if (h?.active) {
    return {
      kind: 'household',
      quarantineId: null,
      name: h.name,
      phone: h.phone,
      streetId: h.streetId,
      communityId: h.communityId,
      gridId: h.gridId,
      building: h.building,
      room: h.room,
      butlerId: null,
      gridWorkerId: null,
    }
  }
  return undefined
}

async function firstStaffOfGrid(
  deps: Deps,
  gridId: string,
  role: 'butler' | 'gridWorker',
): Promise<AccountDoc | undefined> {
  const { data } = await deps.db
    .collection('accounts')
    .where({ 'scope.gridId': gridId, role, disabled: false })
    .limit(1)
    .get()
  return data[0] as AccountDoc | undefined
}

// ---------- create ----------

function newHandoffCode(): string {
  return String(randomInt(0, 10 ** HANDOFF_CODE_LENGTH)).padStart(HANDOFF_CODE_LENGTH, '0')
}

/**
 * Creates a request. Each open request holds one slot `<accountId>:<n>` with n below the limit, added in the
 * same transaction as the request: the store's unique ids decide, so five creates fired at once by a person
 * whose limit is three make exactly three requests, and a crash never leaves a slot without its request.
 */
export async function create(deps: Deps, caller: CallerFor, input: Input<typeof createErrandInput>) {
  const a = caller.account
  const id = input.requestId ? `${a._id}-${input.requestId}` : deps.newId()
  const repeated = async () => {
    if (!input.requestId) return undefined
    const existing = await getDoc<ErrandDoc>(deps, 'errands', id)
    return existing && existing.requesterId === a._id
      ? { errand: requesterView(existing), repeated: true }
      : undefined
  }
  const again = await repeated()
  if (again) return again
  const basis = await basisOf(deps, a)
  if (!basis) throw new AppError('ERRAND_NOT_ELIGIBLE')
  const settings = await settingsFor(deps, basis.streetId)
  const queue = queueOf(input.category)
  const [butlerId, gridWorkerId] = await Promise.all([
    basis.butlerId ?? firstStaffOfGrid(deps, basis.gridId, 'butler').then((s) => s?._id ?? null),
    basis.gridWorkerId ?? firstStaffOfGrid(deps, basis.gridId, 'gridWorker').then((s) => s?._id ?? null),
  ])
  const now = deps.now()
  const base: Omit<ErrandDoc, 'slotId'> = {
    _id: id,
    streetId: basis.streetId,
    communityId: basis.communityId,
    gridId: basis.gridId,
    requesterId: a._id,
    requesterName: basis.name,
    phone: basis.phone,
    building: basis.building,
    room: basis.room,
    basis: basis.kind,
    quarantineId: basis.quarantineId,
    category: input.category,
    queue,
    items: input.items,
    budgetFen: input.budgetFen,
    deliveryWindow: input.deliveryWindow ?? null,
    contactless: input.contactless,
    urgent: input.urgent,
    note: input.note ?? '',
    requestId: input.requestId ?? null,
    status: 'open',
    round: 0,
    createdAt: now,
    openedAt: now,
    claimedAt: null,
    purchasingAt: null,
    deliveringAt: null,
    deliveredAt: null,
    confirmedAt: null,
    cancelledAt: null,
    assigneeId: null,
    assigneeName: null,
    assigneePhone: null,
    handoffCode: null,
    codeAttempts: 0,
    spentFen: null,
    receiptFileId: null,
    dropOffFileId: null,
    settlement: null,
    overBudgetReason: null,
    butlerId,
    gridWorkerId,
    rating: null,
    timeline: [eventOf(caller, 'create', now)],
    updatedAt: now,
  }
  // Only the places that look free are tried; when two creates race for one, the store's unique id decides.
  const { data: held } = await deps.db
    .collection('errand_slots')
    .where({ accountId: a._id })
    .limit(1000)
    .get()
  const taken = new Set((held as SlotDoc[]).map((x) => x._id))
  const free = Array.from({ length: settings.maxOpen }, (_x, n) => `${a._id}:${n}`).filter(
    (slotId) => !taken.has(slotId),
  )
  let created: ErrandDoc | undefined
  let conflicts = 0
  for (let i = 0; i < free.length && !created; i++) {
    const doc: ErrandDoc = { ...base, slotId: free[i]! }
    const slot: SlotDoc = { _id: doc.slotId, accountId: a._id, errandId: id, at: now }
    try {
      await deps.db.runTransaction(async (t: Transaction) => {
        await t.collection('errand_slots').add(slot)
        await t.collection('errands').add(doc)
      })
      created = doc
    } catch (e) {
      if (isConflict(e)) {
        if (conflicts++ < 5) i-- // the place changed hands while we looked: look at it again
        continue
      }
      if (!isDuplicateKey(e)) throw e
      // The place is held — or the same requestId already made this request (a double tap).
      const same = await repeated()
      if (same) return same
    }
  }
  if (!created) {
    throw new AppError(
      'ERRAND_LIMIT',
      `最多同时有${settings.maxOpen}个进行中的跑腿需求，请等已有需求送达后再发起`,
    )
  }
  const staffId = queue === 'gridWorker' ? gridWorkerId : butlerId
  if (staffId) {
    await notify(deps, {
      accountId: staffId,
      title: created.urgent
        ? '加急药品代购'
        : queue === 'gridWorker'
          ? '心理疏导请求'
          : `新的${ERRAND_CATEGORY_LABELS[created.category]}代购`,
      body: `${created.requesterName}（${created.building}栋）发起了${ERRAND_CATEGORY_LABELS[created.category]}需求，请尽快认领。`,
      link: `/pages/errand/detail?id=${created._id}`,
    })
  }
  return { errand: requesterView(created), repeated: false }
}

// ---------- reading ----------

const ACTIVE_STATES: ErrandState[] = ['open', 'claimed', 'purchasing', 'delivering', 'delivered']
const OPEN_STATES: ErrandState[] = ['open', 'claimed', 'purchasing', 'delivering']

export async function mine(deps: Deps, caller: CallerFor, input: Input<typeof mineInput>) {
  const _ = deps.db.command
  const a = caller.account
  const where: Record<string, unknown> = { requesterId: a._id }
  if (input.active === true) where.status = _.in(ACTIVE_STATES)
  if (input.active === false) where.status = _.in(['confirmed', 'cancelled'])
  const [{ total }, { data }, { total: openCount }, basis] = await Promise.all([
    deps.db.collection('errands').where(where).count(),
    deps.db
      .collection('errands')
      .where(where)
      .orderBy('createdAt', 'desc')
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .get(),
    deps.db
      .collection('errands')
      .where({ requesterId: a._id, status: _.in(OPEN_STATES) })
      .count(),
    basisOf(deps, a),
  ])
  const settings = await settingsFor(deps, basis?.streetId ?? a.scope.streetId)
  return {
    items: (data as ErrandDoc[]).map(requesterView),
    total,
    page: input.page,
    pageSize: input.pageSize,
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
  const settings = await settingsFor(deps, e.streetId)
  return { errand: viewFor(relationsOf(caller.account, e, settings, now), e, now) }
}

/** The claimable queue: the grid's own requests, and the community's that waited long enough; urgent first. */
export async function listOpen(deps: Deps, caller: CallerFor, input: Input<typeof listOpenInput>) {
  const a = caller.account
  if (!a.scope.gridId || !a.scope.communityId) throw new AppError('FORBIDDEN_SCOPE', '您还没有分配网格')
  const _ = deps.db.command
  const now = deps.now()
  const settings = await settingsFor(deps, a.scope.streetId)
  const queue = a.role === 'gridWorker' ? 'gridWorker' : 'butler'
  const own = deps.db
    .collection('errands')
    .where({ gridId: a.scope.gridId, queue, status: 'open' })
    .orderBy('urgent', 'desc')
    .orderBy('createdAt', 'asc')
    .limit(input.limit)
    .get()
  const community =
    queue === 'butler'
      ? deps.db
          .collection('errands')
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
      : Promise.resolve({ data: [] as unknown[] })
  const [{ data: mineRows }, { data: others }] = await Promise.all([own, community])
  const rows = ([...mineRows, ...others] as ErrandDoc[]).sort(compareOpen).slice(0, input.limit)
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
    items: (data as ErrandDoc[]).map(assigneeView),
    total,
    page: input.page,
    pageSize: input.pageSize,
  }
}

/** Grid worker and admin: every request in their scope, newest first. */
export async function list(deps: Deps, caller: CallerFor, input: Input<typeof listErrandsInput>) {
  const a = caller.account
  const where = scopeWhere(a, input.gridId)
  if (input.status) where.status = input.status
  const { items: data, total } = await pageOf(deps.db, 'errands', where, [['createdAt', 'desc']], input)
  return {
    items: (data as ErrandDoc[]).map(overseerView),
    total,
    page: input.page,
    pageSize: input.pageSize,
  }
}

// ---------- claim and release ----------

/**
 * Atomic claim: the update only matches while the request is still open, so of any number of staff claiming
 * at once exactly one sees `updated: 1`; the others get ERRAND_TAKEN.
 */
export async function claim(deps: Deps, caller: CallerFor, input: Input<typeof errandIdInput>) {
  const a = caller.account
  const e = await loadErrand(deps, input.errandId)
  const now = deps.now()
  if (e.queue === 'gridWorker' && a.role !== 'gridWorker')
    throw new AppError('FORBIDDEN_ROLE', '心理疏导请求由网格员处理')
  if (e.queue === 'butler' && a.role !== 'butler')
    throw new AppError('FORBIDDEN_ROLE', '跑腿代购由社区管家认领')
  const sameGrid = a.scope.streetId === e.streetId && a.scope.gridId === e.gridId
  let settings = DEFAULT_ERRAND_SETTINGS
  if (!sameGrid) {
    const sameCommunity =
      e.queue === 'butler' && a.scope.streetId === e.streetId && a.scope.communityId === e.communityId
    if (!sameCommunity) throw new AppError('FORBIDDEN_SCOPE', '只能认领本网格或本社区的需求')
    settings = await settingsFor(deps, e.streetId)
    const opensAt = communityOpensAt(e, settings)
    if (now < opensAt && e.status === 'open') {
      throw new AppError(
        'ERRAND_GRID_FIRST',
        `本网格管家优先认领，${Math.ceil((opensAt - now) / MINUTE)}分钟后开放给社区其他管家`,
      )
    }
  }
  // A loser of a race learns that it was taken, whatever else is true.
  if (e.status !== 'open') throw takenOrClosed(e)
  requireMay('claim', a, e, settings, now)
  const _ = deps.db.command
  const { updated } = await deps.db
    .collection('errands')
    .where({ _id: e._id, status: 'open' })
    .update({
      status: 'claimed',
      assigneeId: a._id,
      assigneeName: a.name,
      assigneePhone: a.phone,
      claimedAt: now,
      handoffCode: newHandoffCode(),
      codeAttempts: 0,
      round: _.inc(1),
      updatedAt: now,
      timeline: _.push(eventOf(caller, 'claim', now)),
    })
  const fresh = await loadErrand(deps, e._id)
  if (!updated) throw takenOrClosed(fresh)
  await notify(deps, {
    accountId: e.requesterId,
    title: e.queue === 'gridWorker' ? '网格员已接单' : '管家已认领您的需求',
    body:
      e.queue === 'gridWorker'
        ? `网格员${a.name}会尽快与您联系。`
        : `社区管家${a.name}已认领您的${ERRAND_CATEGORY_LABELS[e.category]}需求，送达时请出示交接码。`,
    link: `/pages/errand/detail?id=${e._id}`,
    subscribe: errandMessage(e, '已认领', `${e.queue === 'gridWorker' ? '网格员' : '管家'}${a.name}`, now),
  })
  return { errand: assigneeView(fresh) }
}

/** The subscribe message of an errand's progress: what was asked, the step, who, when. */
function errandMessage(e: ErrandDoc, status: string, who: string, at: number): SubscribeNotice {
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

export async function release(deps: Deps, caller: CallerFor, input: Input<typeof releaseErrandInput>) {
  const a = caller.account
  const e = await loadErrand(deps, input.errandId)
  const now = deps.now()
  requireMay('release', a, e, DEFAULT_ERRAND_SETTINGS, now)
  if (!canRelease(e.status))
    throw new AppError('ERRAND_STEP_INVALID', '物品已在配送或已送达，不能退回；如有问题请联系网格员')
  const _ = deps.db.command
  const { updated } = await deps.db
    .collection('errands')
    .where({ _id: e._id, status: e.status, assigneeId: a._id })
    .update({
      status: 'open',
      openedAt: now,
      assigneeId: null,
      assigneeName: null,
      assigneePhone: null,
      handoffCode: null,
      codeAttempts: 0,
      claimedAt: null,
      purchasingAt: null,
      spentFen: null,
      receiptFileId: null,
      overBudgetReason: null,
      updatedAt: now,
      timeline: _.push(eventOf(caller, 'release', now, { note: input.reason })),
    })
  if (!updated) throw new AppError('CONFLICT')
  await notify(deps, {
    accountId: e.requesterId,
    title: '需求已重新排队',
    body: `${a.name}因「${input.reason}」退回了您的需求，正在等待其他人员认领。`,
    link: `/pages/errand/detail?id=${e._id}`,
  })
  return { errand: overseerView(await loadErrand(deps, e._id)) }
}

// ---------- progress ----------

export async function advance(deps: Deps, caller: CallerFor, input: Input<typeof advanceErrandInput>) {
  const a = caller.account
  const e = await loadErrand(deps, input.errandId)
  const now = deps.now()
  requireMay('advance', a, e, DEFAULT_ERRAND_SETTINGS, now)
  if (!canAdvance(e.status, input.to, e.category)) {
    const next = nextStep(e.status, e.category)
    throw new AppError(
      'ERRAND_STEP_INVALID',
      next
        ? `当前是「${stateLabel(e.status, e.category)}」，下一步只能是「${stateLabel(next, e.category)}」`
        : `当前是「${stateLabel(e.status, e.category)}」，不能再更新进度`,
    )
  }
  const to = input.to
  const money = input.spentFen !== undefined || input.receiptFileId !== undefined
  const door = input.dropOffFileId !== undefined || input.settlement !== undefined
  if (e.category === 'psych' && (money || door || input.overBudgetReason))
    throw new AppError('INVALID_INPUT', '心理疏导不需要填写花费或照片')
  if (money && to !== 'purchasing' && to !== 'delivering')
    throw new AppError('INVALID_INPUT', '实际花费和小票在开始配送前填写')
  if (door && to !== 'delivered') throw new AppError('INVALID_INPUT', '送达照片和结算方式在送达时填写')
  const changes: Partial<ErrandDoc> = {
    status: to,
    [`${to}At`]: now,
    updatedAt: now,
  }
  if (input.spentFen !== undefined) changes.spentFen = input.spentFen
  if (input.receiptFileId !== undefined) changes.receiptFileId = input.receiptFileId
  if (input.dropOffFileId !== undefined) changes.dropOffFileId = input.dropOffFileId
  if (input.settlement !== undefined) changes.settlement = input.settlement
  if (input.overBudgetReason !== undefined) changes.overBudgetReason = input.overBudgetReason
  const merged = { ...e, ...changes } as ErrandDoc
  const missing = missingForStep(to, e.category, merged)
  if (missing.length) throw new AppError('INVALID_INPUT', `请先填写：${missing.join('、')}`)
  if (merged.spentFen != null && isOverBudget(e.budgetFen, merged.spentFen) && !merged.overBudgetReason)
    throw new AppError('INVALID_INPUT', '实际花费超出预算，请说明原因')
  const event = eventOf(caller, 'advance', now, { to, ...(input.note ? { note: input.note } : {}) })
  const _ = deps.db.command
  if (to !== 'delivered') {
    const { updated } = await deps.db
      .collection('errands')
      .where({ _id: e._id, status: e.status, assigneeId: a._id })
      .update({ ...changes, timeline: _.push(event) })
    if (!updated) throw new AppError('CONFLICT')
  } else {
    // Delivered: the request stops counting against the requester's limit, and money the butler advanced
    // for the community becomes a ledger entry — all three at once or not at all.
    await transact(deps, async (t) => {
      const cur = await txGet<ErrandDoc>(t, 'errands', e._id)
      if (!cur || cur.status !== e.status || cur.assigneeId !== a._id) throw new AppError('CONFLICT')
      const { _id, ...body } = { ...cur, ...changes, timeline: [...cur.timeline, event] }
      await t.collection('errands').doc(_id).set(body)
      await t.collection('errand_slots').doc(cur.slotId).remove()
      if (merged.settlement === 'reimbursed' && (merged.spentFen ?? 0) > 0) {
        const entry: LedgerDoc = {
          _id: e._id,
          errandId: e._id,
          butlerId: a._id,
          butlerName: a.name,
          streetId: e.streetId,
          communityId: e.communityId,
          gridId: e.gridId,
          category: e.category,
          budgetFen: e.budgetFen,
          amountFen: merged.spentFen!,
          receiptFileId: merged.receiptFileId!,
          status: 'pending',
          createdAt: now,
          settledAt: null,
          settledBy: null,
          settledByName: null,
          settleNote: null,
        }
        await t.collection('errand_ledger').add(entry)
      }
    })
  }
  if (to === 'delivering' || to === 'delivered') {
    await notify(deps, {
      accountId: e.requesterId,
      title: to === 'delivering' ? '正在为您配送' : stateLabel(to, e.category),
      body:
        e.category === 'psych'
          ? '网格员已完成这次沟通，如还需要帮助可以再次发起。请确认。'
          : to === 'delivering'
            ? `${a.name}已买好物品，正在送往${e.building}栋${e.room}。`
            : `${a.name}已${e.contactless ? '把物品放在门口' : '送达'}，请核对物品后确认收货。`,
      link: `/pages/errand/detail?id=${e._id}`,
      ...(to === 'delivered' ? { subscribe: errandMessage(e, '已送达', a.name, now) } : {}),
    })
  }
  return { errand: assigneeView(await loadErrand(deps, e._id)) }
}

/**
 * Closing the handoff with the code on the requester's screen. The assignee's attempts are counted before the
 * code is compared (atomically, so parallel guesses cannot exceed the limit); after MAX_CODE_ATTEMPTS only the
 * requester, who can read the code, may confirm.
 */
export async function confirm(deps: Deps, caller: CallerFor, input: Input<typeof confirmErrandInput>) {
  const a = caller.account
  const e = await loadErrand(deps, input.errandId)
  const now = deps.now()
  const rel = requireMay('confirm', a, e, DEFAULT_ERRAND_SETTINGS, now)
  const isRequester = rel.includes('requester')
  if (e.status === 'confirmed') return { errand: viewFor(rel, e, now), repeated: true }
  if (e.status !== 'delivered')
    throw new AppError(
      'ERRAND_STEP_INVALID',
      e.category === 'psych' ? '完成沟通后才能确认' : '送达后才能确认收货',
    )
  const _ = deps.db.command
  if (!isRequester) {
    const { updated } = await deps.db
      .collection('errands')
      .where({ _id: e._id, status: 'delivered', codeAttempts: _.lt(MAX_CODE_ATTEMPTS) })
      .update({ codeAttempts: _.inc(1), updatedAt: now })
    if (!updated) {
      const cur = await loadErrand(deps, e._id)
      if (cur.status === 'confirmed') return { errand: viewFor(rel, cur, now), repeated: true }
      throw new AppError('ERRAND_CODE_LOCKED')
    }
  }
  if (input.code !== e.handoffCode) {
    await deps.db
      .collection('errands')
      .where({ _id: e._id, status: 'delivered' })
      .update({ timeline: _.push(eventOf(caller, 'codeWrong', now)) })
    if (isRequester) throw new AppError('ERRAND_CODE_WRONG', '交接码不正确，请核对手机上显示的交接码')
    const left = Math.max(0, MAX_CODE_ATTEMPTS - (e.codeAttempts + 1))
    throw new AppError(
      'ERRAND_CODE_WRONG',
      left > 0 ? `交接码不正确，还可以再试${left}次` : '交接码不正确，请由居民本人在手机上确认收货',
      { attemptsLeft: left },
    )
  }
  const { updated } = await deps.db
    .collection('errands')
    .where({ _id: e._id, status: 'delivered' })
    .update({
      status: 'confirmed',
      confirmedAt: now,
      updatedAt: now,
      timeline: _.push(eventOf(caller, 'confirm', now)),
    })
  const cur = await loadErrand(deps, e._id)
  if (!updated && cur.status !== 'confirmed') throw new AppError('CONFLICT')
  const other = isRequester ? e.assigneeId : e.requesterId
  if (updated && other) {
    await notify(deps, {
      accountId: other,
      title: e.category === 'psych' ? '已确认' : '已确认收货',
      body: isRequester
        ? `${e.requesterName}已确认收到${ERRAND_CATEGORY_LABELS[e.category]}，辛苦了！`
        : `${a.name}已用交接码确认交接。如有问题请联系网格员。欢迎为这次服务评价。`,
      link: `/pages/errand/detail?id=${e._id}`,
    })
  }
  return { errand: viewFor(rel, cur, now), repeated: !updated }
}

export async function cancel(deps: Deps, caller: CallerFor, input: Input<typeof cancelErrandInput>) {
  const a = caller.account
  const e = await loadErrand(deps, input.errandId)
  const now = deps.now()
  requireMay('cancel', a, e, DEFAULT_ERRAND_SETTINGS, now)
  if (e.status === 'cancelled') return { errand: requesterView(e), repeated: true }
  if (!canCancel(e.status)) throw new AppError('ERRAND_NOT_CANCELLABLE')
  let before: ErrandDoc | undefined
  await transact(deps, async (t) => {
    const cur = await txGet<ErrandDoc>(t, 'errands', e._id)
    if (!cur) throw new AppError('NOT_FOUND')
    if (!canCancel(cur.status)) throw new AppError('ERRAND_NOT_CANCELLABLE')
    before = cur
    const event = eventOf(caller, 'cancel', now, input.reason ? { note: input.reason } : {})
    const { _id, ...body } = {
      ...cur,
      status: 'cancelled' as const,
      cancelledAt: now,
      handoffCode: null,
      updatedAt: now,
      timeline: [...cur.timeline, event],
    }
    await t.collection('errands').doc(_id).set(body)
    await t.collection('errand_slots').doc(cur.slotId).remove()
  })
  if (before?.assigneeId) {
    await notify(deps, {
      accountId: before.assigneeId,
      title: '需求已取消',
      body: `${before.requesterName}取消了${ERRAND_CATEGORY_LABELS[before.category]}需求${input.reason ? `：${input.reason}` : ''}，无需再处理。`,
      link: `/pages/errand/detail?id=${e._id}`,
    })
  }
  return { errand: requesterView(await loadErrand(deps, e._id)), repeated: false }
}

// ---------- feedback ----------

export async function rate(deps: Deps, caller: CallerFor, input: Input<typeof rateErrandInput>) {
  const a = caller.account
  const e = await loadErrand(deps, input.errandId)
  const now = deps.now()
  requireMay('rate', a, e, DEFAULT_ERRAND_SETTINGS, now)
  if (e.status !== 'confirmed') throw new AppError('ERRAND_NOT_CONFIRMED')
  if (e.rating) throw new AppError('ERRAND_ALREADY_RATED')
  const rating = { stars: input.stars, comment: input.comment ?? '', at: now }
  const _ = deps.db.command
  const { updated } = await deps.db
    .collection('errands')
    .where({ _id: e._id, status: 'confirmed', rating: null })
    .update({
      rating: _.set(rating),
      updatedAt: now,
      timeline: _.push(eventOf(caller, 'rate', now, { note: `${input.stars}星` })),
    })
  if (!updated) throw new AppError('ERRAND_ALREADY_RATED')
  return { errand: requesterView({ ...e, rating }) }
}

/** A butler's (or grid worker's) record: completed requests, rating count and average, recent comments. */
export async function butlerStats(deps: Deps, caller: CallerFor, input: Input<typeof butlerStatsInput>) {
  const id = input.butlerId ?? caller.account._id
  const staff = await getDoc<AccountDoc>(deps, 'accounts', id)
  if (
    !staff ||
    (staff.role !== 'butler' && staff.role !== 'gridWorker') ||
    staff.scope.streetId !== caller.account.scope.streetId
  )
    throw new AppError('NOT_FOUND', '没有找到这位社区管家')
  const _ = deps.db.command
  const $ = deps.db.command.aggregate
  const [{ total: completed }, grouped, { data: recent }] = await Promise.all([
    deps.db.collection('errands').where({ assigneeId: id, status: 'confirmed' }).count(),
    deps.db
      .collection('errands')
      .aggregate()
      .match({ assigneeId: id, status: 'confirmed', 'rating.stars': _.gte(1) })
      .group({ _id: '$rating.stars', n: $.sum(1) })
      .end(),
    deps.db
      .collection('errands')
      .where({ assigneeId: id, status: 'confirmed', 'rating.stars': _.gte(1) })
      .orderBy('confirmedAt', 'desc')
      .limit(5)
      .get(),
  ])
  const stars: Record<string, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }
  let count = 0
  let sum = 0
  for (const row of grouped.data as { _id: number; n: number }[]) {
    stars[String(row._id)] = row.n
    count += row.n
    sum += row._id * row.n
  }
  return {
    butler: { _id: staff._id, name: staff.name, role: staff.role },
    completed,
    ratingCount: count,
    ratingAverage: count ? Math.round((sum / count) * 10) / 10 : null,
    stars,
    recent: (recent as ErrandDoc[]).map((e) => ({
      stars: e.rating!.stars,
      comment: e.rating!.comment,
      by: maskName(e.requesterName),
      category: e.category,
      at: e.rating!.at,
    })),
  }
}

// ---------- money ----------

/** Butlers see their own entries, a grid worker their grid's, an admin the street's. */
export async function ledger(deps: Deps, caller: CallerFor, input: Input<typeof ledgerInput>) {
  const a = caller.account
  const where: Record<string, unknown> = { streetId: a.scope.streetId }
  if (a.role === 'butler') {
    if (input.butlerId && input.butlerId !== a._id)
      throw new AppError('FORBIDDEN_SCOPE', '只能查看自己的垫付记录')
    where.butlerId = a._id
  } else {
    if (a.scope.communityId) where.communityId = a.scope.communityId
    if (a.scope.gridId) where.gridId = a.scope.gridId
    if (input.butlerId) where.butlerId = input.butlerId
  }
  if (input.gridId) {
    if (a.scope.gridId && a.scope.gridId !== input.gridId) throw new AppError('FORBIDDEN_SCOPE')
    where.gridId = input.gridId
  }
  const filtered = input.status ? { ...where, status: input.status } : where
  const $ = deps.db.command.aggregate
  const [{ total }, { data }, sums] = await Promise.all([
    deps.db.collection('errand_ledger').where(filtered).count(),
    deps.db
      .collection('errand_ledger')
      .where(filtered)
      .orderBy('createdAt', 'desc')
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .get(),
    deps.db
      .collection('errand_ledger')
      .aggregate()
      .match(where)
      .group({ _id: '$status', fen: $.sum('$amountFen'), n: $.sum(1) })
      .end(),
  ])
  const totals = { pendingFen: 0, pendingCount: 0, settledFen: 0, settledCount: 0 }
  for (const row of sums.data as { _id: string; fen: number; n: number }[]) {
    if (row._id === 'pending') Object.assign(totals, { pendingFen: row.fen, pendingCount: row.n })
    if (row._id === 'settled') Object.assign(totals, { settledFen: row.fen, settledCount: row.n })
  }
  return { items: data as LedgerDoc[], total, page: input.page, pageSize: input.pageSize, totals }
}

/** The admin marks advanced money as paid back; every entry at once or none, with an audit record. */
export async function settle(deps: Deps, caller: CallerFor, input: Input<typeof settleInput>) {
  const a = caller.account
  const ids = [...new Set(input.entryIds)]
  const now = deps.now()
  const entries: LedgerDoc[] = []
  await transact(deps, async (t) => {
    entries.length = 0
    for (const id of ids) {
      const entry = await txGet<LedgerDoc>(t, 'errand_ledger', id)
      if (!entry || entry.streetId !== a.scope.streetId)
        throw new AppError('NOT_FOUND', `没有找到垫付记录 ${id}`)
      if (entry.status !== 'pending')
        throw new AppError('LEDGER_ALREADY_SETTLED', `垫付记录 ${id} 已经结算过了`)
      entries.push(entry)
      await t
        .collection('errand_ledger')
        .doc(id)
        .update({
          status: 'settled',
          settledAt: now,
          settledBy: a._id,
          settledByName: a.name,
          settleNote: input.note ?? null,
        })
    }
    const totalFen = entries.reduce((s, x) => s + x.amountFen, 0)
    await t.collection('audit_logs').add({
      streetId: a.scope.streetId,
      actorId: a._id,
      actorName: a.name,
      action: 'errand.settle',
      target: `ledger:${ids.length}`,
      before: entries.map((x) => ({
        id: x._id,
        butlerId: x.butlerId,
        amountFen: x.amountFen,
        status: x.status,
      })),
      after: { status: 'settled', ids, totalFen, note: input.note ?? null },
      at: now,
    } satisfies AuditEntry)
  })
  const byButler = new Map<string, { fen: number; n: number }>()
  for (const x of entries) {
    const acc = byButler.get(x.butlerId) ?? { fen: 0, n: 0 }
    byButler.set(x.butlerId, { fen: acc.fen + x.amountFen, n: acc.n + 1 })
  }
  for (const [butlerId, { fen, n }] of byButler) {
    await notify(deps, {
      accountId: butlerId,
      title: '垫付款已结算',
      body: `您垫付的${n}笔代购款共 ¥${(fen / 100).toFixed(2)} 已由街道结算。`,
      link: '/pages/errand/ledger',
    })
  }
  return {
    settled: ids.length,
    totalFen: entries.reduce((s, x) => s + x.amountFen, 0),
  }
}

// ---------- households that need help ----------

async function householdInMyGrid(deps: Deps, caller: CallerFor, accountId: string): Promise<HouseholdDoc> {
  const h = await getDoc<HouseholdDoc>(deps, 'errand_households', accountId)
  if (!h) throw new AppError('NOT_FOUND', '没有找到这户帮扶登记')
  if (h.gridId !== caller.account.scope.gridId) throw new AppError('FORBIDDEN_SCOPE')
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
  const existing = await getDoc<HouseholdDoc>(deps, 'errand_households', person._id)
  if (existing?.active && existing.gridId !== gw.scope.gridId)
    throw new AppError('FORBIDDEN_SCOPE', '这户已由其他网格登记帮扶')
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
  await transact(deps, async (t) => {
    const { _id, ...body } = doc
    await t.collection('errand_households').doc(_id).set(body)
    await t.collection('audit_logs').add({
      streetId: gw.scope.streetId,
      actorId: gw._id,
      actorName: gw.name,
      action: 'errand.markNeedsHelp',
      target: `account:${person._id}`,
      before: existing ? { active: existing.active, gridId: existing.gridId, reason: existing.reason } : null,
      after: { active: true, gridId: doc.gridId, reason: doc.reason, building: doc.building, room: doc.room },
      at: now,
    } satisfies AuditEntry)
  })
  await notify(deps, {
    accountId: person._id,
    title: '已登记为帮扶对象',
    body: `网格员${gw.name}已为您登记帮扶，您可以在「跑腿代购」请社区管家代买生活物资和药品。`,
    link: '/pages/errand/new',
  })
  return { household: doc }
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
  await transact(deps, async (t) => {
    await t.collection('errand_households').doc(h._id).update({ active: false, unmarkedAt: now })
    await t.collection('audit_logs').add({
      streetId: gw.scope.streetId,
      actorId: gw._id,
      actorName: gw.name,
      action: 'errand.unmarkNeedsHelp',
      target: `account:${h._id}`,
      before: { active: true },
      after: { active: false, reason: input.reason ?? null },
      at: now,
    } satisfies AuditEntry)
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
  return { items: data as HouseholdDoc[], total, page: input.page, pageSize: input.pageSize }
}

// ---------- settings ----------

export async function getSettings(deps: Deps, caller: CallerFor) {
  return { settings: await settingsFor(deps, caller.account.scope.streetId) }
}

export async function setSettings(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof setErrandSettingsInput>,
) {
  const a = caller.account
  const streetId = a.scope.streetId
  const now = deps.now()
  await transact(deps, async (t) => {
    const before = await txGet<ErrandSettings & { _id: string }>(t, 'errand_settings', streetId)
    await t
      .collection('errand_settings')
      .doc(streetId)
      .set({ ...input, updatedBy: a._id, updatedAt: now })
    await t.collection('audit_logs').add({
      streetId,
      actorId: a._id,
      actorName: a.name,
      action: 'errand.settings',
      target: `errand_settings:${streetId}`,
      before: before ?? DEFAULT_ERRAND_SETTINGS,
      after: input,
      at: now,
    } satisfies AuditEntry)
  })
  return { settings: input }
}
