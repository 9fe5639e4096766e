import type ExcelJSModule from 'exceljs'
import { createReadStream } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { APPLICATION_STATE_LABELS } from '../../shared/application'
import { ENTERPRISE_KIND_LABELS } from '../../shared/enterprise'
import { ERRAND_CATEGORY_LABELS, SETTLEMENT_LABELS, ratingText, stateLabel } from '../../shared/errand'
import { AppError } from '../../shared/errors'
import {
  OPEN_QUARANTINE_STATES,
  QUARANTINE_STATUS_LABELS,
  SLOTS,
  SLOT_LABELS,
  SYMPTOM_LABELS,
  quarantineDay,
  reportId,
  slotDue,
  slotPhase,
  type Slot,
  type Symptom,
} from '../../shared/health'
import { enterpriseSeer, errandSeer, personSeer, shown } from '../../shared/mask'
import { ANTIGEN_LABELS, CASE_STATUS_LABELS } from '../../shared/onsite'
import type { Principal } from '../../shared/policy'
import { DEPARTMENTS, DEPARTMENT_LABELS } from '../../shared/roles'
import type { exportLedgerInput } from '../../shared/schemas/stats'
import { LEDGER_LABELS, type LedgerFile, type LedgerKind } from '../../shared/stats'
import {
  HAND_OUT_STATUS_LABELS,
  MOVEMENT_LABELS,
  SUPPLY_LABELS,
  SUPPLY_SOURCE_LABELS,
  SUPPLY_UNITS,
} from '../../shared/supplies'
import { formatShanghai, shanghaiDate, startOfShanghaiDay } from '../../shared/time'
import { col, type CollectionName, type Collections } from '../_lib/collections'
import type { CallerFor, Deps, Input } from '../_lib/runtime'
import { cloud } from '../_lib/runtime'
import { rulesFor } from '../_lib/settings'
import type { ApplicationDoc, EnterpriseDoc } from '../application/model'
import type { QuarantineDoc, ReportDoc } from '../health/model'
import { averageMinutes } from './figures'
import { loadPlaces, resolveScope, scopeWhere, type Places, type StatsScope } from './scope'
import { logHealthRead } from './usecases'

type Cell = string | number | null
type Row = Record<string, Cell>

const DAY = 86_400_000
/** Rows read from the database at a time: a big street's ledger never sits in memory whole. */
const PAGE = 500
const URL_SECONDS = 3600

interface Column {
  header: string
  key: string
  width: number
  numFmt?: string
}

interface Sheet {
  name: string
  columns: Column[]
  /** Pages of rows, produced as they are read. */
  rows: () => AsyncIterable<Row[]>
}

const column = (header: string, key: string, width = 12, numFmt?: string): Column => ({
  header,
  key,
  width,
  ...(numFmt ? { numFmt } : {}),
})
const time = (ms: number | null | undefined) => (ms ? formatShanghai(ms) : '')
const yesNo = (b: boolean | undefined) => (b ? '是' : '否')
const yuan = (fen: number | null | undefined) => (fen == null ? null : fen / 100)

/**
 * Every document of a query in a stable order, a page at a time: keyset paging on (field, _id), so each page is
 * a bounded read however far into the collection it is (no growing skip).
 */
async function* pages<N extends CollectionName>(
  deps: Deps,
  collection: N,
  where: object,
  field: string,
): AsyncGenerator<Collections[N][]> {
  const _ = deps.db.command
  let last: { value: unknown; id: string } | undefined
  for (;;) {
    const cond = last
      ? _.and([where, _.or([{ [field]: _.gt(last.value) }, { [field]: last.value, _id: _.gt(last.id) }])])
      : where
    const { data: docs } = await col(deps.db, collection)
      .where(cond)
      .orderBy(field, 'asc')
      .orderBy('_id', 'asc')
      .limit(PAGE)
      .get()
    if (docs.length) yield docs
    if (docs.length < PAGE) return
    const tail = docs[docs.length - 1] as Collections[N] & Record<string, unknown>
    last = { value: tail[field], id: tail._id }
  }
}

