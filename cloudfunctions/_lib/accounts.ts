import type { AccountView, PhoneProof } from '../../shared/account'
import { shown } from '../../shared/mask'
import type { Department, Role, Scope } from '../../shared/roles'
import { col, getDoc, type CollectionName } from './collections'
import type { Database } from './runtime'

export interface AccountDoc {
  _id: string
  /** `wx:<openid>` or `web:<uid>`: unique, the only link between a platform identity and an account. */
  identityKey: string
  name: string
  phone: string
  /**
   * How `phone` was proven, if it was: `wechat` by WeChat's phone-number API, `register` by registering with it
   * at the H5 gateway. Only a proven phone is the person's (see _lib/phones.ts); otherwise it is contact text.
   */
  phoneProof?: PhoneProof
  role: Role
  department?: Department
  scope: Scope
  disabled: boolean
  /** The requestId of the setup that made the account: a retry of it is answered again. */
  requestId?: string
  /**
   * Bumped by every change of role, scope or state (admin.setRole / setDisabled): the sign-in service refuses
   * tokens minted under an older version, so such a change ends all of the person's sessions. Missing = 0.
   */
  sessionVersion?: number
  /**
   * The person's open quarantine (active or awaiting a decision), written in the same transaction as every
   * change that opens, extends or closes it (declare, extend, release, the expiry scan), so the hot path — a
   * temperature report — needs no second read. `null`: none; missing: an account from before the field, looked
   * up and recorded on first use (_lib/quarantines.ts openQuarantineOf).
   */
  quarantine?: OpenQuarantine | null
  /** When an admin last lifted this person's login lock (account.unlockLogin); the sign-in service honours it. */
  loginUnlockedAt?: number
  createdAt: number
  updatedAt: number
}

/** What every call of a quarantined person needs of the quarantine, carried on the account. */
export interface OpenQuarantine {
  _id: string
  streetId: string
  communityId: string
  gridId: string
  endDate: string
}

/** A one-time password reset code as stored: only its hash (the sign-in service compares hashes). */
export interface ResetCodeDoc {
  _id: string
  accountId: string
  identityKey: string
  codeHash: string
  issuedBy: string
  createdAt: number
  expiresAt: number
  usedAt: number | null
}

/**
 * The account of a platform identity: the one it set up (`identityKey`), or the one it was linked to — the same
 * person's account from the other platform (mini-program ↔ H5), recorded in `identities`.
 */
export async function loadAccount(db: Database, identityKey: string): Promise<AccountDoc | undefined> {
  const { data } = await col(db, 'accounts').where({ identityKey }).limit(1).get()
  return data[0] ?? linkedAccount(db, identityKey)
}

async function linkedAccount(db: Database, identityKey: string): Promise<AccountDoc | undefined> {
  const link = await getDoc({ db }, 'identities', identityKey)
  return link?.accountId ? getDoc({ db }, 'accounts', link.accountId) : undefined
}

/** The record an action is about, named by its collection and id: see `loadAccountWith`. */
export interface SubjectRef {
  collection: CollectionName
  id: string
}

const SUBJECT = '__subject'

/**
 * `loadAccount`, and with it the record an action is about, in the same trip: the account's aggregation joins that
 * one document by id (a `$lookup` of constants, which the local cloud and CloudBase serve by the id). `subject` is
 * null when no such record exists, undefined when it was not read with the account — for a caller whose identity is
 * linked to an account of the other platform, whose account takes a read of its own — and the use case reads it.
 */
export async function loadAccountWith(
  db: Database,
  identityKey: string,
  ref: SubjectRef,
): Promise<{ account: AccountDoc | undefined; subject?: unknown }> {
  const $ = db.command.aggregate
  const { data } = (await col(db, 'accounts')
    .aggregate()
    .match({ identityKey })
    .limit(1)
    .lookup({ from: ref.collection, pipeline: $.pipeline().match({ _id: ref.id }).done(), as: SUBJECT })
    .end()) as { data: (AccountDoc & { [SUBJECT]?: unknown[] })[] }
  const found = data[0]
  if (!found) return { account: await linkedAccount(db, identityKey) }
  const { [SUBJECT]: joined, ...account } = found
  return { account, subject: joined?.[0] ?? null }
}

/** The first active butler or grid worker of a grid: who a new quarantine or request is given to. */
export async function firstStaffOfGrid(
  db: Database,
  gridId: string,
  role: 'butler' | 'gridWorker',
): Promise<AccountDoc | undefined> {
  const { data } = await col(db, 'accounts')
    .where({ 'scope.gridId': gridId, role, disabled: false })
    .limit(1)
    .get()
  return data[0]
}

export interface ScopeNames {
  street: string
  community?: string
  grid?: string
}

async function nameOf(
  db: Database,
  collection: 'streets' | 'communities' | 'grids',
  id: string | undefined,
): Promise<string | undefined> {
  if (!id) return undefined
  return (await getDoc({ db }, collection, id))?.name
}

/**
 * Human names of a scope; throws nothing — a missing record shows as undefined. A street-level scope is one read;
 * a community's or grid's, one aggregation on the street with a `$lookup` for each of the others (one trip, where
 * three reads took three); should the street itself be missing, each is read apart.
 */
export async function scopeNames(db: Database, scope: Scope): Promise<ScopeNames> {
  if (scope.communityId || scope.gridId) {
    const $ = db.command.aggregate
    let names = col(db, 'streets').aggregate().match({ _id: scope.streetId })
    for (const [from, id] of [
      ['communities', scope.communityId],
      ['grids', scope.gridId],
    ] as const) {
      if (id)
        names = names.lookup({
          from,
          pipeline: $.pipeline().match({ _id: id }).project({ name: 1 }).done(),
          as: from,
        })
    }
    const { data } = (await names.project({ name: 1, communities: 1, grids: 1 }).end()) as {
      data: { name?: string; communities?: { name: string }[]; grids?: { name: string }[] }[]
    }
    const found = data[0]
    if (found)
      return {
        street: found.name ?? '',
        community: found.communities?.[0]?.name,
        grid: found.grids?.[0]?.name,
      }
  }
  const [street, community, grid] = await Promise.all([
    nameOf(db, 'streets', scope.streetId),
    nameOf(db, 'communities', scope.communityId),
    nameOf(db, 'grids', scope.gridId),
  ])
  return { street: street ?? '', community, grid }
}

/** An account as its own holder sees it (me, setup, profile, invitations): nothing of one's own is masked. */
export async function toAccountView(db: Database, doc: AccountDoc): Promise<AccountView> {
  const view: AccountView = {
    _id: doc._id,
    name: doc.name,
    phone: shown('phone', 'record', 'self', doc.phone),
    phoneProven: Boolean(doc.phoneProof),
    role: doc.role,
    scope: doc.scope,
    scopeNames: await scopeNames(db, doc.scope),
    disabled: doc.disabled,
    createdAt: doc.createdAt,
  }
  if (doc.department) view.department = doc.department
  return view
}
