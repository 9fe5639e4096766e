import { fork, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { FunctionError, type CallerIdentity, type Counted } from './host'

/**
 * Hosted functions run in worker processes (FUNCTION_WORKERS), as SCF runs a function's code in instances apart
 * from the platform: the function code, its node-sdk (building and signing each request) and its HTTP client then
 * use another core than the gateway and the cloud's `/admin` endpoint. Each worker hosts every function
 * (worker.ts: a FunctionHost of its own, counting trips exactly as in-process hosting does); a call goes to the
 * worker with the fewest calls in flight. The platform keeps the timeout (a call that overruns is answered
 * FUNCTION_TIMEOUT whatever its worker does next) and a worker that dies answers its calls in flight
 * FUNCTION_CRASHED and is replaced on the next call. After a timeout the platform pings the worker: one whose event
 * loop does not answer within `stuckMs` (an endless loop, a sync job that never ends) would hold every call sent to
 * it, so it is killed — as SCF ends an instance that overran — and replaced. Workers inherit the server's
 * environment: node-sdk's endpoint and key, and REOPEN_CLOCK_SHIFT_MS.
 */

interface Pending {
  resolve: (c: Counted) => void
  reject: (e: Error) => void
  timer: NodeJS.Timeout
  /** Answers the call FUNCTION_TIMEOUT; armed for `timeoutMs` once the instance says the code runs. */
  timeout: () => void
  timeoutMs: number
}

interface Worker {
  child: ChildProcess
  pending: Map<number, Pending>
  /** Set while a ping after a timeout waits for its answer: kills the worker when it fires. */
  probe?: NodeJS.Timeout
}

type Reply =
  | { pong: number }
  | { id: number; started: true }
  | { id: number; result: unknown; trips: number }
  | { id: number; error: { code: string; message: string } }

/**
 * How long an instance may take to start and load the function's code before the call's own time limit starts
 * (`worker.ts` says when it does): a cold `tsx` start on a busy machine takes seconds, and in-process hosting does
 * not count loading against the limit either. An instance that takes longer is treated as stuck.
 */
const START_LIMIT_MS = 30_000

const WORKER_ENTRY = path.join(__dirname, 'worker.ts')

export class WorkerPool {
  private readonly workers: (Worker | undefined)[]
  private seq = 0
  private closed = false

  constructor(
    readonly size: number,
    private readonly root: string,
    private readonly envId: string,
    private readonly stuckMs = 10_000,
  ) {
    if (!Number.isInteger(size) || size < 1)
      throw new Error(`FUNCTION_WORKERS must be a positive whole number, not ${size}`)
    this.workers = Array.from({ length: size }, () => undefined)
  }

  /** Started on first use: by then the server has put node-sdk's endpoint and key in the environment. */
  private worker(): Worker {
    let best = -1
    for (let i = 0; i < this.workers.length; i++) {
      if (!this.workers[i]) {
        best = i
        break
      }
      if (best < 0 || this.workers[i]!.pending.size < this.workers[best]!.pending.size) best = i
    }
    return (this.workers[best] ??= this.spawn(best))
  }

  private spawn(slot: number): Worker {
    const child = fork(WORKER_ENTRY, [this.root, this.envId], {
      execArgv: ['--import', 'tsx'],
      env: process.env,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const worker: Worker = { child, pending: new Map() }
    child.on('message', (reply: Reply) => {
      if ('pong' in reply) {
        clearTimeout(worker.probe)
        worker.probe = undefined
        return
      }
      const call = worker.pending.get(reply.id)
      if (!call) return
      if ('started' in reply) {
        clearTimeout(call.timer)
        call.timer = setTimeout(call.timeout, call.timeoutMs)
        return
      }
      worker.pending.delete(reply.id)
      clearTimeout(call.timer)
      if ('error' in reply)
        call.reject(new FunctionError(reply.error.code as FunctionError['code'], reply.error.message))
      else call.resolve({ result: reply.result, trips: reply.trips })
    })
    child.on('exit', (code, signal) => {
      clearTimeout(worker.probe)
      if (this.workers[slot] === worker) this.workers[slot] = undefined
      for (const call of worker.pending.values()) {
        clearTimeout(call.timer)
        call.reject(
          new FunctionError('FUNCTION_CRASHED', `the function's instance exited (${signal ?? code})`),
        )
      }
      worker.pending.clear()
    })
    return worker
  }

  invoke(name: string, event: unknown, identity: CallerIdentity, timeoutMs: number): Promise<Counted> {
    if (this.closed)
      return Promise.reject(new FunctionError('FUNCTION_CRASHED', 'the function host is closed'))
    const worker = this.worker()
    const id = ++this.seq
    return new Promise<Counted>((resolve, reject) => {
      const timeout = () => {
        worker.pending.delete(id)
        reject(new FunctionError('FUNCTION_TIMEOUT', `${name} timed out`))
        this.probe(worker)
      }
      const timer = setTimeout(timeout, START_LIMIT_MS + timeoutMs)
      worker.pending.set(id, { resolve, reject, timer, timeout, timeoutMs })
      worker.child.send({ id, name, event, identity })
    })
  }

  /** Kills `worker` unless its event loop answers a ping within `stuckMs`. */
  private probe(worker: Worker): void {
    if (worker.probe || !worker.child.connected) return
    worker.probe = setTimeout(() => {
      // Taken out of service first: the next call starts a new instance, not this one's exit.
      const slot = this.workers.indexOf(worker)
      if (slot >= 0) this.workers[slot] = undefined
      worker.child.kill('SIGKILL')
    }, this.stuckMs)
    worker.child.send({ ping: this.seq })
  }

  async close(): Promise<void> {
    this.closed = true
    await Promise.all(
      this.workers.map(
        (w) =>
          w &&
          new Promise<void>((resolve) => {
            if (w.child.exitCode !== null || w.child.signalCode !== null) return resolve()
            w.child.once('exit', () => resolve())
            w.child.kill('SIGTERM')
          }),
      ),
    )
  }
}
