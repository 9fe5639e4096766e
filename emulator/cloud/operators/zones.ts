import { fail, isNil } from './args'

/**
 * Time zones as MongoDB's date operators take them: an Olson name ("Asia/Shanghai"), a UTC offset ("+08",
 * "+0800", "+08:00") or nothing (UTC). An Olson zone's offset is the one in force at the instant in question —
 * daylight saving included — which mingo gets wrong (it uses today's offset for every date).
 */

const OFFSET = /^([+-])(\d{2}):?(\d{2})?$/
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone)
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      })
    } catch {
      fail(`unrecognized time zone identifier: "${zone}"`)
    }
    formatters.set(zone, f)
  }
  return f
}

/** Minutes east of UTC of `zone` at the instant `ms`. */
export function zoneOffset(zone: unknown, ms: number): number {
  if (isNil(zone) || zone === 'UTC' || zone === 'GMT' || zone === 'Z') return 0
  if (typeof zone !== 'string') fail('timezone must evaluate to a string')
  const m = OFFSET.exec(zone)
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0))
  const parts: Record<string, number> = {}
  for (const p of formatter(zone).formatToParts(new Date(ms))) parts[p.type] = Number(p.value)
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!)
  return Math.round((wall - (ms - (((ms % 1000) + 1000) % 1000))) / 60_000)
}

/** The instant whose wall-clock time in `zone` is `wallMs` (wall time written as if it were UTC). */
export function fromWallClock(wallMs: number, zone: unknown): number {
  const guess = wallMs - zoneOffset(zone, wallMs) * 60_000
  return wallMs - zoneOffset(zone, guess) * 60_000
}

/** The wall-clock time of `date` in `zone`, as a Date to be read with the getUTC* methods. */
export function wallClock(date: Date, zone: unknown): Date {
  return new Date(date.getTime() + zoneOffset(zone, date.getTime()) * 60_000)
}
