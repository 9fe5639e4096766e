import { SLOTS, SLOT_LABELS, canAutoRelease, slotClosesAt, type Slot } from '../../shared/health'
import { shanghai, shanghaiDate } from '../../shared/time'
import { isDuplicateKey } from '../_lib/errors'
import { notify, wechatTime } from '../_lib/notify'
import type { Deps } from '../_lib/runtime'
import { rulesFor } from '../health/usecases'
import type { QuarantineDoc, ReportDoc } from '../health/model'

/** Every active quarantine of every street, a page at a time (get() answers at most 1000 rows). */
async function* activeQuarantines(
  deps: Deps,
  streetId: string,
  statuses: string[] = ['active'],
): AsyncGenerator<QuarantineDoc> {
  const _ = deps.db.command
  let lastId = ''
  for (;;) {
    const { data } = await deps.db
      .collection('quarantines')
      .where({ streetId, status: _.in(statuses), _id: _.gt(lastId) })
      .orderBy('_id', 'asc')
      .limit(500)
      .get()
    for (const q of data as QuarantineDoc[]) yield q
    if (data.length < 500) return
    lastId = (data[data.length - 1] as QuarantineDoc)._id
  }
}

/** Records an alert once: its id names the occasion, and a second add of the same id fails. */
async function once(deps: Deps, id: string, streetId: string, kind: string): Promise<boolean> {
  try {
    await deps.db.collection('alerts').add({ _id: id, streetId, kind, createdAt: deps.now() })
    return true
  } catch (e) {
    if (isDuplicateKey(e)) return false
    throw e
  }
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
  for await (const q of activeQuarantines(deps, streetId, ['active', 'pendingDecision'])) {
    if (!covers(q, date)) continue
    // Nobody is marked missed for a slot that had closed before their quarantine record existed.
    if (slotClosesAt(date, slot, rules) <= q.createdAt) continue
    const doc: ReportDoc = {
      _id: `${q._id}:${date}:${slot}`,
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
      await deps.db.collection('reports').add(doc)
    } catch (e) {
      if (isDuplicateKey(e)) continue // reported in time, or already marked by an earlier scan
      throw e
    }
    missed++
    if (q.butlerId && (await once(deps, `missed:${doc._id}`, q.streetId, 'missed'))) {
      await notify(deps, {
        accountId: q.butlerId,
        title: '漏报提醒',
        body: `${q.name}（${q.building}栋${q.room}）${date} ${slot === 'morning' ? '上午' : '下午'}没有报备体温，请上门或电话了解情况。`,
        link: `/pages/health/history?id=${q._id}`,
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
  for await (const q of activeQuarantines(deps, streetId, ['active', 'pendingDecision'])) {
    if (!covers(q, date)) continue
    const { data } = await deps.db.collection('reports').doc(`${q._id}:${date}:${slot}`).get()
    if (data.length) continue
    if (!(await once(deps, `remind:${q._id}:${date}:${slot}`, q.streetId, 'remind'))) continue
    await notify(deps, {
      accountId: q.accountId,
      title: '请报备体温',
      body: `您${slot === 'morning' ? '上午' : '下午'}的体温还没有报备，请在一小时内完成。`,
      link: '/pages/health/card',
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
    const { data } = await deps.db
      .collection('reports')
      .where({ quarantineId: q._id, status: 'reported' })
      .orderBy('at', 'desc')
      .limit(4)
      .get()
    const twoDaysAgo = shanghaiDate(Date.parse(`${today}T00:00:00+08:00`) - 2 * 86400_000)
    const temps = (data as ReportDoc[]).filter((r) => r.date >= twoDaysAgo).map((r) => r.temperature!)
    const ok = canAutoRelease(temps, rules)
    const change = {
      type: ok ? 'autoRelease' : 'pendingDecision',
      by: 'system',
      byName: '系统',
      reason: ok ? '隔离期满，最近两天体温正常' : '隔离期满，但最近两天有发热记录',
      at: deps.now(),
    }
    // The status condition makes the release happen once even if two scans overlap.
    const { updated } = await deps.db
      .collection('quarantines')
      .where({ _id: q._id, status: 'active' })
      .update(
        ok
          ? { status: 'released', releasedAt: deps.now(), changes: _.push(change) }
          : { status: 'pendingDecision', changes: _.push(change) },
      )
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
          link: `/pages/health/history?id=${q._id}`,
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
  const { data: streets } = await deps.db.collection('streets').limit(1000).get()
  for (const { _id: streetId } of streets as { _id: string }[]) {
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
