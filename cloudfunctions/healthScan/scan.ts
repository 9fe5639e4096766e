import {
  OPEN_QUARANTINE_STATES,
  SLOTS,
  SLOT_LABELS,
  canAutoRelease,
  slotClosesAt,
  slotDue,
  type Slot,
  reportId,
} from '../../shared/health'
import { HEALTH_PAGES, pageUrl } from '../../shared/routes'
import { shanghai, shanghaiDate } from '../../shared/time'
import { once } from '../_lib/alerts'
import { col, txCol, txGet } from '../_lib/collections'
import { isDuplicateKey } from '../_lib/errors'
import { notify, wechatTime } from '../_lib/notify'
import { eachDoc } from '../_lib/paging'
import { recordQuarantineOnAccount } from '../_lib/quarantines'
import { allStreetIds } from '../_lib/streets'
import type { Deps, Transaction } from '../_lib/runtime'
import { rulesFor } from '../_lib/settings'
import type { QuarantineDoc, ReportDoc } from '../health/model'

/** Every quarantine of a street in these states, a page at a time. */
function activeQuarantines(deps: Deps, streetId: string, statuses: string[] = ['active']) {
  return eachDoc(deps.db, 'quarantines', { streetId, status: deps.db.command.in(statuses) })
}

function covers(q: QuarantineDoc, date: string): boolean {
  return q.startDate <= date && date < q.endDate
}

/** After a slot closes: unreported people are marked missed, and their butler is alerted once. */
export async function markMissed(
  deps: Deps,
  streetId: string,
  date: string,
  slot: Slot,
): Promise<{ missed: number; alerted: number }> {
  let missed = 0
  let alerted = 0
  const rules = await rulesFor(deps, streetId, date)
  for await (const q of activeQuarantines(deps, streetId, OPEN_QUARANTINE_STATES)) {
    if (!covers(q, date)) continue
    // Nobody is marked missed for a slot that had closed before their quarantine record existed.
    if (!slotDue(q.createdAt, date, slot, rules)) continue
    const doc: ReportDoc = {
      _id: reportId(q._id, date, slot),
      quarantineId: q._id,
      accountId: q.accountId,
      streetId: q.streetId,
      communityId: q.communityId,
      gridId: q.gridId,
      date,
      slot,
      status: 'missed',
      temperature: null,
      symptoms: [],
      fever: false,
      abnormal: false,
      requestId: null,
      recordedBy: null,
      at: deps.now(),
    }
    try {
      await col(deps.db, 'reports').add(doc)
    } catch (e) {
      if (isDuplicateKey(e)) continue // reported in time, or already marked by an earlier scan
      throw e
    }
    missed++
    if (q.butlerId && (await once(deps, `missed:${doc._id}`, q.streetId, 'missed'))) {
      await notify(deps, {
        accountId: q.butlerId,
        title: '漏报提醒',
        body: `${q.name}（${q.building}栋${q.room}）${date} ${SLOT_LABELS[slot]}没有报备体温，请上门或电话了解情况。`,
        link: pageUrl(HEALTH_PAGES.history, { id: q._id }),
      })
      alerted++
    }
  }
  return { missed, alerted }
}

/** An hour before a slot closes: remind those who have not reported, once. */
export async function remind(
  deps: Deps,
  streetId: string,
  date: string,
  slot: Slot,
): Promise<{ reminded: number }> {
  let reminded = 0
  const closesAt = slotClosesAt(date, slot, await rulesFor(deps, streetId, date))
  for await (const q of activeQuarantines(deps, streetId, OPEN_QUARANTINE_STATES)) {
    if (!covers(q, date)) continue
    const { data } = await col(deps.db, 'reports')
      .doc(reportId(q._id, date, slot))
      .get()
    if (data.length) continue
    if (!(await once(deps, `remind:${q._id}:${date}:${slot}`, q.streetId, 'remind'))) continue
    await notify(deps, {
      accountId: q.accountId,
      title: '请报备体温',
      body: `您${SLOT_LABELS[slot]}的体温还没有报备，请在一小时内完成。`,
      link: HEALTH_PAGES.card,
      subscribe: {
        kind: 'reportReminder',
        data: {
          item: `${SLOT_LABELS[slot]}体温报备`,
          deadline: wechatTime(closesAt),
          note: '还没有报备，请在截止前完成',
        },
      },
    })
    reminded++
  }
  return { reminded }
}