/** Documents by id, for the page being written (ids from one page: at most PAGE of them). */
async function byIds<N extends CollectionName>(
  deps: Deps,
  collection: N,
  ids: (string | null | undefined)[],
): Promise<Map<string, Collections[N]>> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))]
  if (!wanted.length) return new Map()
  const out = new Map<string, Collections[N]>()
  for (let i = 0; i < wanted.length; i += PAGE) {
    const chunk = wanted.slice(i, i + PAGE)
    const { data } = await col(deps.db, collection)
      .where({ _id: deps.db.command.in(chunk) })
      .limit(chunk.length)
      .get()
    for (const d of data) out.set(d._id, d)
  }
  return out
}

/**
 * exceljs with its zip libraries is most of this function's code (2.5 MB): required only when a ledger is written,
 * so a cold start of the dashboard does not load it (the bundle keeps it in a file of its own, see
 * scripts/build-functions.ts).
 */
function excel(): typeof ExcelJSModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('exceljs') as typeof ExcelJSModule
}

/** Writes the sheets one after another with exceljs's streaming writer into a file; returns the row counts. */
async function writeWorkbook(file: string, sheets: Sheet[]): Promise<{ name: string; rows: number }[]> {
  const wb = new (excel().stream.xlsx.WorkbookWriter)({
    filename: file,
    useStyles: true,
    useSharedStrings: false,
  })
  wb.creator = '复工通'
  wb.created = new Date()
  const counts: { name: string; rows: number }[] = []
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.columns = sheet.columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width,
      ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
    }))
    const header = ws.getRow(1)
    header.font = { bold: true }
    header.commit()
    let n = 0
    for await (const page of sheet.rows()) {
      for (const row of page) {
        n++
        ws.addRow({ seq: n, ...row }).commit()
      }
    }
    ws.commit()
    counts.push({ name: sheet.name, rows: n })
  }
  await wb.commit()
  return counts
}

const SEQ = column('序号', 'seq', 6)

/** Where a record is: its community and grid, by name. */
const PLACE = [column('所属社区', 'community'), column('所属网格', 'grid', 14)]
const placeCells = (places: Places, d: { communityId: string; gridId: string }) => ({
  community: places.community(d.communityId),
  grid: places.grid(d.gridId),
})

/** A screened or quarantined person: the name, the masked ID number and phone, and where they live. */
const PERSON = [
  column('姓名', 'name', 10),
  column('身份证号', 'idNumber', 21),
  column('联系电话', 'phone', 14),
  ...PLACE,
  column('楼栋', 'building', 8),
  column('门牌号', 'room', 8),
]
type Resident = {
  accountId: string
  name: string
  phone: string
  streetId: string
  communityId: string
  gridId: string
  building: string
  room: string
}
const personCells = (places: Places, viewer: Principal, d: Resident, idNumber: string) => {
  // The ledger is a list: what the same list shows on screen (shared/mask.ts).
  const seer = personSeer(viewer, d)
  return {
    name: d.name,
    idNumber: shown('idNumber', 'list', seer, idNumber),
    phone: shown('phone', 'list', seer, d.phone),
    ...placeCells(places, d),
    building: d.building,
    room: shown('room', 'list', seer, d.room),
  }
}

/** An enterprise: its name, credit code and kind, then where it is. */
const ENTERPRISE = [
  column('企业名称', 'name', 28),
  column('统一社会信用代码', 'creditCode', 22),
  column('企业类型', 'kind', 18),
]
const enterpriseCells = (name: string, d: Pick<EnterpriseDoc, 'creditCode' | 'kind'>) => ({
  name,
  creditCode: d.creditCode,
  kind: ENTERPRISE_KIND_LABELS[d.kind],
})

// ---------- enterprises ----------

