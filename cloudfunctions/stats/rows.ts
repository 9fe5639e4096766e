import { enterpriseSeer, errandSeer, personSeer, shown } from '../../shared/mask'
import type { Principal } from '../../shared/policy'
import type {
  ApplicationRow,
  DifficultyRow,
  EnterpriseRow,
  ErrandRow,
  PersonRow,
  QuarantineRow,
  ReportRow,
} from '../../shared/stats'
import { slotsDueToday } from '../../shared/stats'
import type { ApplicationDoc, DifficultyDoc, EnterpriseDoc } from '../application/model'
import type { ErrandDoc } from '../errand/model'
import type { DeclarationDoc, QuarantineDoc, ReportDoc } from '../health/model'
import { averageMinutes } from './figures'
import type { Places } from './scope'

/** What lists show of each record: names resolved, sensitive fields as the masking policy says (shared/mask.ts). */

export function place(p: Places, doc: { communityId: string; gridId: string }) {
  return {
    communityId: doc.communityId,
    communityName: p.community(doc.communityId),
    gridId: doc.gridId,
    gridName: p.grid(doc.gridId),
  }
}

export function enterpriseRow(p: Places, viewer: Principal, e: EnterpriseDoc): EnterpriseRow {
  return {
    _id: e._id,
    name: e.name,
    creditCode: e.creditCode,
    kind: e.kind,
    industry: e.industry,
    address: e.address,
    ...place(p, e),
    contactName: e.contactName,
    contactPhone: shown('enterprisePhone', 'list', enterpriseSeer(viewer, e), e.contactPhone),
    createdAt: e.createdAt,
  }
}

export function applicationRow(p: Places, a: ApplicationDoc): ApplicationRow {
  const s = a.form.supplies
  return {
    _id: a._id,
    enterpriseId: a.enterpriseId,
    enterpriseName: a.enterpriseName,
    kind: a.kind,
    status: a.status,
    round: a.round,
    ...place(p, a),
    submittedAt: a.submittedAt ?? null,
    decidedAt: a.decidedAt ?? null,
    reopenedAt: a.reopenedAt ?? null,
    revokedAt: a.revokedAt ?? null,
    staffTotal: a.form.staffTotal ?? null,
    staffOnSite: a.form.staffOnSite ?? null,
    supplies: s
      ? { masks: s.masks, disinfectantLitres: s.disinfectantLitres, thermometers: s.thermometers }
      : null,
  }
}

export function personRow(p: Places, viewer: Principal, d: DeclarationDoc): PersonRow {
  const seer = personSeer(viewer, d)
  return {
    accountId: d.accountId,
    name: d.name,
    phone: shown('phone', 'list', seer, d.phone),
    idNumber: shown('idNumber', 'list', seer, d.idNumber),
    ...place(p, d),
    enterpriseId: d.enterpriseId,
    fromProvince: d.fromProvince,
    fromCity: d.fromCity,
    arrivalDate: d.arrivalDate,
    keyPerson: d.classification.result === 'keyPerson',
    reasons: d.classification.reasons,
    riskArea: d.classification.flags.riskArea,
    outOfProvince: d.classification.flags.outOfProvince,
    at: d.createdAt,
  }
}

/** An errand as a person served: who was helped, with the request that matched. */
export function servedRow(p: Places, viewer: Principal, e: ErrandDoc): PersonRow {
  return {
    accountId: e.requesterId,
    name: e.requesterName,
    phone: shown('phone', 'list', errandSeer(viewer, e), e.phone),
    idNumber: '',
    ...place(p, e),
    enterpriseId: null,
    fromProvince: '',
    fromCity: '',
    arrivalDate: '',
    keyPerson: e.basis === 'quarantine',
    reasons: [],
    riskArea: false,
    outOfProvince: false,
    at: e.deliveredAt ?? e.createdAt,
  }
}

/** A quarantine with today's due slots (`closes`: when today's slots close). */
export function quarantineRow(
  p: Places,
  viewer: Principal,
  q: QuarantineDoc,
  today: string,
  closes: { morning: number; afternoon: number },
): QuarantineRow {
  const seer = personSeer(viewer, q)
  return {
    _id: q._id,
    name: q.name,
    phone: shown('phone', 'list', seer, q.phone),
    ...place(p, q),
    building: q.building,
    room: shown('room', 'list', seer, q.room),
    startDate: q.startDate,
    endDate: q.endDate,
    status: q.status,
    reasons: q.reasons,
    extended: q.extended === true,
    releasedAt: q.releasedAt ?? null,
    slotsDueToday: slotsDueToday(q, today, closes),
  }
}

export function reportRow(p: Places, r: ReportDoc, name: string): ReportRow {
  return {
    _id: r._id,
    quarantineId: r.quarantineId,
    name,
    ...place(p, r),
    date: r.date,
    slot: r.slot,
    status: r.status,
    temperature: r.temperature,
    fever: r.fever,
    at: r.at,
  }
}

export function errandRow(p: Places, e: ErrandDoc): ErrandRow {
  return {
    _id: e._id,
    requesterName: e.requesterName,
    category: e.category,
    status: e.status,
    ...place(p, e),
    assigneeName: e.assigneeName,
    createdAt: e.createdAt,
    claimedAt: e.claimedAt,
    deliveredAt: e.deliveredAt,
    minutesToClaim: e.claimedAt != null ? averageMinutes(e.claimedAt - e.createdAt, 1) : null,
    minutesToDeliver: e.deliveredAt != null ? averageMinutes(e.deliveredAt - e.createdAt, 1) : null,
    spentFen: e.spentFen,
  }
}

export function difficultyRow(p: Places, d: DifficultyDoc): DifficultyRow {
  return {
    _id: d._id,
    enterpriseId: d.enterpriseId,
    enterpriseName: d.enterpriseName,
    communityId: d.communityId,
    communityName: p.community(d.communityId),
    kind: d.kind,
    text: d.text,
    status: d.status,
    createdAt: d.createdAt,
    closedAt: d.closedAt ?? null,
  }
}
