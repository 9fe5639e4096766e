import type { PhoneProof } from '../../shared/account'
import { AppError } from '../../shared/errors'
import type { AccountDoc } from './accounts'
import { col, getDoc, txCol, txGet } from './collections'
import type { Deps, Transaction } from './runtime'

/**
 * Phone ownership. A number is a person's only when proven — in the mini-program by WeChat's phone-number API,
 * on H5 by registering with it at the gateway — and then it belongs to exactly one account: `phones/<number>`
 * names that account, and the document id makes a second owner impossible. Anything that hands rights to "the
 * person with this number" (a household marked for errands, a second platform joining an account) goes through
 * the proven owner, never through the free-text `phone` of an account.
 */

/** A platform identity's own record: what it proved, and the account it was linked to (if not its own). */
export interface IdentityDoc {
  _id: string
  phone?: string
  phoneVia?: PhoneProof
  provenAt?: number
  /** Set when this identity was linked to an account another identity of the same person set up. */
  accountId?: string
  linkedAt?: number
}

export interface PhoneDoc {
  _id: string
  accountId: string
  via: PhoneProof
  at: number
}

export function identityOf(deps: Deps, key: string): Promise<IdentityDoc | undefined> {
  return getDoc(deps, 'identities', key)
}

/** Records that identity `key` proved `phone`, keeping whatever else its record holds (e.g. a link). */
export async function recordProof(
  deps: Deps,
  key: string,
  phone: string,
  via: PhoneProof,
): Promise<IdentityDoc> {
  const existing = await identityOf(deps, key)
  const { _id, ...rest } = existing ?? { _id: key }
  const doc = { ...rest, phone, phoneVia: via, provenAt: deps.now() }
  await col(deps.db, 'identities').doc(key).set(doc)
  return { _id, ...doc }
}

/** The account a proven phone belongs to, if any (and if that account still holds it). */
export async function provenOwner(deps: Deps, phone: string): Promise<AccountDoc | undefined> {
  const owner = await getDoc(deps, 'phones', phone)
  if (!owner) return undefined
  const account = await getDoc(deps, 'accounts', owner.accountId)
  return account && account.phone === phone && account.phoneProof ? account : undefined
}

/**
 * Inside a transaction: makes `phone` the proven phone of `account`, giving up the account's previous proven
 * number. Refuses with PHONE_PROVEN_ELSEWHERE when another account owns it.
 */
export async function claimPhone(
  t: Transaction,
  account: AccountDoc,
  phone: string,
  via: PhoneProof,
  now: number,
): Promise<AccountDoc> {
  const held = await txGet(t, 'phones', phone)
  if (held && held.accountId !== account._id) throw new AppError('PHONE_PROVEN_ELSEWHERE')
  if (account.phoneProof && account.phone !== phone) {
    const old = await txGet(t, 'phones', account.phone)
    if (old?.accountId === account._id) await txCol(t, 'phones').doc(account.phone).remove()
  }
  await txCol(t, 'phones').doc(phone).set({ accountId: account._id, via, at: now })
  await txCol(t, 'accounts').doc(account._id).update({ phone, phoneProof: via, updatedAt: now })
  return { ...account, phone, phoneProof: via, updatedAt: now }
}
