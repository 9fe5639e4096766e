import { randomBytes } from 'node:crypto'
import type { z } from 'zod'
import {
  COMMITMENT_PARTIES,
  isEditable,
  isOpen,
  nextState,
  roundOutcome,
  type ApplicationState,
  type CommitmentParty,
} from '../../shared/application'
import { maskCreditCode } from '../../shared/enterprise'
import { AppError } from '../../shared/errors'
import { DEPARTMENTS, DEPARTMENT_LABELS, scopeContains, type Scope } from '../../shared/roles'
import {
  submittableForm,
  type answerDifficultyInput,
  type listDifficultiesInput,
  type commitInput,
  type inspectInput,
  type listForReviewInput,
  type listMineInput,
  type registerEnterpriseInput,
  type reportDifficultyInput,
  type reviewInput,
  type revokePlateInput,
  type saveDraftInput,
  type updateEnterpriseInput,
} from '../../shared/schemas/application'
import { describeZodError } from '../../shared/validate'
import { shanghaiDate } from '../../shared/time'
import type { AccountDoc } from '../_lib/accounts'
import { isDuplicateKey } from '../_lib/errors'
import { publicUrl, qrDataUrl } from '../_lib/links'
import { notify, wechatTime } from '../_lib/notify'
import { pageOf } from '../_lib/paging'
import { getDoc, txGet } from '../_lib/docs'
import type { CallerFor, Deps, Transaction } from '../_lib/runtime'
import type {
  ApplicationDoc,
  ApplicationEventDoc,
  DifficultyDoc,
  EnterpriseDoc,
  InspectionDoc,
  PlateDoc,
} from './model'

type Input<S extends z.ZodTypeAny> = z.infer<S>

function scopeOf(doc: { streetId: string; communityId: string; gridId: string }): Scope {
  return { streetId: doc.streetId, communityId: doc.communityId, gridId: doc.gridId }
}

function ownsEnterprise(account: AccountDoc, e: EnterpriseDoc): boolean {
  return e.ownerId === account._id || e.managerIds.includes(account._id)
}

/** Staff see what is inside their scope; owners see their own enterprises. */
function canSee(
  account: AccountDoc,
  e: { ownerId: string } & Parameters<typeof scopeOf>[0],
  managerIds: string[] = [],
): boolean {
  if (account.role === 'owner') return e.ownerId === account._id || managerIds.includes(account._id)
  if (['admin', 'reviewer', 'gridWorker', 'butler'].includes(account.role))
    return scopeContains(account.scope, scopeOf(e))
  return false
}

function event(
  deps: Deps,
  caller: CallerFor,
  app: Pick<ApplicationDoc, '_id' | 'round'>,
  type: ApplicationEventDoc['type'],
  from: ApplicationState | null,
  to: ApplicationState,
  extra: Partial<ApplicationEventDoc> = {},
): ApplicationEventDoc {
  return {
    _id: deps.newId(),
    applicationId: app._id,
    type,
    from,
    to,
    actorId: caller.account._id,
    actorName: caller.account.name,
    actorRole: caller.account.role,
    round: app.round,
    at: deps.now(),
    ...extra,
  }
}

async function checkScopeInStreet(
  deps: Deps,
  streetId: string,
  communityId: string,
  gridId: string,
): Promise<void> {
  const grid = await getDoc<{ streetId: string; communityId: string }>(deps, 'grids', gridId)
  if (!grid || grid.communityId !== communityId || grid.streetId !== streetId) {
    throw new AppError('SCOPE_NOT_FOUND', '所选社区或网格不属于本街道，请重新选择')
  }
}

// ---------- enterprises ----------

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
  const streetId = caller.account.scope.streetId
  await checkScopeInStreet(deps, streetId, input.communityId, input.gridId)
  const now = deps.now()
  const doc: EnterpriseDoc = {
    _id: deps.newId(),
    ...input,
    streetId,
    ownerId: caller.account._id,
    managerIds: [],
    joinCode: newJoinCode(),
    openApplicationId: null,
    createdAt: now,
    updatedAt: now,
  }
  try {
    await deps.db.collection('enterprises').add(doc)
  } catch (e) {
    if (isDuplicateKey(e)) throw new AppError('CREDIT_CODE_TAKEN')
    throw e
  }
  return { enterprise: doc }
}

