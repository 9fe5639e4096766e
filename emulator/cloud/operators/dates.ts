import { ObjectId } from 'bson'
import { computeValue, type ExpressionOperator, type Options } from 'mingo/core'
import type { AnyObject } from 'mingo/types'
import { fail, isNil, oneArg } from './args'
import * as cal from './calendar'
import { fromWallClock, wallClock, zoneOffset } from './zones'

/**
 * Date operators as MongoDB defines them, replacing mingo's: `$week` counts weeks from Sunday (mingo counts ISO
 * weeks), `$isoWeekYear` is the ISO week-numbering year, `%w` is 1 (Sunday) to 7, an Olson time zone's offset is
 * the one in force on that date, `$dateFromParts` accepts ISO week dates, `$dateFromString` parses ISO 8601
 * strings with their offset and MongoDB's format specifiers.
 */

const isPlain = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype

/** `<date>`, `[<date>]` or `{date, timezone}`, evaluated: the wall-clock date in the zone, or null. */
function dateArg(obj: AnyObject, expr: unknown, options: Options, op: string): Date | null {
  let value: unknown
  let zone: unknown
  if (isPlain(expr) && 'date' in expr) {
    value = computeValue(obj, expr.date, null, options)
    zone = computeValue(obj, expr.timezone, null, options)
  } else value = oneArg(obj, expr, options, op)
  if (isNil(value)) return null
  return wallClock(toDate(value, op), zone)
}

function toDate(value: unknown, op: string): Date {
  if (value instanceof Date) return value
  if (value instanceof ObjectId) return value.getTimestamp()
  return fail(`${op}: can't convert from BSON type ${value === null ? 'null' : typeof value} to Date`)
}

const part = (op: string, read: (wall: Date) => number): ExpressionOperator => {
  return (obj, expr, options) => {
    const wall = dateArg(obj, expr, options, op)
    return wall === null ? null : read(wall)
  }
}

const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, '0')

/** Renders one `%` specifier of `$dateToString`. */
function specifier(ch: string, wall: Date, offset: number): string {
  switch (ch) {
    case 'Y':
      return pad(wall.getUTCFullYear(), 4)
    case 'G':
      return pad(cal.isoWeekYear(wall), 4)
    case 'm':
      return pad(wall.getUTCMonth() + 1, 2)
    case 'd':
      return pad(wall.getUTCDate(), 2)
    case 'H':
      return pad(wall.getUTCHours(), 2)
    case 'M':
      return pad(wall.getUTCMinutes(), 2)
    case 'S':
      return pad(wall.getUTCSeconds(), 2)
    case 'L':
      return pad(wall.getUTCMilliseconds(), 3)
    case 'j':
      return pad(cal.dayOfYear(wall), 3)
    case 'w':
      return String(cal.dayOfWeek(wall))
    case 'u':
      return String(cal.isoDayOfWeek(wall))
    case 'U':
      return pad(cal.week(wall), 2)
    case 'V':
      return pad(cal.isoWeek(wall), 2)
    case 'z':
      return (offset < 0 ? '-' : '+') + pad(Math.trunc(offset / 60), 2) + pad(offset % 60, 2)
    case 'Z':
      return (offset < 0 ? '-' : '+') + String(Math.abs(offset))
    case '%':
      return '%'
    default:
      return fail(`$dateToString: invalid format character '%${ch}'`)
  }
}

const DEFAULT_FORMAT = '%Y-%m-%dT%H:%M:%S.%LZ'

const dateToString: ExpressionOperator = (obj, expr, options) => {
  if (!isPlain(expr)) fail('$dateToString takes an object: {date, format, timezone, onNull}')
  const value = computeValue(obj, expr.date, null, options)
  if (isNil(value)) return 'onNull' in expr ? computeValue(obj, expr.onNull, null, options) : null
  const date = toDate(value, '$dateToString')
  const zone = computeValue(obj, expr.timezone, null, options)
  const format = isNil(expr.format) ? DEFAULT_FORMAT : computeValue(obj, expr.format, null, options)
  if (typeof format !== 'string') fail('$dateToString: format must be a string')
  const offset = zoneOffset(zone, date.getTime())
  const wall = wallClock(date, zone)
  return format.replace(/%(.?)/g, (_m, ch: string) => specifier(ch, wall, offset))
}

const PARTS = ['year', 'month', 'day', 'hour', 'minute', 'second', 'millisecond'] as const
const ISO_PARTS = [
  'isoWeekYear',
  'isoWeek',
  'isoDayOfWeek',
  'hour',
  'minute',
  'second',
  'millisecond',
] as const

const dateFromParts: ExpressionOperator = (obj, expr, options) => {
  if (!isPlain(expr)) fail('$dateFromParts takes an object of date parts')
  const iso = 'isoWeekYear' in expr
  const values: Record<string, number> = {}
  for (const name of iso ? ISO_PARTS : PARTS) {
    const v = computeValue(obj, expr[name], null, options)
    if (isNil(v)) {
      if (name === 'year' || name === 'isoWeekYear') return null
      values[name] =
        name === 'month' || name === 'day' || name === 'isoWeek' || name === 'isoDayOfWeek' ? 1 : 0
    } else if (typeof v !== 'number' || !Number.isInteger(v))
      fail(`$dateFromParts: '${name}' must evaluate to an integer`)
    else values[name] = v
  }
  const first = iso ? values.isoWeekYear! : values.year!
  if (first < 1 || first > 9999)
    fail(`$dateFromParts: '${iso ? 'isoWeekYear' : 'year'}' must be between 1 and 9999`)
  const time = [values.hour!, values.minute!, values.second!, values.millisecond!] as const
  const wall = iso
    ? cal.isoYearStart(first) +
      ((values.isoWeek! - 1) * 7 + values.isoDayOfWeek! - 1) * 86_400_000 +
      ((time[0] * 60 + time[1]) * 60 + time[2]) * 1000 +
      time[3]
    : cal.wallTime(first, values.month!, values.day!, ...time)
  return new Date(fromWallClock(wall, computeValue(obj, expr.timezone, null, options)))
}