function decisionText(d: ApplicationDoc['reviews'][keyof ApplicationDoc['reviews']]): string {
  if (!d) return ''
  const word = d.decision === 'approve' ? '通过' : d.decision === 'return' ? '退回' : '不通过'
  return d.comment ? `${word}：${d.comment}` : word
}

function enterpriseSheets(deps: Deps, s: StatsScope, places: Places, viewer: Principal): Sheet[] {
  const where = scopeWhere(deps.db, s)
  const directory: Sheet = {
    name: '企业名录',
    columns: [
      SEQ,
      ...ENTERPRISE,
      column('所属行业', 'industry'),
      column('经营地址', 'address', 30),
      ...PLACE,
      column('法定代表人', 'legal'),
      column('联系人', 'contact'),
      column('联系电话', 'phone', 14),
      column('登记时间', 'createdAt', 17),
    ],
    async *rows() {
      for await (const docs of pages(deps, 'enterprises', where, 'createdAt')) {
        yield docs.map((e) => ({
          ...enterpriseCells(e.name, e),
          industry: e.industry,
          address: e.address,
          ...placeCells(places, e),
          legal: e.legalRepresentative,
          contact: e.contactName,
          phone: shown('enterprisePhone', 'list', enterpriseSeer(viewer, e), e.contactPhone),
          createdAt: time(e.createdAt),
        }))
      }
    },
  }
  const reviewColumns = DEPARTMENTS.flatMap((d) => [
    column(`${DEPARTMENT_LABELS[d]}意见`, `${d}Decision`, 18),
    column(`${DEPARTMENT_LABELS[d]}审核时间`, `${d}At`, 17),
  ])
  const applications: Sheet = {
    name: '复工申请',
    columns: [
      SEQ,
      ...ENTERPRISE,
      ...PLACE,
      column('申请状态', 'status'),
      column('审核轮次', 'round', 8),
      column('提交时间', 'submittedAt', 17),
      column('计划复工日期', 'plannedDate', 12),
      column('职工总数', 'staffTotal', 10),
      column('到岗人数', 'staffOnSite', 10),
      column('省外返回人数', 'staffFromOutside', 12),
      column('风险地区返回人数', 'staffFromRiskAreas', 14),
      column('口罩（只）', 'masks', 10),
      column('消毒液（升）', 'litres', 10),
      column('体温计（支）', 'thermometers', 10),
      ...reviewColumns,
      column('审核办结时间', 'decidedAt', 17),
      column('复工时间', 'reopenedAt', 17),
      column('撤销时间', 'revokedAt', 17),
      column('防疫安全员', 'officer', 16),
    ],
    async *rows() {
      const w = { ...where, status: deps.db.command.neq('draft') }
      for await (const docs of pages(deps, 'applications', w, 'createdAt')) {
        yield docs.map((a) => {
          const f = a.form
          const row: Row = {
            ...enterpriseCells(a.enterpriseName, a),
            ...placeCells(places, a),
            status: APPLICATION_STATE_LABELS[a.status],
            round: a.round,
            submittedAt: time(a.submittedAt),
            plannedDate: f.plannedDate ?? '',
            staffTotal: f.staffTotal ?? null,
            staffOnSite: f.staffOnSite ?? null,
            staffFromOutside: f.staffFromOutside ?? null,
            staffFromRiskAreas: f.staffFromRiskAreas ?? null,
            masks: f.supplies?.masks ?? null,
            litres: f.supplies?.disinfectantLitres ?? null,
            thermometers: f.supplies?.thermometers ?? null,
            decidedAt: time(a.decidedAt),
            reopenedAt: time(a.reopenedAt),
            revokedAt: time(a.revokedAt),
            officer: f.safetyOfficer
              ? `${f.safetyOfficer.name} ${shown('enterprisePhone', 'list', enterpriseSeer(viewer, a), f.safetyOfficer.phone)}`
              : '',
          }
          for (const d of DEPARTMENTS) {
            row[`${d}Decision`] = decisionText(a.reviews[d])
            row[`${d}At`] = time(a.reviews[d]?.at)
          }
          return row
        })
      }
    },
  }
  return [directory, applications]
}