async function ownEnterprise(deps: Deps, caller: CallerFor, enterpriseId: string): Promise<EnterpriseDoc> {
  const e = await getDoc<EnterpriseDoc>(deps, 'enterprises', enterpriseId)
  if (!e) throw new AppError('NOT_FOUND', '没有找到这家企业')
  if (!ownsEnterprise(caller.account, e)) throw new AppError('FORBIDDEN_SCOPE', '只能操作自己名下的企业')
  return e
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
  if (changes.communityId || changes.gridId) await checkScopeInStreet(deps, e.streetId, communityId, gridId)
  const next = { ...changes, updatedAt: deps.now() }
  await deps.db.collection('enterprises').doc(enterpriseId).update(next)
  return { enterprise: { ...e, ...next } }
}

/** The poster the owner shows so employees can join the enterprise when they declare their health. */
export async function joinPoster(deps: Deps, caller: CallerFor, input: { enterpriseId: string }) {
  const e = await ownEnterprise(deps, caller, input.enterpriseId)
  const url = publicUrl('/pages/health/declare', { code: e.joinCode })
  return { enterpriseName: e.name, joinCode: e.joinCode, url, qr: await qrDataUrl(url) }
}

export async function myEnterprises(deps: Deps, caller: CallerFor) {
  const _ = deps.db.command
  const { data } = await deps.db
    .collection('enterprises')
    .where(_.or([{ ownerId: caller.account._id }, { managerIds: caller.account._id }]))
    .orderBy('createdAt', 'desc')
    .limit(100)
    .get()
  return { items: data as EnterpriseDoc[] }
}

// ---------- applications ----------

/**
 * Creates the draft or saves changes to it. One open application per enterprise: the enterprise's
 * `openApplicationId` is claimed in the same transaction that creates the draft.
 */
export async function saveDraft(deps: Deps, caller: CallerFor, input: Input<typeof saveDraftInput>) {
  const e = await ownEnterprise(deps, caller, input.enterpriseId)
  const now = deps.now()
  if (input.applicationId) {
    const appId = input.applicationId
    let saved: ApplicationDoc | undefined
    await deps.db.runTransaction(async (t: Transaction) => {
      const app = await txGet<ApplicationDoc>(t, 'applications', appId)
      if (!app || app.enterpriseId !== e._id) throw new AppError('NOT_FOUND', '没有找到这份申请')
      if (!isEditable(app.status)) throw new AppError('APPLICATION_NOT_EDITABLE')
      const form = { ...app.form, ...input.form }
      await t
        .collection('applications')
        .doc(appId)
        .update({ form: deps.db.command.set(form), updatedAt: now })
      saved = { ...app, form, updatedAt: now }
    })
    return { application: saved! }
  }
  const app: ApplicationDoc = {
    _id: deps.newId(),
    enterpriseId: e._id,
    enterpriseName: e.name,
    creditCode: e.creditCode,
    kind: e.kind,
    streetId: e.streetId,
    communityId: e.communityId,
    gridId: e.gridId,
    ownerId: e.ownerId,
    status: 'draft',
    round: 0,
    form: input.form,
    reviews: {},
    pastRounds: [],
    pendingDepartments: [],
    commitments: {},
    createdAt: now,
    updatedAt: now,
  }
  await deps.db.runTransaction(async (t: Transaction) => {
    const fresh = await txGet<EnterpriseDoc>(t, 'enterprises', e._id)
    if (fresh?.openApplicationId) {
      const open = await txGet<ApplicationDoc>(t, 'applications', fresh.openApplicationId)
      if (open && isOpen(open.status)) throw new AppError('APPLICATION_ALREADY_OPEN')
    }
    await t.collection('enterprises').doc(e._id).update({ openApplicationId: app._id, updatedAt: now })
    await t.collection('applications').add(app)
    await t.collection('application_events').add(event(deps, caller, app, 'created', null, 'draft'))
  })
  return { application: app }
}

