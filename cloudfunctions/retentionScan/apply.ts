import { NOTHING_RETAINED, type RetentionCounts, type RetentionPolicy } from '../../shared/retention'
import { shanghaiDate } from '../../shared/time'
import { anonymiseErrand, anonymiseOnsite, anonymiseQuarantine, maskDeclaration } from '../_lib/anonymise'
import { col } from '../_lib/collections'
import { eachDoc } from '../_lib/paging'
import type { Deps } from '../_lib/runtime'
import { retentionFor } from '../_lib/settings'
import type { DeclarationDoc } from '../health/model'

const DAY = 86_400_000
const BATCH = 100

/**
 * Anonymises what one street keeps past its retention policy. Records are changed, never deleted, where the
 * dashboard counts them: what it reads (status, dates, fever and missed flags, amounts) stays, the details that
 * name or locate a person go. Only closed matters are touched: a released quarantine (never an active or pending
 * one), a confirmed or cancelled errand whose money is settled. Every step marks what it did (`anonymisedAt`,
 * `idMaskedAt`), so a run that stops half-way is finished by the next, and nothing is done twice.
 */
export async function retainStreet(
  deps: Deps,
  streetId: string,
  policy: RetentionPolicy,
  now: number,
): Promise<RetentionCounts> {
  const _ = deps.db.command
  const counts: RetentionCounts = { ...NOTHING_RETAINED }

  // Quarantines released more than healthDays ago: their details, their reports' readings, the replaced readings.
  for (;;) {
    const { data } = await col(deps.db, 'quarantines')
      .where({
        streetId,
        status: 'released',
        releasedAt: _.lt(now - policy.healthDays * DAY),
        anonymisedAt: _.exists(false),
      })
      .limit(BATCH)
      .get()
    if (!data.length) break
    for (const q of data) {
      const done = await anonymiseQuarantine(deps, q, now)
      counts.reports += done.reports
      counts.revisions += done.revisions
      counts.quarantines++
    }
  }

  // ID numbers: declarations of quarantines released more than idNumberDays ago, and of people never quarantined
  // that are older than that. Phones and door numbers go the same way.
  const idCut = now - policy.idNumberDays * DAY
  const mask = async (d: DeclarationDoc) => {
    await maskDeclaration(deps, d, now)
    counts.declarations++
  }
  for await (const q of eachDoc(deps.db, 'quarantines', {
    streetId,
    status: 'released',
    releasedAt: _.lt(idCut),
  })) {
    for await (const d of eachDoc(deps.db, 'declarations', {
      quarantineId: q._id,
      idMaskedAt: _.exists(false),
    }))
      await mask(d)
  }
  for await (const d of eachDoc(deps.db, 'declarations', {
    streetId,
    quarantineId: null,
    createdAt: _.lt(idCut),
    idMaskedAt: _.exists(false),
  }))
    await mask(d)

  // Errands confirmed or cancelled more than errandDays ago whose advance is not waiting to be settled.
  const errandCut = now - policy.errandDays * DAY
  for (const [status, field] of [
    ['confirmed', 'confirmedAt'],
    ['cancelled', 'cancelledAt'],
  ] as const) {
    for await (const e of eachDoc(deps.db, 'errands', {
      streetId,
      status,
      [field]: _.lt(errandCut),
      anonymisedAt: _.exists(false),
    })) {
      const { data: pending } = await col(deps.db, 'errand_ledger')
        .where({ _id: e._id, status: 'pending' })
        .limit(1)
        .get()
      if (pending.length) continue
      await anonymiseErrand(deps, e._id, now)
      counts.errands++
    }
  }

  // 一日两检: checks of a Shanghai day more than healthDays ago, except one whose case the epidemic team has not
  // closed (its case has the check's id); closed cases healthDays after closing.
  const healthCut = now - policy.healthDays * DAY
  for await (const c of eachDoc(deps.db, 'onsite_checks', {
    streetId,
    date: _.lt(shanghaiDate(healthCut)),
    anonymisedAt: _.exists(false),
  })) {
    if (c.fever || c.positive) {
      const { data: open } = await col(deps.db, 'onsite_cases')
        .where({ _id: c._id, status: 'open' })
        .limit(1)
        .get()
      if (open.length) continue
    }
    await anonymiseOnsite(deps, 'onsite_checks', c._id, now)
    counts.onsiteChecks++
  }
  for await (const c of eachDoc(deps.db, 'onsite_cases', {
    streetId,
    status: 'closed',
    closedAt: _.lt(healthCut),
    anonymisedAt: _.exists(false),
  })) {
    await anonymiseOnsite(deps, 'onsite_cases', c._id, now)
    counts.onsiteCases++
  }
  return counts
}

/** The daily run over every street, one audit entry each (with the counts, also when nothing was due). */
export async function applyRetention(deps: Deps, at: number): Promise<Record<string, RetentionCounts>> {
  const out: Record<string, RetentionCounts> = {}
  const { data: streets } = await col(deps.db, 'streets').limit(1000).get()
  for (const street of streets) {
    const policy = await retentionFor(deps, street._id)
    const counts = await retainStreet(deps, street._id, policy, at)
    out[street._id] = counts
    await col(deps.db, 'audit_logs').add({
      _id: deps.newId(),
      streetId: street._id,
      actorId: 'system:retention',
      actorName: '个人信息保留期限（每日自动）',
      action: 'retention.run',
      target: `street:${street._id}`,
      before: null,
      after: { policy, ...counts },
      at,
    })
  }
  return out
}
