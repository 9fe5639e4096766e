import { OPEN_QUARANTINE_STATES } from '../../shared/health'
import type { FigureKey } from '../../shared/stats'
import type { CollectionName } from '../_lib/collections'
import type { Database } from '../_lib/runtime'
import type { Period } from './scope'
import { isSupplyFigure, supplyFigureQuery } from './supplyFigures'

/** What every figure's conditions are built from. */
export interface FigureContext {
  db: Database
  /** The street the scope is in, and whether a record of a grid (null: of none) is inside the scope. */
  streetId: string
  inScope(gridId: string | null | undefined): boolean
  /** The request's clock: stored days are stamped with it. */
  now: number
  /** Keeps a query inside the scope (see scopeWhere). */
  where: Record<string, unknown>
  /** The same for difficulties, which carry no grid. */
  difficulties: Record<string, unknown>
  period: Period
  /** When today's report slots close (ms): a slot that closed before a quarantine began is not due. */
  closes: { morning: number; afternoon: number }
  /** When today's 一日两检 windows close (ms): a window that closed before a person was put on site is not due. */
  onsiteCloses: { morning: number; afternoon: number }
}

/** The records behind a figure: a query on one collection, newest first by `order`. */
export interface FigureQuery {
  collection: CollectionName
  where: Record<string, unknown>
  order: string
  /** Count people, not records: the records are grouped by this field. */
  distinct?: 'accountId' | 'requesterId' | 'enterpriseId'
}

export const APPROVED_LATER = ['approved', 'reopened', 'revoked']

/**
 * The conditions of every figure, as a `where` the list uses. The dashboard computes the same figures with
 * grouped aggregations (figures.ts); the tests hold the two to the same numbers for every figure.
 */
export function figureQuery(figure: FigureKey, c: FigureContext): FigureQuery {
  if (isSupplyFigure(figure)) return supplyFigureQuery(figure, c)
  const _ = c.db.command
  const inPeriod = () => _.gte(c.period.fromMs).and(_.lt(c.period.toMs))
  const w = c.where
  const q = (collection: CollectionName, where: Record<string, unknown>, order: string): FigureQuery => ({
    collection,
    where: { ...w, ...where },
    order,
  })
  const declared = (where: Record<string, unknown>): FigureQuery => ({
    ...q('declarations', { createdAt: inPeriod(), ...where }, 'createdAt'),
    distinct: 'accountId',
  })
  const reopened = () => q('applications', { status: 'reopened' }, 'reopenedAt')
  switch (figure) {
    case 'enterprises.total':
      return q('enterprises', {}, 'createdAt')
    case 'enterprises.large':
    case 'enterprises.small':
    case 'enterprises.shop':
      return q('enterprises', { kind: figure.slice('enterprises.'.length) }, 'createdAt')
    case 'applications.received':
      return q('applications', { submittedAt: inPeriod() }, 'submittedAt')
    case 'applications.reviewing':
      return q('applications', { status: 'reviewing' }, 'submittedAt')
    case 'applications.returned':
      return q('applications', { status: 'returned' }, 'decidedAt')
    case 'applications.approved':
      return q('applications', { status: _.in(APPROVED_LATER), decidedAt: inPeriod() }, 'decidedAt')
    case 'applications.rejected':
      return q('applications', { status: 'rejected', decidedAt: inPeriod() }, 'decidedAt')
    case 'applications.reopened':
      return q('applications', { reopenedAt: inPeriod() }, 'reopenedAt')
    case 'applications.revoked':
      return q('applications', { revokedAt: inPeriod() }, 'revokedAt')
    case 'staff.total':
    case 'staff.onSite':
    case 'supplies.masks':
    case 'supplies.disinfectantLitres':
    case 'supplies.thermometers':
      return reopened()
    case 'staff.declared':
      return declared({ enterpriseId: _.neq(null) })
    case 'keyPersons.declared':
      return declared({})
    case 'keyPersons.screened':
      return declared({ 'classification.result': 'keyPerson' })
    case 'keyPersons.riskArea':
      return declared({ 'classification.result': 'keyPerson', 'classification.flags.riskArea': true })
    case 'keyPersons.outOfProvince':
      return declared({ 'classification.result': 'keyPerson', 'classification.flags.outOfProvince': true })
    case 'quarantine.active':
      return q('quarantines', { status: _.in(OPEN_QUARANTINE_STATES) }, 'createdAt')
    case 'quarantine.released':
      return q('quarantines', { status: 'released', releasedAt: inPeriod() }, 'releasedAt')
    case 'quarantine.extended':
      return q(
        'quarantines',
        {
          extended: true,
          // Raw operators: node-sdk does not encode a command nested inside elemMatch.
          changes: _.elemMatch({ type: 'extend', at: { $gte: c.period.fromMs, $lt: c.period.toMs } }),
        },
        'createdAt',
      )
    case 'reports.due':
      return q(
        'quarantines',
        {
          status: _.in(OPEN_QUARANTINE_STATES),
          startDate: _.lte(c.period.today),
          endDate: _.gt(c.period.today),
          createdAt: _.lt(Math.max(c.closes.morning, c.closes.afternoon)),
        },
        'createdAt',
      )
    case 'reports.received':
      return q('reports', { date: _.in(c.period.dates), status: 'reported' }, 'at')
    case 'reports.missed':
      return q('reports', { date: _.in(c.period.dates), status: 'missed' }, 'at')
    case 'reports.fever':
      return q('reports', { date: _.in(c.period.dates), fever: true }, 'at')
    case 'errands.asked':
      return q('errands', { createdAt: inPeriod() }, 'createdAt')
    case 'errands.claimed':
    case 'errands.avgClaimMinutes':
      return q('errands', { claimedAt: inPeriod() }, 'claimedAt')
    case 'errands.delivered':
    case 'errands.avgDeliverMinutes':
      return q('errands', { deliveredAt: inPeriod() }, 'deliveredAt')
    case 'errands.peopleServed':
      return {
        ...q('errands', { queue: 'butler', deliveredAt: inPeriod() }, 'deliveredAt'),
        distinct: 'requesterId',
      }
    case 'difficulties.reported':
      return {
        collection: 'difficulties',
        where: { ...c.difficulties, createdAt: inPeriod() },
        order: 'createdAt',
      }
    case 'difficulties.resolved':
      return {
        collection: 'difficulties',
        where: { ...c.difficulties, status: 'closed', closedAt: inPeriod() },
        order: 'closedAt',
      }
    case 'difficulties.open':
      return { collection: 'difficulties', where: { ...c.difficulties, status: 'open' }, order: 'createdAt' }
    // ---- 企业一日两检 ----
    case 'onsite.due':
      return q(
        'onsite_staff',
        {
          onSite: true,
          stopped: false,
          onSiteSince: _.lt(Math.max(c.onsiteCloses.morning, c.onsiteCloses.afternoon)),
        },
        'updatedAt',
      )
    case 'onsite.done':
      return q('onsite_checks', { date: _.in(c.period.dates), status: 'done' }, 'at')
    case 'onsite.missed':
      return q('onsite_checks', { date: _.in(c.period.dates), status: 'missed' }, 'at')
    case 'onsite.positive':
      return q('onsite_checks', { date: _.in(c.period.dates), positive: true }, 'at')
    case 'onsite.fever':
      return q('onsite_checks', { date: _.in(c.period.dates), fever: true }, 'at')
    case 'onsite.flagged':
      return q('onsite_enterprises', { flagged: true }, 'updatedAt')
  }
}
