import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/**
 * Asia/Shanghai is UTC+8 all year (no daylight saving since 1991), so a fixed offset gives the same answer
 * as a tz database without depending on Intl time-zone data, which some mini-program runtimes lack.
 */
export const SHANGHAI_OFFSET_MINUTES = 8 * 60

/** A moment (ms) seen on a Shanghai wall clock. */
export function shanghai(ms: number): dayjs.Dayjs {
  return dayjs(ms).utcOffset(SHANGHAI_OFFSET_MINUTES)
}

/** The Shanghai calendar day of a moment, as YYYY-MM-DD. */
export function shanghaiDate(ms: number): string {
  return shanghai(ms).format('YYYY-MM-DD')
}

/** Midnight at the start of a Shanghai calendar day, as ms. */
export function startOfShanghaiDay(date: string): number {
  return dayjs.utc(`${date}T00:00:00`).subtract(SHANGHAI_OFFSET_MINUTES, 'minute').valueOf()
}

/** Whole days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayjs.utc(to).diff(dayjs.utc(from), 'day')
}

export function formatShanghai(ms: number, pattern = 'YYYY-MM-DD HH:mm'): string {
  return shanghai(ms).format(pattern)
}

/** Minutes after midnight of a `HH:mm` time (a slot's window, a push time: on the Shanghai clock). */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return h! * 60 + m!
}
