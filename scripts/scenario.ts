import type { ApplicationState, ReviewDecision, RoundReviews } from '../shared/application'
import { creditCodeCheckChar, idNumberCheckChar } from '../shared/checksums'
import type { EnterpriseKind } from '../shared/enterprise'
import type { ErrandCategory, ErrandState } from '../shared/errand'
import {
  DEFAULT_RULES,
  SLOTS,
  classify,
  observationPeriod,
  isAbnormal,
  isFever,
  quarantineEnd,
  slotClosesAt,
  slotOpensAt,
} from '../shared/health'
import { DEPARTMENTS, type Department } from '../shared/roles'
import { shanghaiDate, startOfShanghaiDay } from '../shared/time'
import type {
  ApplicationDoc,
  DifficultyDoc,
  EnterpriseDoc,
  PlateDoc,
} from '../cloudfunctions/application/model'
import type { ErrandDoc } from '../cloudfunctions/errand/model'
import type { DeclarationDoc, QuarantineDoc, ReportDoc } from '../cloudfunctions/health/model'
import type { Database } from '../cloudfunctions/_lib/runtime'

/**
 * A street's worth of records written straight through the SDK, in exactly the shapes the functions write
 * (the model types), for the dashboard test and the bench: hundreds of enterprises and applications in every
 * state, thousands of health declarations, the key persons' quarantines and their twice-daily reports over
 * the past days (some missed, some fevers), errands and difficulties. Deterministic for a given seed.
 */
export interface ScenarioOptions {
  streetId: string
  grids: { _id: string; communityId: string }[]
  /** "Now": nothing is dated after it. */
  now: number
  /** How many days of history before today. */
  days: number
  enterprises: number
  people: number
  errands: number
  difficulties: number
  seed?: number
  /** Staff named on quarantines and errands, per grid (optional). */
  staff?: Record<string, { butlerId?: string; butlerName?: string; gridWorkerId?: string }>
  /** Prefix of every id, so two scenarios can share a database. */
  prefix?: string
}

export interface ScenarioSummary {
  enterprises: number
  applications: number
  declarations: number
  quarantines: number
  reports: number
  errands: number
  difficulties: number
}

const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

/** mulberry32: a small seeded generator, so every run builds the same street. */
function rng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    weighted: <T extends string>(w: Record<T, number>): T => {
      const total = Object.values<number>(w).reduce((x, y) => x + y, 0)
      let r = next() * total
      for (const [k, v] of Object.entries<number>(w)) {
        r -= v
        if (r < 0) return k as T
      }
      return Object.keys(w)[0] as T
    },
  }
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华'
const CITIES: Record<string, string> = {
  浙江省: '杭州市',
  江苏省: '南京市',
  安徽省: '合肥市',
  江西省: '南昌市',
  河南省: '郑州市',
  湖北省: '武汉市',
  四川省: '成都市',
  贵州省: '贵阳市',
}
const INDUSTRIES = ['制造业', '批发零售', '餐饮', '建筑业', '信息技术', '物流运输', '居民服务']

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'

