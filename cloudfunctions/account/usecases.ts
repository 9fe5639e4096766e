import type { InboxItem, InviteView, ScopeTree } from '../../shared/account'
import { AppError } from '../../shared/errors'
import {
  DISTRICT_SCOPE,
  ROLE_SCOPE_LEVEL,
  ROLE_SCOPE_LEVELS,
  scopeContains,
  scopeLevel,
  type Scope,
} from '../../shared/roles'
import { PAGES } from '../../shared/routes'
import type {
  accountTargetInput,
  CreateInviteInput,
  SetupInput,
  listInvitesInput,
  redeemInviteInput,
  revokeInviteInput,
  updateProfileInput,
  inboxInput,
  markReadInput,
  scopesInput,
} from '../../shared/schemas/account'
import { INVITE_CODE_ALPHABET, INVITE_CODE_LENGTH } from '../../shared/schemas/account'
import type { z } from 'zod'
import { allow } from '../_lib/access'
import { loadAccount, scopeNames, toAccountView, type AccountDoc } from '../_lib/accounts'
import { maskPhone } from '../../shared/mask'
import { auditEntry } from '../_lib/audit'
import { col, getDoc, txCol, txGet } from '../_lib/collections'
import { identityOf } from '../_lib/phones'
import { proofOf } from './identity'
import { isDuplicateKey } from '../_lib/errors'
import { onceId } from '../_lib/once'
import { pageOf } from '../_lib/paging'
import { publicUrl, qrDataUrl } from '../_lib/links'
import type { CallerFor, Deps, Input, Transaction } from '../_lib/runtime'
import { hashResetCode } from '../_lib/resetCodes'
import type { InviteDoc } from './model'

/** A code of the shared alphabet (no 0/O/1/I: codes are read aloud and typed by people). */
export function newInviteCode(random: (n: number) => number = (n) => Math.floor(Math.random() * n)): string {
  let code = ''
  for (let i = 0; i < INVITE_CODE_LENGTH; i++)
    code += INVITE_CODE_ALPHABET[random(INVITE_CODE_ALPHABET.length)]
  return code
}

export async function me(deps: Deps, caller: CallerFor<'identity'>) {
  if (caller.account) return { account: await toAccountView(deps.db, caller.account), proof: null }
  // Not set up yet: what this identity proved, so the setup page can offer linking to the phone's account.
  return { account: null, proof: await proofOf(deps, caller.identity.key!) }
}

/**
 * The street a self-service user joins (or a district invite is for): the one named, which must exist (`missing`:
 * what to say when it does not), or else the only one there is.
 */
async function resolveStreet(
  deps: Deps,
  streetId: string | undefined,
  missing = '所选街道不存在',
): Promise<string> {
  if (streetId) {
    const { data } = await col(deps.db, 'streets').doc(streetId).get()
    if (!data[0]) throw new AppError('SCOPE_NOT_FOUND', missing)
    return streetId
  }
  const { data } = await col(deps.db, 'streets').limit(2).get()
  if (data.length === 0) throw new AppError('SCOPE_NOT_FOUND', '系统还没有设置街道，请联系管理员')
  if (data.length > 1) throw new AppError('INVALID_INPUT', '请选择您所在的街道')
  return (data[0] as { _id: string })._id
}

/**
 * Creates the caller's account. The phone is the one this identity proved (WeChat's phone-number button, or the
 * H5 registration) when there is one — then it is claimed for the account in the same transaction, so two
 * accounts can never hold one proven number — otherwise the number typed, kept as unproven contact text.
 */
