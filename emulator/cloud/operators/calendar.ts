/**
 * Calendar arithmetic on a wall-clock date (a Date read with getUTC*), as MongoDB's date operators define it.
 */

const DAY = 86_400_000

/** 1 (January 1st) to 366. */
export function dayOfYear(d: Date): number {
  return Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - yearStart(d)) / DAY) + 1
}

function yearStart(d: Date): number {
  const start = new Date(0)
  start.setUTCFullYear(d.getUTCFullYear(), 0, 1)
  return start.getTime()
}

/** 1 (Sunday) to 7 (Saturday), as `$dayOfWeek`. */
export const dayOfWeek = (d: Date) => d.getUTCDay() + 1

/** 1 (Monday) to 7 (Sunday), as `$isoDayOfWeek`. */
export const isoDayOfWeek = (d: Date) => d.getUTCDay() || 7

/**
 * `$week` (strftime's %U): weeks start on Sunday; the days before the year's first Sunday are week 0, the first
 * Sunday starts week 1. 0 to 53.
 */
export function week(d: Date): number {
  return Math.floor((dayOfYear(d) - 1 + 7 - d.getUTCDay()) / 7)
}

/** The Thursday of the ISO week `d` falls in: its year is the ISO week-numbering year. */
function isoThursday(d: Date): Date {
  const t = new Date(d.getTime())
  t.setUTCDate(t.getUTCDate() + 4 - isoDayOfWeek(d))
  return t
}

/** `$isoWeek`: 1 to 53; week 1 is the one holding the year's first Thursday. */
export function isoWeek(d: Date): number {
  return Math.floor((dayOfYear(isoThursday(d)) - 1) / 7) + 1
}

export function isoWeekYear(d: Date): number {
  return isoThursday(d).getUTCFullYear()
}

/** Midnight (wall clock) of the Monday that starts ISO week 1 of `isoYear`. */
export function isoYearStart(isoYear: number): number {
  const jan4 = new Date(0)
  jan4.setUTCFullYear(isoYear, 0, 4)
  return jan4.getTime() - (isoDayOfWeek(jan4) - 1) * DAY
}

/** A wall-clock time from calendar fields that may overflow (month 14 is February of the next year). */
export function wallTime(
  year: number,
  month: number,
  day: number,
  h: number,
  m: number,
  s: number,
  ms: number,
) {
  const d = new Date(0)
  d.setUTCFullYear(year, month - 1, day)
  d.setUTCHours(h, m, s, ms)
  return d.getTime()
}
