import { Text } from '@tarojs/components'
import { APPLICATION_STATE_LABELS, type ApplicationState } from '../../../../shared/application'
import { ENTERPRISE_KIND_LABELS } from '../../../../shared/enterprise'
import { ERRAND_CATEGORY_LABELS, stateLabel } from '../../../../shared/errand'
import { SLOT_LABELS } from '../../../../shared/health'
import { DIFFICULTY_LABELS } from '../../../../shared/schemas/application'
import type { ListKind, ListRows } from '../../../../shared/stats'
import {
  HAND_OUT_STATUS_LABELS,
  PURCHASE_STATUS_LABELS,
  SUPPLY_LABELS,
  SUPPLY_UNITS,
} from '../../../../shared/supplies'
import type { Column } from '../../../components/DataTable'
import { monthDay } from '../../../utils/format'
import { minutesText, num, when, whenFull, yuan } from './format'

export type Tone = 'ok' | 'warn' | 'danger' | 'info' | 'off'

export interface RowCard {
  title: string
  tag?: { text: string; tone: Tone }
  lines: string[]
  /** A number or short fact at the right (temperature, minutes…). */
  side?: string
  sideTone?: Tone
}

export interface KindView<R> {
  rowKey: (r: R) => string
  columns: Column<R>[]
  card: (r: R) => RowCard
  filterPlaceholder: string
}

const place = (r: { communityName: string; gridName?: string }) =>
  [r.communityName, r.gridName].filter(Boolean).join(' · ') || '—'

type Tag = { text: string; tone: Tone }

function Pill({ text, tone }: Tag) {
  return <Text className={`st-pill st-pill--${tone}`}>{text}</Text>
}

/** A coloured label — the same one the row's card wears — sorted by its words. */
function tagColumn<R>(key: string, title: string, tag: (r: R) => Tag, min: number): Column<R> {
  return { key, title, min, render: (r) => <Pill {...tag(r)} />, sortValue: (r) => tag(r).text }
}

const APP_TONES: Record<ApplicationState, Tone> = {
  draft: 'off',
  reviewing: 'info',
  returned: 'warn',
  approved: 'ok',
  rejected: 'danger',
  reopened: 'ok',
  revoked: 'danger',
}

const appTag = (r: { status: ApplicationState }): Tag => ({
  text: APPLICATION_STATE_LABELS[r.status],
  tone: APP_TONES[r.status],
})

const QUARANTINE_TEXT = { active: '隔离中', pendingDecision: '期满待处理', released: '已解除' } as const
const QUARANTINE_TONES: Record<keyof typeof QUARANTINE_TEXT, Tone> = {
  active: 'warn',
  pendingDecision: 'info',
  released: 'off',
}
const quarantineTag = (r: { status: keyof typeof QUARANTINE_TEXT }): Tag => ({
  text: QUARANTINE_TEXT[r.status],
  tone: QUARANTINE_TONES[r.status],
})

/** A column that shows a text and sorts by it. */
function textColumn<R>(
  key: string,
  title: string,
  value: (r: R) => string,
  size: Pick<Column<R>, 'min' | 'grow' | 'align'>,
): Column<R> {
  return { key, title, ...size, render: value, sortValue: value }
}

/** A figure at the right (minutes, money), shown by `show` and sorted by its number. */
function figureColumn<R>(
  key: string,
  title: string,
  value: (r: R) => number | null,
  show: (n: number | null) => string,
): Column<R> {
  return { key, title, min: 90, align: 'right', render: (r) => show(value(r)), sortValue: value }
}

/** A moment in full ("2024-03-16 09:30"), sorted by time. */
function timeColumn<R>(key: string, title: string, at: (r: R) => number | null | undefined): Column<R> {
  return { key, title, min: 140, render: (r) => whenFull(at(r)), sortValue: at }
}

const placeColumn = <R extends { communityName: string; gridName?: string }>(): Column<R> =>
  textColumn('place', '社区 · 网格', place, { min: 180, grow: 1.6 })