// ---------- key persons ----------

function keyPersonSheets(deps: Deps, s: StatsScope, places: Places, viewer: Principal): Sheet[] {
  const where = scopeWhere(deps.db, s)
  const screened: Sheet = {
    name: '重点人员',
    columns: [
      SEQ,
      ...PERSON,
      column('来自省份', 'province'),
      column('来自城市', 'city'),
      column('抵达日期', 'arrivalDate', 12),
      column('所属企业', 'enterprise', 24),
      column('筛查原因', 'reasons', 40),
      column('风险地区', 'riskArea', 8),
      column('省外返回', 'outOfProvince', 8),
      column('申报时间', 'createdAt', 17),
    ],
    async *rows() {
      const w = { ...where, 'classification.result': 'keyPerson' }
      for await (const docs of pages(deps, 'declarations', w, 'createdAt')) {
        const enterprises = await byIds(
          deps,
          'enterprises',
          docs.map((d) => d.enterpriseId),
        )
        yield docs.map((d) => ({
          ...personCells(places, viewer, d, d.idNumber),
          province: d.fromProvince,
          city: d.fromCity,
          arrivalDate: d.arrivalDate,
          enterprise: d.enterpriseId ? (enterprises.get(d.enterpriseId)?.name ?? '') : '',
          reasons: d.classification.reasons.join('；'),
          riskArea: yesNo(d.classification.flags.riskArea),
          outOfProvince: yesNo(d.classification.flags.outOfProvince),
          createdAt: time(d.createdAt),
        }))
      }
    },
  }
  const quarantines: Sheet = {
    name: '居家隔离',
    columns: [
      SEQ,
      ...PERSON,
      column('隔离方式', 'kind', 10),
      column('隔离原因', 'reasons', 40),
      column('开始日期', 'startDate', 12),
      column('结束日期', 'endDate', 12),
      column('状态', 'status', 10),
      column('是否延长', 'extended', 8),
      column('延长记录', 'extensions', 30),
      column('解除时间', 'releasedAt', 17),
      column('社区管家', 'butler', 10),
      column('网格员', 'gridWorker', 10),
    ],
    async *rows() {
      for await (const docs of pages(deps, 'quarantines', where, 'createdAt')) {
        const [declarations, staff] = await Promise.all([
          byIds(
            deps,
            'declarations',
            docs.map((q) => q.declarationId),
          ),
          byIds(
            deps,
            'accounts',
            docs.flatMap((q) => [q.butlerId, q.gridWorkerId]),
          ),
        ])
        yield docs.map((q) => ({
          ...personCells(places, viewer, q, declarations.get(q.declarationId)?.idNumber ?? ''),
          kind: q.kind === 'home' ? '居家隔离' : '集中隔离',
          reasons: q.reasons.join('；'),
          startDate: q.startDate,
          endDate: q.endDate,
          status: QUARANTINE_STATUS_LABELS[q.status],
          extended: yesNo(q.extended),
          extensions: q.changes
            .filter((c) => c.type === 'extend')
            .map((c) => `${formatShanghai(c.at, 'MM-DD')}延长${c.days ?? ''}天：${c.reason}`)
            .join('；'),
          releasedAt: time(q.releasedAt),
          butler: q.butlerId ? (staff.get(q.butlerId)?.name ?? '') : '',
          gridWorker: q.gridWorkerId ? (staff.get(q.gridWorkerId)?.name ?? '') : '',
        }))
      }
    },
  }
  return [screened, quarantines]
}

// ---------- daily reports ----------

