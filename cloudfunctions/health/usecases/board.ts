import { AppError } from '../../../shared/errors'
import { quarantineDay, slotAt, SLOTS, type ScreeningRules, type Slot } from '../../../shared/health'
import { scopeContains } from '../../../shared/roles'
import type { boardInput } from '../../../shared/schemas/health'
import { shanghaiDate } from '../../../shared/time'
import type { CallerFor, Deps, Input } from '../../_lib/runtime'
import type { QuarantineDoc, ReportDoc } from '../model'
import { logAccess } from './quarantines'
import { rulesFor } from './rules'
import { col, getDoc } from '../../_lib/collections'

type Cell = {
  state: 'ok' | 'fever' | 'abnormal' | 'missing' | 'pending' | 'upcoming'
  temperature: number | null
}

function cellFor(
  r: ReportDoc | undefined,
  date: string,
  slot: Slot,
  now: number,
  rules: ScreeningRules,
): Cell {
  if (r?.status === 'reported')
    return { state: r.fever ? 'fever' : r.abnormal ? 'abnormal' : 'ok', temperature: r.temperature }
  if (r?.status === 'missed') return { state: 'missing', temperature: null }
  const current = slotAt(now, rules)
  const today = shanghaiDate(now)
  if (date < today) return { state: 'missing', temperature: null }
  if (date > today) return { state: 'upcoming', temperature: null }
  if (current?.slot === slot) return { state: 'pending', temperature: null }
  // Today, not the open slot: before it opens it is upcoming, after it closed it is missing.
  const order = SLOTS.indexOf(slot)
  const openOrder = current ? SLOTS.indexOf(current.slot) : shanghaiHour(now) < 12 ? -1 : SLOTS.length
  return { state: order < openOrder ? 'missing' : 'upcoming', temperature: null }
}

function shanghaiHour(ms: number): number {
  return Number(new Date(ms + 8 * 3600_000).toISOString().slice(11, 13))
}

const PROBLEM_RANK: Record<Cell['state'], number> = {
  fever: 0,
  abnormal: 1,
  missing: 2,
  pending: 3,
  upcoming: 4,
  ok: 5,
}

export async function board(deps: Deps, caller: CallerFor, input: Input<typeof boardInput>) {
  const now = deps.now()
  const date = input.date ?? shanghaiDate(now)
  const gridId = input.gridId ?? caller.account.scope.gridId
  if (!gridId) throw new AppError('INVALID_INPUT', '请选择网格')
  const grid = await getDoc(deps, 'grids', gridId)
  if (
    !grid ||
    !scopeContains(caller.account.scope, { streetId: grid.streetId, communityId: grid.communityId, gridId })
  )
    throw new AppError('FORBIDDEN_SCOPE')
  if (caller.account.role === 'reviewer' && caller.account.department !== 'epidemic')
    throw new AppError('FORBIDDEN_ROLE')
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
  const rows = people.map((q) => {
    const cells = Object.fromEntries(
      SLOTS.map((slot) => [slot, cellFor(byId.get(`${q._id}:${date}:${slot}`), date, slot, now, rules)]),
    ) as Record<Slot, Cell>
    const rank = Math.min(...SLOTS.map((s) => PROBLEM_RANK[cells[s].state]))
    return {
      quarantineId: q._id,
      name: q.name,
      building: q.building,
      room: q.room,
      day: quarantineDay(q.startDate, date),
      endDate: q.endDate,
      status: q.status,
      cells,
      rank,
    }
  })
  rows.sort((a, b) => a.rank - b.rank || a.building.localeCompare(b.building) || a.room.localeCompare(b.room))
  const count = (state: Cell['state']) =>
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
    rows: rows.map(({ rank: _r, ...row }) => row),
  }
}
