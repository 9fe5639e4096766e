import type { ApplicationDoc, DifficultyDoc, EnterpriseDoc } from '../../cloudfunctions/application/model'
import type { ErrandDoc } from '../../cloudfunctions/errand/model'
import type { DeclarationDoc, QuarantineDoc, ReportDoc } from '../../cloudfunctions/health/model'
import type { MovementDoc, PurchaseDoc } from '../../cloudfunctions/supplies/model'
import type { OnsiteCheckDoc, OnsiteEnterpriseDoc, OnsiteStaffDoc } from '../../cloudfunctions/onsite/model'
import type { FigureKey } from '../../shared/stats'
import { SUPPLY_KINDS, type SupplyKind } from '../../shared/supplies'
import type { TestCloud } from './cloud'

/**
 * What the dashboard must say, worked out here from every document read back whole, with plain array filters
 * written from the figure definitions, independently of the function's aggregations.
 */

export const DEMO_GRIDS = [
  { _id: 'grid-xingfu-1', communityId: 'community-xingfu' },
  { _id: 'grid-xingfu-2', communityId: 'community-xingfu' },
  { _id: 'grid-heping-1', communityId: 'community-heping' },
  { _id: 'grid-heping-2', communityId: 'community-heping' },
]

export interface Data {
  grids: { _id: string; streetId: string; communityId: string }[]
  enterprises: EnterpriseDoc[]
  applications: ApplicationDoc[]
  declarations: DeclarationDoc[]
  quarantines: QuarantineDoc[]
  reports: ReportDoc[]
  errands: ErrandDoc[]
  difficulties: DifficultyDoc[]
  movements: MovementDoc[]
  purchases: PurchaseDoc[]
  onsite: { staff: OnsiteStaffDoc[]; checks: OnsiteCheckDoc[]; enterprises: OnsiteEnterpriseDoc[] }
}

/** What reading the records takes: the real SDK with the environment's key (a TestCloud, or the bench's). */
type Reader = Pick<TestCloud, 'sdk'>

/** Every document of a collection, read through the SDK a page of 1000 at a time. */
export async function allDocs<T>(cloud: Reader, collection: string): Promise<T[]> {
  const db = cloud.sdk().database()
  const out: T[] = []
  for (let skip = 0; ; skip += 1000) {
    const { data } = await db.collection(collection).orderBy('_id', 'asc').skip(skip).limit(1000).get()
    out.push(...(data as T[]))
    if (data.length < 1000) return out
  }
}

export async function loadData(cloud: Reader): Promise<Data> {
  const [
    grids,
    enterprises,
    applications,
    declarations,
    quarantines,
    reports,
    errands,
    difficulties,
    movements,
    purchases,
  ] = await Promise.all([
    allDocs<Data['grids'][number]>(cloud, 'grids'),
    allDocs<EnterpriseDoc>(cloud, 'enterprises'),
    allDocs<ApplicationDoc>(cloud, 'applications'),
    allDocs<DeclarationDoc>(cloud, 'declarations'),
    allDocs<QuarantineDoc>(cloud, 'quarantines'),
    allDocs<ReportDoc>(cloud, 'reports'),
    allDocs<ErrandDoc>(cloud, 'errands'),
    allDocs<DifficultyDoc>(cloud, 'difficulties'),
    allDocs<MovementDoc>(cloud, 'supply_movements'),
    allDocs<PurchaseDoc>(cloud, 'supply_purchases'),
  ])
  const [staff, checks, onsiteEnterprises] = await Promise.all([
    allDocs<OnsiteStaffDoc>(cloud, 'onsite_staff'),
    allDocs<OnsiteCheckDoc>(cloud, 'onsite_checks'),
    allDocs<OnsiteEnterpriseDoc>(cloud, 'onsite_enterprises'),
  ])
  return {
    grids,
    enterprises,
    applications,
    declarations,
    quarantines,
    reports,
    errands,
    difficulties,
    movements,
    purchases,
    onsite: { staff, checks, enterprises: onsiteEnterprises },
  }
}

/** Like TestCloud.newUser, naming the street: once a second street exists, setup needs to know which. */
export async function newStreetUser(
  cloud: TestCloud,
  phone: string,
  role: 'owner' | 'employee' | 'resident',
  name: string,
  streetId = 'street-demo',
): Promise<string> {
  return cloud.newUser(phone, role, name, streetId)
}