const enterprise: KindView<ListRows['enterprise']> = {
  rowKey: (r) => r._id,
  filterPlaceholder: '在本页中查找企业、信用代码、联系人',
  columns: [
    textColumn('name', '企业名称', (r) => r.name, { min: 200, grow: 2.2 }),
    textColumn('kind', '类型', (r) => ENTERPRISE_KIND_LABELS[r.kind], { min: 110 }),
    textColumn('industry', '行业', (r) => r.industry, { min: 90 }),
    textColumn('credit', '统一社会信用代码', (r) => r.creditCode, { min: 180, grow: 1.4 }),
    placeColumn(),
    {
      key: 'contact',
      title: '联系人',
      min: 130,
      render: (r) => `${r.contactName} ${r.contactPhone}`,
      sortValue: (r) => r.contactName,
    },
    timeColumn('at', '登记时间', (r) => r.createdAt),
  ],
  card: (r) => ({
    title: r.name,
    tag: { text: ENTERPRISE_KIND_LABELS[r.kind], tone: 'info' },
    lines: [
      `${r.industry} · ${place(r)}`,
      `联系人 ${r.contactName} ${r.contactPhone}`,
      `${when(r.createdAt)} 登记`,
    ],
  }),
}

const application: KindView<ListRows['application']> = {
  rowKey: (r) => r._id,
  filterPlaceholder: '在本页中查找企业、状态、社区',
  columns: [
    textColumn('name', '企业名称', (r) => r.enterpriseName, { min: 200, grow: 2.2 }),
    tagColumn('status', '状态', appTag, 100),
    placeColumn(),
    timeColumn('submitted', '提交时间', (r) => r.submittedAt),
    timeColumn('decided', '审核完成', (r) => r.decidedAt),
    timeColumn('reopened', '复工时间', (r) => r.reopenedAt),
    {
      key: 'staff',
      title: '到岗/职工',
      min: 100,
      align: 'right',
      render: (r) => (r.staffTotal === null ? '—' : `${num(r.staffOnSite)} / ${num(r.staffTotal)}`),
      sortValue: (r) => r.staffTotal,
    },
    {
      key: 'supplies',
      title: '口罩/消毒液/体温计',
      grow: 1.3,
      min: 160,
      align: 'right',
      render: (r) =>
        r.supplies
          ? `${num(r.supplies.masks)}只 / ${num(r.supplies.disinfectantLitres)}升 / ${num(r.supplies.thermometers)}支`
          : '—',
      sortValue: (r) => r.supplies?.masks,
    },
  ],
  card: (r) => ({
    title: r.enterpriseName,
    tag: appTag(r),
    lines: [
      place(r),
      [
        r.submittedAt ? `${when(r.submittedAt)} 提交` : '',
        r.reopenedAt ? `${when(r.reopenedAt)} 复工` : r.decidedAt ? `${when(r.decidedAt)} 审核完成` : '',
      ]
        .filter(Boolean)
        .join('，') || '尚未提交',
      r.staffTotal === null
        ? ''
        : `职工 ${num(r.staffTotal)} 人，到岗 ${num(r.staffOnSite)} 人${
            r.supplies
              ? `；口罩 ${num(r.supplies.masks)} 只，消毒液 ${num(r.supplies.disinfectantLitres)} 升，体温计 ${num(
                  r.supplies.thermometers,
                )} 支`
              : ''
          }`,
    ].filter(Boolean),
  }),
}

const person: KindView<ListRows['person']> = {
  rowKey: (r) => r.accountId,
  filterPlaceholder: '在本页中查找姓名、来源地、原因',
  columns: [
    textColumn('name', '姓名', (r) => r.name, { min: 90 }),
    textColumn('phone', '电话', (r) => r.phone, { min: 120 }),
    { key: 'id', title: '身份证号', grow: 1.3, min: 170, render: (r) => r.idNumber || '—' },
    placeColumn(),
    {
      key: 'from',
      title: '来源地',
      min: 120,
      render: (r) => `${r.fromProvince}${r.fromCity}` || '—',
      sortValue: (r) => `${r.fromProvince}${r.fromCity}`,
    },
    {
      key: 'arrival',
      title: '抵达日期',
      min: 100,
      render: (r) => (r.arrivalDate ? monthDay(r.arrivalDate) : '—'),
      sortValue: (r) => r.arrivalDate,
    },
    {
      key: 'key',
      title: '筛查结果',
      grow: 2,
      min: 200,
      render: (r) =>
        r.keyPerson ? (
          <Text>
            <Pill text="重点人员" tone="warn" /> {r.reasons.join('；')}
          </Text>
        ) : (
          <Pill text="一般人员" tone="ok" />
        ),
      sortValue: (r) => (r.keyPerson ? 1 : 0),
      text: (r) => r.reasons.join(' '),
    },
    timeColumn('at', '时间', (r) => r.at),
  ],
  card: (r) => ({
    title: r.name,
    tag: r.keyPerson ? { text: '重点人员', tone: 'warn' } : { text: '一般人员', tone: 'ok' },
    lines: [
      `${r.phone}${r.idNumber ? ` · ${r.idNumber}` : ''}`,
      place(r),
      r.fromProvince
        ? `从${r.fromProvince}${r.fromCity}返回${r.arrivalDate ? `，${monthDay(r.arrivalDate)}抵达` : ''}`
        : '',
      r.reasons.join('；'),
      when(r.at),
    ].filter(Boolean),
  }),
}

