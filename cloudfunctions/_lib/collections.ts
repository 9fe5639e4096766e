import type { DeliveryDoc, WebhookDoc } from './webhook'
import type { CollectionName } from '../../shared/collections'
import type { OutboxRecord } from '../../shared/subscribe'
import type { InboxDoc, InviteDoc, LinkCodeDoc, SubscriptionDoc } from '../account/model'
import type { BackupRunDoc, CommunityDoc, GridDoc, StreetDoc } from '../admin/model'
import type {
  ApplicationDoc,
  ApplicationEventDoc,
  DifficultyDoc,
  EnterpriseDoc,
  InspectionDoc,
  PlateDoc,
} from '../application/model'
import type { ErrandDoc, ErrandSettingsDoc, HouseholdDoc, LedgerDoc, SlotDoc } from '../errand/model'
import type { DeclarationDoc, QuarantineDoc, ReportDoc, ReportRevisionDoc, RulesDoc } from '../health/model'
import type { OnsiteCaseDoc, OnsiteCheckDoc, OnsiteEnterpriseDoc, OnsiteStaffDoc } from '../onsite/model'
import type { LedgerFileDoc } from '../stats/model'
import type { StatsDayDoc } from '../stats/days'
import type { ApiKeyDoc } from './apiKeys'
import type { RetentionPolicyDoc } from './settings'
import type { CertificateDoc } from '../certificate/model'
import type { MovementDoc, PurchaseDoc, StockDoc } from '../supplies/model'
import type { AccessLogDoc } from './accessLog'
import type { AccountDoc, ResetCodeDoc } from './accounts'
import type { AlertDoc } from './alerts'
import type { AuditDoc } from './audit'
import type { IdentityDoc, PhoneDoc } from './phones'
import type { Database, Transaction } from './runtime'

/**
 * The document type of every collection, by name. The names are those declared in shared/collections.ts (the
 * emulator and the deploy script create exactly those); the check below fails to compile when one is missing
 * here or named here without being declared.
 */
export interface Collections {
  streets: StreetDoc
  communities: CommunityDoc
  grids: GridDoc
  accounts: AccountDoc
  invites: InviteDoc
  enterprises: EnterpriseDoc
  applications: ApplicationDoc
  application_events: ApplicationEventDoc
  plates: PlateDoc
  inspections: InspectionDoc
  difficulties: DifficultyDoc
  declarations: DeclarationDoc
  quarantines: QuarantineDoc
  reports: ReportDoc
  report_revisions: ReportRevisionDoc
  screening_rules: RulesDoc
  errands: ErrandDoc
  errand_slots: SlotDoc
  errand_households: HouseholdDoc
  errand_ledger: LedgerDoc
  errand_settings: ErrandSettingsDoc
  alerts: AlertDoc
  access_logs: AccessLogDoc
  subscriptions: SubscriptionDoc
  subscribe_outbox: OutboxRecord
  identities: IdentityDoc
  phones: PhoneDoc
  link_codes: LinkCodeDoc
  audit_logs: AuditDoc
  inbox: InboxDoc
  ledger_files: LedgerFileDoc
  stats_days: StatsDayDoc
  api_keys: ApiKeyDoc
  backup_runs: BackupRunDoc
  webhooks: WebhookDoc
  webhook_deliveries: DeliveryDoc
  retention_policies: RetentionPolicyDoc
  reset_codes: ResetCodeDoc
  // 防疫物资 and 健康证
  supply_stock: StockDoc
  supply_movements: MovementDoc
  supply_purchases: PurchaseDoc
  health_certificates: CertificateDoc
  onsite_enterprises: OnsiteEnterpriseDoc
  onsite_staff: OnsiteStaffDoc
  onsite_checks: OnsiteCheckDoc
  onsite_cases: OnsiteCaseDoc
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const everyDeclaredCollectionIsTyped: Same<keyof Collections, CollectionName> = true
void everyDeclaredCollectionIsTyped

export type { CollectionName }

/** A document as it is added: the store makes up an `_id` when none is given. */
export type NewDoc<T extends { _id: string }> = Omit<T, '_id'> & { _id?: string }

type Aggregation = ReturnType<ReturnType<Database['collection']>['aggregate']>

/**
 * A query over documents of type T. This is the SDK's own query object, only typed: filters and updates stay
 * as loose as CloudBase's (commands, dotted paths), what comes back is T.
 */
export interface Query<T> {
  where(filter: object): Query<T>
  orderBy(field: string, direction: 'asc' | 'desc'): Query<T>
  skip(offset: number): Query<T>
  limit(max: number): Query<T>
  /** Only these fields (and `_id`) come back. */
  field<K extends keyof T>(projection: Record<K, true>): Query<Pick<T, K | ('_id' & keyof T)>>
  get(): Promise<{ data: T[] }>
  count(): Promise<{ total: number }>
  /** Every matching document; answers how many changed, so `where({_id, status}).update()` is a compare-and-set. */
  update(changes: object): Promise<{ updated: number }>
  /** The first matching document, updated, as it is after the update (null when none matched): one trip. */
  updateAndReturn(changes: object): Promise<{ updated: number; doc: T | null }>
  remove(): Promise<{ deleted: number }>
}

export interface DocumentRef<T extends { _id: string }> {
  /** An array, even for one id: use getDoc. */
  get(): Promise<{ data: T[] }>
  /** Merges: `{nested: {k: 1}}` sets `nested.k`; use `_.set(obj)` to replace a sub-object. */
  update(changes: object): Promise<{ updated: number }>
  /** Replaces the whole document. */
  set(body: Omit<T, '_id'>): Promise<unknown>
  remove(): Promise<unknown>
}

export interface Collection<T extends { _id: string }> extends Query<T> {
  doc(id: string): DocumentRef<T>
  add(doc: NewDoc<T>): Promise<{ id: string }>
  aggregate(): Aggregation
}

/** Inside a transaction: single-document writes only, and reads through txGet. */
export interface TxCollection<T extends { _id: string }> {
  add(doc: NewDoc<T>): Promise<unknown>
  doc(id: string): Omit<DocumentRef<T>, 'get'>
}

/** The collection `name`, typed with its documents. */
export function col<N extends CollectionName>(db: Database, name: N): Collection<Collections[N]> {
  return db.collection(name) as unknown as Collection<Collections[N]>
}

/** The collection `name` inside a transaction. */
export function txCol<N extends CollectionName>(t: Transaction, name: N): TxCollection<Collections[N]> {
  return t.collection(name) as unknown as TxCollection<Collections[N]>
}

/** One document by id, or undefined. `doc().get()` answers an array, even for one id. */
export async function getDoc<N extends CollectionName>(
  deps: { db: Database },
  name: N,
  id: string,
): Promise<Collections[N] | undefined> {
  const { data } = await col(deps.db, name).doc(id).get()
  return data[0]
}

/** The same inside a transaction, where CloudBase answers `{data: doc}` and the emulator `{data: [doc]}`. */
export async function txGet<N extends CollectionName>(
  t: Transaction,
  name: N,
  id: string,
): Promise<Collections[N] | undefined> {
  const { data } = (await t.collection(name).doc(id).get()) as { data: unknown }
  return (Array.isArray(data) ? data[0] : data) as Collections[N] | undefined
}