export async function setup(deps: Deps, caller: CallerFor<'identity'>, input: SetupInput) {
  // A retry of the setup that made this account is answered again; any other setup finds it made.
  const again = (account: AccountDoc | undefined) =>
    account && input.requestId && account.requestId === input.requestId ? account : undefined
  if (caller.account) {
    const mine = again(caller.account)
    if (mine) return { account: await toAccountView(deps.db, mine) }
    throw new AppError('ACCOUNT_EXISTS')
  }
  const key = caller.identity.key!
  const proof = await identityOf(deps, key)
  if (proof?.phone && input.phone && input.phone !== proof.phone)
    throw new AppError('PHONE_NOT_PROVEN', `请使用已验证的手机号 ${maskPhone(proof.phone)}`)
  const phone = proof?.phone ?? input.phone
  if (!phone) throw new AppError('INVALID_INPUT', '请填写手机号')
  const streetId = await resolveStreet(deps, input.streetId)
  const now = deps.now()
  const doc: AccountDoc = {
    _id: deps.newId(),
    identityKey: key,
    name: input.name,
    phone,
    role: input.role,
    scope: { streetId },
    disabled: false,
    // A new person has no quarantine yet: recorded, so their first status or report need not look one up.
    quarantine: null,
    ...(input.requestId ? { requestId: input.requestId } : {}),
    createdAt: now,
    updatedAt: now,
  }
  try {
    // One transaction: the account (the unique index on identityKey makes a double tap create one, not two),
    // its proven phone (`phones/<number>` exists at most once) and the welcome.
    if (proof?.phone) doc.phoneProof = proof.phoneVia
    await deps.db.runTransaction(async (t: Transaction) => {
      await txCol(t, 'accounts').add(doc)
      if (proof?.phone)
        await txCol(t, 'phones').add({ _id: phone, accountId: doc._id, via: proof.phoneVia!, at: now })
      await txCol(t, 'inbox').add({
        _id: `welcome-${doc._id}`,
        accountId: doc._id,
        title: '欢迎使用复工通',
        body: '您可以在首页办理复工申请、健康申报和体温报备。如有疑问，请联系所在社区。',
        read: false,
        createdAt: now,
      })
    })
  } catch (e) {
    if (!isDuplicateKey(e)) throw e
    const made = await loadAccount(deps.db, key)
    const mine = again(made)
    if (mine) return { account: await toAccountView(deps.db, mine) }
    throw new AppError(made ? 'ACCOUNT_EXISTS' : 'PHONE_PROVEN_ELSEWHERE')
  }
  return { account: await toAccountView(deps.db, doc) }
}

export async function updateProfile(
  deps: Deps,
  caller: CallerFor,
  input: z.infer<typeof updateProfileInput>,
) {
  // A phone is changed only by proving the new one (provePhone in the mini-program); what is typed here can
  // neither claim somebody else's number nor replace a proven one.
  if (input.phone !== undefined && input.phone !== caller.account.phone)
    throw new AppError('PHONE_NOT_PROVEN')
  const changes: Partial<AccountDoc> = { updatedAt: deps.now() }
  if (input.name !== undefined) changes.name = input.name
  await col(deps.db, 'accounts').doc(caller.account._id).update(changes)
  return { account: await toAccountView(deps.db, { ...caller.account, ...changes }) }
}

/** The streets a newcomer may join (setup asks them to choose once the district has more than one). */
export async function streets(deps: Deps, _caller: CallerFor<'identity'>) {
  const { data } = await col(deps.db, 'streets').limit(1000).get()
  const rows = data as { _id: string; name: string; createdAt: number }[]
  return {
    streets: rows.sort((a, b) => a.createdAt - b.createdAt).map((s) => ({ _id: s._id, name: s.name })),
  }
}

/**
 * The street → community → grid tree of one street. A street's people get their own street; those who belong to no
 * street yet (signed in without an account) and district staff name the street they want, or get the only one —
 * with several streets and none named, the first (setup asks a newcomer to choose before anything depends on it).
 */
