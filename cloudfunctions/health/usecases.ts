import type { z } from 'zod'
import { AppError } from '../../shared/errors'
import {
  DEFAULT_RULES,
  classify,
  isAbnormal,
  isFever,
  quarantineDay,
  quarantineEnd,
  slotAt,
  SLOTS,
  type ScreeningRules,
  type Slot,
} from '../../shared/health'
import { maskPhone } from '../../shared/mask'
import { scopeContains } from '../../shared/roles'
import type {
  boardInput,
  declareInput,
  extendInput,
  historyInput,
  listKeyPersonsInput,
  recordForInput,
  releaseInput,
  reportInput,
  setRulesInput,
  staffStatusInput,
} from '../../shared/schemas/health'
import { shanghaiDate } from '../../shared/time'
import type { AccountDoc } from '../_lib/accounts'
import { isDuplicateKey } from '../_lib/errors'
import { notify, wechatTime } from '../_lib/notify'
import { pageOf, scopeWhere } from '../_lib/paging'
import { getDoc } from '../_lib/docs'
import type { CallerFor, Deps, Transaction } from '../_lib/runtime'
import type { DeclarationDoc, QuarantineDoc, ReportDoc, RulesDoc } from './model'

type Input<S extends z.ZodTypeAny> = z.infer<S>