async function dailyReportSheets(
  deps: Deps,
  s: StatsScope,
  places: Places,
  viewer: Principal,
  date: string,
): Promise<Sheet[]> {
  const _ = deps.db.command
  const rules = await rulesFor(deps, s.scope.streetId, date)
  const now = deps.now()
  const dayStart = startOfShanghaiDay(date)
  // Everyone whose quarantine covers the day and who was not released before it began.
  const where = _.and([
    { ...scopeWhere(deps.db, s), startDate: _.lte(date), endDate: _.gt(date) },
    _.or([{ status: _.in(OPEN_QUARANTINE_STATES) }, { releasedAt: _.gte(dayStart) }]),
  ])
  const totals = { people: 0, due: 0, reported: 0, missed: 0, fever: 0 }
  const UNREPORTED = { upcoming: '未到时间', open: '待报备', closed: '未报备' } as const
  const slotCells = (q: QuarantineDoc, slot: Slot, r: ReportDoc | undefined) => {
    const due = slotDue(q.createdAt, date, slot, rules)
    if (r) {
      if (r.status === 'reported') totals.reported++
      else totals.missed++
      if (r.fever) totals.fever++
    }
    if (due) totals.due++
    const status = r
      ? r.status === 'reported'
        ? r.fever
          ? '发热'
          : '已报备'
        : '漏报'
      : !due
        ? '无需报备'
        : UNREPORTED[slotPhase(date, slot, now, rules)]
    return {
      [`${slot}Temp`]: r?.temperature ?? null,
      [`${slot}At`]: r?.status === 'reported' ? formatShanghai(r.at, 'HH:mm') : '',
      [`${slot}Status`]: status,
    }
  }
  const sheet: Sheet = {
    name: '体温报备',
    columns: [
      SEQ,
      ...PERSON,
      column('隔离第几天', 'day', 10),
      ...SLOTS.flatMap((slot) => [
        column(`${SLOT_LABELS[slot]}体温（℃）`, `${slot}Temp`, 12, '0.0'),
        column(`${SLOT_LABELS[slot]}报备时间`, `${slot}At`, 12),
        column(`${SLOT_LABELS[slot]}状态`, `${slot}Status`, 10),
      ]),
      column('是否发热', 'fever', 8),
      column('症状', 'symptoms', 20),
      column('代报人', 'recordedBy', 10),
    ],
    async *rows() {
      for await (const docs of pages(deps, 'quarantines', where, 'createdAt')) {
        const [reports, declarations] = await Promise.all([
          byIds(
            deps,
            'reports',
            docs.flatMap((q) => SLOTS.map((slot) => reportId(q._id, date, slot))),
          ),
          byIds(
            deps,
            'declarations',
            docs.map((q) => q.declarationId),
          ),
        ])
        yield docs.map((q) => {
          totals.people++
          const both = SLOTS.map((slot) => reports.get(reportId(q._id, date, slot)))
          const symptoms = [...new Set(both.flatMap((r) => r?.symptoms ?? []))]
          const recorders = [...new Set(both.map((r) => r?.recordedBy?.name).filter(Boolean))]
          return {
            ...personCells(places, viewer, q, declarations.get(q.declarationId)?.idNumber ?? ''),
            day: quarantineDay(q.startDate, date),
            ...SLOTS.reduce<Row>((cells, slot, i) => ({ ...cells, ...slotCells(q, slot, both[i]) }), {}),
            fever: yesNo(both.some((r) => r?.fever)),
            symptoms: symptoms.map((x) => SYMPTOM_LABELS[x as Symptom] ?? x).join('、'),
            recordedBy: recorders.join('、'),
          }
        })
      }
    },
  }
  const summary: Sheet = {
    name: '汇总',
    columns: [SEQ, column('项目', 'item', 16), column('数值', 'value', 12)],
    // Written after the report sheet, so the totals are complete.
    async *rows() {
      yield [
        { item: '日期', value: date },
        { item: '应报人数', value: totals.people },
        { item: '应报人次', value: totals.due },
        { item: '已报备人次', value: totals.reported },
        { item: '漏报人次', value: totals.missed },
        { item: '发热人次', value: totals.fever },
      ]
    },
  }
  return [sheet, summary]
}

// ---------- errands ----------