export async function submit(deps: Deps, caller: CallerFor, input: { applicationId: string }) {
  const now = deps.now()
  let result: ApplicationDoc | undefined
  await deps.db.runTransaction(async (t: Transaction) => {
    const app = await txGet<ApplicationDoc>(t, 'applications', input.applicationId)
    if (!app) throw new AppError('NOT_FOUND', '没有找到这份申请')
    const e = await txGet<EnterpriseDoc>(t, 'enterprises', app.enterpriseId)
    if (!e || !ownsEnterprise(caller.account, e))
      throw new AppError('FORBIDDEN_SCOPE', '只能提交自己企业的申请')
    const to = nextState(app.status, 'submit')
    if (!to) throw new AppError('APPLICATION_NOT_EDITABLE', '这份申请已在审核中或已结束，不能再次提交')
    const parsed = submittableForm.safeParse(app.form)
    if (!parsed.success)
      throw new AppError('INVALID_INPUT', `申请还不完整：${describeZodError(parsed.error)}`)
    if (parsed.data.plannedDate < shanghaiDate(now))
      throw new AppError('INVALID_INPUT', '计划复工日期不能早于今天')
    const round = app.round + 1
    const pastRounds =
      app.round > 0 ? [...app.pastRounds, { round: app.round, reviews: app.reviews }] : app.pastRounds
    const changes = {
      status: to,
      round,
      reviews: deps.db.command.set({}),
      pastRounds,
      pendingDepartments: [...DEPARTMENTS],
      submittedAt: now,
      updatedAt: now,
    }
    await t.collection('applications').doc(app._id).update(changes)
    await t
      .collection('application_events')
      .add(event(deps, caller, { ...app, round }, 'submitted', app.status, to))
    result = {
      ...app,
      status: to,
      round,
      reviews: {},
      pastRounds,
      pendingDepartments: [...DEPARTMENTS],
      submittedAt: now,
      updatedAt: now,
    }
  })
  return { application: result! }
}

export async function get(deps: Deps, caller: CallerFor, input: { applicationId: string }) {
  const app = await getDoc<ApplicationDoc>(deps, 'applications', input.applicationId)
  if (!app) throw new AppError('NOT_FOUND', '没有找到这份申请')
  const enterprise = await getDoc<EnterpriseDoc>(deps, 'enterprises', app.enterpriseId)
  if (!enterprise || !canSee(caller.account, app, enterprise.managerIds))
    throw new AppError('FORBIDDEN_SCOPE')
  const [{ data: events }, { data: inspections }] = await Promise.all([
    deps.db
      .collection('application_events')
      .where({ applicationId: app._id })
      .orderBy('at', 'asc')
      .limit(1000)
      .get(),
    deps.db
      .collection('inspections')
      .where({ applicationId: app._id })
      .orderBy('at', 'desc')
      .limit(100)
      .get(),
  ])
  return {
    application: app,
    enterprise,
    events: events as ApplicationEventDoc[],
    inspections: inspections as InspectionDoc[],
  }
}

export async function listMine(deps: Deps, caller: CallerFor, input: Input<typeof listMineInput>) {
  const where = { ownerId: caller.account._id }
  const { items: data, total } = await pageOf(deps.db, 'applications', where, [['updatedAt', 'desc']], input)
  return { items: data as ApplicationDoc[], total, page: input.page, pageSize: input.pageSize }
}

/** A reviewer's queue: their department's pending decisions, oldest submission first. */
export async function listForReview(deps: Deps, caller: CallerFor, input: Input<typeof listForReviewInput>) {
  const _ = deps.db.command
  const department = caller.account.department
  if (!department) throw new AppError('FORBIDDEN_ROLE', '您的账号没有设置审核部门')
  const streetId = caller.account.scope.streetId
  const pending = { streetId, status: 'reviewing', pendingDepartments: department }
  const decided = { streetId, [`reviews.${department}`]: _.exists(true) }
  const base = input.status === 'pending' ? pending : decided
  const escaped = input.search?.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const where = escaped
    ? _.and([
        base,
        _.or([
          { enterpriseName: deps.db.RegExp({ regexp: escaped, options: 'i' }) },
          { creditCode: deps.db.RegExp({ regexp: `^${escaped.toUpperCase()}`, options: '' }) },
        ]),
      ])
    : base
  const [{ total }, { total: pendingCount }, { data }] = await Promise.all([
    deps.db.collection('applications').where(where).count(),
    deps.db.collection('applications').where(pending).count(),
    deps.db
      .collection('applications')
      .where(where)
      .orderBy('submittedAt', input.status === 'pending' ? 'asc' : 'desc')
      .skip((input.page - 1) * input.pageSize)
      .limit(input.pageSize)
      .get(),
  ])
  return {
    items: data as ApplicationDoc[],
    total,
    pendingCount,
    page: input.page,
    pageSize: input.pageSize,
    department,
  }
}

