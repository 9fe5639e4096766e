import { slotClosesAt, SLOTS, type Slot } from '../../../shared/health'
import {
  CHECK_STATE_RANK,
  checkDue,
  checkId,
  checkState,
  onsitePhase,
  onsiteSlotsOf,
  onsiteWindowAt,
  type CheckState,
} from '../../../shared/onsite'
import type { onsiteBoardInput } from '../../../shared/schemas/onsite'
import { shanghaiDate } from '../../../shared/time'
import { allow } from '../../_lib/access'
import { logAccess } from '../../_lib/accessLog'
import { col } from '../../_lib/collections'
import type { CallerFor, Deps, Input } from '../../_lib/runtime'
import { rulesFor } from '../../_lib/settings'
import type { OnsiteCheckDoc, OnsiteStaffDoc } from '../model'
import { checkView, loadEnterprise, placeOfEnterprise } from './common'

type Cell = { state: CheckState; check: ReturnType<typeof checkView> | null }

/**
 * The officer's board: the on-site staff × the day's two windows, problems first (positive, fever, missed, to
 * confirm, to do), as the butler's board orders a grid. Also every person of the enterprise with whether they are
 * on site, for the officer to switch, and the open cases. Staff who watch health read it inside their scope.
 */
export async function board(deps: Deps, caller: CallerFor, input: Input<typeof onsiteBoardInput>) {
  const { e, onsite, people } = await loadEnterprise(deps, input.enterpriseId)
  allow(caller, { people, scope: placeOfEnterprise(e) })
  const now = deps.now()
  const date = input.date ?? shanghaiDate(now)
  const rules = await rulesFor(deps, e.streetId, date)
  const slots = onsiteSlotsOf(rules)
  const [{ data: staff }, { data: checks }, { data: declared }, { data: cases }] = await Promise.all([
    col(deps.db, 'onsite_staff').where({ enterpriseId: e._id }).limit(1000).get(),
    col(deps.db, 'onsite_checks').where({ enterpriseId: e._id, date }).limit(1000).get(),
    col(deps.db, 'declarations')
      .where({ enterpriseId: e._id })
      .orderBy('createdAt', 'desc')
      .field({ accountId: true, name: true })
      .limit(1000)
      .get(),
    col(deps.db, 'onsite_cases').where({ enterpriseId: e._id, status: 'open' }).limit(100).get(),
  ])
  const byId = new Map(checks.map((c) => [c._id, c]))
  const closes = Object.fromEntries(SLOTS.map((s) => [s, slotClosesAt(date, s, { slots })])) as Record<
    Slot,
    number
  >
  const cellFor = (p: OnsiteStaffDoc, slot: Slot): Cell => {
    const c: OnsiteCheckDoc | undefined = byId.get(checkId(p._id, date, slot))
    return {
      state: checkState(c, onsitePhase(date, slot, now, rules), checkDue(p, closes[slot])),
      check: c ? checkView(c) : null,
    }
  }
  const rows = staff
    .filter((p) => p.onSite || p.stopped || SLOTS.some((s) => byId.has(checkId(p._id, date, s))))
    .map((p) => {
      const cells = Object.fromEntries(SLOTS.map((s) => [s, cellFor(p, s)])) as Record<Slot, Cell>
      return {
        staffId: p._id,
        accountId: p.accountId,
        name: p.name,
        onSite: p.onSite,
        stopped: p.stopped,
        cells,
        rank: Math.min(...SLOTS.map((s) => CHECK_STATE_RANK[cells[s].state])),
      }
    })
  rows.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name, 'zh'))
  const count = (states: CheckState[]) =>
    rows.reduce((n, r) => n + SLOTS.filter((s) => states.includes(r.cells[s].state)).length, 0)
  // Everyone the officer may put on site: the people on record, and whoever declared with the join code.
  const known = new Map(staff.map((p) => [p.accountId, p]))
  const roster = [
    ...staff.map((p) => ({ accountId: p.accountId, name: p.name, onSite: p.onSite, stopped: p.stopped })),
    ...declared
      .filter(
        (d, i) => !known.has(d.accountId) && declared.findIndex((x) => x.accountId === d.accountId) === i,
      )
      .map((d) => ({ accountId: d.accountId, name: d.name, onSite: false, stopped: false })),
  ].sort((a, b) => Number(b.onSite) - Number(a.onSite) || a.name.localeCompare(b.name, 'zh'))
  await logAccess(deps, caller.account, `enterprise:${e._id}`, `onsite.board:${date}`)
  return {
    enterprise: {
      _id: e._id,
      name: e.name,
      ownerId: e.ownerId,
      officerId: onsite?.officerId ?? null,
      officerName: onsite?.officerName ?? null,
      flagged: onsite?.flagged ?? false,
    },
    date,
    windows: slots,
    currentSlot: onsiteWindowAt(now, rules),
    feverThreshold: rules.feverThreshold,
    /** The caller acts for the enterprise (owner, manager, officer): may switch, record and confirm. */
    manages: people.includes(caller.account._id),
    counts: {
      onSite: rows.filter((r) => r.onSite && !r.stopped).length,
      done: count(['ok', 'unconfirmed', 'fever', 'positive']),
      unconfirmed: count(['unconfirmed']),
      missing: count(['missing']),
      pending: count(['pending']),
      problems: count(['fever', 'positive']),
    },
    rows: rows.map(({ rank: _r, ...row }) => row),
    roster,
    cases: cases.map((c) => ({
      _id: c._id,
      name: c.name,
      fever: c.fever,
      positive: c.positive,
      temperature: c.temperature,
      createdAt: c.createdAt,
    })),
  }
}

