import { periodOf } from '../../cloudfunctions/stats/scope'
import { scopeFitsRole, roleLabel } from '../../shared/roles'
import { dashboardInput, exportLedgerInput, listInput, trendInput } from '../../shared/schemas/stats'
import { FIGURES, FIGURE_GROUPS, FIGURE_KEYS, LEDGER_KINDS, LEDGER_LABELS } from '../../shared/stats'

const at = (t: string) => Date.parse(`${t}+08:00`)

describe('the figure catalogue', () => {
  it('names every figure with a group, a basis, a measure and a definition', () => {
    expect(FIGURE_KEYS.length).toBeGreaterThanOrEqual(37)
    for (const key of FIGURE_KEYS) {
      const f = FIGURES[key]
      expect(Object.keys(FIGURE_GROUPS)).toContain(f.group)
      expect(key.startsWith(`${f.group}.`)).toBe(true)
      expect(['now', 'today', 'period']).toContain(f.basis)
      expect(['count', 'sum', 'average']).toContain(f.measure)
      expect(f.label).toMatch(/[\u4e00-\u9fa5]/)
      expect(f.definition.length).toBeGreaterThan(4)
    }
    expect(LEDGER_KINDS.map((k) => LEDGER_LABELS[k])).toEqual([
      '企业复工台账',
      '重点人员台账',
      '体温报备台账',
      '跑腿代购台账',
      '防疫物资台账',
      '企业一日两检台账',
    ])
  })
})

describe('periods are Shanghai days, whatever the machine’s time zone', () => {
  it('defaults to today; bounds are Shanghai midnights; every day is listed', () => {
    const now = at('2026-03-20T00:30:00') // still 03-19 in UTC
    expect(periodOf(now)).toEqual({
      from: '2026-03-20',
      to: '2026-03-20',
      today: '2026-03-20',
      fromMs: at('2026-03-20T00:00:00'),
      toMs: at('2026-03-21T00:00:00'),
      dates: ['2026-03-20'],
    })
    const p = periodOf(now, '2026-02-27', '2026-03-02')
    expect(p.dates).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'])
    expect(p.toMs - p.fromMs).toBe(4 * 86_400_000)
    expect(periodOf(now, '2026-03-10').to).toBe('2026-03-20')
  })
})

describe('input checks', () => {
  it('real calendar days, from before to, and at most 366 / 92 days', () => {
    expect(dashboardInput.safeParse({ from: '2026-02-30' }).success).toBe(false)
    expect(dashboardInput.safeParse({ from: '2026-03-02', to: '2026-03-01' }).success).toBe(false)
    expect(dashboardInput.safeParse({ from: '2025-03-01', to: '2026-03-01' }).success).toBe(true)
    expect(dashboardInput.safeParse({ from: '2025-03-01', to: '2026-03-02' }).success).toBe(false)
    expect(trendInput.safeParse({ from: '2026-01-01', to: '2026-04-02' }).success).toBe(true)
    expect(trendInput.safeParse({ from: '2026-01-01', to: '2026-04-03' }).success).toBe(false)
    expect(listInput.safeParse({ figure: 'reports.fever', pageSize: 51 }).success).toBe(false)
    expect(listInput.safeParse({ figure: 'nope' }).success).toBe(false)
    expect(exportLedgerInput.safeParse({ kind: 'dailyReports', date: '2026-03-20' }).success).toBe(true)
    expect(
      dashboardInput.safeParse({ scope: { streetId: 's', gridId: 'g' }, from: '2026-03-01' }).success,
    ).toBe(true)
  })
})

describe('which scopes a role may hold', () => {
  it('admins at street or community level; grid staff on a grid; reviewers and residents street', () => {
    const street = { streetId: 's' }
    const community = { streetId: 's', communityId: 'c' }
    const grid = { streetId: 's', communityId: 'c', gridId: 'g' }
    expect([street, community, grid].map((x) => scopeFitsRole('admin', x))).toEqual([true, true, false])
    expect([street, community, grid].map((x) => scopeFitsRole('reviewer', x))).toEqual([true, false, false])
    expect([street, community, grid].map((x) => scopeFitsRole('butler', x))).toEqual([false, false, true])
    expect([street, community, grid].map((x) => scopeFitsRole('resident', x))).toEqual([true, false, false])
    expect(roleLabel('admin', undefined, community)).toBe('社区管理员')
    expect(roleLabel('admin', undefined, street)).toBe('街道管理员')
  })
})