export async function scopes(
  deps: Deps,
  caller: CallerFor<'identity'>,
  input: Input<typeof scopesInput>,
): Promise<ScopeTree> {
  const own = caller.account && caller.account.role !== 'district' ? caller.account.scope.streetId : undefined
  const streetId = own ?? input.streetId ?? (await firstStreet(deps))
  const [{ data: streets }, { data: communities }, { data: grids }] = await Promise.all([
    col(deps.db, 'streets').doc(streetId).get(),
    col(deps.db, 'communities').where({ streetId }).orderBy('order', 'asc').limit(1000).get(),
    col(deps.db, 'grids').where({ streetId }).orderBy('order', 'asc').limit(1000).get(),
  ])
  const street = streets[0] as { _id: string; name: string } | undefined
  if (!street) throw new AppError('SCOPE_NOT_FOUND', '所选街道不存在')
  return {
    street: { _id: street._id, name: street.name },
    communities: (communities as { _id: string; name: string }[]).map((c) => ({
      _id: c._id,
      name: c.name,
      grids: (grids as { _id: string; name: string; communityId: string }[])
        .filter((g) => g.communityId === c._id)
        .map((g) => ({ _id: g._id, name: g.name })),
    })),
  }
}

/** The street made first (the district's own first street, or the only one). */
async function firstStreet(deps: Deps): Promise<string> {
  const { data } = await col(deps.db, 'streets').orderBy('createdAt', 'asc').limit(1).get()
  if (!data[0]) throw new AppError('SCOPE_NOT_FOUND', '系统还没有设置街道，请联系管理员')
  return (data[0] as { _id: string })._id
}

/** Checks that the scope exists as a consistent street → community → grid chain. */
async function checkScopeExists(deps: Deps, scope: Scope): Promise<void> {
  if (scope.communityId) {
    const { data } = await col(deps.db, 'communities').doc(scope.communityId).get()
    const c = data[0] as { streetId?: string } | undefined
    if (!c || c.streetId !== scope.streetId) throw new AppError('SCOPE_NOT_FOUND')
  }
  if (scope.gridId) {
    const { data } = await col(deps.db, 'grids').doc(scope.gridId).get()
    const g = data[0] as { communityId?: string } | undefined
    if (!g || g.communityId !== scope.communityId) throw new AppError('SCOPE_NOT_FOUND')
  }
}

function inviteStatus(doc: InviteDoc, now: number): InviteView['status'] {
  if (doc.status === 'unused' && doc.expiresAt <= now) return 'expired'
  return doc.status
}

async function toInviteView(deps: Deps, doc: InviteDoc): Promise<InviteView> {
  const view: InviteView = {
    code: doc.code,
    role: doc.role,
    scope: doc.scope,
    scopeNames: await scopeNames(deps.db, doc.scope),
    status: inviteStatus(doc, deps.now()),
    expiresAt: doc.expiresAt,
    createdAt: doc.createdAt,
  }
  if (doc.department) view.department = doc.department
  if (doc.note) view.note = doc.note
  if (doc.usedBy) view.usedBy = { name: doc.usedBy.name }
  if (doc.usedAt) view.usedAt = doc.usedAt
  return view
}

/**
 * What a district admin may invite: further district staff (the district's own scope) or a street's admin for the
 * whole street — the first admin of a street the district made, who then invites the street's own staff.
 */
async function checkDistrictInvite(deps: Deps, input: CreateInviteInput): Promise<void> {
  if (input.role === 'district') {
    if (input.scope.streetId !== DISTRICT_SCOPE.streetId || scopeLevel(input.scope) !== 'street')
      throw new AppError('INVALID_INPUT', '区级工作人员不属于任何街道，请不要选择街道')
    return
  }
  if (input.role !== 'admin' || scopeLevel(input.scope) !== 'street')
    throw new AppError('INVALID_INPUT', '区级只能邀请区级工作人员和街道管理员')
  await resolveStreet(deps, input.scope.streetId, '所选街道不存在，请刷新后重试')
}