/** At the end date: release if the last two days were fever-free, otherwise wait for a staff decision. */
export async function releaseDue(
  deps: Deps,
  streetId: string,
  today: string,
): Promise<{ released: number; pending: number }> {
  let released = 0
  let pending = 0
  const _ = deps.db.command
  const rules = await rulesFor(deps, streetId, today)
  for await (const q of activeQuarantines(deps, streetId)) {
    if (q.endDate > today) continue
    const { data } = await col(deps.db, 'reports')
      .where({ quarantineId: q._id, status: 'reported' })
      .orderBy('at', 'desc')
      .limit(4)
      .get()
    const twoDaysAgo = shanghaiDate(Date.parse(`${today}T00:00:00+08:00`) - 2 * 86400_000)
    const temps = data.filter((r) => r.date >= twoDaysAgo).map((r) => r.temperature!)
    const ok = canAutoRelease(temps, rules)
    const change = {
      type: ok ? 'autoRelease' : 'pendingDecision',
      by: 'system',
      byName: '系统',
      reason: ok ? '隔离期满，最近两天体温正常' : '隔离期满，但最近两天有发热记录',
      at: deps.now(),
    }
    // The status condition makes the release happen once even if two scans overlap. A release also takes the
    // quarantine off the person's account, in the same transaction; awaiting a decision, it stays open.
    let updated = 0
    if (ok) {
      await deps.db.runTransaction(async (t: Transaction) => {
        const current = await txGet(t, 'quarantines', q._id)
        if (current?.status !== 'active') return
        await txCol(t, 'quarantines')
          .doc(q._id)
          .update({ status: 'released', releasedAt: deps.now(), changes: _.push(change) })
        await recordQuarantineOnAccount(deps, t, current, false)
        updated = 1
      })
    } else {
      ;({ updated } = await col(deps.db, 'quarantines')
        .where({ _id: q._id, status: 'active' })
        .update({ status: 'pendingDecision', changes: _.push(change) }))
    }
    if (!updated) continue
    if (ok) {
      released++
      await notify(deps, {
        accountId: q.accountId,
        title: '隔离期满，已解除居家隔离',
        body: '感谢您的配合！请继续做好个人防护。',
      })
    } else {
      pending++
      if (q.gridWorkerId) {
        await notify(deps, {
          accountId: q.gridWorkerId,
          title: '隔离期满待处理',
          body: `${q.name}隔离期已满，但最近两天有发热记录，请决定延长或解除。`,
          link: pageUrl(HEALTH_PAGES.history, { id: q._id }),
        })
      }
    }
  }
  return { released, pending }
}

/**
 * One hourly trigger does all three jobs, chosen by the Shanghai hour of the trigger time: CloudBase
 * allows one timer per function, and the hour is when each job is due.
 */
export async function scan(deps: Deps, at: number) {
  const now = shanghai(at)
  const date = now.format('YYYY-MM-DD')
  const hourMinute = now.format('HH:mm')
  const done: Record<string, unknown> = {}
  for (const streetId of await allStreetIds(deps)) {
    // Each street may set its own slot windows, so each decides what is due at this hour.
    const rules = await rulesFor(deps, streetId, date)
    for (const slot of SLOTS) {
      const end = rules.slots[slot].end
      const [h, m] = end.split(':').map(Number)
      const remindAt = `${String((h! + 23) % 24).padStart(2, '0')}:${String(m).padStart(2, '0')}`
      if (hourMinute === end)
        done[`${streetId}:missed:${slot}`] = await markMissed(deps, streetId, date, slot)
      if (hourMinute === remindAt)
        done[`${streetId}:remind:${slot}`] = await remind(deps, streetId, date, slot)
    }
    if (hourMinute === '00:00') done[`${streetId}:release`] = await releaseDue(deps, streetId, date)
  }
  return { at: now.format('YYYY-MM-DD HH:mm'), done }
}