const quarantine: KindView<ListRows['quarantine']> = {
  rowKey: (r) => r._id,
  filterPlaceholder: '在本页中查找姓名、楼栋、原因',
  columns: [
    textColumn('name', '姓名', (r) => r.name, { min: 90 }),
    { key: 'phone', title: '电话', min: 120, render: (r) => r.phone },
    placeColumn(),
    {
      key: 'room',
      title: '住址',
      min: 100,
      render: (r) => `${r.building}栋${r.room}`,
      sortValue: (r) => `${r.building.padStart(4, '0')}-${r.room.padStart(5, '0')}`,
    },
    {
      key: 'period',
      title: '隔离期',
      grow: 1.3,
      min: 150,
      render: (r) => `${monthDay(r.startDate)} — ${monthDay(r.endDate)}${r.extended ? '（已延长）' : ''}`,
      sortValue: (r) => r.endDate,
    },
    tagColumn('status', '状态', quarantineTag, 100),
    {
      key: 'due',
      title: '今日应报',
      min: 80,
      align: 'right',
      render: (r) => `${r.slotsDueToday} 次`,
      sortValue: (r) => r.slotsDueToday,
    },
    {
      key: 'reasons',
      title: '原因',
      grow: 2,
      min: 180,
      render: (r) => r.reasons.join('；'),
      text: (r) => r.reasons.join(' '),
    },
  ],
  card: (r) => ({
    title: r.name,
    tag: quarantineTag(r),
    lines: [
      `${r.building}栋${r.room} · ${r.phone}`,
      place(r),
      `${monthDay(r.startDate)} — ${monthDay(r.endDate)}${r.extended ? '（已延长）' : ''}`,
      r.reasons.join('；'),
    ].filter(Boolean),
    side: `今日应报${r.slotsDueToday}次`,
    sideTone: 'info' as const,
  }),
}

const report: KindView<ListRows['report']> = {
  rowKey: (r) => r._id,
  filterPlaceholder: '在本页中查找姓名、社区、网格',
  columns: [
    textColumn('name', '姓名', (r) => r.name, { min: 90 }),
    placeColumn(),
    {
      key: 'slot',
      title: '日期 · 时段',
      min: 120,
      render: (r) => `${monthDay(r.date)} ${SLOT_LABELS[r.slot]}`,
      sortValue: (r) => `${r.date}-${r.slot === 'morning' ? 0 : 1}`,
    },
    {
      key: 'status',
      title: '状态',
      min: 90,
      render: (r) =>
        r.status === 'missed' ? <Pill text="漏报" tone="danger" /> : <Pill text="已报备" tone="ok" />,
      sortValue: (r) => r.status,
    },
    {
      key: 'temp',
      title: '体温',
      min: 90,
      align: 'right',
      render: (r) =>
        r.temperature === null ? (
          '—'
        ) : (
          <Text className={r.fever ? 'st-fever' : ''}>{r.temperature.toFixed(1)}℃</Text>
        ),
      sortValue: (r) => r.temperature,
    },
    {
      key: 'fever',
      title: '发热',
      min: 70,
      render: (r) => (r.fever ? <Pill text="发热" tone="danger" /> : '否'),
      sortValue: (r) => (r.fever ? 1 : 0),
    },
    {
      key: 'at',
      title: '报备时间',
      min: 140,
      render: (r) => (r.status === 'missed' ? '—' : whenFull(r.at)),
      sortValue: (r) => r.at,
    },
  ],
  card: (r) => ({
    title: r.name,
    tag:
      r.status === 'missed'
        ? { text: '漏报', tone: 'danger' }
        : r.fever
          ? { text: '发热', tone: 'danger' }
          : { text: '已报备', tone: 'ok' },
    lines: [
      `${monthDay(r.date)} ${SLOT_LABELS[r.slot]}${r.status === 'missed' ? '' : ` · ${when(r.at)} 报备`}`,
      place(r),
    ],
    ...(r.temperature !== null
      ? { side: `${r.temperature.toFixed(1)}℃`, sideTone: r.fever ? ('danger' as const) : ('ok' as const) }
      : {}),
  }),
}

