import { nextState, roundOutcome } from '../../../shared/application'
import { AppError } from '../../../shared/errors'
import { DEPARTMENT_LABELS } from '../../../shared/roles'
import { APP_PAGES, pageUrl } from '../../../shared/routes'
import type { listForReviewInput, reviewInput } from '../../../shared/schemas/application'
import { allow } from '../../_lib/access'
import { col, getDoc, txCol, txGet } from '../../_lib/collections'
import { notify, wechatTime } from '../../_lib/notify'
import type { CallerFor, Deps, Transaction, Input } from '../../_lib/runtime'
import type { ApplicationDoc } from '../model'
import { applicationView, enterprisesOf, event, membersOf, scopeOf } from './access'
import { askCommunityToSign } from './commitments'
import { pageOf, escapeRegExp } from '../../_lib/paging'

export async function listForReview(deps: Deps, caller: CallerFor, input: Input<typeof listForReviewInput>) {
  const _ = deps.db.command
  const department = caller.account.department
  if (!department) throw new AppError('FORBIDDEN_ROLE', '您的账号没有设置审核部门')
  const streetId = caller.account.scope.streetId
  const pending = { streetId, status: 'reviewing', pendingDepartments: department }
  const decided = { streetId, [`reviews.${department}`]: _.exists(true) }
  const base = input.status === 'pending' ? pending : decided
  const escaped = input.search && escapeRegExp(input.search)
  const where = escaped
    ? _.and([
        base,
        _.or([
          { enterpriseName: deps.db.RegExp({ regexp: escaped, options: 'i' }) },
          { creditCode: deps.db.RegExp({ regexp: `^${escaped.toUpperCase()}`, options: '' }) },
        ]),
      ])
    : base
  const order = input.status === 'pending' ? 'asc' : 'desc'
  const [page, { total: pendingCount }, stakes] = await Promise.all([
    pageOf(deps.db, 'applications', where, [['submittedAt', order]], input),
    col(deps.db, 'applications').where(pending).count(),
    enterprisesOf(deps, caller.account),
  ])
  // Listed as they are, marked where the reviewer must stand aside: the review itself refuses them.
  const items = page.items.map((app) => ({
    ...applicationView(app, caller.account, 'list'),
    conflicted: stakes.has(app.enterpriseId),
  }))
  return { ...page, items, pendingCount, department }
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
  const first = await getDoc(deps, 'applications', input.applicationId)
  if (!first) throw new AppError('NOT_FOUND', '没有找到这份申请')
  const enterprise = await getDoc(deps, 'enterprises', first.enterpriseId)
  if (!enterprise) throw new AppError('NOT_FOUND', '没有找到这家企业')
  // A reviewer who owns, manages or works for the enterprise stands aside (conflict of interest).
  allow(caller, { scope: scopeOf(first), members: await membersOf(deps, caller.account, enterprise) })
  let outcome: ReturnType<typeof roundOutcome>
  let saved: ApplicationDoc | undefined
  await deps.db.runTransaction(async (t: Transaction) => {
    const app = await txGet(t, 'applications', input.applicationId)
    if (!app) throw new AppError('NOT_FOUND', '没有找到这份申请')
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
    await txCol(t, 'applications')
      .doc(app._id)
      .update({
        [`reviews.${department}`]: decision,
        status: to,
        pendingDepartments,
        updatedAt: now,
        ...(outcome ? { decidedAt: now } : {}),
      })
    await txCol(t, 'application_events').add(
      event(deps, caller, app, 'reviewed', app.status, app.status, {
        department,
        decision: input.decision,
        comment: input.comment,
      }),
    )
    if (outcome) {
      const type = outcome === 'approveAll' ? 'approved' : outcome === 'reject' ? 'rejected' : 'returned'
      await txCol(t, 'application_events').add(
        event(deps, caller, app, type, app.status, to, { comment: input.comment }),
      )
      // A rejection ends the application, freeing the enterprise to apply again; a return keeps it open.
      if (outcome === 'reject')
        await txCol(t, 'enterprises').doc(app.enterpriseId).update({ openApplicationId: null })
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
      link: pageUrl(APP_PAGES.detail, { id: app._id }),
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
    if (outcome === 'approveAll') await askCommunityToSign(deps, app)
  } else {
    await notify(deps, {
      accountId: app.ownerId,
      title: `${label}已审核通过`,
      body: `${app.enterpriseName}的复工申请已通过${label}审核，请等待其他部门审核。`,
      link: pageUrl(APP_PAGES.detail, { id: app._id }),
    })
  }
  return { application: applicationView(app, caller.account) }
}