/** A Shanghai wall-clock time as ms. */
export const at = (t: string) => Date.parse(`${t}+08:00`)

/** A second street with its own admin, seeded straight through the SDK (and the gateway's user store). */
export async function seedOtherStreet(cloud: TestCloud): Promise<{ adminToken: string }> {
  const db = cloud.sdk().database()
  const now = Date.now()
  await db.collection('streets').add({ _id: 'street-other', name: '西湖街道', createdAt: now })
  await db
    .collection('communities')
    .add({ _id: 'community-other', streetId: 'street-other', name: '西溪社区', order: 1, createdAt: now })
  await db.collection('grids').add({
    _id: 'grid-other',
    streetId: 'street-other',
    communityId: 'community-other',
    name: '西溪第一网格',
    order: 1,
    createdAt: now,
  })
  await cloud.server.auth.register('13700009999', 'Other1234', '郑敏', 'other-admin')
  await db.collection('accounts').add({
    _id: 'account-other-admin',
    identityKey: 'web:other-admin',
    name: '郑敏',
    phone: '13700009999',
    role: 'admin',
    scope: { streetId: 'street-other' },
    disabled: false,
    createdAt: now,
    updatedAt: now,
  })
  return { adminToken: await cloud.login('13700009999', 'Other1234') }
}

