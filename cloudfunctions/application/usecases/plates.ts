/** The reopening plate: issuing its view, the public check, revocation and the follow-up inspection. */
import { nextState, plateStanding, plateStandingText } from '../../../shared/application'
import { maskCreditCode } from '../../../shared/enterprise'
import { AppError } from '../../../shared/errors'
import { DEPARTMENTS, DEPARTMENT_LABELS } from '../../../shared/roles'
import { APP_PAGES, pageUrl } from '../../../shared/routes'
import type { inspectInput, revokePlateInput } from '../../../shared/schemas/application'
import { allow } from '../../_lib/access'
import { getDoc, txCol, txGet } from '../../_lib/collections'
import { publicUrl, qrDataUrl } from '../../_lib/links'
import { isDuplicateKey } from '../../_lib/errors'
import { notify } from '../../_lib/notify'
import { onceId } from '../../_lib/once'
import type { CallerFor, Deps, Transaction, Input } from '../../_lib/runtime'
import type { ApplicationDoc, InspectionDoc } from '../model'
import { applicationView, event, membersOf, scopeOf } from './access'
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

/** The application, if the caller may decide on it: inside their scope, and no stake in the enterprise. */
async function decidable(deps: Deps, caller: CallerFor, applicationId: string): Promise<ApplicationDoc> {
  const app = await getDoc(deps, 'applications', applicationId)
  if (!app) throw new AppError('NOT_FOUND', '没有找到这份申请')
  const e = await getDoc(deps, 'enterprises', app.enterpriseId)
  if (!e) throw new AppError('NOT_FOUND', '没有找到这家企业')
  allow(caller, { scope: scopeOf(app), members: await membersOf(deps, caller.account, e) })
  return app
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
  await decidable(deps, caller, input.applicationId)
  await deps.db.runTransaction(async (t: Transaction) => {
    const app = await txGet(t, 'applications', input.applicationId)
    if (!app) throw new AppError('NOT_FOUND', '没有找到这份申请')
    await revokeWithin(deps, t, caller, app, input.reason)
  })
  const app = (await getDoc(deps, 'applications', input.applicationId))!
  await notify(deps, {
    accountId: app.ownerId,
    title: '复工公示牌已撤销',
    body: `${app.enterpriseName}的复工公示牌已被撤销：${input.reason}`,
    link: pageUrl(APP_PAGES.detail, { id: app._id }),
  })
  return { application: applicationView(app, caller.account) }
}

export async function inspect(deps: Deps, caller: CallerFor, input: Input<typeof inspectInput>) {
  const now = deps.now()
  const { applicationId, requestId, ...record } = input
  const id = onceId(caller.account, requestId, deps.newId)
  let app: ApplicationDoc | undefined
  const inspection: Omit<InspectionDoc, 'enterpriseId' | 'streetId'> = {
    _id: id,
    applicationId,
    inspectorId: caller.account._id,
    inspectorName: caller.account.name,
    inspectorRole: caller.account.role,
    ...record,
    at: now,
  }
  await decidable(deps, caller, applicationId)
  const replay = async () => {
    const made = await getDoc(deps, 'inspections', id)
    if (!made || made.inspectorId !== caller.account._id) return undefined
    const { enterpriseId: _e, streetId: _s, ...view } = made
    return { inspection: view }
  }
  const again = requestId ? await replay() : undefined
  if (again) return again
  try {
    await deps.db.runTransaction(async (t: Transaction) => {
      app = await txGet(t, 'applications', applicationId)
      if (!app) throw new AppError('NOT_FOUND', '没有找到这份申请')
      // The record first: a double tap of the same request stops here, on its duplicate id.
      await txCol(t, 'inspections').add({
        ...inspection,
        enterpriseId: app.enterpriseId,
        streetId: app.streetId,
      })
      if (app.status !== 'reopened')
        throw new AppError('APPLICATION_NOT_REOPENED', '只能对已复工的企业进行回头看检查')
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
  } catch (e) {
    const made = requestId && isDuplicateKey(e) ? await replay() : undefined
    if (made) return made
    throw e
  }
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
