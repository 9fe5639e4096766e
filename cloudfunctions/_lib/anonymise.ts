import { maskIdNumber, maskPhone, maskRoom } from '../../shared/mask'
import { ANONYMISED_NAME } from '../../shared/retention'
import type { DeclarationDoc, QuarantineDoc } from '../health/model'
import { col } from './collections'
import type { Deps } from './runtime'

/**
 * Taking the person out of a record while keeping what the dashboard counts (status, dates, fever and missed
 * flags, amounts): used by the retention timer for what is past its time, and by deleting one's account. Each
 * marks the record (`anonymisedAt`, `idMaskedAt`), written last, so an interrupted run is redone, never doubled.
 */

/** A released quarantine: name, phone, door, reasons; its readings' temperatures and symptoms; replaced readings. */
export async function anonymiseQuarantine(
  deps: Deps,
  q: QuarantineDoc,
  now: number,
): Promise<{ reports: number; revisions: number }> {
  const _ = deps.db.command
  const { updated: reports } = await col(deps.db, 'reports')
    .where({ quarantineId: q._id })
    .update({ temperature: null, symptoms: [] })
  const { deleted: revisions } = await col(deps.db, 'report_revisions')
    .where({ quarantineId: q._id })
    .remove()
  await col(deps.db, 'quarantines')
    .doc(q._id)
    .update({
      name: ANONYMISED_NAME,
      phone: '',
      room: '',
      reasons: [],
      changes: _.set(q.changes.map((c) => ({ ...c, reason: '' }))),
      anonymisedAt: now,
    })
  return { reports, revisions }
}

/** A declaration's ID number, phone and door number, masked for good. */
export async function maskDeclaration(
  deps: Deps,
  d: DeclarationDoc,
  now: number,
  name?: string,
): Promise<void> {
  await col(deps.db, 'declarations')
    .doc(d._id)
    .update({
      idNumber: maskIdNumber(d.idNumber),
      phone: maskPhone(d.phone),
      room: maskRoom(d.room),
      ...(name ? { name } : {}),
      idMaskedAt: now,
    })
}

/** A finished errand's delivery address and phones. */
export async function anonymiseErrand(deps: Deps, errandId: string, now: number): Promise<void> {
  await col(deps.db, 'errands')
    .doc(errandId)
    .update({ phone: '', room: '', assigneePhone: null, note: '', handoffCode: null, anonymisedAt: now })
}

/**
 * A 一日两检 check or case past its time: the person's name and temperature go; the date, window and the
 * fever/positive flags the dashboard counts stay.
 */
export async function anonymiseOnsite(
  deps: Deps,
  collection: 'onsite_checks' | 'onsite_cases',
  id: string,
  now: number,
): Promise<void> {
  await col(deps.db, collection)
    .doc(id)
    .update({
      name: ANONYMISED_NAME,
      temperature: null,
      ...(collection === 'onsite_cases' ? { note: '' } : {}),
      anonymisedAt: now,
    })
}
