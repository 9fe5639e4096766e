import { AppError } from '../../../shared/errors'
import { SLOT_LABELS } from '../../../shared/health'
import {
  checkId,
  findingOf,
  findingText,
  onsiteStaffId,
  onsiteWindowAt,
  stopsWork,
} from '../../../shared/onsite'
import { ONSITE_PAGES, pageUrl } from '../../../shared/routes'
import type { confirmCheckInput, recordCheckInput } from '../../../shared/schemas/onsite'
import { shanghaiDate } from '../../../shared/time'
import { allow } from '../../_lib/access'
import { auditEntry } from '../../_lib/audit'
import { col, getDoc, txCol, txGet } from '../../_lib/collections'
import { staffFor } from '../../_lib/contacts'
import { isDuplicateKey } from '../../_lib/errors'
import { notify, wechatTime } from '../../_lib/notify'
import type { CallerFor, Deps, Input, Transaction } from '../../_lib/runtime'
import { rulesFor } from '../../_lib/settings'
import type { EnterpriseDoc } from '../../application/model'
import type { OnsiteCaseDoc, OnsiteCheckDoc } from '../model'
import { checkView, loadEnterprise, placeOfEnterprise, requireApproved, windowsText } from './common'

/**
 * One check for the window open now: the person's own, or one the officer (or owner) records for them; what the
 * officer or owner enters counts as confirmed. One per person per window: the check's id names the window and the store's unique index
 * holds it, so a double tap writes once; the same submission retried (same requestId) gets the first answer.
 * A positive antigen or a fever stops the person working, opens a case and flags the enterprise — in the same
 * transaction as the check, with its audit entry — and then alerts the epidemic team and the grid worker.
 */
export async function record(deps: Deps, caller: CallerFor, input: Input<typeof recordCheckInput>) {
  const { e, people } = await loadEnterprise(deps, input.enterpriseId)
  const subject = input.accountId ?? caller.account._id
  allow(caller, { people: [...people, subject], scope: placeOfEnterprise(e) })
  await requireApproved(deps, e)
  const staffId = onsiteStaffId(e._id, subject)
  const staff = await getDoc(deps, 'onsite_staff', staffId)
  if (!staff?.onSite) throw new AppError('ONSITE_NOT_ON_SITE')
  const now = deps.now()
  const rules = await rulesFor(deps, e.streetId, shanghaiDate(now))
  const current = onsiteWindowAt(now, rules)
  if (!current)
    throw new AppError('ONSITE_WINDOW_CLOSED', `现在不在一日两检的检测时间内。${windowsText(rules)}`)
  const id = checkId(staffId, current.date, current.slot)
  const repeat = async () => {
    const existing = (await getDoc(deps, 'onsite_checks', id))!
    if (input.requestId && existing.requestId === input.requestId)
      return { check: checkView(existing), stopped: stopsWork(existing), repeated: true }
    throw new AppError('ONSITE_ALREADY_CHECKED')
  }
  // A stopped person has an open case: no more checks until the epidemic team closes it.
  if (staff.stopped) {
    if (input.requestId && (await getDoc(deps, 'onsite_checks', id))) return repeat()
    throw new AppError('ONSITE_STOPPED')
  }
  const finding = findingOf(input.temperature, input.antigen, rules)
  const byOther = subject !== caller.account._id
  // Entered by the officer (or owner) — for someone else or for themselves — it needs no further confirmation.
  const confirmed = byOther || people.includes(caller.account._id)
  const who = { accountId: caller.account._id, name: caller.account.name }
  const check: OnsiteCheckDoc = {
    _id: id,
    enterpriseId: e._id,
    ...placeOfEnterprise(e),
    staffId,
    accountId: subject,
    name: staff.name,
    date: current.date,
    slot: current.slot,
    status: 'done',
    temperature: input.temperature,
    antigen: input.antigen,
    photo: input.photo ?? null,
    pcrSampled: input.pcrSampled,
    ...finding,
    recordedBy: byOther ? who : null,
    confirmedBy: confirmed ? who : null,
    confirmedAt: confirmed ? now : null,
    requestId: input.requestId ?? null,
    at: now,
  }
  const stop = stopsWork(finding)
  const caseDoc: OnsiteCaseDoc | undefined = stop
    ? {
        _id: id,
        checkId: id,
        staffId,
        accountId: subject,
        name: staff.name,
        enterpriseId: e._id,
        enterpriseName: e.name,
        ...placeOfEnterprise(e),
        ...finding,
        temperature: input.temperature,
        status: 'open',
        createdAt: now,
        closedAt: null,
        closedBy: null,
        note: null,
      }
    : undefined
  try {
    await deps.db.runTransaction(async (t: Transaction) => {
      await txCol(t, 'onsite_checks').add(check)
      if (!caseDoc) return
      await txCol(t, 'onsite_cases').add(caseDoc)
      await txCol(t, 'onsite_staff')
        .doc(staffId)
        .update({ stopped: true, stoppedCaseId: caseDoc._id, updatedAt: now })
      const ent = await txGet(t, 'onsite_enterprises', e._id)
      await txCol(t, 'onsite_enterprises')
        .doc(e._id)
        .update({ openCases: (ent?.openCases ?? 0) + 1, flagged: true, updatedAt: now })
      await txCol(t, 'audit_logs').add({
        _id: deps.newId(),
        ...auditEntry(caller.account, {
          action: 'onsite.stop',
          target: `onsite:${staffId}`,
          before: { stopped: false },
          after: { stopped: true, caseId: caseDoc._id, ...finding, temperature: input.temperature },
          at: now,
          streetId: e.streetId,
          communityId: e.communityId,
        }),
      })
    })
  } catch (err) {
    if (!isDuplicateKey(err)) throw err
    return repeat()
  }
  if (caseDoc) await alertCase(deps, e, caseDoc)
  return { check: checkView(check), stopped: stop, repeated: false }
}

