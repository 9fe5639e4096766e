import { randomBytes } from 'node:crypto'
import { COMMITMENT_PARTIES, type CommitmentParty } from '../../../shared/application'
import { AppError } from '../../../shared/errors'
import { scopeContains } from '../../../shared/roles'
import { APP_PAGES, pageUrl } from '../../../shared/routes'
import type { commitInput } from '../../../shared/schemas/application'
import type { AccountDoc } from '../../_lib/accounts'
import { txCol, txGet } from '../../_lib/collections'
import { notify } from '../../_lib/notify'
import type { CallerFor, Deps, Transaction, Input } from '../../_lib/runtime'
import type { ApplicationDoc, EnterpriseDoc, PlateDoc } from '../model'
import { event, ownsEnterprise } from './access'

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
    const app = await txGet(t, 'applications', input.applicationId)
    if (!app) throw new AppError('NOT_FOUND', '没有找到这份申请')
    const e = await txGet(t, 'enterprises', app.enterpriseId)
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
  return { application: saved! }
}

const PARTY_LABEL: Record<CommitmentParty, string> = {
  enterprise: '企业',
  community: '社区',
  person: '责任人',
}
