/** The reopening plate: issuing its view, the public check, revocation and the follow-up inspection. */
import { nextState, plateStanding, plateStandingText } from '../../../shared/application'
import { maskCreditCode } from '../../../shared/enterprise'
import { AppError } from '../../../shared/errors'
import { DEPARTMENTS, DEPARTMENT_LABELS, scopeContains } from '../../../shared/roles'
import { APP_PAGES, pageUrl } from '../../../shared/routes'
import type { inspectInput, revokePlateInput } from '../../../shared/schemas/application'
import { getDoc, txCol, txGet } from '../../_lib/collections'
import { publicUrl, qrDataUrl } from '../../_lib/links'
import { notify } from '../../_lib/notify'
import type { CallerFor, Deps, Transaction, Input } from '../../_lib/runtime'
import type { ApplicationDoc, InspectionDoc } from '../model'
import { event, scopeOf } from './access'
import { get } from './applications'

export async function plate(deps: Deps, caller: CallerFor, input: { applicationId: string }) {
  const { application: app, enterprise } = await get(deps, caller, input)
  if (!app.plateId) throw new AppError('NOT_FOUND', '这份申请还没有公示牌')
  const p = (await getDoc(deps, 'plates', app.plateId))!
  const verifyUrl = publicUrl(APP_PAGES.verify, { token: p._id })
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
    standing: plateStanding({ revokedAt: p.revokedAt, rectify: app.rectify }),
    revokedAt: p.revokedAt ?? null,
  }
}

/** Public: anyone scanning the plate learns whether it is valid now. Nothing personal is returned. */
export async function verifyPlate(deps: Deps, _caller: CallerFor<'public'>, input: { token: string }) {
  const p = await getDoc(deps, 'plates', input.token)
  if (!p) throw new AppError('NOT_FOUND', '没有查到这块公示牌，二维码可能不是本街道发放的')
  const app = (await getDoc(deps, 'applications', p.applicationId))!
  const e = (await getDoc(deps, 'enterprises', p.enterpriseId))!
  // The standing after every inspection: the findings stay with the enterprise and staff, the date is public.
  const standing = plateStanding({ revokedAt: p.revokedAt, rectify: app.rectify })
  return {
    valid: !p.revokedAt,
    standing,
    standingText: plateStandingText(standing, app.rectify?.deadline),
    rectifyDeadline: standing === 'rectify' ? app.rectify!.deadline : null,
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
  await txCol(t, 'applications').doc(app._id).update({ status: 'revoked', revokedAt: now, updatedAt: now })
  await txCol(t, 'plates').doc(app.plateId!).update({ revokedAt: now, revokeReason: reason })
  await txCol(t, 'application_events').add(
    event(deps, caller, app, 'revoked', app.status, 'revoked', { comment: reason }),
  )
}

export async function revokePlate(deps: Deps, caller: CallerFor, input: Input<typeof revokePlateInput>) {
  await deps.db.runTransaction(async (t: Transaction) => {
    const app = await txGet(t, 'applications', input.applicationId)
    if (!app) throw new AppError('NOT_FOUND', '没有找到这份申请')
    if (!scopeContains(caller.account.scope, scopeOf(app))) throw new AppError('FORBIDDEN_SCOPE')
    await revokeWithin(deps, t, caller, app, input.reason)
  })
  const app = (await getDoc(deps, 'applications', input.applicationId))!
  await notify(deps, {
    accountId: app.ownerId,
    title: '复工公示牌已撤销',
    body: `${app.enterpriseName}的复工公示牌已被撤销：${input.reason}`,
    link: pageUrl(APP_PAGES.detail, { id: app._id }),
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
    app = await txGet(t, 'applications', applicationId)
    if (!app) throw new AppError('NOT_FOUND', '没有找到这份申请')
    if (!scopeContains(caller.account.scope, scopeOf(app))) throw new AppError('FORBIDDEN_SCOPE')
    if (app.status !== 'reopened')
      throw new AppError('APPLICATION_NOT_REOPENED', '只能对已复工的企业进行回头看检查')
    await txCol(t, 'inspections').add({
      ...inspection,
      enterpriseId: app.enterpriseId,
      streetId: app.streetId,
    })
    await txCol(t, 'application_events').add(
      event(deps, caller, app, 'inspected', app.status, app.status, { comment: record.findings }),
    )
    if (record.result === 'rectify') {
      await txCol(t, 'applications')
        .doc(app._id)
        .update({
          rectify: { deadline: record.rectifyDeadline!, findings: record.findings, at: now },
          updatedAt: now,
        })
    }
    // A passing inspection after a rectification: it has been put right.
    if (record.result === 'pass' && app.rectify)
      await txCol(t, 'applications').doc(app._id).update({ rectify: null, updatedAt: now })
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
    link: pageUrl(APP_PAGES.detail, { id: app!._id }),
  })
  return { inspection }
}
