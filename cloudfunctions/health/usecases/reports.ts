import { AppError } from '../../../shared/errors'
import {
  isAbnormal,
  isFever,
  slotAt,
  slotDue,
  slotPhase,
  slotState,
  slotWindowsText,
  SLOT_LABELS,
  SLOTS,
  reportId,
  revisionId,
} from '../../../shared/health'
import { personSeer, shown } from '../../../shared/mask'
import { HEALTH_PAGES, pageUrl } from '../../../shared/routes'
import type {
  historyInput,
  recordForInput,
  reportInput,
  reviseReportInput,
} from '../../../shared/schemas/health'
import { shanghaiDate } from '../../../shared/time'
import type { Contact } from '../../../shared/account'
import { logAccess } from '../../_lib/accessLog'
import { contactOf, GRID_STAFF_LIMIT, gridStaff, gridStaffFilter, pickGridStaff } from '../../_lib/contacts'
import { col, getDoc, txCol, txGet } from '../../_lib/collections'
import { isDuplicateKey } from '../../_lib/errors'
import { notify, wechatTime } from '../../_lib/notify'
import { activeQuarantineOf, openQuarantineOf } from '../../_lib/quarantines'
import type { CallerFor, Deps, Input, Transaction } from '../../_lib/runtime'
import { rulesFor } from '../../_lib/settings'
import type { AccountDoc, OpenQuarantine } from '../../_lib/accounts'
import type { DeclarationDoc, QuarantineDoc, ReportDoc, ReportRevisionDoc } from '../model'
import { publicQuarantine, quarantineInScope, recentReports } from './quarantines'