export function expectedFigures(
  d: Data,
  scope: { streetId: string; communityId?: string; gridId?: string },
  from: string,
  to: string,
  now: number,
): Record<FigureKey, number | null> {
  const fromMs = at(`${from}T00:00:00`)
  const toMs = at(`${to}T00:00:00`) + 86_400_000
  const today = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10)
  const dates = new Set<string>()
  for (let t = fromMs; t < toMs; t += 86_400_000)
    dates.add(new Date(t + 8 * 3_600_000).toISOString().slice(0, 10))
  const communityOf = new Map(d.grids.map((g) => [g._id, g.communityId]))
  const inScope = (x: { streetId: string; gridId: string }) =>
    x.streetId === scope.streetId &&
    (!scope.gridId || x.gridId === scope.gridId) &&
    (!scope.communityId || communityOf.get(x.gridId) === scope.communityId)
  const within = (t: number | null | undefined) => t != null && t >= fromMs && t < toMs
  const n = <T>(xs: T[], f: (x: T) => boolean) => xs.filter(f).length
  const people = (xs: { accountId: string }[]) => new Set(xs.map((x) => x.accountId)).size
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
  const avg = (xs: number[]) => (xs.length ? Math.round((sum(xs) / xs.length / 60_000) * 10) / 10 : null)

  const enterprises = d.enterprises.filter(inScope)
  const handedOut = d.movements.filter(
    (m) => m.type === 'handOut' && inScope({ streetId: m.streetId, gridId: m.gridId ?? '' }) && within(m.at),
  )
  const purchases = d.purchases.filter(inScope)
  const apps = d.applications.filter(inScope)
  const reopened = apps.filter((a) => a.status === 'reopened')
  const decls = d.declarations.filter((x) => inScope(x) && within(x.createdAt))
  const key = decls.filter((x) => x.classification.result === 'keyPerson')
  const qs = d.quarantines.filter(inScope)
  const open = (q: QuarantineDoc) => q.status === 'active' || q.status === 'pendingDecision'
  const reports = d.reports.filter((r) => inScope(r) && dates.has(r.date))
  const errands = d.errands.filter(inScope)
  const claimed = errands.filter((e) => within(e.claimedAt))
  const delivered = errands.filter((e) => within(e.deliveredAt))
  const enterpriseIds = new Set(enterprises.map((e) => e._id))
  const diffs = d.difficulties.filter(
    (x) => x.streetId === scope.streetId && (!scope.communityId || enterpriseIds.has(x.enterpriseId)),
  )
  const morningClose = at(`${today}T12:00:00`)
  const afternoonClose = at(`${today}T20:00:00`)
  // 一日两检, with the default windows (08:00–12:00, 14:00–18:00).
  const onsiteCloses = [at(`${today}T12:00:00`), at(`${today}T18:00:00`)]
  const checks = d.onsite.checks.filter((c) => inScope(c) && dates.has(c.date))
  return {
    'enterprises.total': enterprises.length,
    'enterprises.large': n(enterprises, (e) => e.kind === 'large'),
    'enterprises.small': n(enterprises, (e) => e.kind === 'small'),
    'enterprises.shop': n(enterprises, (e) => e.kind === 'shop'),
    'applications.received': n(apps, (a) => within(a.submittedAt)),
    'applications.reviewing': n(apps, (a) => a.status === 'reviewing'),
    'applications.returned': n(apps, (a) => a.status === 'returned'),
    'applications.approved': n(
      apps,
      (a) => ['approved', 'reopened', 'revoked'].includes(a.status) && within(a.decidedAt),
    ),
    'applications.rejected': n(apps, (a) => a.status === 'rejected' && within(a.decidedAt)),
    'applications.reopened': n(apps, (a) => within(a.reopenedAt)),
    'applications.revoked': n(apps, (a) => within(a.revokedAt)),
    'staff.total': sum(reopened.map((a) => a.form.staffTotal ?? 0)),
    'staff.onSite': sum(reopened.map((a) => a.form.staffOnSite ?? 0)),
    'staff.declared': people(decls.filter((x) => x.enterpriseId)),
    'keyPersons.declared': people(decls),
    'keyPersons.screened': people(key),
    'keyPersons.riskArea': people(key.filter((x) => x.classification.flags.riskArea)),
    'keyPersons.outOfProvince': people(key.filter((x) => x.classification.flags.outOfProvince)),
    'quarantine.active': n(qs, open),
    'quarantine.released': n(qs, (q) => q.status === 'released' && within(q.releasedAt)),
    'quarantine.extended': n(qs, (q) => q.changes.some((c) => c.type === 'extend' && within(c.at))),
    'reports.due': sum(
      qs
        .filter((q) => open(q) && q.startDate <= today && today < q.endDate)
        .map((q) => Number(q.createdAt < morningClose) + Number(q.createdAt < afternoonClose)),
    ),
    'reports.received': n(reports, (r) => r.status === 'reported'),
    'reports.missed': n(reports, (r) => r.status === 'missed'),
    'reports.fever': n(reports, (r) => r.fever),
    'errands.asked': n(errands, (e) => within(e.createdAt)),
    'errands.claimed': claimed.length,
    'errands.delivered': delivered.length,
    'errands.avgClaimMinutes': avg(claimed.map((e) => e.claimedAt! - e.createdAt)),
    'errands.avgDeliverMinutes': avg(delivered.map((e) => e.deliveredAt! - e.createdAt)),
    'onsite.due': sum(
      d.onsite.staff
        .filter((p) => inScope(p) && p.onSite && !p.stopped)
        .map((p) => onsiteCloses.filter((close) => p.onSiteSince !== null && p.onSiteSince < close).length),
    ),
    'onsite.done': n(checks, (c) => c.status === 'done'),
    'onsite.missed': n(checks, (c) => c.status === 'missed'),
    'onsite.positive': n(checks, (c) => c.positive),
    'onsite.fever': n(checks, (c) => c.fever),
    'onsite.flagged': n(d.onsite.enterprises, (e) => inScope(e) && e.flagged),
    'errands.peopleServed': new Set(delivered.filter((e) => e.queue === 'butler').map((e) => e.requesterId))
      .size,
    'difficulties.reported': n(diffs, (x) => within(x.createdAt)),
    'difficulties.resolved': n(diffs, (x) => x.status === 'closed' && within(x.closedAt)),
    'difficulties.open': n(diffs, (x) => x.status === 'open'),
    'supplies.masks': sum(reopened.map((a) => a.form.supplies?.masks ?? 0)),
    'supplies.disinfectantLitres': sum(reopened.map((a) => a.form.supplies?.disinfectantLitres ?? 0)),
    'supplies.thermometers': sum(reopened.map((a) => a.form.supplies?.thermometers ?? 0)),
    // 物资发放 and 协助采购: hand-outs carry the enterprise's place; receipts (the street's) are not hand-outs.
    ...(Object.fromEntries(
      SUPPLY_KINDS.map((k) => [
        `handOuts.${k}`,
        sum(handedOut.filter((m) => m.kind === k).map((m) => m.quantity)),
      ]),
    ) as Record<`handOuts.${SupplyKind}`, number>),
    'handOuts.enterprises': new Set(handedOut.map((m) => m.enterpriseId)).size,
    'purchases.procured': n(purchases, (x) => x.status === 'procured' && within(x.procuredAt)),
    'purchases.open': n(purchases, (x) => x.status === 'open'),
  }
}
