import { AppError } from '../../../shared/errors'
import { APP_PAGES, pageUrl } from '../../../shared/routes'
import type {
  certificateStaffInput,
  myCertificatesInput,
  pendingCertificatesInput,
  uploadCertificateInput,
  verifyCertificateInput,
} from '../../../shared/schemas/supplies'
import {
  certificateStanding,
  daysToExpiry,
  mayWork,
  type CertificateStanding,
} from '../../../shared/supplies'
import { allow, placeOf, scopeFilter } from '../../_lib/access'
import { firstStaffOfGrid } from '../../_lib/accounts'
import { auditEntry } from '../../_lib/audit'
import { col, getDoc, txCol, txGet, type Collections } from '../../_lib/collections'
import { notify } from '../../_lib/notify'
import { createDocOnce, onceId } from '../../_lib/once'
import { pageOf } from '../../_lib/paging'
import type { CallerFor, Deps, Input } from '../../_lib/runtime'
import { transactRetrying } from '../../_lib/transact'
import type { EnterpriseDoc } from '../../application/model'
import type { CertificateDoc } from '../model'

async function loadEnterprise(deps: Deps, id: string): Promise<EnterpriseDoc> {
  const e = await getDoc(deps, 'enterprises', id)
  if (!e) throw new AppError('NOT_FOUND', '没有找到这家门店')
  return e
}

/** Who works for the shop: its owner and managers, and everyone who declared their health as its employee. */
async function staffIds(deps: Deps, e: EnterpriseDoc): Promise<Map<string, string>> {
  const { data } = await col(deps.db, 'declarations')
    .where({ enterpriseId: e._id })
    .field({ accountId: true, name: true, createdAt: true })
    .orderBy('createdAt', 'desc')
    .limit(1000)
    .get()
  const names = new Map<string, string>()
  for (const d of data) if (!names.has(d.accountId)) names.set(d.accountId, d.name)
  return names
}

/** A certificate as everyone sees it, with how its holder stands for work today. */
function certificateView(c: CertificateDoc, now: number) {
  const { warned: _w, ...rest } = c
  const standing = certificateStanding(c, now)
  return { ...rest, standing, mayWork: mayWork(standing), daysLeft: daysToExpiry(c.expiresOn, now) }
}

/** A staff member of the shop uploads their certificate; the grid worker is asked to verify it. */
export async function upload(deps: Deps, caller: CallerFor, input: Input<typeof uploadCertificateInput>) {
  const a = caller.account
  const e = await loadEnterprise(deps, input.enterpriseId)
  const staff = await staffIds(deps, e)
  const people = [e.ownerId, ...e.managerIds, ...(staff.has(a._id) ? [a._id] : [])]
  allow(caller, { people })
  const now = deps.now()
  if (daysToExpiry(input.expiresOn, now) < 0)
    throw new AppError('INVALID_INPUT', '这张健康证已经过期，请先办理新证再上传')
  const id = onceId(a, input.requestId, deps.newId)
  const made = await createDocOnce(
    deps,
    'health_certificates',
    id,
    input.requestId,
    async () => {
      const doc: CertificateDoc = {
        _id: id,
        accountId: a._id,
        name: staff.get(a._id) ?? a.name,
        enterpriseId: e._id,
        enterpriseName: e.name,
        streetId: e.streetId,
        communityId: e.communityId,
        gridId: e.gridId,
        photo: input.photo,
        number: input.number,
        authority: input.authority,
        expiresOn: input.expiresOn,
        status: 'pending',
        warned: [],
        uploadedAt: now,
      }
      await col(deps.db, 'health_certificates').add(doc)
      return { doc, fresh: true }
    },
    (doc) => ({ doc, fresh: false }),
    (c) => c.accountId === a._id,
  )
  if (made.fresh) {
    const worker = await firstStaffOfGrid(deps.db, e.gridId, 'gridWorker')
    if (worker)
      await notify(deps, {
        accountId: worker._id,
        title: '有新的健康证待核验',
        body: `${e.name}的${made.doc.name}上传了健康证，请上门或在线核验。`,
        link: pageUrl(APP_PAGES.certificateStaff, { enterpriseId: e._id }),
      })
  }
  return { certificate: certificateView(made.doc, now) }
}

/**
 * The caller's own certificates, newest first, and the shops they may upload one for: those they own or manage,
 * and those they declared their health as an employee of.
 */
