/**
 * Every collection and index the app uses, declared once. The emulator creates them on start and refuses
 * writes to anything else (as CloudBase does for a collection that was never created); the deploy script
 * creates the same collections and indexes in a CloudBase environment.
 *
 * Fields indexed in order (1 / -1) hold scalars (string, number, boolean): the local cloud pushes equality and
 * range filters on them down to its store, so an array or object there would be refused at write time.
 * A `2dsphere` field holds GeoJSON (`db.Geo.Point(lng, lat)` and the other shapes): CloudBase searches only such
 * fields with geo queries (geoNear, geoWithin, geoIntersects), and so does the local cloud.
 */
export interface IndexDeclaration {
  name: string
  /** Field paths (dot notation) with direction, or '2dsphere' for a geo index. */
  keys: Record<string, 1 | -1 | '2dsphere'>
  unique?: boolean
}

export interface CollectionDeclaration {
  name: string
  indexes: IndexDeclaration[]
  /**
   * Queries of functions that may read the whole collection, each with why that is fine — by its shape with the
   * values left out, `(all)` for a listing without a condition. Every other query a function makes must be
   * served by one of the indexes: the local cloud reports each one that scans instead, and the function tests
   * fail on it (tests/helpers/cloud.ts).
   */
  scans?: { query: string; why: string }[]
}

/** Keeps each name as a literal, so `CollectionName` lists exactly the declared collections. */
function declare<N extends string>(list: (Omit<CollectionDeclaration, 'name'> & { name: N })[]) {
  return list
}

