/**
 * Proving a phone and linking a person's two identities (mini-program openid ↔ H5 gateway login).
 *
 *  - Mini-program: the phone-number button gives the page a one-time `code`; `provePhone` exchanges it through
 *    WeChat's `phonenumber.getPhoneNumber` open API — the number comes from WeChat, never from the request.
 *  - H5: the gateway records the phone a person registered with (`recordRegisteredPhone`, callable only by the
 *    platform itself) at registration and at each login.
 *  - Linking: one account per person. An identity without an account whose proven phone belongs to an account
 *    may join it with a short-lived code that the account shows on its other platform (`linkCode` there, `link`
 *    here). The matching proven phone says it is the same number; the code says the same person holds both.
 */
import { randomInt } from 'node:crypto'
import type { IdentityProof } from '../../shared/account'
import { AppError } from '../../shared/errors'
import { maskPhone } from '../../shared/mask'
import type { linkInput, provePhoneInput, recordRegisteredPhoneInput } from '../../shared/schemas/account'
import { loadAccount, toAccountView, type AccountDoc } from '../_lib/accounts'
import { auditEntry } from '../_lib/audit'
import { col, getDoc, txCol, txGet } from '../_lib/collections'
import { claimPhone, identityOf, provenOwner, recordProof } from '../_lib/phones'
import type { CallerFor, Deps, Input, Transaction } from '../_lib/runtime'
import { callOpenApi } from '../_lib/wechat'
import type { LinkCodeDoc } from './model'

const LINK_CODE_TTL_MS = 10 * 60_000
const LINK_CODE_ATTEMPTS = 5

/** What an identity without an account has proven: for the setup page (link instead of set up when held). */
export async function proofOf(deps: Deps, key: string): Promise<IdentityProof | null> {
  const identity = await identityOf(deps, key)
  if (!identity?.phone) return null
  return { phone: maskPhone(identity.phone), held: Boolean(await provenOwner(deps, identity.phone)) }
}

/** Proves the caller's phone with the code the phone-number button gave the page. */
export async function provePhone(
  deps: Deps,
  caller: CallerFor<'identity'>,
  input: Input<typeof provePhoneInput>,
) {
  if (caller.identity.kind !== 'wx') throw new AppError('WECHAT_ONLY')
  const reply = await callOpenApi('phonenumber.getPhoneNumber', { code: input.code })
  const info = reply.phone_info as { purePhoneNumber?: string; countryCode?: string } | undefined
  if (reply.errcode || !info?.purePhoneNumber) throw new AppError('PHONE_CODE_INVALID')
  // Only mainland numbers: the rest of the app (and the H5 gateway) knows 11-digit numbers only.
  if ((info.countryCode ?? '86') !== '86' || !/^1\d{10}$/.test(info.purePhoneNumber))
    throw new AppError('PHONE_NOT_PROVEN', '目前只支持中国大陆手机号')
  const phone = info.purePhoneNumber
  await recordProof(deps, caller.identity.key, phone, 'wechat')
  const account = caller.account
  if (!account) return { account: null, proof: await proofOf(deps, caller.identity.key) }
  let updated: AccountDoc = account
  await deps.db.runTransaction(async (t: Transaction) => {
    updated = await claimPhone(t, account, phone, 'wechat', deps.now())
  })
  return { account: await toAccountView(deps.db, updated), proof: null }
}

/** The H5 gateway reports the phone a web user registered with (at registration and at each login). */
export async function recordRegisteredPhone(
  deps: Deps,
  _caller: CallerFor<'system'>,
  input: Input<typeof recordRegisteredPhoneInput>,
) {
  const key = `web:${input.uid}`
  await recordProof(deps, key, input.phone, 'register')
  const account = await loadAccount(deps.db, key)
  // An account set up before phones were proven gets its registration phone proven now, if nobody holds it.
  if (account && account.phone === input.phone && !account.phoneProof) {
    try {
      await deps.db.runTransaction(async (t: Transaction) => {
        await claimPhone(t, account, input.phone, 'register', deps.now())
      })
    } catch (e) {
      if (!(e instanceof AppError)) throw e
    }
  }
  return { recorded: true }
}

/** A code the same person types on their other platform to use this account there too. */
export async function linkCode(deps: Deps, caller: CallerFor) {
  const account = caller.account
  if (!account.phoneProof) throw new AppError('PHONE_NOT_PROVEN', '请先验证手机号，再关联另一端')
  const doc: LinkCodeDoc = {
    _id: account._id,
    code: String(randomInt(0, 1_000_000)).padStart(6, '0'),
    expiresAt: deps.now() + LINK_CODE_TTL_MS,
    attempts: 0,
  }
  const { _id, ...body } = doc
  await col(deps.db, 'link_codes').doc(_id).set(body)
  return { code: doc.code, expiresAt: doc.expiresAt }
}

/** Joins the account that owns the caller's proven phone, with the code that account showed. */
export async function link(deps: Deps, caller: CallerFor<'identity'>, input: Input<typeof linkInput>) {
  if (caller.account) throw new AppError('ACCOUNT_EXISTS', '您已经有账号了，不需要再关联')
  const key = caller.identity.key!
  const identity = await identityOf(deps, key)
  if (!identity?.phone) throw new AppError('PHONE_NOT_PROVEN', '请先验证手机号')
  const owner = await provenOwner(deps, identity.phone)
  if (!owner) throw new AppError('NOT_FOUND', '这个手机号还没有账号，请直接填写资料开始使用')
  const _ = deps.db.command
  const pending = await getDoc(deps, 'link_codes', owner._id)
  const now = deps.now()
  if (!pending || pending.expiresAt <= now || pending.attempts >= LINK_CODE_ATTEMPTS)
    throw new AppError('LINK_CODE_INVALID')
  if (pending.code !== input.code) {
    // Counted outside any transaction, so that a wrong guess is never rolled back.
    await col(deps.db, 'link_codes')
      .doc(owner._id)
      .update({ attempts: _.inc(1) })
    throw new AppError('LINK_CODE_INVALID')
  }
  await deps.db.runTransaction(async (t: Transaction) => {
    const current = await txGet(t, 'link_codes', owner._id)
    if (!current || current.code !== input.code || current.expiresAt <= now)
      throw new AppError('LINK_CODE_INVALID')
    await txCol(t, 'link_codes').doc(owner._id).remove()
    const { _id, ...rest } = (await txGet(t, 'identities', key)) ?? identity
    await txCol(t, 'identities')
      .doc(key)
      .set({ ...rest, accountId: owner._id, linkedAt: now })
    await txCol(t, 'audit_logs').add(
      auditEntry(owner, {
        action: 'account.link',
        target: `account:${owner._id}`,
        before: null,
        after: { identity: caller.identity.kind, phone: maskPhone(identity.phone!) },
        at: now,
      }),
    )
  })
  return { account: await toAccountView(deps.db, owner) }
}