const OUTCOME_TEXT = {
  approveAll: {
    title: '复工申请已通过审核',
    body: '三方审核均已通过。请完成三方承诺签署，签署后即可领取复工公示牌。',
  },
  reject: { title: '复工申请未通过', body: '很抱歉，您的复工申请未通过审核。' },
  return: { title: '复工申请需要补充材料', body: '审核人员退回了您的申请，请按意见补充后重新提交。' },
} as const

/** The review result as the subscribe message states it (a WeChat `phrase`: at most five Chinese characters). */
const OUTCOME_PHRASE = { approveAll: '审核通过', reject: '未通过', return: '退回补充' } as const

/**
 * One department's decision for the current round. The read-check-write runs in a transaction, so two
 * reviewers of the same department deciding at once record one decision; the other is told it is decided.
 */
export async function review(deps: Deps, caller: CallerFor, input: Input<typeof reviewInput>) {
  const department = caller.account.department
  if (!department) throw new AppError('FORBIDDEN_ROLE', '您的账号没有设置审核部门')
  const now = deps.now()
  let outcome: ReturnType<typeof roundOutcome>
  let saved: ApplicationDoc | undefined
  await deps.db.runTransaction(async (t: Transaction) => {
    const app = await txGet<ApplicationDoc>(t, 'applications', input.applicationId)
    if (!app) throw new AppError('NOT_FOUND', '没有找到这份申请')
    if (app.streetId !== caller.account.scope.streetId) throw new AppError('FORBIDDEN_SCOPE')
    if (app.status !== 'reviewing') throw new AppError('APPLICATION_NOT_REVIEWING')
    if (app.round !== input.round || app.reviews[department]) throw new AppError('ALREADY_DECIDED')
    const decision = {
      decision: input.decision,
      ...(input.comment ? { comment: input.comment } : {}),
      reviewerId: caller.account._id,
      reviewerName: caller.account.name,
      at: now,
    }
    const reviews = { ...app.reviews, [department]: decision }
    outcome = roundOutcome(reviews)
    const to = outcome ? nextState(app.status, outcome)! : app.status
    const pendingDepartments = outcome ? [] : app.pendingDepartments.filter((d) => d !== department)
    await t
      .collection('applications')
      .doc(app._id)
      .update({
        [`reviews.${department}`]: decision,
        status: to,
        pendingDepartments,
        updatedAt: now,
        ...(outcome ? { decidedAt: now } : {}),
      })
    await t.collection('application_events').add(
      event(deps, caller, app, 'reviewed', app.status, app.status, {
        department,
        decision: input.decision,
        comment: input.comment,
      }),
    )
    if (outcome) {
      const type = outcome === 'approveAll' ? 'approved' : outcome === 'reject' ? 'rejected' : 'returned'
      await t
        .collection('application_events')
        .add(event(deps, caller, app, type, app.status, to, { comment: input.comment }))
      // A rejection ends the application, freeing the enterprise to apply again; a return keeps it open.
      if (outcome === 'reject')
        await t.collection('enterprises').doc(app.enterpriseId).update({ openApplicationId: null })
    }
    saved = { ...app, reviews, status: to, pendingDepartments, updatedAt: now }
  })
  const app = saved!
  const label = DEPARTMENT_LABELS[department]
  if (outcome) {
    const text = OUTCOME_TEXT[outcome]
    const reason = input.comment ? `（${label}：${input.comment}）` : ''
    await notify(deps, {
      accountId: app.ownerId,
      title: text.title,
      body: `${app.enterpriseName}：${text.body}${reason}`,
      link: `/pages/application/detail?id=${app._id}`,
      subscribe: {
        kind: 'reviewResult',
        data: {
          enterprise: app.enterpriseName,
          result: OUTCOME_PHRASE[outcome],
          note: input.comment ? `${label}：${input.comment}` : text.title,
          time: wechatTime(now),
        },
      },
    })
  } else {
    await notify(deps, {
      accountId: app.ownerId,
      title: `${label}已审核通过`,
      body: `${app.enterpriseName}的复工申请已通过${label}审核，请等待其他部门审核。`,
      link: `/pages/application/detail?id=${app._id}`,
    })
  }
  return { application: app }
}

