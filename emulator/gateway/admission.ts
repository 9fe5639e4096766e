/**
 * How many calls of one function's action the gateway runs at once; the rest wait their turn, first come first
 * served — as each CloudBase function instance answers one request at a time and further requests wait for an
 * instance. Each function, and each action of it, has its own places, so reports never wait behind a slow export,
 * nor a street's dashboard behind two ledger exports of the same `stats` function.
 *
 * Why it matters here: hosted functions share the server's CPU, and a call is several steps (the gateway's checks,
 * then each trip of the function to the cloud over HTTP), each queued behind every other call's steps. Admitting
 * every call at once shares the CPU among all of them, so at a rush each takes as long as the whole rush: measured,
 * 64 reporters at once answered in 180 ms typically but 1.6 s at the slowest. Admitted a few at a time, each call
 * runs nearly alone once admitted and the waiting is first come first served. Measured on 2 cores, 64 reporters at
 * once, places per function: unlimited 228/s, p50 117 ms, p99 970 ms; 8 places 223/s, 233 / 707 ms; 2 places
 * 298–365/s, 169–201 / 241–287 ms; 1 place 218/s, 263 / 388 ms (one call's trips to the cloud then wait idle).
 */
export class Admission {
  private running = 0
  private readonly waiting: (() => void)[] = []

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`the limit must be a positive integer, not ${limit}`)
  }

  /** No call running or waiting. */
  get idle(): boolean {
    return this.running === 0 && this.waiting.length === 0
  }

  /** Runs `fn` when a place is free, in the order the calls arrived. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve))
    else this.running++
    try {
      return await fn()
    } finally {
      // The place passes straight to the next in line (running stays the same), or is freed.
      const next = this.waiting.shift()
      if (next) next()
      else this.running--
    }
  }
}

/**
 * One Admission per function and action (the event's `action`, as the functions here dispatch on it), each with
 * `limit` places. An Admission is dropped when its last call ends, so made-up action names cannot grow the map:
 * it holds only what runs or waits.
 */
export class FunctionAdmission {
  private readonly byAction = new Map<string, Admission>()

  constructor(readonly limit: number) {
    new Admission(limit) // checks the limit now rather than on the first call
  }

  async run<T>(functionName: string, action: unknown, fn: () => Promise<T>): Promise<T> {
    const key = typeof action === 'string' ? `${functionName}.${action.slice(0, 64)}` : functionName
    let admission = this.byAction.get(key)
    if (!admission) this.byAction.set(key, (admission = new Admission(this.limit)))
    try {
      return await admission.run(fn)
    } finally {
      if (admission.idle && this.byAction.get(key) === admission) this.byAction.delete(key)
    }
  }

  /** How many functions and actions have calls running or waiting. */
  get size(): number {
    return this.byAction.size
  }
}
