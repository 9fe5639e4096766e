import { AppError } from '../../../shared/errors'
import {
  quarantineDay,
  slotDue,
  slotPhase,
  slotState,
  SLOTS,
  type Slot,
  type SlotState,
  reportId,
} from '../../../shared/health'
import { personSeer, shown } from '../../../shared/mask'
import type { boardInput } from '../../../shared/schemas/health'
import { shanghaiDate } from '../../../shared/time'
import { allow } from '../../_lib/access'
import { logAccess } from '../../_lib/accessLog'
import { col, getDoc } from '../../_lib/collections'
import type { CallerFor, Deps, Input } from '../../_lib/runtime'
import { rulesFor } from '../../_lib/settings'
import type { QuarantineDoc, ReportDoc } from '../model'

type Cell = { state: SlotState; temperature: number | null }

const PROBLEM_RANK: Record<SlotState, number> = {
  fever: 0,
  abnormal: 1,
  missing: 2,
  pending: 3,
  upcoming: 4,
  ok: 5,
  notDue: 6,
}

export async function board(deps: Deps, caller: CallerFor, input: Input<typeof boardInput>) {
  const now = deps.now()
  const date = input.date ?? shanghaiDate(now)
  const gridId = input.gridId ?? caller.account.scope.gridId
  if (!gridId) throw new AppError('INVALID_INPUT', '请选择网格')
  const grid = await getDoc(deps, 'grids', gridId)
  if (!grid) throw new AppError('SCOPE_NOT_FOUND', '没有找到这个网格')
  allow(caller, { scope: { streetId: grid.streetId, communityId: grid.communityId, gridId } })
  const rules = await rulesFor(deps, grid.streetId, date)
  const _ = deps.db.command
  // People whose quarantine covers the date; paged so a big grid is read whole, never silently cut at 100.
  const people: QuarantineDoc[] = []
  for (let skip = 0; ; skip += 1000) {
    const { data } = await col(deps.db, 'quarantines')
      .where({ gridId, startDate: _.lte(date), endDate: _.gt(date) })
      .skip(skip)
      .limit(1000)
      .get()
    people.push(...data)
    if (data.length < 1000) break
  }
  const reports: ReportDoc[] = []
  for (let skip = 0; ; skip += 1000) {
    const { data } = await col(deps.db, 'reports').where({ gridId, date }).skip(skip).limit(1000).get()
    reports.push(...data)
    if (data.length < 1000) break
  }
  const byId = new Map(reports.map((r) => [r._id, r]))
  // Where each slot of the date stands now, against the street's own windows (which may leave a gap).
  const phases = Object.fromEntries(SLOTS.map((slot) => [slot, slotPhase(date, slot, now, rules)]))
  const cellFor = (q: QuarantineDoc, slot: Slot): Cell => {
    const r = byId.get(reportId(q._id, date, slot))
    return {
      state: slotState(r, phases[slot]!, slotDue(q.createdAt, date, slot, rules)),
      temperature: r?.temperature ?? null,
    }
  }
  const rows = people.map((q) => {
    const cells = Object.fromEntries(SLOTS.map((slot) => [slot, cellFor(q, slot)])) as Record<Slot, Cell>
    const rank = Math.min(...SLOTS.map((s) => PROBLEM_RANK[cells[s].state]))
    return {
      quarantineId: q._id,
      name: q.name,
      building: q.building,
      room: q.room,
      shownRoom: shown('room', 'list', personSeer(caller.account, q), q.room),
      day: quarantineDay(q.startDate, date),
      endDate: q.endDate,
      status: q.status,
      cells,
      rank,
    }
  })
  rows.sort((a, b) => a.rank - b.rank || a.building.localeCompare(b.building) || a.room.localeCompare(b.room))
  const count = (state: SlotState) =>
    rows.reduce((n, r) => n + SLOTS.filter((s) => r.cells[s].state === state).length, 0)
  await logAccess(deps, caller.account, `grid:${gridId}`, `board:${date}`)
  return {
    grid: { _id: grid._id, name: grid.name },
    date,
    feverThreshold: rules.feverThreshold,
    counts: {
      people: rows.length,
      reported: count('ok') + count('fever') + count('abnormal'),
      fever: count('fever'),
      abnormal: count('abnormal'),
      missing: count('missing'),
      pending: count('pending'),
    },
    rows: rows.map(({ rank: _r, shownRoom, ...row }) => ({ ...row, room: shownRoom })),
  }
}