/**
 * The caller's own 一日两检: each enterprise they are on the staff list of (today's two windows) and each one they
 * act for as owner or officer (to open its board).
 */
export async function mine(deps: Deps, caller: CallerFor) {
  const me = caller.account._id
  const now = deps.now()
  const today = shanghaiDate(now)
  const rules = await rulesFor(deps, caller.account.scope.streetId, today)
  const slots = onsiteSlotsOf(rules)
  const [{ data: staff }, { data: officerOf }, { data: owned }] = await Promise.all([
    col(deps.db, 'onsite_staff').where({ accountId: me }).limit(50).get(),
    col(deps.db, 'onsite_enterprises').where({ officerId: me }).limit(50).get(),
    col(deps.db, 'enterprises').where({ ownerId: me }).field({ name: true }).limit(50).get(),
  ])
  const ids = staff.flatMap((p) => SLOTS.map((s) => checkId(p._id, today, s)))
  const { data: checks } = ids.length
    ? await col(deps.db, 'onsite_checks')
        .where({ _id: deps.db.command.in(ids) })
        .limit(ids.length)
        .get()
    : { data: [] as OnsiteCheckDoc[] }
  const byId = new Map(checks.map((c) => [c._id, c]))
  const closes = Object.fromEntries(SLOTS.map((s) => [s, slotClosesAt(today, s, { slots })])) as Record<
    Slot,
    number
  >
  const worksAt = [...new Set(staff.map((p) => p.enterpriseId))]
  const { data: places } = worksAt.length
    ? await col(deps.db, 'onsite_enterprises')
        .where({ _id: deps.db.command.in(worksAt) })
        .field({ enterpriseName: true })
        .limit(worksAt.length)
        .get()
    : { data: [] }
  const nameOf = new Map(places.map((e) => [e._id, e.enterpriseName]))
  const names = new Map<string, string>([
    ...owned.map((e) => [e._id, e.name] as [string, string]),
    ...officerOf.map((e) => [e._id, e.enterpriseName] as [string, string]),
  ])
  return {
    today,
    windows: slots,
    currentSlot: onsiteWindowAt(now, rules),
    feverThreshold: rules.feverThreshold,
    /** Where the caller is on the staff list: today's windows, each with its check. */
    checks: staff.map((p) => ({
      enterpriseId: p.enterpriseId,
      enterpriseName: nameOf.get(p.enterpriseId) ?? '',
      onSite: p.onSite,
      stopped: p.stopped,
      slots: SLOTS.map((slot) => {
        const c = byId.get(checkId(p._id, today, slot))
        return {
          slot,
          state: checkState(c, onsitePhase(today, slot, now, rules), checkDue(p, closes[slot])),
          check: c ? checkView(c) : null,
        }
      }),
    })),
    /** Enterprises whose board the caller keeps: as owner or as safety officer. */
    boards: [...names].map(([enterpriseId, name]) => ({ enterpriseId, name })),
  }
}