const errand: KindView<ListRows['errand']> = {
  rowKey: (r) => r._id,
  filterPlaceholder: '在本页中查找求助人、管家、类别',
  columns: [
    textColumn('who', '求助人', (r) => r.requesterName, { min: 90 }),
    textColumn('category', '类别', (r) => ERRAND_CATEGORY_LABELS[r.category], { min: 90 }),
    {
      key: 'status',
      title: '状态',
      min: 100,
      render: (r) => (
        <Pill
          text={stateLabel(r.status, r.category)}
          tone={
            r.status === 'cancelled'
              ? 'off'
              : r.status === 'open'
                ? 'warn'
                : r.status === 'delivered' || r.status === 'confirmed'
                  ? 'ok'
                  : 'info'
          }
        />
      ),
      sortValue: (r) => r.status,
    },
    placeColumn(),
    {
      key: 'assignee',
      title: '管家/网格员',
      min: 100,
      render: (r) => r.assigneeName ?? '—',
      sortValue: (r) => r.assigneeName,
    },
    timeColumn('created', '发起时间', (r) => r.createdAt),
    figureColumn('claim', '认领用时', (r) => r.minutesToClaim, minutesText),
    figureColumn('deliver', '送达用时', (r) => r.minutesToDeliver, minutesText),
    figureColumn('spent', '垫付金额', (r) => r.spentFen, yuan),
  ],
  card: (r) => ({
    title: `${r.requesterName} · ${ERRAND_CATEGORY_LABELS[r.category]}`,
    tag: {
      text: stateLabel(r.status, r.category),
      tone: r.status === 'cancelled' ? 'off' : r.status === 'open' ? 'warn' : 'ok',
    },
    lines: [
      place(r),
      `${when(r.createdAt)} 发起${r.assigneeName ? `，${r.assigneeName} 认领` : ''}`,
      [
        r.minutesToClaim !== null ? `认领用时 ${minutesText(r.minutesToClaim)}` : '',
        r.minutesToDeliver !== null ? `送达用时 ${minutesText(r.minutesToDeliver)}` : '',
      ]
        .filter(Boolean)
        .join('，'),
    ].filter(Boolean),
    ...(r.spentFen !== null ? { side: yuan(r.spentFen), sideTone: 'info' as const } : {}),
  }),
}

const difficulty: KindView<ListRows['difficulty']> = {
  rowKey: (r) => r._id,
  filterPlaceholder: '在本页中查找企业、诉求内容',
  columns: [
    textColumn('name', '企业名称', (r) => r.enterpriseName, { min: 180, grow: 1.6 }),
    {
      key: 'community',
      title: '社区',
      min: 110,
      render: (r) => r.communityName || '—',
      sortValue: (r) => r.communityName,
    },
    {
      key: 'kind',
      title: '类型',
      min: 90,
      render: (r) => DIFFICULTY_LABELS[r.kind as keyof typeof DIFFICULTY_LABELS] ?? r.kind,
      sortValue: (r) => r.kind,
    },
    textColumn('text', '诉求内容', (r) => r.text, { min: 240, grow: 3 }),
    {
      key: 'status',
      title: '状态',
      min: 90,
      render: (r) =>
        r.status === 'closed' ? <Pill text="已办结" tone="ok" /> : <Pill text="待办结" tone="warn" />,
      sortValue: (r) => r.status,
    },
    timeColumn('at', '反映时间', (r) => r.createdAt),
    timeColumn('closed', '办结时间', (r) => r.closedAt),
  ],
  card: (r) => ({
    title: r.enterpriseName,
    tag: r.status === 'closed' ? { text: '已办结', tone: 'ok' } : { text: '待办结', tone: 'warn' },
    lines: [
      `${DIFFICULTY_LABELS[r.kind as keyof typeof DIFFICULTY_LABELS] ?? r.kind} · ${r.communityName || '—'}`,
      r.text,
      `${when(r.createdAt)} 反映${r.closedAt ? `，${when(r.closedAt)} 办结` : ''}`,
    ],
  }),
}