/** Who may sign for which party. */
function canSign(
  account: AccountDoc,
  party: CommitmentParty,
  app: ApplicationDoc,
  e: EnterpriseDoc,
): boolean {
  if (party === 'community') {
    // A community-level admin signs only for their own community; a street admin for any in the street.
    if (account.role === 'admin')
      return scopeContains(account.scope, { streetId: app.streetId, communityId: app.communityId })
    return (
      account.role === 'gridWorker' &&
      account.scope.streetId === app.streetId &&
      account.scope.communityId === app.communityId
    )
  }
  return account.role === 'owner' && ownsEnterprise(account, e)
}

export async function commit(deps: Deps, caller: CallerFor, input: Input<typeof commitInput>) {
  const now = deps.now()
  let saved: ApplicationDoc | undefined
  let plateId: string | undefined
  await deps.db.runTransaction(async (t: Transaction) => {
    const app = await txGet<ApplicationDoc>(t, 'applications', input.applicationId)
    if (!app) throw new AppError('NOT_FOUND', '没有找到这份申请')
    const e = await txGet<EnterpriseDoc>(t, 'enterprises', app.enterpriseId)
    if (!e || !canSign(caller.account, input.party, app, e))
      throw new AppError('FORBIDDEN_ROLE', '您不能代表这一方签署承诺')
    if (app.status !== 'approved') throw new AppError('APPLICATION_NOT_APPROVED')
    if (app.commitments[input.party]) throw new AppError('ALREADY_SIGNED')
    const signature = {
      accountId: caller.account._id,
      signerName: input.signerName,
      role: caller.account.role,
      at: now,
    }
    const commitments = { ...app.commitments, [input.party]: signature }
    const complete = COMMITMENT_PARTIES.every((p) => commitments[p])
    const changes: Record<string, unknown> = { [`commitments.${input.party}`]: signature, updatedAt: now }
    await t.collection('application_events').add(
      event(deps, caller, app, 'committed', app.status, app.status, {
        comment: `${PARTY_LABEL[input.party]}：${input.signerName}`,
      }),
    )
    if (complete) {
      plateId = randomBytes(32).toString('base64url')
      Object.assign(changes, { status: 'reopened', reopenedAt: now, plateId })
      const plate: PlateDoc = {
        _id: plateId,
        applicationId: app._id,
        enterpriseId: app.enterpriseId,
        streetId: app.streetId,
        issuedAt: now,
      }
      await t.collection('plates').add(plate)
      await t.collection('enterprises').doc(app.enterpriseId).update({ openApplicationId: null })
      await t
        .collection('application_events')
        .add(event(deps, caller, app, 'reopened', 'approved', 'reopened'))
    }
    await t.collection('applications').doc(app._id).update(changes)
    saved = {
      ...app,
      commitments,
      ...(complete ? { status: 'reopened' as const, reopenedAt: now, plateId } : {}),
      updatedAt: now,
    }
  })
  if (plateId) {
    await notify(deps, {
      accountId: saved!.ownerId,
      title: '复工公示牌已生成',
      body: `${saved!.enterpriseName}三方承诺已全部签署，可以复工。请打印公示牌张贴在门口。`,
      link: `/pages/application/plate?id=${saved!._id}`,
    })
  }
  return { application: saved! }
}