export async function buildScenario(db: Database, o: ScenarioOptions): Promise<ScenarioSummary> {
  const r = rng(o.seed ?? 20200210)
  const p = o.prefix ?? `${o.streetId}-`
  const now = o.now
  const today = shanghaiDate(now)
  const start = startOfShanghaiDay(today) - o.days * DAY
  const at = (lo: number, hi: number) => Math.floor(lo + r.next() * Math.max(0, hi - lo))
  const name = () => r.pick([...SURNAMES]) + r.pick([...GIVEN]) + (r.chance(0.5) ? r.pick([...GIVEN]) : '')
  const phone = (n: number) => `139${String(10_000_000 + n).slice(-8)}`
  const grid = () => r.pick(o.grids)
  const staffOf = (gridId: string) => o.staff?.[gridId] ?? {}

  // ---------- enterprises and applications ----------
  const enterprises: EnterpriseDoc[] = []
  const applications: ApplicationDoc[] = []
  const plates: PlateDoc[] = []
  for (let i = 0; i < o.enterprises; i++) {
    const g = grid()
    const createdAt = at(start - 5 * DAY, now - HOUR)
    const kind = r.weighted<EnterpriseKind>({ large: 15, small: 35, shop: 50 })
    let first17 = ''
    do {
      first17 = '91330106' + Array.from({ length: 9 }, () => r.pick([...CREDIT_ALPHABET])).join('')
    } while (!creditCodeCheckChar(first17))
    const e: EnterpriseDoc = {
      _id: `${p}e${i}`,
      name: `${r.pick(['东湖', '幸福', '和平', '兴业', '恒通', '华新'])}${r.pick(INDUSTRIES)}${i}号${kind === 'shop' ? '门店' : '有限公司'}`,
      creditCode: first17 + creditCodeCheckChar(first17),
      kind,
      industry: r.pick(INDUSTRIES),
      address: `东湖路${i + 1}号`,
      streetId: o.streetId,
      communityId: g.communityId,
      gridId: g._id,
      legalRepresentative: name(),
      contactName: name(),
      contactPhone: phone(i),
      ownerId: `${p}owner${i}`,
      managerIds: [],
      joinCode: `J${String(i).padStart(5, '0')}`.replace(/[01]/g, 'Q'),
      openApplicationId: null,
      createdAt,
      updatedAt: createdAt,
    }
    enterprises.push(e)
    if (r.chance(0.05)) continue // registered, never applied
    const target = r.weighted<ApplicationState>({
      draft: 5,
      reviewing: 14,
      returned: 8,
      approved: 9,
      rejected: 7,
      reopened: 50,
      revoked: 7,
    })
    const appCreated = at(createdAt, Math.min(now - 30 * MIN, createdAt + 2 * DAY))
    const staffTotal = r.int(3, kind === 'large' ? 400 : kind === 'small' ? 60 : 8)
    const a: ApplicationDoc = {
      _id: `${p}a${i}`,
      enterpriseId: e._id,
      enterpriseName: e.name,
      creditCode: e.creditCode,
      kind,
      streetId: e.streetId,
      communityId: e.communityId,
      gridId: e.gridId,
      ownerId: e.ownerId,
      status: 'draft',
      round: 0,
      form: {
        plannedDate: shanghaiDate(appCreated + 3 * DAY),
        staffTotal,
        staffOnSite: r.int(0, staffTotal),
        staffFromOutside: r.int(0, Math.floor(staffTotal / 5)),
        staffFromRiskAreas: r.int(0, Math.floor(staffTotal / 20)),
        supplies: { masks: r.int(0, 2000), disinfectantLitres: r.int(0, 100), thermometers: r.int(0, 20) },
        measures: ['entranceTemperature', 'disinfectionSchedule'],
        emergencyPlan: { text: '发现发热人员立即隔离并报告社区。' },
        disinfectionPlan: { text: '每日早晚两次消毒。' },
        safetyOfficer: { name: name(), phone: phone(50_000 + i) },
      },
      reviews: {},
      pastRounds: [],
      pendingDepartments: [],
      commitments: {},
      createdAt: appCreated,
      updatedAt: appCreated,
    }
    applications.push(a)
    const decision = (d: Department, what: ReviewDecision['decision'], when: number): ReviewDecision => ({
      decision: what,
      ...(what === 'approve' ? {} : { comment: what === 'return' ? '请补充消毒方案' : '防疫措施不达标' }),
      reviewerId: `${p}reviewer-${d}`,
      reviewerName: `${d}审核员`,
      at: when,
    })
    const cap = (t: number) => t <= now - MIN
    let t = appCreated
    const step = (lo: number, hi: number) => {
      const next = t + r.int(lo, hi)
      if (!cap(next)) return false
      t = next
      return true
    }
    if (target === 'draft' || !step(10 * MIN, 12 * HOUR)) {
      e.openApplicationId = a._id
      continue
    }
    // Some were returned once and submitted again.
    if (target !== 'returned' && r.chance(0.15) && step(HOUR, 6 * HOUR)) {
      const past: RoundReviews = { economy: decision('economy', 'return', t) }
      if (step(HOUR, 12 * HOUR)) a.pastRounds = [{ round: 1, reviews: past }]
      a.round = 1
    }
    a.round += 1
    a.status = 'reviewing'
    a.submittedAt = t
    a.pendingDepartments = [...DEPARTMENTS]
    a.updatedAt = t
    e.openApplicationId = a._id
    if (target === 'reviewing') {
      const decided = r.int(0, 2)
      for (const d of DEPARTMENTS.slice(0, decided)) {
        if (!step(10 * MIN, 3 * HOUR)) break
        a.reviews[d] = decision(d, 'approve', t)
        a.pendingDepartments = a.pendingDepartments.filter((x) => x !== d)
        a.updatedAt = t
      }
      continue
    }
    const last: ReviewDecision['decision'] =
      target === 'returned' ? 'return' : target === 'rejected' ? 'reject' : 'approve'
    let complete = true
    for (const d of DEPARTMENTS) {
      if (!step(10 * MIN, 6 * HOUR)) {
        complete = false
        break
      }
      a.reviews[d] = decision(d, d === 'epidemic' ? last : 'approve', t)
      a.pendingDepartments = a.pendingDepartments.filter((x) => x !== d)
      a.updatedAt = t
    }
    if (!complete) continue
    a.pendingDepartments = []
    a.decidedAt = t
    a.status = target === 'returned' ? 'returned' : target === 'rejected' ? 'rejected' : 'approved'
    if (a.status === 'rejected') e.openApplicationId = null
    if (target === 'reopened' || target === 'revoked') {
      if (!step(30 * MIN, 18 * HOUR)) continue
      for (const party of ['enterprise', 'community', 'person'] as const)
        a.commitments[party] = { accountId: e.ownerId, signerName: e.contactName, role: 'owner', at: t }
      a.status = 'reopened'
      a.reopenedAt = t
      a.updatedAt = t
      a.plateId = `${p}plate${i}`
      plates.push({
        _id: a.plateId,
        applicationId: a._id,
        enterpriseId: e._id,
        streetId: e.streetId,
        issuedAt: t,
      })
      e.openApplicationId = null
      if (target === 'revoked' && step(HOUR, 3 * DAY)) {
        a.status = 'revoked'
        a.revokedAt = t
        a.updatedAt = t
        plates[plates.length - 1]!.revokedAt = t
        plates[plates.length - 1]!.revokeReason = '回头看检查不合格'
      }
    }
  }

  // ---------- declarations, quarantines, reports ----------
  const declarations: DeclarationDoc[] = []
  const quarantines: QuarantineDoc[] = []
  const reports: ReportDoc[] = []
  for (let i = 0; i < o.people; i++) {
    const g = grid()
    const accountId = `${p}person${i}`
    const who = name()
    const seq = String(i).padStart(4, '0')
    const id17 = `33010619${80 + (i % 20)}0101${seq.slice(-3)}`
    const fromProvince = r.weighted<string>({
      浙江省: 70,
      江苏省: 6,
      安徽省: 5,
      江西省: 3,
      河南省: 3,
      湖北省: 9,
      四川省: 2,
      贵州省: 2,
    })
    const declaredAt = at(start - 2 * DAY, now)
    const times = r.chance(0.1) ? [declaredAt, at(declaredAt, now)] : [declaredAt]
    const enterprise = r.chance(0.7) ? r.pick(enterprises) : undefined
    let first: DeclarationDoc | undefined
    for (const [k, createdAt] of times.entries()) {
      const date = shanghaiDate(createdAt)
      const fields = {
        fromProvince,
        fromCity: CITIES[fromProvince] ?? '',
        arrivalDate: shanghaiDate(createdAt - r.int(0, 5) * DAY),
        placesStayed: [],
        contactWithCases: r.chance(0.01),
        symptoms: r.chance(0.01) ? ['cough'] : [],
      }
      const d: DeclarationDoc = {
        _id: `${p}d${i}-${k}`,
        accountId,
        streetId: o.streetId,
        communityId: g.communityId,
        gridId: g._id,
        enterpriseId: enterprise?._id ?? null,
        name: who,
        idNumber: id17 + idNumberCheckChar(id17),
        phone: phone(100_000 + i),
        building: String(r.int(1, 30)),
        room: String(r.int(101, 2404)),
        ...fields,
        classification: classify(fields, DEFAULT_RULES, date),
        rulesVersion: DEFAULT_RULES.version,
        createdAt,
      }
      declarations.push(d)
      first ??= d.classification.result === 'keyPerson' ? d : undefined
    }
    // The first key-person declaration opens a quarantine, as health.declare does: counted from the arrival.
    const period =
      first && observationPeriod(first, first.classification, DEFAULT_RULES, shanghaiDate(first.createdAt))
    if (!first || !period) continue
    const staff = staffOf(first.gridId)
    const q: QuarantineDoc = {
      _id: `${p}q${i}`,
      accountId,
      declarationId: first._id,
      name: who,
      phone: first.phone,
      streetId: o.streetId,
      communityId: first.communityId,
      gridId: first.gridId,
      enterpriseId: first.enterpriseId,
      building: first.building,
      room: first.room,
      kind: 'home',
      reasons: first.classification.reasons,
      ...period,
      status: 'active',
      butlerId: staff.butlerId ?? null,
      gridWorkerId: staff.gridWorkerId ?? null,
      changes: [],
      createdAt: first.createdAt + 5,
    }
    quarantines.push(q)
    if (r.chance(0.12)) {
      const when = at(q.createdAt, Math.min(now, startOfShanghaiDay(q.endDate)))
      q.changes.push({
        type: 'extend',
        by: `${p}gw`,
        byName: '网格员',
        reason: '同住人员发热',
        days: 7,
        at: when,
      })
      q.endDate = quarantineEnd(q.endDate, 7)
      q.extended = true
    }
    if (r.chance(0.05)) {
      const when = at(q.createdAt, Math.min(now, startOfShanghaiDay(q.endDate)))
      q.changes.push({ type: 'release', by: `${p}gw`, byName: '网格员', reason: '核酸检测阴性', at: when })
      q.status = 'released'
      q.releasedAt = when
    } else if (startOfShanghaiDay(q.endDate) <= now) {
      const when = startOfShanghaiDay(q.endDate) + r.int(1, 30) * 1000
      if (r.chance(0.85)) {
        q.changes.push({
          type: 'autoRelease',
          by: 'system',
          byName: '系统',
          reason: '隔离期满，最近两天体温正常',
          at: when,
        })
        q.status = 'released'
        q.releasedAt = when
      } else {
        q.changes.push({
          type: 'pendingDecision',
          by: 'system',
          byName: '系统',
          reason: '隔离期满，但最近两天有发热记录',
          at: when,
        })
        q.status = 'pendingDecision'
      }
    }
    // Two reports a day while the quarantine covers the day: reported in the window, or marked missed after.
    for (let day = startOfShanghaiDay(q.startDate); day <= now; day += DAY) {
      const date = shanghaiDate(day + HOUR)
      if (date >= q.endDate) break
      for (const slot of SLOTS) {
        const opens = slotOpensAt(date, slot, DEFAULT_RULES)
        const closes = slotClosesAt(date, slot, DEFAULT_RULES)
        if (closes <= q.createdAt) continue
        if (q.releasedAt !== undefined && q.releasedAt <= opens) continue
        if (opens > now) continue
        const open = Math.max(opens, q.createdAt + MIN)
        const base = {
          _id: `${q._id}:${date}:${slot}`,
          quarantineId: q._id,
          accountId,
          streetId: q.streetId,
          communityId: q.communityId,
          gridId: q.gridId,
          date,
          slot,
          requestId: null,
          recordedBy: null,
        }
        if (closes <= now && r.chance(0.1)) {
          if (q.releasedAt !== undefined && q.releasedAt < closes) continue
          reports.push({
            ...base,
            status: 'missed',
            temperature: null,
            symptoms: [],
            fever: false,
            abnormal: false,
            at: Math.min(now, closes + r.int(0, 59) * MIN),
          })
          continue
        }
        const until = Math.min(closes, now, q.releasedAt ?? Infinity)
        if (until <= open || (closes > now && r.chance(0.5))) continue
        const feverish = r.chance(0.03)
        const temperature = Math.round((feverish ? 37.5 + r.next() * 1.1 : 36 + r.next() * 1.1) * 10) / 10
        const symptoms = feverish && r.chance(0.5) ? ['cough'] : []
        reports.push({
          ...base,
          requestId: `req-${q._id}-${date}-${slot}`,
          status: 'reported',
          temperature,
          symptoms,
          fever: isFever(temperature, DEFAULT_RULES),
          abnormal: isAbnormal(temperature, symptoms, DEFAULT_RULES),
          recordedBy:
            staff.butlerId && r.chance(0.05)
              ? { accountId: staff.butlerId, name: staff.butlerName ?? '管家' }
              : null,
          at: at(open, until),
        })
      }
    }
  }

  // ---------- errands ----------
  const errands: ErrandDoc[] = []
  for (let i = 0; i < o.errands && quarantines.length; i++) {
    const q = r.pick(quarantines)
    const createdAt = at(q.createdAt, Math.min(now, q.releasedAt ?? now))
    const category = r.weighted<ErrandCategory>({
      groceries: 50,
      medicine: 25,
      daily: 15,
      other: 5,
      psych: 5,
    })
    const psych = category === 'psych'
    const staff = staffOf(q.gridId)
    const budgetFen = psych ? 0 : r.int(20, 300) * 100
    const e: ErrandDoc = {
      _id: `${p}errand${i}`,
      streetId: q.streetId,
      communityId: q.communityId,
      gridId: q.gridId,
      requesterId: q.accountId,
      requesterName: q.name,
      phone: q.phone,
      building: q.building,
      room: q.room,
      basis: 'quarantine',
      quarantineId: q._id,
      category,
      queue: psych ? 'gridWorker' : 'butler',
      items: psych
        ? []
        : [{ name: r.pick(['大米', '鸡蛋', '蔬菜', '感冒药', '牛奶', '纸巾']), quantity: r.int(1, 5) }],
      budgetFen,
      deliveryWindow: null,
      contactless: true,
      urgent: category === 'medicine' && r.chance(0.2),
      note: psych ? '隔离期间心情焦虑' : '',
      requestId: null,
      slotId: `${q.accountId}:0`,
      status: 'open',
      round: 0,
      createdAt,
      openedAt: createdAt,
      claimedAt: null,
      purchasingAt: null,
      deliveringAt: null,
      deliveredAt: null,
      confirmedAt: null,
      cancelledAt: null,
      assigneeId: null,
      assigneeName: null,
      assigneePhone: null,
      handoffCode: null,
      codeAttempts: 0,
      spentFen: null,
      receiptFileId: null,
      dropOffFileId: null,
      settlement: null,
      overBudgetReason: null,
      butlerId: staff.butlerId ?? null,
      gridWorkerId: staff.gridWorkerId ?? null,
      rating: null,
      timeline: [{ type: 'create', byId: q.accountId, byName: q.name, at: createdAt }],
      updatedAt: createdAt,
    }
    errands.push(e)
    const target = r.weighted<ErrandState>({
      open: 8,
      claimed: 5,
      purchasing: 5,
      delivering: 5,
      delivered: 15,
      confirmed: 52,
      cancelled: 10,
    })
    let t = createdAt
    const step = (lo: number, hi: number) => {
      const next = t + r.int(lo, hi)
      if (next > now) return false
      t = next
      return true
    }
    const move = (to: ErrandState, type: 'claim' | 'advance' | 'confirm' | 'cancel') => {
      e.status = to
      e.updatedAt = t
      const by = type === 'claim' || type === 'advance' ? e.assigneeId! : q.accountId
      const byName = type === 'claim' || type === 'advance' ? e.assigneeName! : q.name
      e.timeline.push({ type, ...(type === 'advance' ? { to } : {}), byId: by, byName, at: t })
    }
    if (target === 'open') continue
    if (target === 'cancelled') {
      if (step(MIN, HOUR)) {
        e.cancelledAt = t
        move('cancelled', 'cancel')
      }
      continue
    }
    if (!step(2 * MIN, 90 * MIN)) continue
    e.assigneeId = psych
      ? (staff.gridWorkerId ?? `${p}gw-${q.gridId}`)
      : (staff.butlerId ?? `${p}butler-${q.gridId}`)
    e.assigneeName = psych ? '网格员' : (staff.butlerName ?? '管家')
    e.assigneePhone = '13800000031'
    e.claimedAt = t
    e.round = 1
    e.handoffCode = String(r.int(0, 9999)).padStart(4, '0')
    move('claimed', 'claim')
    if (target === 'claimed') continue
    if (!psych) {
      if (!step(5 * MIN, 60 * MIN)) continue
      e.purchasingAt = t
      move('purchasing', 'advance')
      if (target === 'purchasing') continue
      if (!step(10 * MIN, 90 * MIN)) continue
      e.spentFen = Math.max(100, budgetFen - r.int(0, 20) * 100)
      e.receiptFileId = `cloud://receipts/${e._id}.jpg`
      e.deliveringAt = t
      move('delivering', 'advance')
      if (target === 'delivering') continue
    }
    if (!step(10 * MIN, 120 * MIN)) continue
    if (!psych) {
      e.dropOffFileId = `cloud://dropoff/${e._id}.jpg`
      e.settlement = r.chance(0.7) ? 'paid_by_resident' : 'reimbursed'
      // Paid at the door: the resident asked to be handed the goods (a contactless one is reimbursed).
      if (e.settlement === 'paid_by_resident') e.contactless = false
    }
    e.deliveredAt = t
    move('delivered', 'advance')
    if (target === 'delivered') continue
    if (!step(MIN, 6 * HOUR)) continue
    e.confirmedAt = t
    move('confirmed', 'confirm')
    if (r.chance(0.6) && step(MIN, HOUR)) {
      e.rating = { stars: r.int(3, 5), comment: '谢谢管家', at: t }
      e.updatedAt = t
    }
  }

  // ---------- difficulties ----------
  const difficulties: DifficultyDoc[] = []
  for (let i = 0; i < o.difficulties && enterprises.length; i++) {
    const e = r.pick(enterprises)
    const createdAt = at(Math.max(e.createdAt, start - 3 * DAY), now)
    const d: DifficultyDoc = {
      _id: `${p}diff${i}`,
      enterpriseId: e._id,
      enterpriseName: e.name,
      streetId: e.streetId,
      communityId: e.communityId,
      ownerId: e.ownerId,
      kind: r.pick(['labour', 'funding', 'transport', 'supplies', 'other']),
      text: '复工后口罩不够用，希望协调采购渠道',
      status: 'open',
      answers: [],
      createdAt,
    }
    const closedAt = createdAt + r.int(HOUR, 3 * DAY)
    if (r.chance(0.6) && closedAt <= now) {
      d.status = 'closed'
      d.closedAt = closedAt
      d.answers.push({ by: `${p}admin`, byName: '街道', text: '已协调供应商', at: closedAt })
    }
    difficulties.push(d)
  }

  const insert = async (collection: string, docs: object[]) => {
    for (let i = 0; i < docs.length; i += 500) await db.collection(collection).add(docs.slice(i, i + 500))
  }
  await insert('enterprises', enterprises)
  await insert('applications', applications)
  await insert('plates', plates)
  await insert('declarations', declarations)
  await insert('quarantines', quarantines)
  await insert('reports', reports)
  await insert('errands', errands)
  await insert('difficulties', difficulties)
  return {
    enterprises: enterprises.length,
    applications: applications.length,
    declarations: declarations.length,
    quarantines: quarantines.length,
    reports: reports.length,
    errands: errands.length,
    difficulties: difficulties.length,
  }
}