const handOut: KindView<ListRows['handOut']> = {
  rowKey: (r) => r._id,
  filterPlaceholder: '在本页中查找企业、物资',
  columns: [
    textColumn('name', '领用企业', (r) => r.enterpriseName, { min: 180, grow: 1.6 }),
    placeColumn(),
    textColumn('kind', '物资', (r) => SUPPLY_LABELS[r.kind], { min: 110 }),
    {
      key: 'quantity',
      title: '数量',
      min: 90,
      render: (r) => `${num(r.quantity)}${SUPPLY_UNITS[r.kind]}`,
      sortValue: (r) => r.quantity,
    },
    {
      key: 'status',
      title: '状态',
      min: 110,
      render: (r) => (
        <Pill text={HAND_OUT_STATUS_LABELS[r.status]} tone={r.status === 'confirmed' ? 'ok' : 'warn'} />
      ),
      sortValue: (r) => r.status,
    },
    textColumn('by', '经办人', (r) => r.byName, { min: 90 }),
    timeColumn('at', '发放时间', (r) => r.at),
    timeColumn('confirmed', '确认时间', (r) => r.confirmedAt),
  ],
  card: (r) => ({
    title: r.enterpriseName,
    tag: { text: HAND_OUT_STATUS_LABELS[r.status], tone: r.status === 'confirmed' ? 'ok' : 'warn' },
    lines: [place(r), `${when(r.at)} 发放，经办：${r.byName}`],
    side: `${SUPPLY_LABELS[r.kind]} ${num(r.quantity)}${SUPPLY_UNITS[r.kind]}`,
    sideTone: 'info' as const,
  }),
}

const purchase: KindView<ListRows['purchase']> = {
  rowKey: (r) => r._id,
  filterPlaceholder: '在本页中查找企业、物资',
  columns: [
    textColumn('name', '申请企业', (r) => r.enterpriseName, { min: 180, grow: 1.6 }),
    placeColumn(),
    textColumn('kind', '物资', (r) => SUPPLY_LABELS[r.kind], { min: 110 }),
    {
      key: 'quantity',
      title: '申请数量',
      min: 100,
      render: (r) => `${num(r.quantity)}${SUPPLY_UNITS[r.kind]}`,
      sortValue: (r) => r.quantity,
    },
    {
      key: 'procured',
      title: '已采购',
      min: 100,
      render: (r) =>
        r.procuredQuantity === null ? '—' : `${num(r.procuredQuantity)}${SUPPLY_UNITS[r.kind]}`,
      sortValue: (r) => r.procuredQuantity ?? -1,
    },
    {
      key: 'status',
      title: '状态',
      min: 100,
      render: (r) => (
        <Pill text={PURCHASE_STATUS_LABELS[r.status]} tone={r.status === 'procured' ? 'ok' : 'warn'} />
      ),
      sortValue: (r) => r.status,
    },
    timeColumn('at', '申请时间', (r) => r.createdAt),
    timeColumn('procuredAt', '采购时间', (r) => r.procuredAt),
  ],
  card: (r) => ({
    title: r.enterpriseName,
    tag: { text: PURCHASE_STATUS_LABELS[r.status], tone: r.status === 'procured' ? 'ok' : 'warn' },
    lines: [
      place(r),
      `${when(r.createdAt)} 申请 ${SUPPLY_LABELS[r.kind]} ${num(r.quantity)}${SUPPLY_UNITS[r.kind]}`,
      r.procuredAt
        ? `${when(r.procuredAt)} ${r.procuredByName ?? ''} 采购 ${num(r.procuredQuantity ?? 0)}`
        : '',
    ].filter(Boolean),
  }),
}