export const PARTY_LABEL: Record<CommitmentParty, string> = {
  enterprise: '企业',
  community: '社区',
  person: '责任人',
}

export async function plate(deps: Deps, caller: CallerFor, input: { applicationId: string }) {
  const { application: app, enterprise } = await get(deps, caller, input)
  if (!app.plateId) throw new AppError('NOT_FOUND', '这份申请还没有公示牌')
  const p = (await getDoc<PlateDoc>(deps, 'plates', app.plateId))!
  const verifyUrl = publicUrl('/pages/verify/index', { token: p._id })
  return {
    token: p._id,
    verifyUrl,
    qr: await qrDataUrl(verifyUrl),
    enterpriseName: enterprise.name,
    creditCode: maskCreditCode(enterprise.creditCode),
    address: enterprise.address,
    reopenedAt: app.reopenedAt!,
    plannedDate: app.form.plannedDate ?? '',
    approvals: DEPARTMENTS.map((d) => ({
      department: d,
      label: DEPARTMENT_LABELS[d],
      at: app.reviews[d]?.at ?? 0,
    })),
    valid: !p.revokedAt,
    revokedAt: p.revokedAt ?? null,
  }
}

/** Public: anyone scanning the plate learns whether it is valid now. Nothing personal is returned. */
export async function verifyPlate(deps: Deps, _caller: CallerFor, input: { token: string }) {
  const p = await getDoc<PlateDoc>(deps, 'plates', input.token)
  if (!p) throw new AppError('NOT_FOUND', '没有查到这块公示牌，二维码可能不是本街道发放的')
  const app = (await getDoc<ApplicationDoc>(deps, 'applications', p.applicationId))!
  const e = (await getDoc<EnterpriseDoc>(deps, 'enterprises', p.enterpriseId))!
  return {
    valid: !p.revokedAt,
    enterpriseName: e.name,
    creditCode: maskCreditCode(e.creditCode),
    address: e.address,
    reopenedAt: app.reopenedAt ?? p.issuedAt,
    revokedAt: p.revokedAt ?? null,
    revokeReason: p.revokeReason ?? null,
  }
}

async function revokeWithin(
  deps: Deps,
  t: Transaction,
  caller: CallerFor,
  app: ApplicationDoc,
  reason: string,
): Promise<void> {
  const now = deps.now()
  if (!nextState(app.status, 'revoke')) throw new AppError('APPLICATION_NOT_REOPENED')
  await t
    .collection('applications')
    .doc(app._id)
    .update({ status: 'revoked', revokedAt: now, updatedAt: now })
  await t.collection('plates').doc(app.plateId!).update({ revokedAt: now, revokeReason: reason })
  await t
    .collection('application_events')
    .add(event(deps, caller, app, 'revoked', app.status, 'revoked', { comment: reason }))
}

export async function revokePlate(deps: Deps, caller: CallerFor, input: Input<typeof revokePlateInput>) {
  await deps.db.runTransaction(async (t: Transaction) => {
    const app = await txGet<ApplicationDoc>(t, 'applications', input.applicationId)
    if (!app) throw new AppError('NOT_FOUND', '没有找到这份申请')
    if (!scopeContains(caller.account.scope, scopeOf(app))) throw new AppError('FORBIDDEN_SCOPE')
    await revokeWithin(deps, t, caller, app, input.reason)
  })
  const app = (await getDoc<ApplicationDoc>(deps, 'applications', input.applicationId))!
  await notify(deps, {
    accountId: app.ownerId,
    title: '复工公示牌已撤销',
    body: `${app.enterpriseName}的复工公示牌已被撤销：${input.reason}`,
    link: `/pages/application/detail?id=${app._id}`,
  })
  return { application: app }
}