export async function createInvite(deps: Deps, caller: CallerFor, input: CreateInviteInput) {
  // A community admin invites only into their own community: never a street-level role. District staff invite
  // their own kind and streets' admins (the `invite` rule: what the district issues is the district's).
  const byDistrict = caller.account.role === 'district'
  allow(caller, { scope: input.scope, byDistrict })
  if (byDistrict) await checkDistrictInvite(deps, input)
  else if (input.role === 'district') throw new AppError('FORBIDDEN_ROLE', '区级工作人员只能由区级邀请')
  else if (!ROLE_SCOPE_LEVELS[input.role].includes(scopeLevel(input.scope))) {
    throw new AppError(
      'INVALID_INPUT',
      ROLE_SCOPE_LEVEL[input.role] === 'grid'
        ? '社区管家和网格员需要选择所属网格'
        : input.role === 'admin'
          ? '管理员属于街道或社区，不需要选择网格'
          : '审核人员属于街道，不需要选择社区或网格',
    )
  }
  if (!byDistrict) await checkScopeExists(deps, input.scope)
  const now = deps.now()
  const base = {
    role: input.role,
    scope: input.scope,
    status: 'unused' as const,
    createdBy: caller.account._id,
    createdAt: now,
    expiresAt: now + input.validHours * 3600_000,
    ...(input.department ? { department: input.department } : {}),
    ...(input.note ? { note: input.note } : {}),
    ...(byDistrict ? { byDistrict: true as const } : {}),
  }
  const answer = async (doc: InviteDoc) => {
    // The QR opens the redeem page with the code filled in, for staff who scan rather than type.
    const qr = await qrDataUrl(publicUrl(PAGES.redeem, { code: doc.code }))
    return { invite: { ...(await toInviteView(deps, doc)), qr } }
  }
  // The code is the invitation's id, so the request's own id goes on its audit entry (see _lib/once.ts).
  const auditId = onceId(caller.account, input.requestId, deps.newId)
  const replay = async () => {
    const entry = await getDoc(deps, 'audit_logs', auditId)
    if (!entry || entry.actorId !== caller.account._id || !entry.target.startsWith('invite:'))
      return undefined
    const doc = await getDoc(deps, 'invites', entry.target.slice('invite:'.length))
    return doc ? answer(doc) : undefined
  }
  const again = input.requestId ? await replay() : undefined
  if (again) return again
  // A fresh code collides with an existing one very rarely; the id uniqueness decides, so retry a few times.
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newInviteCode()
    const doc: InviteDoc = { _id: code, code, ...base }
    try {
      await deps.db.runTransaction(async (t: Transaction) => {
        await txCol(t, 'invites').add(doc)
        await txCol(t, 'audit_logs').add({
          _id: auditId,
          ...auditEntry(caller.account, {
            action: 'invite.create',
            target: `invite:${code}`,
            before: null,
            after: base,
            at: now,
          }),
        })
      })
      return answer(doc)
    } catch (e) {
      if (!isDuplicateKey(e)) throw e
      // The same request made its invitation meanwhile (a double tap): answer with that one.
      const made = input.requestId ? await replay() : undefined
      if (made) return made
    }
  }
  throw new AppError('INTERNAL', '生成邀请码失败，请重试')
}

export async function listInvites(deps: Deps, caller: CallerFor, input: z.infer<typeof listInvitesInput>) {
  // District staff list what the district issued; a street's admins their street's (the district's invitation
  // of the street's first admin among them).
  const where: Record<string, string | boolean> =
    caller.account.role === 'district'
      ? { byDistrict: true }
      : { 'scope.streetId': caller.account.scope.streetId }
  if (caller.account.scope.communityId) where['scope.communityId'] = caller.account.scope.communityId
  const { items: data, total } = await pageOf(deps.db, 'invites', where, [['createdAt', 'desc']], input)
  const items = await Promise.all(data.map((d) => toInviteView(deps, d)))
  return { items, total, page: input.page, pageSize: input.pageSize }
}