/** ISO 8601 as MongoDB reads it without a format: a date, optionally a time, optionally an offset or Z. */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/

/** Format specifiers `$dateFromString` reads, as regular expression pieces. */
const READ: Record<string, [string, string]> = {
  Y: ['year', '(\\d{4})'],
  m: ['month', '(\\d{1,2})'],
  d: ['day', '(\\d{1,2})'],
  H: ['hour', '(\\d{1,2})'],
  M: ['minute', '(\\d{1,2})'],
  S: ['second', '(\\d{1,2})'],
  L: ['millisecond', '(\\d{1,3})'],
  z: ['offset', '([+-]\\d{2}:?\\d{2})'],
  Z: ['minutes', '([+-]\\d{1,4})'],
}

interface Parsed {
  wall: number
  /** The offset the string states, in minutes, if any. */
  offset?: number
}

const offsetOf = (text: string): number =>
  text === 'Z' || text === 'UTC' || text === 'GMT' ? 0 : zoneOffset(text, 0)

function parseDate(text: string, format: string | undefined): Parsed | null {
  const fields: Record<string, string> = {}
  if (format === undefined) {
    const m = ISO.exec(text.trim())
    if (!m) return null
    ;[fields.year, fields.month, fields.day, fields.hour, fields.minute, fields.second, fields.millisecond] =
      m.slice(1, 8) as string[]
    if (m[8]) fields.offset = m[8]
  } else {
    const names: string[] = []
    const pattern = format.replace(
      /%(.)|([^%]+)/g,
      (_m, ch: string | undefined, literal: string | undefined) => {
        if (literal !== undefined) return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        if (ch === '%') return '%'
        const spec = READ[ch!]
        if (!spec) fail(`$dateFromString: format character '%${ch}' is not supported here`)
        names.push(spec[0])
        return spec[1]
      },
    )
    const m = new RegExp(`^${pattern}$`).exec(text)
    if (!m) return null
    names.forEach((name, i) => (fields[name] = m[i + 1]!))
  }
  if (fields.year === undefined) return null
  const n = (k: string, dflt: number) => (fields[k] === undefined ? dflt : Number(fields[k]))
  const ms = fields.millisecond === undefined ? 0 : Number(fields.millisecond.padEnd(3, '0'))
  const wall = cal.wallTime(
    n('year', 0),
    n('month', 1),
    n('day', 1),
    n('hour', 0),
    n('minute', 0),
    n('second', 0),
    ms,
  )
  const check = new Date(wall)
  if (check.getUTCMonth() + 1 !== n('month', 1) || check.getUTCDate() !== n('day', 1)) return null
  if (fields.offset !== undefined) return { wall, offset: offsetOf(fields.offset) }
  if (fields.minutes !== undefined) return { wall, offset: Number(fields.minutes) }
  return { wall }
}

const dateFromString: ExpressionOperator = (obj, expr, options) => {
  if (!isPlain(expr)) fail('$dateFromString takes an object: {dateString, format, timezone, onError, onNull}')
  const text = computeValue(obj, expr.dateString, null, options)
  if (isNil(text)) return 'onNull' in expr ? computeValue(obj, expr.onNull, null, options) : null
  const zone = computeValue(obj, expr.timezone, null, options)
  const format = isNil(expr.format) ? undefined : computeValue(obj, expr.format, null, options)
  if (format !== undefined && typeof format !== 'string') fail('$dateFromString: format must be a string')
  const parsed = typeof text === 'string' ? parseDate(text, format) : null
  if (!parsed) {
    if ('onError' in expr) return computeValue(obj, expr.onError, null, options)
    return fail(`$dateFromString: an incomplete date/time string has been found: "${String(text)}"`)
  }
  if (parsed.offset !== undefined) {
    if (!isNil(zone))
      fail(
        '$dateFromString: you cannot pass in a date/time string with time zone information together with a timezone argument',
      )
    return new Date(parsed.wall - parsed.offset * 60_000)
  }
  return new Date(fromWallClock(parsed.wall, zone))
}

export const DATE_OPERATORS: Record<string, ExpressionOperator> = {
  $year: part('$year', (d) => d.getUTCFullYear()),
  $month: part('$month', (d) => d.getUTCMonth() + 1),
  $dayOfMonth: part('$dayOfMonth', (d) => d.getUTCDate()),
  $hour: part('$hour', (d) => d.getUTCHours()),
  $minute: part('$minute', (d) => d.getUTCMinutes()),
  $second: part('$second', (d) => d.getUTCSeconds()),
  $millisecond: part('$millisecond', (d) => d.getUTCMilliseconds()),
  $dayOfYear: part('$dayOfYear', cal.dayOfYear),
  $dayOfWeek: part('$dayOfWeek', cal.dayOfWeek),
  $week: part('$week', cal.week),
  $isoWeek: part('$isoWeek', cal.isoWeek),
  $isoWeekYear: part('$isoWeekYear', cal.isoWeekYear),
  $isoDayOfWeek: part('$isoDayOfWeek', cal.isoDayOfWeek),
  $dateToString: dateToString,
  $dateFromParts: dateFromParts,
  $dateFromString: dateFromString,
}