// ---------- 企业一日两检 ----------

const checkTag = (r: ListRows['onsiteCheck']): Tag =>
  r.status === 'missed'
    ? { text: '漏检', tone: 'danger' }
    : r.positive
      ? { text: '抗原阳性', tone: 'danger' }
      : r.fever
        ? { text: '发热', tone: 'danger' }
        : { text: r.confirmed ? '正常' : '待确认', tone: r.confirmed ? 'ok' : 'warn' }
const ANTIGEN_TEXT = { negative: '阴性', positive: '阳性', invalid: '无效' } as const

const onsiteCheck: KindView<ListRows['onsiteCheck']> = {
  rowKey: (r) => r._id,
  filterPlaceholder: '在本页中查找姓名、企业',
  columns: [
    textColumn('name', '姓名', (r) => r.name, { min: 90 }),
    textColumn('enterprise', '企业', (r) => r.enterpriseName, { min: 180, grow: 1.6 }),
    textColumn('slot', '时段', (r) => `${monthDay(r.date)} ${SLOT_LABELS[r.slot]}`, { min: 110 }),
    tagColumn('result', '结果', checkTag, 90),
    figureColumn(
      'temperature',
      '体温',
      (r) => r.temperature,
      (t) => (t === null ? '—' : `${t.toFixed(1)}℃`),
    ),
    textColumn('antigen', '抗原', (r) => (r.antigen ? ANTIGEN_TEXT[r.antigen] : '—'), { min: 70 }),
    placeColumn(),
    timeColumn('at', '检测时间', (r) => (r.status === 'missed' ? null : r.at)),
  ],
  card: (r) => ({
    title: r.name,
    tag: checkTag(r),
    lines: [
      r.enterpriseName,
      `${monthDay(r.date)} ${SLOT_LABELS[r.slot]}${r.status === 'missed' ? '' : ` · ${when(r.at)} 检测`}${r.antigen ? ` · 抗原${ANTIGEN_TEXT[r.antigen]}` : ''}`,
    ],
    ...(r.temperature !== null
      ? { side: `${r.temperature.toFixed(1)}℃`, sideTone: r.fever ? ('danger' as const) : ('ok' as const) }
      : {}),
  }),
}

const onsiteStaff: KindView<ListRows['onsiteStaff']> = {
  rowKey: (r) => r._id,
  filterPlaceholder: '在本页中查找姓名、企业',
  columns: [
    textColumn('name', '姓名', (r) => r.name, { min: 90 }),
    textColumn('enterprise', '企业', (r) => r.enterpriseName, { min: 180, grow: 1.6 }),
    placeColumn(),
    figureColumn(
      'due',
      '今日应检',
      (r) => r.checksDueToday,
      (n) => `${n ?? 0}`,
    ),
  ],
  card: (r) => ({
    title: r.name,
    lines: [r.enterpriseName, place(r)],
    side: `应检 ${r.checksDueToday}`,
    sideTone: 'info',
  }),
}

const onsiteEnterprise: KindView<ListRows['onsiteEnterprise']> = {
  rowKey: (r) => r._id,
  filterPlaceholder: '在本页中查找企业、安全员',
  columns: [
    textColumn('name', '企业名称', (r) => r.enterpriseName, { min: 180, grow: 1.6 }),
    textColumn('officer', '安全员', (r) => r.officerName ?? '未指定', { min: 90 }),
    figureColumn(
      'cases',
      '待处置',
      (r) => r.openCases,
      (n) => `${n ?? 0} 人`,
    ),
    placeColumn(),
    timeColumn('at', '更新时间', (r) => r.updatedAt),
  ],
  card: (r) => ({
    title: r.enterpriseName,
    tag: { text: '标红', tone: 'danger' },
    lines: [`安全员 ${r.officerName ?? '未指定'}`, place(r)],
    side: `${r.openCases} 人待处置`,
    sideTone: 'danger',
  }),
}

export const KIND_VIEWS: { [K in ListKind]: KindView<ListRows[K]> } = {
  enterprise,
  application,
  person,
  quarantine,
  report,
  errand,
  difficulty,
  handOut,
  purchase,
  onsiteCheck,
  onsiteStaff,
  onsiteEnterprise,
}
