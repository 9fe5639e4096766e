import { randomBytes } from 'node:crypto'
import { COMMITMENT_PARTIES, type CommitmentParty } from '../../../shared/application'
import { AppError } from '../../../shared/errors'
import { APP_PAGES, pageUrl } from '../../../shared/routes'
import type { Contact } from '../../../shared/account'
import type { commitInput, signaturesInput } from '../../../shared/schemas/application'
import { allow, scopeFilter } from '../../_lib/access'
import { txCol, txGet } from '../../_lib/collections'
import { contactOf, staffFor } from '../../_lib/contacts'
import { pageOf } from '../../_lib/paging'
import { notify } from '../../_lib/notify'
import type { CallerFor, Deps, Transaction, Input } from '../../_lib/runtime'
import type { ApplicationDoc, PlateDoc } from '../model'
import { applicationView, event, peopleOf, scopeOf } from './access'

export async function commit(deps: Deps, caller: CallerFor, input: Input<typeof commitInput>) {
  const now = deps.now()
  let saved: ApplicationDoc | undefined
  let plateId: string | undefined
  await deps.db.runTransaction(async (t: Transaction) => {
    const app = await txGet(t, 'applications', input.applicationId)
    if (!app) throw new AppError('NOT_FOUND', '没有找到这份申请')
    const e = await txGet(t, 'enterprises', app.enterpriseId)
    if (!e) throw new AppError('NOT_FOUND', '没有找到这家企业')
    allow(caller, { party: input.party, people: peopleOf(e), scope: scopeOf(app) })
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
    await txCol(t, 'application_events').add(
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
      await txCol(t, 'plates').add(plate)
      await txCol(t, 'enterprises').doc(app.enterpriseId).update({ openApplicationId: null })
      await txCol(t, 'application_events').add(event(deps, caller, app, 'reopened', 'approved', 'reopened'))
    }
    await txCol(t, 'applications').doc(app._id).update(changes)
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
      link: pageUrl(APP_PAGES.plate, { id: saved!._id }),
    })
  }
  return { application: applicationView(saved!, caller.account) }
}

const PARTY_LABEL: Record<CommitmentParty, string> = {
  enterprise: '企业',
  community: '社区',
  person: '责任人',
}

/**
 * Who signs for the community: the grid worker of the enterprise's grid (any grid worker of the community, or
 * its admin, may, but this is the one asked). The owner sees the name and a masked phone: who it is, and that
 * the message reached them; the call goes the other way.
 */
export async function communitySigner(deps: Deps, app: ApplicationDoc): Promise<Contact | null> {
  if (app.status !== 'approved' || app.commitments.community) return null
  const gridWorker = await staffFor(deps.db, app.gridId, 'gridWorker')
  return gridWorker ? contactOf(gridWorker, '网格员，代表社区签署', { masked: true }) : null
}

/** Three approvals: the grid worker of the enterprise's grid is asked to sign for the community. */
export async function askCommunityToSign(deps: Deps, app: ApplicationDoc): Promise<void> {
  const gridWorker = await staffFor(deps.db, app.gridId, 'gridWorker')
  if (!gridWorker) return
  await notify(deps, {
    accountId: gridWorker._id,
    title: '请代表社区签署三方承诺',
    body: `${app.enterpriseName}的复工申请已通过审核，请核实后在“复工签署”中代表社区签署承诺书。`,
    link: pageUrl(APP_PAGES.commit, { id: app._id }),
  })
}

/** The commitments waiting for the community's signature in the caller's scope (a grid worker: their grid). */
export async function signatures(deps: Deps, caller: CallerFor, input: Input<typeof signaturesInput>) {
  const where = {
    ...scopeFilter(caller.account),
    status: 'approved',
    'commitments.community': deps.db.command.exists(false),
  }
  const page = await pageOf(deps.db, 'applications', where, [['decidedAt', 'asc']], input)
  return {
    ...page,
    items: page.items.map((a) => ({
      _id: a._id,
      enterpriseName: a.enterpriseName,
      kind: a.kind,
      decidedAt: a.decidedAt ?? a.updatedAt,
      /** How many of the other two parties have signed already. */
      signed: COMMITMENT_PARTIES.filter((p) => a.commitments[p]).length,
    })),
  }
}