export const COLLECTIONS = declare([
  {
    name: 'streets',
    indexes: [{ name: 'by_name', keys: { name: 1 }, unique: true }],
    scans: [
      {
        query: '(all)',
        why: 'a district has a dozen streets: the timers visit each, setup asks whether there is only one',
      },
    ],
  },
  { name: 'communities', indexes: [{ name: 'by_street', keys: { streetId: 1 } }] },
  {
    name: 'grids',
    indexes: [
      { name: 'by_street', keys: { streetId: 1 } },
      { name: 'by_community', keys: { communityId: 1 } },
    ],
  },
  {
    name: 'accounts',
    indexes: [
      { name: 'by_identity', keys: { identityKey: 1 }, unique: true },
      { name: 'by_street_role', keys: { 'scope.streetId': 1, role: 1 } },
      /** A grid's butlers and grid workers: who a new quarantine or request goes to, whom to call. */
      { name: 'by_grid_role', keys: { 'scope.gridId': 1, role: 1 } },
      { name: 'by_phone', keys: { phone: 1 } },
    ],
  },
  {
    name: 'invites',
    indexes: [
      { name: 'by_code', keys: { code: 1 }, unique: true },
      { name: 'by_street', keys: { 'scope.streetId': 1, createdAt: -1 } },
      /** What the district issued (区级邀请): its staff and streets' first admins. */
      { name: 'by_district', keys: { byDistrict: 1, createdAt: -1 } },
    ],
  },
  {
    name: 'enterprises',
    indexes: [
      { name: 'by_credit_code', keys: { creditCode: 1 }, unique: true },
      { name: 'by_owner', keys: { ownerId: 1, createdAt: -1 } },
      { name: 'by_street_kind', keys: { streetId: 1, kind: 1 } },
    ],
    scans: [
      {
        query: '{"$or":[{"ownerId":"?"},{"managerIds":"?"}]}',
        why: 'managerIds is an array, which the local cloud does not index (CloudBase serves it with a multikey index); known debt: the enterprises a person manages, kept on the account, would make it an index search',
      },
    ],
  },
  {
    name: 'applications',
    indexes: [
      { name: 'by_enterprise', keys: { enterpriseId: 1, createdAt: -1 } },
      { name: 'by_owner', keys: { ownerId: 1, updatedAt: -1 } },
      { name: 'by_street_status', keys: { streetId: 1, status: 1, submittedAt: 1 } },
      /** The dashboard's period figures: anything that happened since `from` has updatedAt >= from. */
      { name: 'by_street_updated', keys: { streetId: 1, updatedAt: 1 } },
      /** Requests with notices a claim queued for the requester (noticeScan delivers them). */
      { name: 'by_notices_due', keys: { noticesDueAt: 1 } },
    ],
  },
  { name: 'application_events', indexes: [{ name: 'by_application', keys: { applicationId: 1, at: 1 } }] },
  /** A plate's id is its verify token: unguessable, and looked up without any query on user input. */
  { name: 'plates', indexes: [{ name: 'by_application', keys: { applicationId: 1 } }] },
  { name: 'inspections', indexes: [{ name: 'by_application', keys: { applicationId: 1, at: -1 } }] },
  {
    name: 'difficulties',
    indexes: [
      { name: 'by_street_status', keys: { streetId: 1, status: 1, createdAt: -1 } },
      { name: 'by_enterprise', keys: { enterpriseId: 1, createdAt: -1 } },
      { name: 'by_owner', keys: { ownerId: 1, createdAt: -1 } },
    ],
  },
  {
    name: 'declarations',
    indexes: [
      { name: 'by_account', keys: { accountId: 1, createdAt: -1 } },
      { name: 'by_enterprise', keys: { enterpriseId: 1, createdAt: -1 } },
      { name: 'by_street', keys: { streetId: 1, createdAt: -1 } },
      // The retention timer masks the declarations of a released quarantine.
      { name: 'by_quarantine', keys: { quarantineId: 1 } },
    ],
  },
  {
    name: 'quarantines',
    indexes: [
      { name: 'by_account', keys: { accountId: 1, createdAt: -1 } },
      { name: 'by_grid_status', keys: { gridId: 1, status: 1 } },
      { name: 'by_street_status', keys: { streetId: 1, status: 1, endDate: 1 } },
      /** The owner's view of their staff (health.staffStatus). */
      { name: 'by_enterprise', keys: { enterpriseId: 1 } },
    ],
  },
  {
    name: 'reports',
    indexes: [
      /** One report per person per slot, enforced by the store, not only checked by the function. */
      { name: 'one_per_slot', keys: { quarantineId: 1, date: 1, slot: 1 }, unique: true },
      { name: 'by_grid_date', keys: { gridId: 1, date: 1 } },
      /** Street and community dashboards and the daily report ledger: `date` is matched with $in of days. */
      { name: 'by_street_date', keys: { streetId: 1, date: 1 } },
      { name: 'by_quarantine_time', keys: { quarantineId: 1, at: -1 } },
      /** 我的数据: a person's own readings (account.myData). */
      { name: 'by_account', keys: { accountId: 1 } },
    ],
  },
  /**
   * Readings a later one replaced in the same slot (a correction, a fever that came on later); id =
   * revisionId(reportId, reason), so each kind happens once a slot. The slot's report holds the latest reading.
   */
  { name: 'report_revisions', indexes: [{ name: 'by_quarantine_time', keys: { quarantineId: 1, at: 1 } }] },
  { name: 'screening_rules', indexes: [{ name: 'by_street_version', keys: { streetId: 1, version: -1 } }] },
  /** 跑腿代购 requests. Times are ms numbers; `urgent` is a boolean, so every indexed field is a scalar. */
  {
    name: 'errands',
    indexes: [
      { name: 'by_requester', keys: { requesterId: 1, createdAt: -1 } },
      { name: 'by_assignee', keys: { assigneeId: 1, status: 1, claimedAt: -1 } },
      { name: 'by_grid_queue', keys: { gridId: 1, queue: 1, status: 1, urgent: -1, createdAt: 1 } },
      { name: 'by_community_queue', keys: { communityId: 1, queue: 1, status: 1, createdAt: 1 } },
      { name: 'by_street_opened', keys: { streetId: 1, status: 1, openedAt: 1 } },
      { name: 'by_street_claimed', keys: { streetId: 1, status: 1, claimedAt: 1 } },
      /** The dashboard's period figures (asked, claimed, delivered since `from`). */
      { name: 'by_street_updated', keys: { streetId: 1, updatedAt: 1 } },
      /** Requests with notices a claim queued for the requester (noticeScan delivers them). */
      { name: 'by_notices_due', keys: { noticesDueAt: 1 } },
    ],
  },
  /**
   * One document per open request a person holds, id `<accountId>:<n>` with n below the street's limit: the
   * unique id is what caps the number of open requests, even when several are created at the same moment.
   */
  { name: 'errand_slots', indexes: [{ name: 'by_account', keys: { accountId: 1 } }] },
  /** Households the grid worker marked as needing help (elderly, disabled); id = the person's account id. */
  {
    name: 'errand_households',
    indexes: [
      { name: 'by_grid_active', keys: { gridId: 1, active: 1, markedAt: -1 } },
      { name: 'by_street', keys: { streetId: 1, active: 1 } },
    ],
  },
  /** Money a butler advanced and the community owes back; id = the errand id (one entry per errand). */
  {
    name: 'errand_ledger',
    indexes: [
      { name: 'by_butler', keys: { butlerId: 1, status: 1, createdAt: -1 } },
      { name: 'by_grid', keys: { gridId: 1, status: 1, createdAt: -1 } },
      { name: 'by_street_status', keys: { streetId: 1, status: 1, createdAt: -1 } },
    ],
  },
  /** Each street's errand limits; id = the street id. */
  { name: 'errand_settings', indexes: [] },
  /** A street's retention policy (shared/retention.ts), id = street id; absent: the defaults. */
  { name: 'retention_policies', indexes: [] },
  /** Alerts already sent; the id names the occasion, so a second scan cannot alert twice. */
  { name: 'alerts', indexes: [{ name: 'by_street_time', keys: { streetId: 1, createdAt: -1 } }] },
  { name: 'access_logs', indexes: [{ name: 'by_subject', keys: { subjectId: 1, at: -1 } }] },
  /**
   * Subscribe-message authorisations the app counted: id `<accountId>:<kind>`, `remaining` taps on 「允许」 not yet
   * used by a send, and the openid they were given for.
   */
  { name: 'subscriptions', indexes: [{ name: 'by_account', keys: { accountId: 1 } }] },
  /**
   * Every subscribe message WeChat accepted. Written by the local cloud's WeChat simulation (on CloudBase it stays
   * empty: WeChat keeps its own record); street admins read it on the outbox page.
   */
  {
    name: 'subscribe_outbox',
    indexes: [
      { name: 'by_time', keys: { sentAt: -1 } },
      { name: 'by_touser', keys: { touser: 1, sentAt: -1 } },
      { name: 'by_kind_time', keys: { kind: 1, sentAt: -1 } },
    ],
    scans: [
      {
        query: '(all)',
        why: 'the admin pages through all of it newest first: CloudBase walks by_time; the local cloud, which sorts what it read, reads it whole',
      },
    ],
  },
  /**
   * A platform identity (`wx:<openid>` / `web:<uid>`, the id) and what it proved before or besides its account: the
   * phone WeChat's phone-number API returned or the one it registered with, and `accountId` when the identity was
   * linked to an account another identity of the same person set up.
   */
  { name: 'identities', indexes: [{ name: 'by_account', keys: { accountId: 1 } }] },
  /** A proven phone number (the id) and the one account it belongs to: the id makes two owners impossible. */
  { name: 'phones', indexes: [{ name: 'by_account', keys: { accountId: 1 } }] },
  /** The one link code an account has open (id = account id): another identity of the same person enters it. */
  { name: 'link_codes', indexes: [] },
  {
    name: 'audit_logs',
    indexes: [
      { name: 'by_street_time', keys: { streetId: 1, at: -1 } },
      /** Entries about one community (admin changes inside it), for that community's admin. */
      { name: 'by_community_time', keys: { communityId: 1, at: -1 } },
    ],
  },
  /**
   * One-time password reset codes (account.issueResetCode); only their SHA-256 is kept. The sign-in service
   * uses one up when the person sets a new password with it.
   */
  { name: 'reset_codes', indexes: [{ name: 'by_identity', keys: { identityKey: 1, usedAt: 1 } }] },
  /** Ledger workbooks exported to cloud storage; the daily ledgerScan timer deletes them after a set time. */
  { name: 'ledger_files', indexes: [{ name: 'by_created', keys: { createdAt: 1 } }] },
  /**
   * The dashboard's stored days (cloudfunctions/stats/days.ts): one street's figures of one closed Shanghai day that
   * no later write can change, id `<streetId>:<date>`.
   */
  { name: 'stats_days', indexes: [{ name: 'by_street_date', keys: { streetId: 1, date: 1 } }] },
  /** The local cloud's scheduled backups as it reported them (admin.recordBackup), for the management page. */
  {
    name: 'backup_runs',
    indexes: [
      { name: 'by_time', keys: { at: -1 } },
      { name: 'by_ok_time', keys: { ok: 1, at: -1 } },
    ],
    scans: [{ query: '(all)', why: 'one run a day: the management page reads the newest ten' }],
  },
  /** 数据推送 settings, one per street or the district (id = its street id, `_district`): admin.setWebhook. */
  {
    name: 'webhooks',
    indexes: [{ name: 'by_enabled', keys: { enabled: 1 } }],
  },
  /**
   * One push of one day's export (id = `<owner>:<date>`: a day is pushed at most once, whatever the timer runs
   * overlap), with its attempts; the timer retries the pending ones that are due.
   */
  {
    name: 'webhook_deliveries',
    indexes: [
      { name: 'by_owner_date', keys: { owner: 1, date: -1 } },
      { name: 'by_status_next', keys: { status: 1, nextAt: 1 } },
    ],
  },
  /** API keys for the daily export (admin.createApiKey); only their SHA-256, unique, is kept. */
  {
    name: 'api_keys',
    indexes: [
      { name: 'by_hash', keys: { hash: 1 }, unique: true },
      { name: 'by_street_time', keys: { streetId: 1, createdAt: -1 } },
    ],
  },
  // ---------- 防疫物资 and 健康证 (function `supplies`, `certificate`) ----------
  /** The street's stock of one kind; id = `<streetId>:<kind>` (shared/supplies stockId). Never below zero. */
  { name: 'supply_stock', indexes: [{ name: 'by_street', keys: { streetId: 1 } }] },
  /**
   * Every movement of stock, received or handed out, written in the same transaction as the stock it changes;
   * id = onceId(account, requestId), so a retried movement is booked once.
   */
  {
    name: 'supply_movements',
    indexes: [
      { name: 'by_street_time', keys: { streetId: 1, at: 1 } },
      { name: 'by_street_type_time', keys: { streetId: 1, type: 1, at: 1 } },
      { name: 'by_enterprise_time', keys: { enterpriseId: 1, at: -1 } },
    ],
    scans: [
      // An owner's receipts across their enterprises, with and without 待确认 only.
      ...['{"ownerIds":"?","type":"?"}', '{"ownerIds":"?","type":"?","status":"?"}'].map((query) => ({
        query,
        why: 'ownerIds is an array, which the local cloud refuses to index (CloudBase could serve it with a multikey index); an owner has a handful of receipts',
      })),
    ],
  },
  /** An enterprise's request that the street help it buy supplies, and what was procured. */
  {
    name: 'supply_purchases',
    indexes: [
      { name: 'by_street_status', keys: { streetId: 1, status: 1, createdAt: -1 } },
      { name: 'by_street_procured', keys: { streetId: 1, procuredAt: 1 } },
      { name: 'by_enterprise', keys: { enterpriseId: 1, createdAt: -1 } },
      { name: 'by_owner', keys: { ownerId: 1, createdAt: -1 } },
    ],
  },
  /** 健康证 of a shop's staff; the latest upload of a person for an enterprise is the one that counts. */
  {
    name: 'health_certificates',
    indexes: [
      { name: 'by_enterprise', keys: { enterpriseId: 1, uploadedAt: -1 } },
      { name: 'by_account', keys: { accountId: 1, uploadedAt: -1 } },
      { name: 'by_grid_status', keys: { gridId: 1, status: 1, uploadedAt: 1 } },
      { name: 'by_status_expiry', keys: { status: 1, expiresOn: 1 } },
    ],
  },
  // ---- 企业一日两检 (cloudfunctions/onsite) ----
  /** An enterprise in 一日两检 (id = the enterprise id): its safety officer, and whether a case is open. */
  {
    name: 'onsite_enterprises',
    indexes: [
      { name: 'by_street_flagged', keys: { streetId: 1, flagged: 1 } },
      { name: 'by_officer', keys: { officerId: 1 } },
    ],
  },
  /** A person of an enterprise (id `<enterpriseId>:<accountId>`): on site or not, stopped from work or not. */
  {
    name: 'onsite_staff',
    indexes: [
      { name: 'by_enterprise', keys: { enterpriseId: 1, name: 1 } },
      { name: 'by_account', keys: { accountId: 1 } },
      { name: 'by_street_onsite', keys: { streetId: 1, onSite: 1 } },
    ],
  },
  /** One check per person per window (id = checkId), and the unique index says so to the store as well. */
  {
    name: 'onsite_checks',
    indexes: [
      { name: 'one_per_window', keys: { staffId: 1, date: 1, slot: 1 }, unique: true },
      { name: 'by_enterprise_date', keys: { enterpriseId: 1, date: 1 } },
      { name: 'by_street_date', keys: { streetId: 1, date: 1 } },
      // 我的数据 and deleting an account.
      { name: 'by_account', keys: { accountId: 1, date: -1 } },
    ],
  },
  /** A positive antigen or a fever, until the epidemic team closes it (id = the check's id). */
  {
    name: 'onsite_cases',
    indexes: [
      { name: 'by_enterprise_status', keys: { enterpriseId: 1, status: 1 } },
      { name: 'by_street_status', keys: { streetId: 1, status: 1, createdAt: -1 } },
      { name: 'by_account', keys: { accountId: 1, createdAt: -1 } },
    ],
  },
  {
    name: 'inbox',
    indexes: [{ name: 'by_account_time', keys: { accountId: 1, createdAt: -1 } }],
  },
])

export type CollectionName = (typeof COLLECTIONS)[number]['name']
