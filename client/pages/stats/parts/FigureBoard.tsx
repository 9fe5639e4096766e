import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import {
  FIGURES,
  FIGURE_GROUPS,
  FIGURE_KEYS,
  HEALTH_LISTS,
  type FigureGroup,
  type FigureKey,
} from '../../../../shared/stats'
import type { Reply } from '../../../services/api'
import { BASIS_TEXT, figureValue } from './format'

type DashboardView = Reply<'stats', 'dashboard'>

/** A tint per group, so a long page of numbers still reads as sections. */
export const GROUP_TINTS: Record<FigureGroup, string> = {
  enterprises: '#1f6fd8',
  applications: '#4b5fd6',
  staff: '#0e9f94',
  keyPersons: '#d9822b',
  quarantine: '#c2571a',
  reports: '#1f9d55',
  errands: '#0e8aa0',
  difficulties: '#8a5cd1',
  supplies: '#5b6b82',
  handOuts: '#2f7d5c',
  purchases: '#7a6a2f',
  onsite: '#c23a5a',
}

const GROUPS = Object.keys(FIGURE_GROUPS) as FigureGroup[]

/** Figures that warrant attention when not zero. */
const ALERTS: readonly FigureKey[] = [
  'reports.missed',
  'reports.fever',
  'difficulties.open',
  'applications.returned',
]

/** Tile slots of one row in the desktop layout; a row may run over to this many when that saves a row. */
const ROW_SLOTS = 7
const ROW_MAX = 9

/**
 * Desktop rows of groups: in catalogue order, a later group moves up into a row it fills exactly (企业 + 职工),
 * and a short last row joins the one before when the two fit in ROW_MAX tiles — so rows are full and every
 * tile of a row has the same width.
 */
export function packRows(groups: { key: FigureGroup; size: number }[]): FigureGroup[][] {
  const rest = [...groups]
  const rows: { keys: FigureGroup[]; used: number }[] = []
  while (rest.length) {
    const first = rest.shift()!
    const row = { keys: [first.key], used: first.size }
    for (let i = 0; i < rest.length && row.used < ROW_SLOTS;) {
      if (row.used + rest[i]!.size <= ROW_SLOTS) {
        row.used += rest[i]!.size
        row.keys.push(rest.splice(i, 1)[0]!.key)
      } else i++
    }
    rows.push(row)
  }
  for (let i = rows.length - 1; i > 0; i--) {
    const a = rows[i - 1]!
    const b = rows[i]!
    if (a.used < ROW_SLOTS && b.used < ROW_SLOTS && a.used + b.used <= ROW_MAX) {
      a.keys.push(...b.keys)
      a.used += b.used
      rows.splice(i, 1)
    }
  }
  return rows.map((r) => r.keys)
}

interface Props {
  view: DashboardView
  /** Desktop: rows of groups side by side, every tile of a row the same width. */
  wide?: boolean
  /** May the reader open lists of people's health (the epidemic team, grid workers, admins)? */
  healthReader: boolean
  periodLabel: string
  onOpen: (key: FigureKey) => void
  onLocked: () => void
}

function Tile({
  k,
  view,
  locked,
  periodLabel,
  onOpen,
  onLocked,
}: {
  k: FigureKey
  view: DashboardView
  locked: boolean
  periodLabel: string
  onOpen: (key: FigureKey) => void
  onLocked: () => void
}) {
  const info = FIGURES[k]
  const value = view.figures[k]
  const alert = ALERTS.includes(k) && typeof value === 'number' && value > 0
  return (
    <View
      className={`st-tile${alert ? ' st-tile--alert' : ''}${locked ? ' st-tile--locked' : ''}`}
      onClick={() => (locked ? onLocked() : onOpen(k))}
      data-testid={`figure-${k}`}
      data-value={value ?? ''}
    >
      <View className="st-tile__label">{info.label}</View>
      <View className="st-tile__value">
        <Text className="st-tile__num" data-testid="figure-value">
          {figureValue(info, value)}
        </Text>
        {value !== null && <Text className="st-tile__unit">{info.unit}</Text>}
      </View>
      <View className="st-tile__foot">
        <Text className={`st-tile__basis st-tile__basis--${info.basis}`}>
          {info.basis === 'period' ? periodLabel : BASIS_TEXT[info.basis]}
        </Text>
        <Text className="st-tile__more">{locked ? '仅防疫' : '明细 ›'}</Text>
      </View>
      {/* What the number counts: a tooltip under the pointer on a PC; on a phone, the group's 口径说明. */}
      <View className="st-tile__def" data-testid="figure-tip">
        {info.definition}
      </View>
    </View>
  )
}

const keysOf = (g: FigureGroup) => FIGURE_KEYS.filter((k) => FIGURES[k].group === g)

const DESKTOP_ROWS = packRows(GROUPS.map((g) => ({ key: g, size: keysOf(g).length })))

/** The figures of shared/stats.ts in their groups, each a big number that opens the records behind it. */
export function FigureBoard({ view, wide, healthReader, periodLabel, onOpen, onLocked }: Props) {
  /** Groups whose definitions are spelled out under their tiles. */
  const [explained, setExplained] = useState<FigureGroup[]>([])
  const toggle = (g: FigureGroup) =>
    setExplained((open) => (open.includes(g) ? open.filter((x) => x !== g) : [...open, g]))
  const group = (g: FigureGroup) => {
    const keys = keysOf(g)
    const explain = explained.includes(g)
    return (
      <View
        className="st-group"
        key={g}
        data-testid={`group-${g}`}
        style={wide ? { flex: `${keys.length} 1 0` } : undefined}
      >
        <View className="st-group__head">
          <View className="st-group__bar" style={{ background: GROUP_TINTS[g] }} />
          <Text className="st-group__title">{FIGURE_GROUPS[g]}</Text>
          <Text className="st-group__why" data-testid={`explain-${g}`} onClick={() => toggle(g)}>
            {explain ? '收起说明' : '口径说明'}
          </Text>
        </View>
        <View
          className="st-group__tiles"
          style={wide ? { gridTemplateColumns: `repeat(${keys.length}, minmax(0, 1fr))` } : undefined}
        >
          {keys.map((k) => (
            <Tile
              key={k}
              k={k}
              view={view}
              locked={!healthReader && HEALTH_LISTS.includes(FIGURES[k].list)}
              periodLabel={periodLabel}
              onOpen={onOpen}
              onLocked={onLocked}
            />
          ))}
        </View>
        {explain && (
          <View className="st-group__defs" data-testid={`definitions-${g}`}>
            {keys.map((k) => (
              <View className="st-def" key={k} data-testid={`definition-${k}`}>
                <Text className="st-def__label">{FIGURES[k].label}</Text>：{FIGURES[k].definition}
              </View>
            ))}
          </View>
        )}
      </View>
    )
  }
  if (wide) {
    return (
      <View className="st-groups st-groups--rows">
        {DESKTOP_ROWS.map((row) => (
          <View className="st-groups__row" key={row.join('-')}>
            {row.map(group)}
          </View>
        ))}
      </View>
    )
  }
  return <View className="st-groups">{GROUPS.map(group)}</View>
}