export async function revokeInvite(deps: Deps, caller: CallerFor, input: z.infer<typeof revokeInviteInput>) {
  const code = input.code.toUpperCase()
  const doc = await getDoc(deps, 'invites', code)
  if (!doc) throw new AppError('INVITE_NOT_FOUND')
  allow(caller, { scope: doc.scope, byDistrict: doc.byDistrict === true })
  if (doc.status === 'used') throw new AppError('INVITE_USED', '邀请码已被使用，不能作废')
  const now = deps.now()
  await deps.db.runTransaction(async (t: Transaction) => {
    const current = await txGet(t, 'invites', code)
    if (!current || current.status !== 'unused')
      throw new AppError('CONFLICT', '邀请码状态已变化，请刷新后再试')
    await txCol(t, 'invites').doc(code).update({ status: 'revoked' })
    await txCol(t, 'audit_logs').add(
      auditEntry(caller.account, {
        action: 'invite.revoke',
        target: `invite:${code}`,
        before: { status: 'unused' },
        after: { status: 'revoked' },
        at: now,
      }),
    )
  })
  return { invite: await toInviteView(deps, { ...doc, status: 'revoked' }) }
}

/**
 * Redeeming changes the account's role and scope and uses up the code in one transaction: two people typing
 * the same code at once get one success and one INVITE_USED, and no account changes without the code used.
 */
export async function redeemInvite(deps: Deps, caller: CallerFor, input: z.infer<typeof redeemInviteInput>) {
  const now = deps.now()
  const account = caller.account
  let updated: AccountDoc | undefined
  await deps.db.runTransaction(async (t: Transaction) => {
    const invite = await txGet(t, 'invites', input.code)
    if (!invite) throw new AppError('INVITE_NOT_FOUND')
    // The same person redeeming the same code again (a retry, a double tap) is answered as the first time.
    if (invite.status === 'used' && invite.usedBy?.accountId === account._id) {
      updated = await txGet(t, 'accounts', account._id)
      return
    }
    if (invite.status === 'used') throw new AppError('INVITE_USED')
    if (invite.status === 'revoked')
      throw new AppError('INVITE_EXPIRED', '邀请码已作废，请联系管理员重新生成')
    if (invite.expiresAt <= now) throw new AppError('INVITE_EXPIRED')
    const changes: Partial<AccountDoc> = { role: invite.role, scope: invite.scope, updatedAt: now }
    const before = { role: account.role, scope: account.scope, department: account.department ?? null }
    await txCol(t, 'invites')
      .doc(input.code)
      .update({ status: 'used', usedBy: { accountId: account._id, name: account.name }, usedAt: now })
    // `set` replaces the document, so a department from an earlier role does not linger.
    const next: AccountDoc = { ...account, ...changes }
    delete next.department
    if (invite.department) next.department = invite.department
    const { _id, ...body } = next
    await txCol(t, 'accounts').doc(_id).set(body)
    await txCol(t, 'audit_logs').add(
      auditEntry(account, {
        action: 'invite.redeem',
        target: `account:${account._id}`,
        before,
        after: {
          role: next.role,
          scope: next.scope,
          department: next.department ?? null,
          invite: invite.code,
        },
        at: now,
        streetId: invite.scope.streetId,
      }),
    )
    updated = next
  })
  return { account: await toAccountView(deps.db, updated!) }
}

export async function inbox(deps: Deps, caller: CallerFor, input: z.infer<typeof inboxInput>) {
  const accountId = caller.account._id
  const [page, { total: unread }] = await Promise.all([
    pageOf(deps.db, 'inbox', { accountId }, [['createdAt', 'desc']], input),
    col(deps.db, 'inbox').where({ accountId, read: false }).count(),
  ])
  const items: InboxItem[] = page.items.map(({ accountId: _a, ...rest }) => rest)
  return { ...page, items, unread }
}

export async function markRead(deps: Deps, caller: CallerFor, input: z.infer<typeof markReadInput>) {
  const _ = deps.db.command
  const accountId = caller.account._id
  if (input.ids.length)
    await col(deps.db, 'inbox')
      .where({ accountId, _id: _.in(input.ids) })
      .update({ read: true })
  const { total: unread } = await col(deps.db, 'inbox').where({ accountId, read: false }).count()
  return { unread }
}

/** How long a password reset code works. */
export const RESET_CODE_HOURS = 24

