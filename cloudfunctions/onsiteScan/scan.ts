import { SLOT_LABELS, SLOTS, slotClosesAt } from '../../shared/health'
import { checkDue, checkId, onsiteSlotsOf } from '../../shared/onsite'
import { ONSITE_PAGES, pageUrl } from '../../shared/routes'
import { formatShanghai, shanghaiDate } from '../../shared/time'
import { once } from '../_lib/alerts'
import { col, getDoc } from '../_lib/collections'
import { isDuplicateKey } from '../_lib/errors'
import { notify } from '../_lib/notify'
import { eachDoc } from '../_lib/paging'
import type { Deps } from '../_lib/runtime'
import { rulesFor } from '../_lib/settings'
import type { OnsiteCheckDoc } from '../onsite/model'

/**
 * For each window of today that has closed: a `missed` check for every on-site person who owed one and has none
 * (the check's id is the window's, so a check made at the last second, or a second scan, is never overwritten or
 * doubled), then one reminder per enterprise and window to its safety officer — or its owner while it has none.
 */
export async function scan(deps: Deps, at: number) {
  const today = shanghaiDate(at)
  const done: Record<string, { missed: number; reminded: number }> = {}
  const { data: streets } = await col(deps.db, 'streets').limit(1000).get()
  for (const { _id: streetId } of streets as { _id: string }[]) {
    const slots = onsiteSlotsOf(await rulesFor(deps, streetId, today))
    let missed = 0
    let reminded = 0
    for (const slot of SLOTS) {
      const closesAt = slotClosesAt(today, slot, { slots })
      if (at < closesAt) continue
      const byEnterprise = new Map<string, string[]>()
      for await (const p of eachDoc(deps.db, 'onsite_staff', { streetId, onSite: true })) {
        if (!checkDue(p, closesAt)) continue
        const miss: OnsiteCheckDoc = {
          _id: checkId(p._id, today, slot),
          enterpriseId: p.enterpriseId,
          streetId: p.streetId,
          communityId: p.communityId,
          gridId: p.gridId,
          staffId: p._id,
          accountId: p.accountId,
          name: p.name,
          date: today,
          slot,
          status: 'missed',
          temperature: null,
          antigen: null,
          photo: null,
          pcrSampled: null,
          fever: false,
          positive: false,
          recordedBy: null,
          confirmedBy: null,
          confirmedAt: null,
          requestId: null,
          at: closesAt,
        }
        try {
          await col(deps.db, 'onsite_checks').add(miss)
          missed++
        } catch (e) {
          if (!isDuplicateKey(e)) throw e
          const found = await getDoc(deps, 'onsite_checks', miss._id)
          if (found?.status !== 'missed') continue
        }
        byEnterprise.set(p.enterpriseId, [...(byEnterprise.get(p.enterpriseId) ?? []), p.name])
      }
      for (const [enterpriseId, names] of byEnterprise) {
        if (!(await once(deps, `onsite:missed:${enterpriseId}:${today}:${slot}`, streetId, 'onsiteMissed')))
          continue
        const ent = await getDoc(deps, 'onsite_enterprises', enterpriseId)
        const to = ent?.officerId ?? (await getDoc(deps, 'enterprises', enterpriseId))?.ownerId
        if (!to) continue
        const shown = names.slice(0, 5).join('、') + (names.length > 5 ? `等${names.length}人` : '')
        await notify(deps, {
          accountId: to,
          title: '一日两检有人漏检',
          body: `${ent?.enterpriseName ?? ''}今天${SLOT_LABELS[slot]}（${slots[slot].end}截止）${shown}没有检测，请尽快了解情况并补上记录。`,
          link: pageUrl(ONSITE_PAGES.board, { enterpriseId }),
        })
        reminded++
      }
    }
    done[streetId] = { missed, reminded }
  }
  return { at: formatShanghai(at), done }
}
