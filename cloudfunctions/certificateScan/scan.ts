import { CERTIFICATE_WARN_DAYS, daysToExpiry, warningDue, type WarnDays } from '../../shared/supplies'
import { APP_PAGES, pageUrl } from '../../shared/routes'
import { shanghaiDate } from '../../shared/time'
import { firstStaffOfGrid } from '../_lib/accounts'
import { col, getDoc } from '../_lib/collections'
import { notify } from '../_lib/notify'
import { eachDoc } from '../_lib/paging'
import type { Deps } from '../_lib/runtime'
import type { CertificateDoc } from '../certificate/model'

const DAY = 86_400_000

/** A newer upload by the same person for the same shop replaces this one (unless it was refused). */
async function replaced(deps: Deps, c: CertificateDoc): Promise<boolean> {
  const _ = deps.db.command
  const { total } = await col(deps.db, 'health_certificates')
    .where({
      accountId: c.accountId,
      enterpriseId: c.enterpriseId,
      uploadedAt: _.gt(c.uploadedAt),
      status: _.neq('rejected'),
    })
    .count()
  return total > 0
}

/**
 * Daily (09:00 Shanghai): tells the shop's owner and grid worker about each verified certificate 30 and then 7
 * days before it expires — once each. The warning is claimed with a compare-and-set on `warned` before anything
 * is sent, so two runs of the timer cannot warn twice.
 */
export async function scan(deps: Deps, at: number): Promise<{ warned: number }> {
  const _ = deps.db.command
  const today = shanghaiDate(at)
  const last = shanghaiDate(at + CERTIFICATE_WARN_DAYS[0] * DAY)
  let warned = 0
  for await (const c of eachDoc(deps.db, 'health_certificates', {
    status: 'verified',
    expiresOn: _.gte(today).and(_.lte(last)),
  })) {
    const days = daysToExpiry(c.expiresOn, at)
    const due = warningDue(days, c.warned ?? [])
    if (due === undefined || (await replaced(deps, c))) continue
    // This warning and every wider one are spent: a 7-day warning makes a later 30-day one meaningless.
    const spent = [...new Set([...(c.warned ?? []), ...CERTIFICATE_WARN_DAYS.filter((d) => d >= due)])]
    const { updated } = await col(deps.db, 'health_certificates')
      .where({ _id: c._id, warned: _.nin([due]) })
      .update({ warned: spent })
    if (!updated) continue
    await warn(deps, c, due, days)
    warned++
  }
  return { warned }
}

async function warn(deps: Deps, c: CertificateDoc, due: WarnDays, days: number) {
  const [e, worker] = await Promise.all([
    getDoc(deps, 'enterprises', c.enterpriseId),
    firstStaffOfGrid(deps.db, c.gridId, 'gridWorker'),
  ])
  const when = days === 0 ? '今天' : `${days}天后（${c.expiresOn}）`
  const body = `${c.enterpriseName}的${c.name}的健康证将于${when}到期，到期后不能上岗，请提醒及时换证。`
  const [y, m, d] = c.expiresOn.split('-').map(Number)
  const recipients = [...new Set([e?.ownerId, worker?._id].filter((x): x is string => Boolean(x)))]
  for (const accountId of recipients)
    await notify(deps, {
      accountId,
      title: `健康证${due}天内到期`,
      body,
      link: pageUrl(APP_PAGES.certificateStaff, { enterpriseId: c.enterpriseId }),
      subscribe: {
        kind: 'certificateExpiry',
        data: { person: c.name, expiresOn: `${y}年${m}月${d}日`, note: '到期后不能上岗，请及时换证' },
      },
    })
}