export async function inspect(deps: Deps, caller: CallerFor, input: Input<typeof inspectInput>) {
  const now = deps.now()
  const { applicationId, ...record } = input
  let app: ApplicationDoc | undefined
  const inspection: Omit<InspectionDoc, 'enterpriseId' | 'streetId'> = {
    _id: deps.newId(),
    applicationId,
    inspectorId: caller.account._id,
    inspectorName: caller.account.name,
    inspectorRole: caller.account.role,
    ...record,
    at: now,
  }
  await deps.db.runTransaction(async (t: Transaction) => {
    app = await txGet<ApplicationDoc>(t, 'applications', applicationId)
    if (!app) throw new AppError('NOT_FOUND', '没有找到这份申请')
    if (!scopeContains(caller.account.scope, scopeOf(app))) throw new AppError('FORBIDDEN_SCOPE')
    if (app.status !== 'reopened')
      throw new AppError('APPLICATION_NOT_REOPENED', '只能对已复工的企业进行回头看检查')
    await t
      .collection('inspections')
      .add({ ...inspection, enterpriseId: app.enterpriseId, streetId: app.streetId })
    await t
      .collection('application_events')
      .add(event(deps, caller, app, 'inspected', app.status, app.status, { comment: record.findings }))
    if (record.result === 'rectify') {
      await t
        .collection('applications')
        .doc(app._id)
        .update({
          rectify: { deadline: record.rectifyDeadline!, findings: record.findings, at: now },
          updatedAt: now,
        })
    }
    if (record.result === 'revoke')
      await revokeWithin(deps, t, caller, app, `回头看检查不合格：${record.findings}`)
  })
  const titles = { pass: '回头看检查通过', rectify: '请限期整改', revoke: '复工公示牌已撤销' }
  const body =
    record.result === 'rectify'
      ? `检查发现问题：${record.findings}。请在${record.rectifyDeadline}前完成整改。`
      : record.result === 'revoke'
        ? `回头看检查不合格，复工已被撤销：${record.findings}`
        : `回头看检查结果：${record.findings}`
  await notify(deps, {
    accountId: app!.ownerId,
    title: titles[record.result],
    body: `${app!.enterpriseName}：${body}`,
    link: `/pages/application/detail?id=${app!._id}`,
  })
  return { inspection }
}

// ---------- difficulties ----------

export async function reportDifficulty(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof reportDifficultyInput>,
) {
  const e = await ownEnterprise(deps, caller, input.enterpriseId)
  const doc: DifficultyDoc = {
    _id: deps.newId(),
    enterpriseId: e._id,
    enterpriseName: e.name,
    streetId: e.streetId,
    communityId: e.communityId,
    ownerId: caller.account._id,
    kind: input.kind,
    text: input.text,
    status: 'open',
    answers: [],
    createdAt: deps.now(),
  }
  await deps.db.collection('difficulties').add(doc)
  return { difficulty: doc }
}

export async function answerDifficulty(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof answerDifficultyInput>,
) {
  const now = deps.now()
  const _ = deps.db.command
  const d = await getDoc<DifficultyDoc>(deps, 'difficulties', input.difficultyId)
  if (!d) throw new AppError('NOT_FOUND', '没有找到这条诉求')
  if (!scopeContains(caller.account.scope, { streetId: d.streetId, communityId: d.communityId }))
    throw new AppError('FORBIDDEN_SCOPE')
  if (d.status === 'closed') throw new AppError('CONFLICT', '这条诉求已经办结')
  const answer = { by: caller.account._id, byName: caller.account.name, text: input.answer, at: now }
  await deps.db
    .collection('difficulties')
    .doc(d._id)
    .update({ answers: _.push(answer), ...(input.close ? { status: 'closed', closedAt: now } : {}) })
  await notify(deps, {
    accountId: d.ownerId,
    title: '企业诉求有了答复',
    body: `${d.enterpriseName}：${input.answer}`,
  })
  return { difficulty: { ...d, answers: [...d.answers, answer], status: input.close ? 'closed' : d.status } }
}

export async function listDifficulties(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof listDifficultiesInput>,
) {
  const a = caller.account
  const where: Record<string, unknown> =
    a.role === 'owner' ? { ownerId: a._id } : { streetId: a.scope.streetId }
  if (a.role !== 'owner' && a.scope.communityId) where.communityId = a.scope.communityId
  if (input.status) where.status = input.status
  const { items: data, total } = await pageOf(deps.db, 'difficulties', where, [['createdAt', 'desc']], input)
  return { items: data as DifficultyDoc[], total, page: input.page, pageSize: input.pageSize }
}
