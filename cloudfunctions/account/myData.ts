import { AppError } from '../../shared/errors'
import { OPEN_QUARANTINE_STATES } from '../../shared/health'
import { ANONYMISED_NAME } from '../../shared/retention'
import { isStaffRole, ROLE_LABELS } from '../../shared/roles'
import { toAccountView } from '../_lib/accounts'
import { anonymiseErrand, anonymiseQuarantine, maskDeclaration } from '../_lib/anonymise'
import { col, type CollectionName, type Collections } from '../_lib/collections'
import { eachDoc } from '../_lib/paging'
import type { deleteAccountInput } from '../../shared/schemas/account'
import type { CallerFor, Deps, Input } from '../_lib/runtime'

/** Errands still under way: they need the requester's address and phone. */
const FINISHED_ERRANDS = ['confirmed', 'cancelled']

async function all<N extends CollectionName>(
  deps: Deps,
  collection: N,
  where: Record<string, unknown>,
): Promise<Collections[N][]> {
  const out: Collections[N][] = []
  for await (const d of eachDoc(deps.db, collection, where)) out.push(d)
  return out
}

/**
 * 我的数据: everything the system holds about the caller — account, health declarations, quarantines and their
 * readings, errands, enterprises and applications, and who read their health record (the access log). Nothing
 * here is masked: it is the person's own (shared/mask.ts: nobody's own data is masked to them).
 */
export async function myData(deps: Deps, caller: CallerFor) {
  const me = caller.account
  const id = me._id
  const [declarations, quarantines, reports, errands, enterprises, applications, readers] = await Promise.all(
    [
      all(deps, 'declarations', { accountId: id }),
      all(deps, 'quarantines', { accountId: id }),
      all(deps, 'reports', { accountId: id }),
      all(deps, 'errands', { requesterId: id }),
      all(deps, 'enterprises', { ownerId: id }),
      all(deps, 'applications', { ownerId: id }),
      all(deps, 'access_logs', { subjectId: id }),
    ],
  )
  return {
    generatedAt: deps.now(),
    account: await toAccountView(deps.db, me),
    declarations,
    quarantines,
    reports,
    errands,
    enterprises,
    applications,
    /** Who read my health record, newest first. */
    accessLog: readers
      .sort((a, b) => b.at - a.at)
      .map((r) => ({ at: r.at, readerName: r.readerName, readerRole: r.readerRole, what: r.what })),
  }
}

/** Why the account cannot be deleted now, or null when it can. */
async function blocker(deps: Deps, caller: CallerFor): Promise<string | null> {
  const me = caller.account
  const _ = deps.db.command
  if (isStaffRole(me.role)) return `您是${ROLE_LABELS[me.role]}，请先请管理员把您的身份改回居民，再注销账号`
  const { data: open } = await col(deps.db, 'quarantines')
    .where({ accountId: me._id, status: _.in(OPEN_QUARANTINE_STATES) })
    .limit(1)
    .get()
  if (open[0]) return `您正在居家隔离（至 ${open[0].endDate}），解除隔离后才能注销账号`
  const { data: errands } = await col(deps.db, 'errands')
    .where({ requesterId: me._id, status: _.nin(FINISHED_ERRANDS) })
    .limit(1)
    .get()
  if (errands[0]) return '您还有进行中的跑腿代购，完成或取消后才能注销账号'
  const { data: owned } = await col(deps.db, 'enterprises').where({ ownerId: me._id }).limit(1).get()
  if (owned[0]) return `您名下登记了企业「${owned[0].name}」，请先联系街道办理变更，再注销账号`
  return null
}

/**
 * Deletes the caller's account, when nothing is active (an open quarantine or errand, a staff post, an enterprise
 * in their name: refused with the reason). What stays for the street's figures is anonymised as the retention
 * timer does it; what is only the person's — sign-in links, proven phone, inbox, subscriptions — is removed, and
 * the account itself goes. The sign-in service deletes the web login after this succeeds (the gateway).
 */
export async function deleteAccount(
  deps: Deps,
  caller: CallerFor,
  input: Input<typeof deleteAccountInput>,
): Promise<{ deleted: true }> {
  if (input.confirmName !== caller.account.name)
    throw new AppError('INVALID_INPUT', '输入的姓名与账号不一致，请输入您的姓名以确认注销')
  const why = await blocker(deps, caller)
  if (why) throw new AppError('ACCOUNT_IN_USE', why)
  const me = caller.account
  const now = deps.now()
  for (const q of await all(deps, 'quarantines', {
    accountId: me._id,
    anonymisedAt: deps.db.command.exists(false),
  }))
    await anonymiseQuarantine(deps, q, now)
  for (const d of await all(deps, 'declarations', { accountId: me._id }))
    await maskDeclaration(deps, d, now, ANONYMISED_NAME)
  for (const e of await all(deps, 'errands', { requesterId: me._id })) await anonymiseErrand(deps, e._id, now)
  for (const collection of ['identities', 'phones', 'inbox', 'subscriptions', 'errand_slots'] as const)
    await col(deps.db, collection).where({ accountId: me._id }).remove()
  await col(deps.db, 'link_codes').doc(me._id).remove()
  await col(deps.db, 'audit_logs').add({
    _id: deps.newId(),
    streetId: me.scope.streetId,
    actorId: me._id,
    actorName: ANONYMISED_NAME,
    action: 'account.delete',
    target: `account:${me._id}`,
    before: { role: me.role },
    after: null,
    at: now,
  })
  // Last: until this succeeds the person can sign in and try again.
  await col(deps.db, 'accounts').doc(me._id).remove()
  return { deleted: true }
}