export async function mine(deps: Deps, caller: CallerFor, _input: Input<typeof myCertificatesInput>) {
  const _ = deps.db.command
  const me = caller.account._id
  const [{ data }, { data: held }, { data: declared }] = await Promise.all([
    col(deps.db, 'health_certificates')
      .where({ accountId: me })
      .orderBy('uploadedAt', 'desc')
      .limit(50)
      .get(),
    col(deps.db, 'enterprises')
      .where(_.or([{ ownerId: me }, { managerIds: me }]))
      .field({ name: true })
      .limit(100)
      .get(),
    col(deps.db, 'declarations')
      .where({ accountId: me, enterpriseId: _.neq(null) })
      .field({ enterpriseId: true })
      .limit(100)
      .get(),
  ])
  const shops = new Map(held.map((e) => [e._id, e.name]))
  const other = [
    ...new Set(declared.map((d) => d.enterpriseId).filter((id): id is string => !!id && !shops.has(id))),
  ]
  if (other.length) {
    const { data: more } = await col(deps.db, 'enterprises')
      .where({ _id: _.in(other) })
      .field({ name: true })
      .limit(other.length)
      .get()
    for (const e of more) shops.set(e._id, e.name)
  }
  const now = deps.now()
  return {
    items: data.map((c) => certificateView(c, now)),
    shops: [...shops].map(([_id, name]) => ({ _id, name })),
  }
}

export interface StaffCertificateRow {
  accountId: string
  name: string
  standing: CertificateStanding
  mayWork: boolean
  certificate: ReturnType<typeof certificateView> | null
}

/**
 * The shop's staff list: everyone who works there, each with the certificate in force (their newest upload) and
 * whether they may work today. Those who may not come first.
 */
export async function staff(deps: Deps, caller: CallerFor, input: Input<typeof certificateStaffInput>) {
  const e = await loadEnterprise(deps, input.enterpriseId)
  allow(caller, { people: [e.ownerId, ...e.managerIds], scope: placeOf(e) })
  const [names, { data: certs }] = await Promise.all([
    staffIds(deps, e),
    col(deps.db, 'health_certificates')
      .where({ enterpriseId: e._id })
      .orderBy('uploadedAt', 'desc')
      .limit(1000)
      .get(),
  ])
  const latest = new Map<string, Collections['health_certificates']>()
  for (const c of certs) if (!latest.has(c.accountId)) latest.set(c.accountId, c)
  for (const c of latest.values()) if (!names.has(c.accountId)) names.set(c.accountId, c.name)
  const now = deps.now()
  const items: StaffCertificateRow[] = [...names.entries()].map(([accountId, name]) => {
    const c = latest.get(accountId)
    const standing = certificateStanding(c, now)
    return {
      accountId,
      name,
      standing,
      mayWork: mayWork(standing),
      certificate: c ? certificateView(c, now) : null,
    }
  })
  items.sort((x, y) => Number(x.mayWork) - Number(y.mayWork) || x.name.localeCompare(y.name, 'zh'))
  return {
    enterpriseName: e.name,
    items,
    mayWork: items.filter((i) => i.mayWork).length,
    mayNotWork: items.filter((i) => !i.mayWork).length,
  }
}

/** Certificates waiting for the grid worker (or admin) in their scope, oldest first. */
export async function pending(deps: Deps, caller: CallerFor, input: Input<typeof pendingCertificatesInput>) {
  const page = await pageOf(
    deps.db,
    'health_certificates',
    { ...scopeFilter(caller.account), status: 'pending' },
    [
      ['uploadedAt', 'asc'],
      ['_id', 'asc'],
    ],
    input,
  )
  const now = deps.now()
  return { ...page, items: page.items.map((c) => certificateView(c, now)) }
}

/** The grid worker checks the certificate (on the spot or from the photo): verified, or refused with a reason. */
export async function verify(deps: Deps, caller: CallerFor, input: Input<typeof verifyCertificateInput>) {
  const c = await getDoc(deps, 'health_certificates', input.certificateId)
  if (!c) throw new AppError('NOT_FOUND', '没有找到这张健康证')
  allow(caller, { scope: placeOf(c) })
  const a = caller.account
  const now = deps.now()
  const status = input.approve ? ('verified' as const) : ('rejected' as const)
  const changes = {
    status,
    verifiedBy: a._id,
    verifiedByName: a.name,
    verifiedAt: now,
    ...(input.note ? { note: input.note } : {}),
  }
  // Checked and changed in one transaction with its audit entry: two checks at once cannot both count.
  const done = await transactRetrying(deps, async (t) => {
    const current = await txGet(t, 'health_certificates', c._id)
    if (current?.status !== 'pending') return false
    await txCol(t, 'health_certificates').doc(c._id).update(changes)
    await txCol(t, 'audit_logs').add(
      auditEntry(a, {
        action: 'certificate.verify',
        target: c._id,
        before: { status: 'pending' },
        after: { status },
        at: now,
        streetId: c.streetId,
        communityId: c.communityId,
      }),
    )
    return true
  })
  if (!done) throw new AppError('CONFLICT', '这张健康证已经核验过了')
  await notify(deps, {
    accountId: c.accountId,
    title: input.approve ? '健康证已核验通过' : '健康证核验未通过',
    body: input.approve
      ? `${c.enterpriseName}：您的健康证（有效期至${c.expiresOn}）已核验，可以上岗。`
      : `${c.enterpriseName}：您的健康证未通过核验。原因：${input.note}。请重新上传。`,
    link: pageUrl(APP_PAGES.certificates),
  })
  return { certificate: certificateView({ ...c, ...changes }, now) }
}
