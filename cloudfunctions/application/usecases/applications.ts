import { isEditable, isOpen, nextState } from '../../../shared/application'
import { AppError } from '../../../shared/errors'
import { DEPARTMENTS } from '../../../shared/roles'
import { submittableForm, type listMineInput, type saveDraftInput } from '../../../shared/schemas/application'
import { shanghaiDate } from '../../../shared/time'
import { describeZodError } from '../../../shared/validate'
import { col, getDoc, txCol, txGet } from '../../_lib/collections'
import { createDocOnce, onceId } from '../../_lib/once'
import { pageOf } from '../../_lib/paging'
import type { CallerFor, Deps, Transaction, Input } from '../../_lib/runtime'
import type { ApplicationDoc } from '../model'
import { allow } from '../../_lib/access'
import { applicationView, enterpriseView, event, ownEnterprise, peopleOf, scopeOf } from './access'
import { communitySigner } from './commitments'

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
      const app = await txGet(t, 'applications', appId)
      if (!app || app.enterpriseId !== e._id) throw new AppError('NOT_FOUND', '没有找到这份申请')
      if (!isEditable(app.status)) throw new AppError('APPLICATION_NOT_EDITABLE')
      const form = { ...app.form, ...input.form }
      await txCol(t, 'applications')
        .doc(appId)
        .update({ form: deps.db.command.set(form), updatedAt: now })
      saved = { ...app, form, updatedAt: now }
    })
    return { application: saved! }
  }
  const id = onceId(caller.account, input.requestId, deps.newId)
  return createDocOnce(
    deps,
    'applications',
    id,
    input.requestId,
    async () => {
      const app: ApplicationDoc = {
        _id: id,
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
        // The first write of the request is its own record: a double tap stops here on the duplicate id.
        await txCol(t, 'applications').add(app)
        const fresh = await txGet(t, 'enterprises', e._id)
        if (fresh?.openApplicationId) {
          const open = await txGet(t, 'applications', fresh.openApplicationId)
          if (open && isOpen(open.status)) throw new AppError('APPLICATION_ALREADY_OPEN')
        }
        await txCol(t, 'enterprises').doc(e._id).update({ openApplicationId: app._id, updatedAt: now })
        await txCol(t, 'application_events').add(event(deps, caller, app, 'created', null, 'draft'))
      })
      return { application: app }
    },
    (application) => ({ application }),
    (made) => made.enterpriseId === e._id,
  )
}

export async function submit(deps: Deps, caller: CallerFor, input: { applicationId: string }) {
  const now = deps.now()
  let result: ApplicationDoc | undefined
  await deps.db.runTransaction(async (t: Transaction) => {
    const app = await txGet(t, 'applications', input.applicationId)
    if (!app) throw new AppError('NOT_FOUND', '没有找到这份申请')
    const e = await txGet(t, 'enterprises', app.enterpriseId)
    if (!e) throw new AppError('NOT_FOUND', '没有找到这家企业')
    allow(caller, { people: peopleOf(e) })
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
    await txCol(t, 'applications').doc(app._id).update(changes)
    await txCol(t, 'application_events').add(
      event(deps, caller, { ...app, round }, 'submitted', app.status, to),
    )
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
  const app = await getDoc(deps, 'applications', input.applicationId)
  if (!app) throw new AppError('NOT_FOUND', '没有找到这份申请')
  const enterprise = await getDoc(deps, 'enterprises', app.enterpriseId)
  if (!enterprise) throw new AppError('NOT_FOUND', '没有找到这家企业')
  allow(caller, { people: peopleOf(enterprise), scope: scopeOf(app) })
  const [{ data: events }, { data: inspections }] = await Promise.all([
    col(deps.db, 'application_events')
      .where({ applicationId: app._id })
      .orderBy('at', 'asc')
      .limit(1000)
      .get(),
    col(deps.db, 'inspections').where({ applicationId: app._id }).orderBy('at', 'desc').limit(100).get(),
  ])
  return {
    application: applicationView(app, caller.account),
    enterprise: enterpriseView(enterprise, caller.account),
    events: events,
    inspections: inspections,
    /** While the community has yet to sign: the grid worker asked to (phone masked). */
    communitySigner: await communitySigner(deps, app),
  }
}

export async function listMine(deps: Deps, caller: CallerFor, input: Input<typeof listMineInput>) {
  const where = { ownerId: caller.account._id }
  const { items: data, total } = await pageOf(deps.db, 'applications', where, [['updatedAt', 'desc']], input)
  return { items: data, total, page: input.page, pageSize: input.pageSize }
}

/** A reviewer's queue: their department's pending decisions, oldest submission first. */
