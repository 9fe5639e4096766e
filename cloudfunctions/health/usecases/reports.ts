import { AppError } from '../../../shared/errors'
import {
  isAbnormal,
  isFever,
  slotAt,
  slotPhase,
  slotState,
  slotWindowsText,
  SLOT_LABELS,
  SLOTS,
  reportId,
} from '../../../shared/health'
import { maskIdNumber } from '../../../shared/mask'
import { HEALTH_PAGES, pageUrl } from '../../../shared/routes'
import type { historyInput, recordForInput, reportInput } from '../../../shared/schemas/health'
import { shanghaiDate } from '../../../shared/time'
import { logAccess } from '../../_lib/accessLog'
import { col, getDoc } from '../../_lib/collections'
import { isDuplicateKey } from '../../_lib/errors'
import { notify, wechatTime } from '../../_lib/notify'
import { activeQuarantineOf } from '../../_lib/quarantines'
import type { CallerFor, Deps, Input } from '../../_lib/runtime'
import { rulesFor } from '../../_lib/settings'
import type { QuarantineDoc, ReportDoc } from '../model'
import { publicQuarantine, quarantineInScope, recentReports } from './quarantines'

export async function myStatus(deps: Deps, caller: CallerFor) {
  const now = deps.now()
  const today = shanghaiDate(now)
  const rules = await rulesFor(deps, caller.account.scope.streetId, today)
  const { data: decl } = await col(deps.db, 'declarations')
    .where({ accountId: caller.account._id })
    .orderBy('createdAt', 'desc')
    .limit(1)
    .get()
  const declaration = decl[0]
  const q = await activeQuarantineOf(deps, caller.account._id)
  const reports = q ? await recentReports(deps, q._id) : []
  const todaySlots = SLOTS.map((slot) => {
    const r = reports.find((x) => x.date === today && x.slot === slot)
    return {
      slot,
      window: rules.slots[slot],
      /** The one reading of the slot's state, the board's too: the card shows it as it is. */
      state: slotState(r, slotPhase(today, slot, now, rules)),
      report: r ? { status: r.status, temperature: r.temperature, fever: r.fever, at: r.at } : null,
    }
  })
  return {
    declaration: declaration
      ? {
          classification: declaration.classification,
          createdAt: declaration.createdAt,
          idNumber: declaration.idNumber,
        }
      : null,
    quarantine: q ? publicQuarantine(q, today) : null,
    currentSlot: slotAt(now, rules),
    today,
    todaySlots,
    feverThreshold: rules.feverThreshold,
    readings: reports
      .filter((r) => r.status === 'reported')
      .map((r) => ({ date: r.date, slot: r.slot, temperature: r.temperature, fever: r.fever, at: r.at }))
      .reverse(),
  }
}

async function storeReport(
  deps: Deps,
  q: QuarantineDoc,
  input: Input<typeof reportInput>,
  recordedBy: ReportDoc['recordedBy'],
): Promise<{ report: ReportDoc; repeated: boolean }> {
  const now = deps.now()
  const rules = await rulesFor(deps, q.streetId, shanghaiDate(now))
  const current = slotAt(now, rules)
  if (!current) {
    throw new AppError('REPORT_SLOT_CLOSED', `现在不在报备时间内。${slotWindowsText(rules)}`)
  }
  const report: ReportDoc = {
    _id: reportId(q._id, current.date, current.slot),
    quarantineId: q._id,
    accountId: q.accountId,
    streetId: q.streetId,
    communityId: q.communityId,
    gridId: q.gridId,
    date: current.date,
    slot: current.slot,
    status: 'reported',
    temperature: input.temperature,
    symptoms: input.symptoms,
    fever: isFever(input.temperature, rules),
    abnormal: isAbnormal(input.temperature, input.symptoms, rules),
    requestId: input.requestId,
    recordedBy,
    at: now,
  }
  try {
    await col(deps.db, 'reports').add(report)
  } catch (e) {
    if (!isDuplicateKey(e)) throw e
    const existing = (await getDoc(deps, 'reports', report._id))!
    // The same submission retried (double tap, flaky network) gets the original answer.
    if (existing.requestId === input.requestId) return { report: existing, repeated: true }
    throw new AppError('REPORT_ALREADY_SUBMITTED')
  }
  if (report.abnormal) await alertAbnormal(deps, q, report)
  return { report, repeated: false }
}