/**
 * The account whose password the caller may reset or whose login lock they may lift: an admin for accounts in
 * their scope; a grid worker for people of their grid (staff of the grid, people in quarantine there, households
 * they registered there). Only web accounts have passwords: in the mini-program WeChat is the sign-in.
 */
async function passwordTarget(deps: Deps, caller: CallerFor, accountId: string): Promise<AccountDoc> {
  const target = await getDoc(deps, 'accounts', accountId)
  if (!target) throw new AppError('NOT_FOUND', '没有找到这个账号')
  if (target._id === caller.account._id)
    throw new AppError('FORBIDDEN_SCOPE', '不能给自己重置密码，请用“修改密码”')
  let allowed = false
  if (caller.account.role === 'admin') allowed = scopeContains(caller.account.scope, target.scope)
  else if (caller.account.role === 'gridWorker' && caller.account.scope.gridId) {
    const gridId = caller.account.scope.gridId
    if (target.scope.gridId === gridId) allowed = true
    else {
      const [q, h] = await Promise.all([
        col(deps.db, 'quarantines').where({ accountId: target._id, gridId }).limit(1).get(),
        col(deps.db, 'errand_households').where({ accountId: target._id, gridId }).limit(1).get(),
      ])
      allowed = q.data.length > 0 || h.data.length > 0
    }
  }
  if (!allowed) throw new AppError('FORBIDDEN_SCOPE', '只能为您负责范围内的人员重置密码')
  if (!target.identityKey.startsWith('web:'))
    throw new AppError('INVALID_INPUT', '这个账号在微信小程序中使用，不需要密码')
  return target
}

/**
 * A one-time code the person uses with their phone to set a new password (the H5 login page's 忘记密码),
 * without SMS: the issuer hands it over in person or by phone. Only its hash is stored; issuing is audit-logged
 * with who issued it, and a new code replaces any unused earlier one.
 */
export async function issueResetCode(deps: Deps, caller: CallerFor, input: Input<typeof accountTargetInput>) {
  const target = await passwordTarget(deps, caller, input.accountId)
  const now = deps.now()
  const code = newInviteCode()
  const expiresAt = now + RESET_CODE_HOURS * 3600_000
  const earlier = await col(deps.db, 'reset_codes')
    .where({ identityKey: target.identityKey, usedAt: null })
    .get()
  await deps.db.runTransaction(async (t: Transaction) => {
    // A new code replaces the unused earlier ones.
    for (const old of earlier.data) await txCol(t, 'reset_codes').doc(old._id).update({ usedAt: now })
    await txCol(t, 'reset_codes').add({
      _id: deps.newId(),
      accountId: target._id,
      identityKey: target.identityKey,
      codeHash: hashResetCode(code),
      issuedBy: caller.account._id,
      createdAt: now,
      expiresAt,
      usedAt: null,
    })
    await txCol(t, 'audit_logs').add(
      auditEntry(caller.account, {
        action: 'password.resetCode',
        target: `account:${target._id}`,
        before: null,
        after: { name: target.name, expiresAt },
        at: now,
        streetId: target.scope.streetId,
        communityId: target.scope.communityId,
      }),
    )
  })
  return { code, expiresAt, name: target.name }
}

/** An admin lifts a person's login lock now (the sign-in service honours `loginUnlockedAt`); audit-logged. */
export async function unlockLogin(deps: Deps, caller: CallerFor, input: Input<typeof accountTargetInput>) {
  const target = await passwordTarget(deps, caller, input.accountId)
  const now = deps.now()
  await deps.db.runTransaction(async (t: Transaction) => {
    await txCol(t, 'accounts').doc(target._id).update({ loginUnlockedAt: now })
    await txCol(t, 'audit_logs').add(
      auditEntry(caller.account, {
        action: 'login.unlock',
        target: `account:${target._id}`,
        before: null,
        after: { name: target.name },
        at: now,
        streetId: target.scope.streetId,
        communityId: target.scope.communityId,
      }),
    )
  })
  return { unlockedAt: now }
}