/** The epidemic team of the street and the enterprise's grid worker, at once: inbox and subscribe message. */
async function alertCase(deps: Deps, e: EnterpriseDoc, c: OnsiteCaseDoc): Promise<void> {
  const { data: team } = await col(deps.db, 'accounts')
    .where({ 'scope.streetId': e.streetId, role: 'reviewer', department: 'epidemic', disabled: false })
    .limit(50)
    .get()
  const gridWorker = await staffFor(deps.db, e.gridId, 'gridWorker')
  const to = [...new Set([...team.map((a) => a._id), ...(gridWorker ? [gridWorker._id] : [])])]
  const what = findingText(c, c.temperature)
  for (const accountId of to)
    await notify(deps, {
      accountId,
      title: c.positive ? '企业职工抗原阳性' : '企业职工发热',
      body: `${e.name}的${c.name}在一日两检中${what}，已标记为不得上岗，请防疫专业队伍立即处置。`,
      link: pageUrl(ONSITE_PAGES.board, { enterpriseId: e._id }),
      subscribe: {
        kind: 'feverAlert',
        data: {
          person: `${c.name}（${e.name}）`,
          temperature: what,
          time: wechatTime(c.createdAt),
          note: '已停止上岗，请立即处置',
        },
      },
    })
}

/** The officer (or owner) confirms a check the person recorded. Confirming twice answers the same. */
export async function confirm(deps: Deps, caller: CallerFor, input: Input<typeof confirmCheckInput>) {
  const c = await getDoc(deps, 'onsite_checks', input.checkId)
  if (!c) throw new AppError('NOT_FOUND', '没有找到这条检测记录')
  const { e, people } = await loadEnterprise(deps, c.enterpriseId)
  allow(caller, { people, scope: placeOfEnterprise(e) })
  if (c.status !== 'done')
    throw new AppError('CONFLICT', `${c.name}${SLOT_LABELS[c.slot]}没有检测，没有可确认的记录`)
  const now = deps.now()
  await col(deps.db, 'onsite_checks')
    .where({ _id: c._id, confirmedAt: null })
    .update({ confirmedBy: { accountId: caller.account._id, name: caller.account.name }, confirmedAt: now })
  return { check: checkView((await getDoc(deps, 'onsite_checks', c._id))!) }
}