export async function myStatus(deps: Deps, caller: CallerFor) {
  const now = deps.now()
  const today = shanghaiDate(now)
  // The account says whether there is an open quarantine (no trip): then one aggregation reads it with its recent
  // reports, the person's latest declaration and the grid's staff; otherwise only the declaration is read.
  const open = await openQuarantineOf(deps, caller.account)
  const [rules, { quarantine: q, reports, declaration, contacts }] = await Promise.all([
    rulesFor(deps, caller.account.scope.streetId, today),
    open
      ? quarantineRecords(deps, caller.account._id, open)
      : latestDeclaration(deps, caller.account._id).then((d) => ({ ...NO_QUARANTINE, declaration: d })),
  ])
  const todaySlots = SLOTS.map((slot) => {
    const r = reports.find((x) => x.date === today && x.slot === slot)
    return {
      slot,
      window: rules.slots[slot],
      /** The one reading of the slot's state, the board's too: the card shows it as it is. */
      state: slotState(r, slotPhase(today, slot, now, rules), !q || slotDue(q.createdAt, today, slot, rules)),
      report: r
        ? {
            status: r.status,
            temperature: r.temperature,
            fever: r.fever,
            at: r.at,
            /** The second readings already made for this slot: each kind is allowed once. */
            revisions: r.revisions ?? [],
          }
        : null,
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
    quarantine: q ? publicQuarantine(q, today, caller.account) : null,
    /** Whom to call: the butler and grid worker looking after the person, phones in full. */
    contacts,
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

async function latestDeclaration(deps: Deps, accountId: string): Promise<DeclarationDoc | undefined> {
  const { data } = await col(deps.db, 'declarations')
    .where({ accountId })
    .orderBy('createdAt', 'desc')
    .limit(1)
    .get()
  return data[0]
}

/** What the person's card shows of an open quarantine, read in one trip (quarantineRecords). */
interface QuarantineRecords {
  quarantine: QuarantineDoc | undefined
  /** Newest first, as recentReports reads them. */
  reports: ReportDoc[]
  declaration: DeclarationDoc | undefined
  contacts: Contact[]
}

const NO_QUARANTINE: QuarantineRecords = {
  quarantine: undefined,
  reports: [],
  declaration: undefined,
  contacts: [],
}

/**
 * The open quarantine the account carries, with its recent reports, the person's latest declaration and the grid's
 * active staff, in one aggregation: the quarantine by id, each of the others a `$lookup` whose sub-pipeline is the
 * query it replaces (the same filter, order and limit as recentReports, latestDeclaration and gridStaff; each served
 * by its index). Should the quarantine be gone, the declaration alone is read; staff assigned elsewhere are read
 * apart, as gridStaff does.
 */
async function quarantineRecords(
  deps: Deps,
  accountId: string,
  open: OpenQuarantine,
): Promise<QuarantineRecords> {
  const $ = deps.db.command.aggregate
  const assigned = (q: QuarantineDoc) => ({ butler: q.butlerId, gridWorker: q.gridWorkerId })
  const roles: Contact['role'][] = ['butler', 'gridWorker']
  const { data } = (await col(deps.db, 'quarantines')
    .aggregate()
    .match({ _id: open._id })
    .lookup({
      from: 'reports',
      pipeline: $.pipeline().match({ quarantineId: open._id }).sort({ at: -1 }).limit(40).done(),
      as: 'reports',
    })
    .lookup({
      from: 'declarations',
      pipeline: $.pipeline().match({ accountId }).sort({ createdAt: -1 }).limit(1).done(),
      as: 'declarations',
    })
    .lookup({
      from: 'accounts',
      pipeline: $.pipeline()
        .match(gridStaffFilter(deps.db, open.gridId, roles))
        .limit(GRID_STAFF_LIMIT)
        .done(),
      as: 'staff',
    })
    .end()) as {
    data: (QuarantineDoc & { reports: ReportDoc[]; declarations: DeclarationDoc[]; staff: AccountDoc[] })[]
  }
  const found = data[0]
  // The aggregation read the quarantine by its id: none found means none to read again.
  if (!found) return { ...NO_QUARANTINE, declaration: await latestDeclaration(deps, accountId) }
  const { reports, declarations, staff, ...quarantine } = found
  // The account's copy names the quarantine's grid; were they ever to differ, the grid's staff are read afresh.
  const contacts =
    quarantine.gridId === open.gridId
      ? contactsFrom(await pickGridStaff(deps.db, staff, assigned(quarantine)))
      : await quarantineContacts(deps, quarantine)
  return { quarantine, reports, declaration: declarations[0], contacts }
}

/** The butler and grid worker of a quarantine, as the person sees them: to be called, so in full. */
async function quarantineContacts(deps: Deps, q: QuarantineDoc): Promise<Contact[]> {
  return contactsFrom(
    await gridStaff(deps.db, q.gridId, {
      butler: q.butlerId,
      gridWorker: q.gridWorkerId,
    }),
  )
}

function contactsFrom({ butler, gridWorker }: Record<Contact['role'], AccountDoc | undefined>): Contact[] {
  return [
    butler && contactOf(butler, '社区管家：买菜买药、送东西'),
    gridWorker && contactOf(gridWorker, '网格员：身体不适、隔离期的问题'),
  ].filter((c): c is Contact => Boolean(c))
}

/** What a report needs of its quarantine: the account's copy (OpenQuarantine) or the quarantine itself. */
type ReportBasis = Pick<QuarantineDoc, '_id' | 'accountId' | 'streetId' | 'communityId' | 'gridId'>

async function storeReport(
  deps: Deps,
  q: ReportBasis | QuarantineDoc,
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
  if (report.abnormal) {
    // Rare: only then is the whole quarantine (name, room, its staff) read.
    const full = 'butlerId' in q ? q : await getDoc(deps, 'quarantines', q._id)
    if (full) await alertAbnormal(deps, full, report)
  }
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
    _id: r._id,
    date: r.date,
    slot: r.slot,
    status: r.status,
    temperature: r.temperature,
    symptoms: r.symptoms,
    fever: r.fever,
    abnormal: r.abnormal,
    at: r.at,
    recordedBy: r.recordedBy?.name ?? null,
    revisions: r.revisions ?? [],
  }
}

export async function report(deps: Deps, caller: CallerFor, input: Input<typeof reportInput>) {
  // The account carries its open quarantine: a report is the account read and one write (alerts aside).
  const q = await openQuarantineOf(deps, caller.account)
  if (!q) throw new AppError('NOT_IN_QUARANTINE')
  const { report: r, repeated } = await storeReport(
    deps,
    { ...q, accountId: caller.account._id },
    input,
    null,
  )
  return { report: reportView(r), repeated }
}

/**
 * A second reading for the slot in progress, by the person: a correction of a mistyped one, or a fever that
 * came on later in the same half-day. The slot's report takes the new reading (so every count and the board
 * read it once); the replaced one is kept as a revision for the history. Each kind once a slot; a retry with
 * the same request id gets the first answer.
 */
export async function revise(deps: Deps, caller: CallerFor, input: Input<typeof reviseReportInput>) {
  const q = await activeQuarantineOf(deps, caller.account._id)
  if (!q) throw new AppError('NOT_IN_QUARANTINE')
  const now = deps.now()
  const rules = await rulesFor(deps, q.streetId, shanghaiDate(now))
  const current = slotAt(now, rules)
  if (!current) {
    throw new AppError('REPORT_SLOT_CLOSED', `只能修改正在进行的时段。${slotWindowsText(rules)}`)
  }
  const fever = isFever(input.temperature, rules)
  if (input.reason === 'fever' && !fever)
    throw new AppError(
      'INVALID_INPUT',
      `${input.temperature.toFixed(1)}℃ 没有达到发热标准（${rules.feverThreshold.toFixed(1)}℃），不用再报；如果是刚才填错了，请选“更正”`,
    )
  const id = reportId(q._id, current.date, current.slot)
  let before: ReportDoc | undefined
  let after: ReportDoc | undefined
  let repeated = false
  await deps.db.runTransaction(async (t: Transaction) => {
    repeated = false
    before = await txGet(t, 'reports', id)
    if (!before || before.status !== 'reported')
      throw new AppError('NOT_FOUND', '这个时段还没有报备，请直接报备体温')
    const revId = revisionId(id, input.reason)
    const done = await txGet(t, 'report_revisions', revId)
    if (done) {
      // The same submission retried gets the original answer; another one is refused.
      if (done.requestId !== input.requestId) throw new AppError('REPORT_ALREADY_REVISED')
      repeated = true
      after = before
      return
    }
    const revision: ReportRevisionDoc = {
      _id: revId,
      reportId: id,
      quarantineId: q._id,
      accountId: q.accountId,
      streetId: q.streetId,
      gridId: q.gridId,
      date: current.date,
      slot: current.slot,
      reason: input.reason,
      replaced: {
        temperature: before.temperature,
        symptoms: before.symptoms,
        fever: before.fever,
        at: before.at,
      },
      requestId: input.requestId,
      at: now,
    }
    const reading = {
      temperature: input.temperature,
      symptoms: input.symptoms,
      fever,
      abnormal: isAbnormal(input.temperature, input.symptoms, rules),
      at: now,
      revisions: [...(before.revisions ?? []), input.reason],
    }
    await txCol(t, 'report_revisions').add(revision)
    await txCol(t, 'reports').doc(id).update(reading)
    after = { ...before, ...reading }
  })
  if (!repeated) {
    if (after!.abnormal) await alertAbnormal(deps, q, after!)
    else if (before!.abnormal) await notifyCleared(deps, q, before!, after!)
  }
  return { report: reportView(after!), repeated }
}

/** A fever or symptom the staff were alerted to was a typing mistake: tell them, so nobody calls for nothing. */
async function notifyCleared(deps: Deps, q: QuarantineDoc, was: ReportDoc, now: ReportDoc): Promise<void> {
  for (const staffId of [q.butlerId, q.gridWorkerId]) {
    if (!staffId) continue
    await notify(deps, {
      accountId: staffId,
      title: '体温已更正',
      body: `${q.name}（${q.building}栋${q.room}）${now.date} ${SLOT_LABELS[now.slot]}的体温由 ${was.temperature?.toFixed(1) ?? '—'}℃ 更正为 ${now.temperature!.toFixed(1)}℃。`,
      link: pageUrl(HEALTH_PAGES.history, { id: q._id }),
    })
  }
}

export async function recordFor(deps: Deps, caller: CallerFor, input: Input<typeof recordForInput>) {
  const { quarantineId, ...reading } = input
  const q = await quarantineInScope(deps, caller, quarantineId)
  if (q.status === 'released') throw new AppError('NOT_IN_QUARANTINE', '这位人员已解除隔离')
  const { report: r, repeated } = await storeReport(deps, q, reading, {
    accountId: caller.account._id,
    name: caller.account.name,
  })
  // A retried submission reads nothing new: it was logged the first time.
  if (!repeated) await logAccess(deps, caller.account, q.accountId, 'recordFor')
  return { report: reportView(r), repeated }
}

export async function history(deps: Deps, caller: CallerFor, input: Input<typeof historyInput>) {
  const q = input.quarantineId
    ? await quarantineInScope(deps, caller, input.quarantineId)
    : await activeQuarantineOf(deps, caller.account._id)
  if (!q) throw new AppError('NOT_IN_QUARANTINE')
  if (q.accountId !== caller.account._id) await logAccess(deps, caller.account, q.accountId, 'history')
  const [{ data }, { data: revisions }] = await Promise.all([
    col(deps.db, 'reports').where({ quarantineId: q._id }).orderBy('at', 'asc').limit(200).get(),
    col(deps.db, 'report_revisions').where({ quarantineId: q._id }).orderBy('at', 'asc').limit(200).get(),
  ])
  const declaration = await getDoc(deps, 'declarations', q.declarationId)
  const seer = personSeer(caller.account, q)
  return {
    quarantine: {
      ...publicQuarantine(q, shanghaiDate(deps.now()), caller.account),
      phone: shown('phone', 'record', seer, q.phone),
      changes: q.changes,
      /** Whose record it is: the grid worker issues this person a password reset code from here. */
      accountId: q.accountId,
    },
    idNumber: declaration ? shown('idNumber', 'record', seer, declaration.idNumber) : null,
    reports: data.map(reportView),
    /** Readings replaced in their slot, marked with why; the slot's report holds the reading that counts. */
    revisions: revisions.map((v) => ({
      reportId: v.reportId,
      date: v.date,
      slot: v.slot,
      reason: v.reason,
      temperature: v.replaced.temperature,
      symptoms: v.replaced.symptoms,
      fever: v.replaced.fever,
      reportedAt: v.replaced.at,
      at: v.at,
    })),
  }
}
