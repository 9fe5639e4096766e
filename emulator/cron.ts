import { Cron } from 'croner'
import type { FunctionHost } from './functions/host'

/** CloudBase timer triggers run in China time, whatever zone the machine is set to. */
export const TRIGGER_TIMEZONE = 'Asia/Shanghai'

export interface ParsedTrigger {
  /** 6-field pattern croner understands: second minute hour day month weekday. */
  pattern: string
  /** The 7th field (year), '*' for any. */
  year: string
}

/**
 * CloudBase timer cron has 7 fields: second minute hour day month weekday year. croner takes the first six;
 * the year is checked when the trigger fires.
 */
export function parseTriggerCron(expr: string): ParsedTrigger {
  const fields = expr.trim().split(/\s+/)
  if (fields.length !== 7)
    throw new Error(`timer trigger "${expr}" must have 7 fields (second minute hour day month weekday year)`)
  const year = fields[6]!
  if (year !== '*' && !/^\d{4}(-\d{4})?(,\d{4}(-\d{4})?)*$/.test(year))
    throw new Error(`unsupported year field "${year}"`)
  return { pattern: fields.slice(0, 6).join(' '), year }
}

export function yearMatches(field: string, year: number): boolean {
  if (field === '*') return true
  return field.split(',').some((part) => {
    const [a, b] = part.split('-').map(Number)
    return b === undefined ? year === a : year >= a! && year <= b
  })
}

/** The next fire times of a 7-field trigger after `from`, in absolute time. */
export function nextRuns(expr: string, count: number, from: Date): Date[] {
  const { pattern, year } = parseTriggerCron(expr)
  const job = new Cron(pattern, { timezone: TRIGGER_TIMEZONE, paused: true })
  const out: Date[] = []
  let cursor: Date | null = from
  while (out.length < count && cursor) {
    cursor = job.nextRun(cursor)
    if (!cursor) break
    const shanghaiYear = Number(
      new Intl.DateTimeFormat('en', { timeZone: TRIGGER_TIMEZONE, year: 'numeric' }).format(cursor),
    )
    if (yearMatches(year, shanghaiYear)) out.push(cursor)
  }
  job.stop()
  return out
}

export interface Timers {
  stop(): void
}

/** Starts every timer trigger declared in the functions' config.json. Timer calls carry no identity. */
export function startTimers(host: FunctionHost): Timers {
  const jobs: Cron[] = []
  for (const t of host.triggers()) {
    const { pattern, year } = parseTriggerCron(t.cron)
    const job = new Cron(pattern, { timezone: TRIGGER_TIMEZONE, protect: true }, async () => {
      const now = new Date()
      const y = Number(
        new Intl.DateTimeFormat('en', { timeZone: TRIGGER_TIMEZONE, year: 'numeric' }).format(now),
      )
      if (!yearMatches(year, y)) return
      const event = { Type: 'Timer', TriggerName: t.name, Time: now.toISOString(), Message: '' }
      try {
        await host.invoke(t.functionName, event, { kind: 'timer' })
      } catch (e) {
        console.error(`[timer] ${t.functionName}/${t.name} failed`, e)
      }
    })
    jobs.push(job)
  }
  return {
    stop() {
      for (const j of jobs) j.stop()
    },
  }
}