/** The rules in force on a date: the newest version whose effectiveFrom is not after it. */
export async function rulesFor(deps: Deps, streetId: string, date: string): Promise<ScreeningRules> {
  const _ = deps.db.command
  const { data } = await deps.db
    .collection('screening_rules')
    .where({ streetId, effectiveFrom: _.lte(date) })
    .orderBy('effectiveFrom', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .get()
  const doc = data[0] as RulesDoc | undefined
  if (!doc) return DEFAULT_RULES
  const { _id: _i, streetId: _s, createdBy: _c, createdAt: _a, ...rules } = doc
  return rules
}

export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 3)}***********${id.slice(14)}` : id
}

/** Temperatures and symptoms: the person, their butler and grid worker, epidemic reviewers, the admin. */
function canReadHealth(account: AccountDoc, q: QuarantineDoc): boolean {
  if (q.accountId === account._id) return true
  if (!scopeContains(account.scope, { streetId: q.streetId, communityId: q.communityId, gridId: q.gridId }))
    return false
  if (account.role === 'admin') return true
  if (account.role === 'reviewer') return account.department === 'epidemic'
  return account.role === 'butler' || account.role === 'gridWorker'
}

async function logAccess(deps: Deps, account: AccountDoc, subjectId: string, what: string): Promise<void> {
  await deps.db.collection('access_logs').add({
    _id: deps.newId(),
    subjectId,
    readerId: account._id,
    readerName: account.name,
    readerRole: account.role,
    what,
    at: deps.now(),
  })
}

async function staffOfGrid(deps: Deps, gridId: string, role: 'butler' | 'gridWorker'): Promise<AccountDoc[]> {
  const { data } = await deps.db
    .collection('accounts')
    .where({ 'scope.gridId': gridId, role, disabled: false })
    .limit(20)
    .get()
  return data as AccountDoc[]
}

// ---------- declare ----------

export async function declare(deps: Deps, caller: CallerFor, input: Input<typeof declareInput>) {
  const now = deps.now()
  const today = shanghaiDate(now)
  const streetId = caller.account.scope.streetId
  const grid = await getDoc<{ streetId: string; communityId: string }>(deps, 'grids', input.gridId)
  if (!grid || grid.streetId !== streetId || grid.communityId !== input.communityId)
    throw new AppError('SCOPE_NOT_FOUND')
  let enterpriseId: string | null = null
  if (input.enterpriseCode) {
    const { data } = await deps.db
      .collection('enterprises')
      .where({ joinCode: input.enterpriseCode, streetId })
      .limit(1)
      .get()
    if (!data[0]) throw new AppError('NOT_FOUND', '企业码不正确，请向单位负责人核对')
    enterpriseId = (data[0] as { _id: string })._id
  }
  if (input.arrivalDate > today) throw new AppError('INVALID_INPUT', '到达日期不能晚于今天')
  const rules = await rulesFor(deps, streetId, today)
  const classification = classify(input, rules, today)
  const { enterpriseCode: _code, ...fields } = input
  const declaration: DeclarationDoc = {
    _id: deps.newId(),
    accountId: caller.account._id,
    streetId,
    ...fields,
    enterpriseId,
    classification,
    rulesVersion: rules.version,
    createdAt: now,
  }
  await deps.db.collection('declarations').add(declaration)
  let quarantine: QuarantineDoc | undefined
  if (classification.result === 'keyPerson') {
    const { data: open } = await deps.db
      .collection('quarantines')
      .where({ accountId: caller.account._id, status: deps.db.command.in(['active', 'pendingDecision']) })
      .limit(1)
      .get()
    quarantine = open[0] as QuarantineDoc | undefined
    if (!quarantine) {
      const [butlers, gridWorkers] = await Promise.all([
        staffOfGrid(deps, input.gridId, 'butler'),
        staffOfGrid(deps, input.gridId, 'gridWorker'),
      ])
      quarantine = {
        _id: deps.newId(),
        accountId: caller.account._id,
        declarationId: declaration._id,
        name: input.name,
        phone: input.phone,
        streetId,
        communityId: input.communityId,
        gridId: input.gridId,
        enterpriseId,
        building: input.building,
        room: input.room,
        kind: 'home',
        reasons: classification.reasons,
        startDate: today,
        endDate: quarantineEnd(today, rules.quarantineDays),
        status: 'active',
        butlerId: butlers[0]?._id ?? null,
        gridWorkerId: gridWorkers[0]?._id ?? null,
        changes: [],
        createdAt: now,
      }
      await deps.db.collection('quarantines').add(quarantine)
      for (const staffId of [quarantine.butlerId, quarantine.gridWorkerId]) {
        if (staffId) {
          await notify(deps, {
            accountId: staffId,
            title: '新增居家隔离人员',
            body: `${input.name}（${input.building}栋${input.room}）：${classification.reasons.join('；')}。隔离至${quarantine.endDate}。`,
          })
        }
      }
    }
  }
  return { classification, quarantine: quarantine ? publicQuarantine(quarantine, today) : null }
}

function publicQuarantine(q: QuarantineDoc, today: string) {
  return {
    _id: q._id,
    name: q.name,
    kind: q.kind,
    reasons: q.reasons,
    startDate: q.startDate,
    endDate: q.endDate,
    status: q.status,
    day: Math.max(1, quarantineDay(q.startDate, today)),
    totalDays: quarantineDay(q.startDate, q.endDate) - 1,
    building: q.building,
    room: q.room,
    gridId: q.gridId,
  }
}

// ---------- my status and reports ----------

async function activeQuarantineOf(deps: Deps, accountId: string): Promise<QuarantineDoc | undefined> {
  const { data } = await deps.db
    .collection('quarantines')
    .where({ accountId, status: deps.db.command.in(['active', 'pendingDecision']) })
    .limit(1)
    .get()
  return data[0] as QuarantineDoc | undefined
}

async function recentReports(deps: Deps, quarantineId: string, limit = 40): Promise<ReportDoc[]> {
  const { data } = await deps.db
    .collection('reports')
    .where({ quarantineId })
    .orderBy('at', 'desc')
    .limit(limit)
    .get()
  return data as ReportDoc[]
}

export async function myStatus(deps: Deps, caller: CallerFor) {
  const now = deps.now()
  const today = shanghaiDate(now)
  const rules = await rulesFor(deps, caller.account.scope.streetId, today)
  const { data: decl } = await deps.db
    .collection('declarations')
    .where({ accountId: caller.account._id })
    .orderBy('createdAt', 'desc')
    .limit(1)
    .get()
  const declaration = decl[0] as DeclarationDoc | undefined
  const q = await activeQuarantineOf(deps, caller.account._id)
  const reports = q ? await recentReports(deps, q._id) : []
  const todaySlots = SLOTS.map((slot) => {
    const r = reports.find((x) => x.date === today && x.slot === slot)
    return {
      slot,
      window: rules.slots[slot],
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
    throw new AppError(
      'REPORT_SLOT_CLOSED',
      `现在不在报备时间内。上午 ${rules.slots.morning.start}–${rules.slots.morning.end}，下午 ${rules.slots.afternoon.start}–${rules.slots.afternoon.end}`,
    )
  }
  const report: ReportDoc = {
    _id: `${q._id}:${current.date}:${current.slot}`,
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
    await deps.db.collection('reports').add(report)
  } catch (e) {
    if (!isDuplicateKey(e)) throw e
    const existing = (await getDoc<ReportDoc>(deps, 'reports', report._id))!
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
        body: `${q.name}（${q.building}栋${q.room}）${report.date} ${report.slot === 'morning' ? '上午' : '下午'}报备${what}，请尽快联系。`,
        link: `/pages/health/history?id=${q._id}`,
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
    const { data: team } = await deps.db
      .collection('accounts')
      .where({ 'scope.streetId': q.streetId, role: 'reviewer', department: 'epidemic', disabled: false })
      .limit(50)
      .get()
    for (const member of team as AccountDoc[]) {
      await notify(deps, {
        accountId: member._id,
        title: '连续发热，请防疫专业队伍处置',
        body: `${q.name}（${q.building}栋${q.room}）连续两次体温达到发热标准，最近一次 ${report.temperature!.toFixed(1)}℃。`,
        link: `/pages/health/history?id=${q._id}`,
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

async function quarantineInScope(
  deps: Deps,
  caller: CallerFor,
  quarantineId: string,
): Promise<QuarantineDoc> {
  const q = await getDoc<QuarantineDoc>(deps, 'quarantines', quarantineId)
  if (!q) throw new AppError('NOT_FOUND', '没有找到这位隔离人员')
  if (!canReadHealth(caller.account, q)) throw new AppError('FORBIDDEN_SCOPE')
  return q
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
  const { data } = await deps.db
    .collection('reports')
    .where({ quarantineId: q._id })
    .orderBy('at', 'asc')
    .limit(200)
    .get()
  const declaration = await getDoc<DeclarationDoc>(deps, 'declarations', q.declarationId)
  const seesId = q.accountId === caller.account._id || caller.account.role === 'admin'
  return {
    quarantine: { ...publicQuarantine(q, shanghaiDate(deps.now())), phone: q.phone, changes: q.changes },
    idNumber: declaration ? (seesId ? declaration.idNumber : maskIdNumber(declaration.idNumber)) : null,
    reports: (data as ReportDoc[]).map(reportView),
  }
}

// ---------- board ----------

type Cell = {
  state: 'ok' | 'fever' | 'abnormal' | 'missing' | 'pending' | 'upcoming'
  temperature: number | null
}

function cellFor(
  r: ReportDoc | undefined,
  date: string,
  slot: Slot,
  now: number,
  rules: ScreeningRules,
): Cell {
  if (r?.status === 'reported')
    return { state: r.fever ? 'fever' : r.abnormal ? 'abnormal' : 'ok', temperature: r.temperature }
  if (r?.status === 'missed') return { state: 'missing', temperature: null }
  const current = slotAt(now, rules)
  const today = shanghaiDate(now)
  if (date < today) return { state: 'missing', temperature: null }
  if (date > today) return { state: 'upcoming', temperature: null }
  if (current?.slot === slot) return { state: 'pending', temperature: null }
  // Today, not the open slot: before it opens it is upcoming, after it closed it is missing.
  const order = SLOTS.indexOf(slot)
  const openOrder = current ? SLOTS.indexOf(current.slot) : shanghaiHour(now) < 12 ? -1 : SLOTS.length
  return { state: order < openOrder ? 'missing' : 'upcoming', temperature: null }
}

function shanghaiHour(ms: number): number {
  return Number(new Date(ms + 8 * 3600_000).toISOString().slice(11, 13))
}

const PROBLEM_RANK: Record<Cell['state'], number> = {
  fever: 0,
  abnormal: 1,
  missing: 2,
  pending: 3,
  upcoming: 4,
  ok: 5,
}

export async function board(deps: Deps, caller: CallerFor, input: Input<typeof boardInput>) {
  const now = deps.now()
  const date = input.date ?? shanghaiDate(now)
  const gridId = input.gridId ?? caller.account.scope.gridId
  if (!gridId) throw new AppError('INVALID_INPUT', '请选择网格')
  const grid = await getDoc<{ _id: string; name: string; streetId: string; communityId: string }>(
    deps,
    'grids',
    gridId,
  )
  if (
    !grid ||
    !scopeContains(caller.account.scope, { streetId: grid.streetId, communityId: grid.communityId, gridId })
  )
    throw new AppError('FORBIDDEN_SCOPE')
  if (caller.account.role === 'reviewer' && caller.account.department !== 'epidemic')
    throw new AppError('FORBIDDEN_ROLE')
  const rules = await rulesFor(deps, grid.streetId, date)
  const _ = deps.db.command
  // People whose quarantine covers the date; paged so a big grid is read whole, never silently cut at 100.
  const people: QuarantineDoc[] = []
  for (let skip = 0; ; skip += 1000) {
    const { data } = await deps.db
      .collection('quarantines')
      .where({ gridId, startDate: _.lte(date), endDate: _.gt(date) })
      .skip(skip)
      .limit(1000)
      .get()
    people.push(...(data as QuarantineDoc[]))
    if (data.length < 1000) break
  }
  const reports: ReportDoc[] = []
  for (let skip = 0; ; skip += 1000) {
    const { data } = await deps.db.collection('reports').where({ gridId, date }).skip(skip).limit(1000).get()
    reports.push(...(data as ReportDoc[]))
    if (data.length < 1000) break
  }
  const byId = new Map(reports.map((r) => [r._id, r]))
  const rows = people.map((q) => {
    const cells = Object.fromEntries(
      SLOTS.map((slot) => [slot, cellFor(byId.get(`${q._id}:${date}:${slot}`), date, slot, now, rules)]),
    ) as Record<Slot, Cell>
    const rank = Math.min(...SLOTS.map((s) => PROBLEM_RANK[cells[s].state]))
    return {
      quarantineId: q._id,
      name: q.name,
      building: q.building,
      room: q.room,
      day: quarantineDay(q.startDate, date),
      endDate: q.endDate,
      status: q.status,
      cells,
      rank,
    }
  })
  rows.sort((a, b) => a.rank - b.rank || a.building.localeCompare(b.building) || a.room.localeCompare(b.room))
  const count = (state: Cell['state']) =>
    rows.reduce((n, r) => n + SLOTS.filter((s) => r.cells[s].state === state).length, 0)
  await logAccess(deps, caller.account, `grid:${gridId}`, `board:${date}`)
  return {
    grid: { _id: grid._id, name: grid.name },
    date,
    feverThreshold: rules.feverThreshold,
    counts: {
      people: rows.length,
      reported: count('ok') + count('fever') + count('abnormal'),
      fever: count('fever'),
      abnormal: count('abnormal'),
      missing: count('missing'),
      pending: count('pending'),
    },
    rows: rows.map(({ rank: _r, ...row }) => row),
  }
}

// ---------- quarantine decisions ----------

function canDecide(account: AccountDoc, q: QuarantineDoc): boolean {
  if (!scopeContains(account.scope, { streetId: q.streetId, communityId: q.communityId, gridId: q.gridId }))
    return false
  return (
    account.role === 'admin' ||
    account.role === 'gridWorker' ||
    (account.role === 'reviewer' && account.department === 'epidemic')
  )
}

export async function extend(deps: Deps, caller: CallerFor, input: Input<typeof extendInput>) {
  const q = await getDoc<QuarantineDoc>(deps, 'quarantines', input.quarantineId)
  if (!q) throw new AppError('NOT_FOUND')
  if (!canDecide(caller.account, q)) throw new AppError('FORBIDDEN_SCOPE')
  if (q.status === 'released') throw new AppError('NOT_IN_QUARANTINE', '已解除隔离，不能延长')
  const endDate = quarantineEnd(q.endDate, input.days)
  const change = {
    type: 'extend' as const,
    by: caller.account._id,
    byName: caller.account.name,
    reason: input.reason,
    days: input.days,
    at: deps.now(),
  }
  const { updated } = await deps.db
    .collection('quarantines')
    .where({ _id: q._id, status: deps.db.command.in(['active', 'pendingDecision']) })
    .update({ endDate, status: 'active', extended: true, changes: deps.db.command.push(change) })
  if (!updated) throw new AppError('CONFLICT')
  await notify(deps, {
    accountId: q.accountId,
    title: '隔离期已延长',
    body: `您的居家隔离延长${input.days}天，至${endDate}。原因：${input.reason}`,
  })
  return { endDate }
}

export async function release(deps: Deps, caller: CallerFor, input: Input<typeof releaseInput>) {
  const q = await getDoc<QuarantineDoc>(deps, 'quarantines', input.quarantineId)
  if (!q) throw new AppError('NOT_FOUND')
  if (!canDecide(caller.account, q)) throw new AppError('FORBIDDEN_SCOPE')
  const now = deps.now()
  const change = {
    type: 'release' as const,
    by: caller.account._id,
    byName: caller.account.name,
    reason: input.reason,
    at: now,
  }
  const { updated } = await deps.db
    .collection('quarantines')
    .where({ _id: q._id, status: deps.db.command.in(['active', 'pendingDecision']) })
    .update({ status: 'released', releasedAt: now, changes: deps.db.command.push(change) })
  if (!updated) throw new AppError('NOT_IN_QUARANTINE', '这位人员已解除隔离')
  await notify(deps, {
    accountId: q.accountId,
    title: '已解除居家隔离',
    body: `您的居家隔离已解除。说明：${input.reason}`,
  })
  return { status: 'released' as const }
}

export async function listKeyPersons(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof listKeyPersonsInput>,
) {
  const a = caller.account
  if (a.role === 'reviewer' && a.department !== 'epidemic') throw new AppError('FORBIDDEN_ROLE')
  const where = scopeWhere(a, input.gridId)
  if (input.status) where.status = input.status
  const { items: data, total } = await pageOf(deps.db, 'quarantines', where, [['createdAt', 'desc']], input)
  const today = shanghaiDate(deps.now())
  return {
    items: (data as QuarantineDoc[]).map((q) => ({
      ...publicQuarantine(q, today),
      phone: maskPhone(q.phone),
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  }
}

/** The owner's view of their staff: who is screened and who is in quarantine, no temperatures or ID numbers. */
export async function staffStatus(deps: Deps, caller: CallerFor, input: Input<typeof staffStatusInput>) {
  const e = await getDoc<{ ownerId: string; managerIds: string[]; name: string }>(
    deps,
    'enterprises',
    input.enterpriseId,
  )
  if (!e || (e.ownerId !== caller.account._id && !e.managerIds.includes(caller.account._id)))
    throw new AppError('FORBIDDEN_SCOPE')
  const { data } = await deps.db
    .collection('declarations')
    .where({ enterpriseId: input.enterpriseId })
    .orderBy('createdAt', 'desc')
    .limit(1000)
    .get()
  const latest = new Map<string, DeclarationDoc>()
  for (const d of data as DeclarationDoc[]) if (!latest.has(d.accountId)) latest.set(d.accountId, d)
  const { data: qs } = await deps.db
    .collection('quarantines')
    .where({ enterpriseId: input.enterpriseId })
    .limit(1000)
    .get()
  const today = shanghaiDate(deps.now())
  const items = [...latest.values()].map((d) => {
    const q = (qs as QuarantineDoc[]).find((x) => x.accountId === d.accountId && x.status !== 'released')
    return {
      name: d.name,
      result: d.classification.result,
      declaredAt: d.createdAt,
      quarantine: q ? { status: q.status, endDate: q.endDate, day: quarantineDay(q.startDate, today) } : null,
    }
  })
  return {
    enterpriseName: e.name,
    items,
    total: items.length,
    inQuarantine: items.filter((i) => i.quarantine).length,
  }
}

// ---------- rules ----------

export async function getRules(deps: Deps, caller: CallerFor) {
  return { rules: await rulesFor(deps, caller.account.scope.streetId, shanghaiDate(deps.now())) }
}

export async function setRules(deps: Deps, caller: CallerFor, input: Input<typeof setRulesInput>) {
  // The rules are the street's: a community-level admin may read them, not change them.
  if (caller.account.scope.communityId) throw new AppError('FORBIDDEN_SCOPE', '筛查规则由街道管理员设置')
  const streetId = caller.account.scope.streetId
  const { data } = await deps.db
    .collection('screening_rules')
    .where({ streetId })
    .orderBy('version', 'desc')
    .limit(1)
    .get()
  const before = (data[0] as RulesDoc | undefined) ?? null
  const version = (before?.version ?? DEFAULT_RULES.version) + 1
  const doc: RulesDoc = {
    _id: `${streetId}:v${version}`,
    streetId,
    version,
    ...input,
    createdBy: caller.account._id,
    createdAt: deps.now(),
  }
  try {
    await deps.db.runTransaction(async (t: Transaction) => {
      await t.collection('screening_rules').add(doc)
      await t.collection('audit_logs').add({
        streetId,
        actorId: caller.account._id,
        actorName: caller.account.name,
        action: 'rules.set',
        target: `rules:v${version}`,
        before,
        after: input,
        at: deps.now(),
      })
    })
  } catch (e) {
    if (isDuplicateKey(e)) throw new AppError('CONFLICT', '规则刚被他人修改，请刷新后再试')
    throw e
  }
  return { rules: { ...input, version } }
}