/** The scope's records, and only those whose `field` falls on the Shanghai day `date` when one is given. */
function scopedOnDay(
  deps: Deps,
  s: StatsScope,
  field: string,
  date: string | undefined,
): Record<string, unknown> {
  const where: Record<string, unknown> = { ...scopeWhere(deps.db, s) }
  if (date) {
    const start = startOfShanghaiDay(date)
    where[field] = deps.db.command.gte(start).and(deps.db.command.lt(start + DAY))
  }
  return where
}

function errandSheets(
  deps: Deps,
  s: StatsScope,
  places: Places,
  viewer: Principal,
  date: string | undefined,
): Sheet[] {
  const where = scopedOnDay(deps, s, 'createdAt', date)
  return [
    {
      name: '跑腿代购',
      columns: [
        SEQ,
        column('发起时间', 'createdAt', 17),
        column('居民', 'requester', 10),
        column('联系电话', 'phone', 14),
        ...PLACE,
        column('楼栋', 'building', 8),
        column('类别', 'category', 10),
        column('物品', 'items', 36),
        column('预算（元）', 'budget', 10, '0.00'),
        column('实际花费（元）', 'spent', 12, '0.00'),
        column('结算方式', 'settlement', 12),
        column('状态', 'status', 12),
        column('社区管家', 'butler', 10),
        column('认领时间', 'claimedAt', 17),
        column('送达时间', 'deliveredAt', 17),
        column('确认时间', 'confirmedAt', 17),
        column('认领用时（分钟）', 'claimMinutes', 14),
        column('送达用时（分钟）', 'deliverMinutes', 14),
        column('评价', 'rating', 16),
      ],
      async *rows() {
        for await (const docs of pages(deps, 'errands', where, 'createdAt')) {
          yield docs.map((e) => ({
            createdAt: time(e.createdAt),
            requester: e.requesterName,
            phone: shown('phone', 'list', errandSeer(viewer, e), e.phone),
            ...placeCells(places, e),
            building: e.building,
            category: ERRAND_CATEGORY_LABELS[e.category],
            items: e.items.map((i) => `${i.name}×${i.quantity}${i.unit ?? ''}`).join('、'),
            budget: yuan(e.budgetFen),
            spent: yuan(e.spentFen),
            settlement: e.settlement ? SETTLEMENT_LABELS[e.settlement] : '',
            status: stateLabel(e.status, e.category),
            butler: e.assigneeName ?? '',
            claimedAt: time(e.claimedAt),
            deliveredAt: time(e.deliveredAt),
            confirmedAt: time(e.confirmedAt),
            claimMinutes: e.claimedAt != null ? averageMinutes(e.claimedAt - e.createdAt, 1) : null,
            deliverMinutes: e.deliveredAt != null ? averageMinutes(e.deliveredAt - e.createdAt, 1) : null,
            rating: e.rating ? ratingText(e.rating) : '',
          }))
        }
      },
    },
  ]
}

// ---------- supplies ----------

/** 防疫物资台账: every movement of the stock in the scope, oldest first, with the balance after each. */
function supplySheets(deps: Deps, s: StatsScope, places: Places, date: string | undefined): Sheet[] {
  const where = scopedOnDay(deps, s, 'at', date)
  return [
    {
      name: '出入库明细',
      columns: [
        SEQ,
        column('时间', 'at', 17),
        column('类型', 'type', 8),
        column('物资', 'kind', 14),
        column('数量', 'quantity', 10),
        column('单位', 'unit', 6),
        column('结存', 'balance', 10),
        column('来源', 'source', 8),
        column('领用企业', 'enterprise', 28),
        ...PLACE,
        column('状态', 'status', 12),
        column('签收人', 'signedBy', 10),
        column('确认时间', 'confirmedAt', 17),
        column('经办人', 'byName', 10),
        column('备注', 'note', 24),
      ],
      async *rows() {
        for await (const docs of pages(deps, 'supply_movements', where, 'at')) {
          yield docs.map((m) => ({
            at: time(m.at),
            type: MOVEMENT_LABELS[m.type],
            kind: SUPPLY_LABELS[m.kind],
            // Out of stock is written as a negative quantity, so the column adds up to the change in stock.
            quantity: m.type === 'handOut' ? -m.quantity : m.quantity,
            unit: SUPPLY_UNITS[m.kind],
            balance: m.balance,
            source: m.source ? SUPPLY_SOURCE_LABELS[m.source] : '',
            enterprise: m.enterpriseName ?? '',
            community: m.communityId ? places.community(m.communityId) : '',
            grid: m.gridId ? places.grid(m.gridId) : '',
            status: m.status ? HAND_OUT_STATUS_LABELS[m.status] : '',
            signedBy: m.signedBy ?? m.confirmedByName ?? '',
            confirmedAt: time(m.confirmedAt),
            byName: m.byName,
            note: m.note ?? '',
          }))
        }
      },
    },
  ]
}