/** Fever or symptoms: butler and grid worker at once; a second fever in a row also the epidemic team. */
async function alertAbnormal(deps: Deps, q: QuarantineDoc, report: ReportDoc): Promise<void> {
  const what = report.fever ? `体温 ${report.temperature!.toFixed(1)}℃` : '有症状'
  for (const staffId of [q.butlerId, q.gridWorkerId]) {
    if (staffId) {
      await notify(deps, {
        accountId: staffId,
        title: report.fever ? '发热提醒' : '症状提醒',
        body: `${q.name}（${q.building}栋${q.room}）${report.date} ${SLOT_LABELS[report.slot]}报备${what}，请尽快联系。`,
        link: pageUrl(HEALTH_PAGES.history, { id: q._id }),
        subscribe: {
          kind: 'feverAlert',
          data: {
            person: `${q.name}（${q.building}栋${q.room}）`,
            temperature: report.fever ? `${report.temperature!.toFixed(1)}℃` : '有症状',
            time: wechatTime(report.at),
            note: '请尽快联系了解情况',
          },
        },
      })
    }
  }
  if (!report.fever) return
  const [latest, previous] = await recentReports(deps, q._id, 2)
  if (latest?._id === report._id && previous?.status === 'reported' && previous.fever) {
    const { data: team } = await col(deps.db, 'accounts')
      .where({ 'scope.streetId': q.streetId, role: 'reviewer', department: 'epidemic', disabled: false })
      .limit(50)
      .get()
    for (const member of team) {
      await notify(deps, {
        accountId: member._id,
        title: '连续发热，请防疫专业队伍处置',
        body: `${q.name}（${q.building}栋${q.room}）连续两次体温达到发热标准，最近一次 ${report.temperature!.toFixed(1)}℃。`,
        link: pageUrl(HEALTH_PAGES.history, { id: q._id }),
      })
    }
  }
}

function reportView(r: ReportDoc) {
  return {
    date: r.date,
    slot: r.slot,
    status: r.status,
    temperature: r.temperature,
    symptoms: r.symptoms,
    fever: r.fever,
    abnormal: r.abnormal,
    at: r.at,
    recordedBy: r.recordedBy?.name ?? null,
  }
}

export async function report(deps: Deps, caller: CallerFor, input: Input<typeof reportInput>) {
  const q = await activeQuarantineOf(deps, caller.account._id)
  if (!q) throw new AppError('NOT_IN_QUARANTINE')
  const { report: r, repeated } = await storeReport(deps, q, input, null)
  return { report: reportView(r), repeated }
}

export async function recordFor(deps: Deps, caller: CallerFor, input: Input<typeof recordForInput>) {
  const { quarantineId, ...reading } = input
  const q = await quarantineInScope(deps, caller, quarantineId)
  if (q.status === 'released') throw new AppError('NOT_IN_QUARANTINE', '这位人员已解除隔离')
  const { report: r, repeated } = await storeReport(deps, q, reading, {
    accountId: caller.account._id,
    name: caller.account.name,
  })
  await logAccess(deps, caller.account, q.accountId, 'recordFor')
  return { report: reportView(r), repeated }
}

export async function history(deps: Deps, caller: CallerFor, input: Input<typeof historyInput>) {
  const q = input.quarantineId
    ? await quarantineInScope(deps, caller, input.quarantineId)
    : await activeQuarantineOf(deps, caller.account._id)
  if (!q) throw new AppError('NOT_IN_QUARANTINE')
  if (q.accountId !== caller.account._id) await logAccess(deps, caller.account, q.accountId, 'history')
  const { data } = await col(deps.db, 'reports')
    .where({ quarantineId: q._id })
    .orderBy('at', 'asc')
    .limit(200)
    .get()
  const declaration = await getDoc(deps, 'declarations', q.declarationId)
  const seesId = q.accountId === caller.account._id || caller.account.role === 'admin'
  return {
    quarantine: { ...publicQuarantine(q, shanghaiDate(deps.now())), phone: q.phone, changes: q.changes },
    idNumber: declaration ? (seesId ? declaration.idNumber : maskIdNumber(declaration.idNumber)) : null,
    reports: data.map(reportView),
  }
}
