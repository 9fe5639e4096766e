import { existsSync, readFileSync, writeFileSync } from 'node:fs'

/**
 * The server half of `npm run bench`: trips per action as the local cloud counts them, latency percentiles, and
 * `bench.json`, into which each part of the bench merges its own keys (so the H5 figures and these live side by
 * side, whichever part ran last).
 */

/** Trips to the platform of every function call the bench made, per `fn.action` (header `x-cloud-trips`). */
export class TripLog {
  private readonly rows = new Map<string, number[]>()

  record(fn: string, action: unknown, trips: string | string[] | undefined): void {
    if (typeof trips !== 'string') throw new Error('the server did not report trips (REPORT_TRIPS=on)')
    const key = `${fn}.${String(action)}`
    const list = this.rows.get(key) ?? []
    list.push(Number(trips))
    this.rows.set(key, list)
  }

  /** Per action: calls, least, typical (median) and most trips of one call. */
  summary(): Record<string, { calls: number; min: number; median: number; max: number }> {
    const out: Record<string, { calls: number; min: number; median: number; max: number }> = {}
    for (const key of [...this.rows.keys()].sort()) {
      const xs = [...this.rows.get(key)!].sort((a, b) => a - b)
      out[key] = { calls: xs.length, min: xs[0]!, median: percentile(xs, 50), max: xs[xs.length - 1]! }
    }
    return out
  }

  print(): void {
    console.log(`\n${'trips to the database per call'.padEnd(40)}   calls   min median   max`)
    for (const [key, r] of Object.entries(this.summary())) {
      console.log(
        `  ${key.padEnd(38)} ${String(r.calls).padStart(7)} ${String(r.min).padStart(5)} ${String(r.median).padStart(6)} ${String(r.max).padStart(5)}`,
      )
    }
  }
}

/** The p-th percentile (nearest rank) of numbers sorted ascending. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

/** Writes `keys` into bench.json, keeping whatever other keys it holds. */
export function mergeBenchJson(file: string, keys: Record<string, unknown>): void {
  let existing: Record<string, unknown> = {}
  if (existsSync(file)) {
    try {
      existing = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    } catch {
      existing = {}
    }
  }
  writeFileSync(file, `${JSON.stringify({ ...existing, ...keys }, null, 2)}\n`)
}