// ---------- 企业一日两检 ----------

/**
 * 企业一日两检台账 of one day: every check of the on-site staff of the enterprises in scope (missed ones too, as the
 * timer recorded them), then every case that was open that day or opened then, with how the epidemic team closed it.
 */
function onsiteSheets(deps: Deps, s: StatsScope, places: Places, date: string): Sheet[] {
  const _ = deps.db.command
  const where = { ...scopeWhere(deps.db, s), date }
  const dayStart = startOfShanghaiDay(date)
  const names = async (ids: string[]) => byIds(deps, 'onsite_enterprises', ids)
  const result = (c: { status: string; positive: boolean; fever: boolean }) =>
    c.status === 'missed'
      ? '漏检'
      : [c.positive ? '抗原阳性' : '', c.fever ? '发热' : ''].filter(Boolean).join('、') || '正常'
  const checks: Sheet = {
    name: '一日两检',
    columns: [
      SEQ,
      column('日期', 'date', 11),
      column('时段', 'slot', 6),
      column('企业', 'enterprise', 22),
      ...PLACE,
      column('姓名', 'name', 10),
      column('体温（℃）', 'temperature', 10, '0.0'),
      column('抗原结果', 'antigen', 10),
      column('抗原照片', 'photo', 8),
      column('核酸采样', 'pcr', 8),
      column('结果', 'result', 12),
      column('登记人', 'recordedBy', 10),
      column('安全员确认', 'confirmedBy', 10),
      column('检测时间', 'at', 17),
    ],
    async *rows() {
      for await (const docs of pages(deps, 'onsite_checks', where, 'at')) {
        const ents = await names(docs.map((c) => c.enterpriseId))
        yield docs.map((c) => ({
          date: c.date,
          slot: SLOT_LABELS[c.slot],
          enterprise: ents.get(c.enterpriseId)?.enterpriseName ?? '',
          ...placeCells(places, c),
          name: c.name,
          temperature: c.temperature,
          antigen: c.antigen ? ANTIGEN_LABELS[c.antigen] : '',
          photo: c.photo ? '有' : '',
          pcr: c.pcrSampled === null ? '' : c.pcrSampled ? '已采样' : '未采样',
          result: result(c),
          recordedBy: c.status === 'missed' ? '' : (c.recordedBy?.name ?? '本人'),
          confirmedBy: c.confirmedBy?.name ?? '',
          at: c.status === 'missed' ? '' : time(c.at),
        }))
      }
    },
  }
  const cases: Sheet = {
    name: '阳性与发热处置',
    columns: [
      SEQ,
      column('发现时间', 'createdAt', 17),
      column('企业', 'enterprise', 22),
      ...PLACE,
      column('姓名', 'name', 10),
      column('情况', 'finding', 14),
      column('状态', 'status', 8),
      column('结案时间', 'closedAt', 17),
      column('结案人', 'closedBy', 10),
      column('处置结果', 'note', 30),
    ],
    async *rows() {
      // Opened that day, or opened before and still open (or closed only since).
      const open = _.and([
        scopeWhere(deps.db, s),
        { createdAt: _.lt(dayStart + DAY) },
        _.or([{ createdAt: _.gte(dayStart) }, { status: 'open' }, { closedAt: _.gte(dayStart) }]),
      ])
      for await (const docs of pages(deps, 'onsite_cases', open, 'createdAt'))
        yield docs.map((c) => ({
          createdAt: time(c.createdAt),
          enterprise: c.enterpriseName,
          ...placeCells(places, c),
          name: c.name,
          finding: result({ status: 'done', positive: c.positive, fever: c.fever }),
          status: CASE_STATUS_LABELS[c.status],
          closedAt: time(c.closedAt),
          closedBy: c.closedBy?.name ?? '',
          note: c.note ?? '',
        }))
    },
  }
  return [checks, cases]
}

// ---------- export ----------

const HEALTH_LEDGERS: readonly LedgerKind[] = ['keyPersons', 'dailyReports', 'onsiteChecks']
/** Ledgers of one day: the day asked for, or today. */
const DAY_LEDGERS: readonly LedgerKind[] = ['dailyReports', 'onsiteChecks']

/**
 * Builds a ledger workbook in the function: rows are read a page at a time and streamed by exceljs into a
 * temporary file, which is uploaded to cloud storage and handed back as a temporary download link.
 */
export async function exportLedger(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof exportLedgerInput>,
): Promise<LedgerFile> {
  const s = await resolveScope(deps, caller, input.scope, HEALTH_LEDGERS.includes(input.kind))
  const places = await loadPlaces(deps, s.scope.streetId)
  const today = shanghaiDate(deps.now())
  const date = DAY_LEDGERS.includes(input.kind) ? (input.date ?? today) : input.date
  const sheets =
    input.kind === 'enterprises'
      ? enterpriseSheets(deps, s, places, caller.account)
      : input.kind === 'keyPersons'
        ? keyPersonSheets(deps, s, places, caller.account)
        : input.kind === 'dailyReports'
          ? await dailyReportSheets(deps, s, places, caller.account, date!)
          : input.kind === 'supplies'
            ? supplySheets(deps, s, places, date)
            : input.kind === 'onsiteChecks'
              ? onsiteSheets(deps, s, places, date!)
              : errandSheets(deps, s, places, caller.account, date)
  const id = deps.newId()
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ledger-'))
  const file = path.join(dir, `${id}.xlsx`)
  try {
    const counts = await writeWorkbook(file, sheets)
    const stamp = formatShanghai(deps.now(), 'YYYYMMDD-HHmmss')
    const cloudPath = `ledgers/${s.scope.streetId}/${input.kind}/${stamp}-${id.slice(0, 8)}.xlsx`
    const app = cloud()
    const { fileID } = await app.uploadFile({ cloudPath, fileContent: createReadStream(file) })
    // Recorded so the ledgerScan timer deletes it after its time; a file that cannot be recorded is not kept.
    try {
      await col(deps.db, 'ledger_files').add({
        _id: id,
        fileID,
        streetId: s.scope.streetId,
        kind: input.kind,
        createdAt: deps.now(),
      })
    } catch (e) {
      await app.deleteFile({ fileList: [fileID] }).catch(() => undefined)
      throw e
    }
    const { fileList } = await app.getTempFileURL({ fileList: [{ fileID, maxAge: URL_SECONDS }] })
    const url = fileList[0]?.tempFileURL
    if (!url) throw new AppError('EXPORT_FAILED')
    if (HEALTH_LEDGERS.includes(input.kind))
      await logHealthRead(deps, caller.account, s, `ledger:${input.kind}${date ? `:${date}` : ''}`)
    const where = s.names.grid ?? s.names.community ?? s.names.street
    return {
      kind: input.kind,
      fileID,
      url,
      fileName: `${LEDGER_LABELS[input.kind]}-${where}-${date ?? today}.xlsx`,
      sheets: counts,
      expiresAt: deps.now() + URL_SECONDS * 1000,
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true })
  }
}
