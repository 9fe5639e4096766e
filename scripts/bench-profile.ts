import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * Where the server's CPU goes during one part of the bench (BENCH_PROFILE=on): the server runs under Node's
 * `--cpu-prof`, the bench notes when the part began and ended on the machine's monotonic clock (`process.hrtime`,
 * the clock V8 stamps its samples with), and each sample of that window is put in one part of the work by its stack.
 */

interface Frame {
  functionName: string
  url: string
}
interface ProfileNode {
  id: number
  callFrame: Frame
  children?: number[]
}
interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  samples: number[]
  timeDeltas: number[]
}

const HTTP = 'HTTP (both ends, sockets)'
const SIGNATURE_CHECK = 'signature check of /admin requests'
const SDK_SIGNING = 'node-sdk signing its requests'
const SQLITE = 'SQLite'
/** The parts of a report's server CPU no cut can remove while functions reach the cloud over signed HTTP. */
export const FLOOR_PARTS = [HTTP, SIGNATURE_CHECK, SDK_SIGNING, SQLITE]

/** The parts, in the order a sample is tested against them: the first whose test its stack passes takes it. */
const PARTS: [string, (leaf: Frame, stack: Frame[]) => boolean][] = [
  [SIGNATURE_CHECK, (_l, s) => s.some((f) => f.functionName === 'signatureProblem')],
  [SDK_SIGNING, (_l, s) => s.some((f) => f.functionName === 'getHeaders')],
  ['gateway token check (jose, sessions)', (_l, s) => s.some((f) => f.functionName === 'checkToken')],
  [
    SQLITE,
    (l, s) =>
      /better-sqlite3/.test(l.url) || (l.url === '' && /cloud\/(rows|store)\.ts/.test(s[1]?.url ?? '')),
  ],
  ['mingo (queries, updates)', (l) => /node_modules\/mingo\//.test(l.url)],
  ['EJSON / bson', (l) => /node_modules\/bson\/|cloud\/ejson\.ts/.test(l.url)],
  ['node-sdk (building requests, reading replies)', (l) => /@cloudbase\/|node_modules\/clone\//.test(l.url)],
  [
    'function code (use cases, shared rules, zod)',
    (l) => /\/cloudfunctions\/|\/shared\/|node_modules\/(zod|dayjs)\//.test(l.url),
  ],
  ['rest of the local cloud and gateway', (l) => /\/emulator\//.test(l.url)],
  [
    HTTP,
    (l) =>
      /^node:(_http|net|internal\/stream|internal\/streams|stream)/.test(l.url) ||
      /^(writev|writeUtf8String|writeBuffer|onStreamRead|close)$/.test(l.functionName),
  ],
  ['garbage collection', (l) => l.functionName === '(garbage collector)'],
]

/** CPU milliseconds per `per` unit (e.g. per report) in each part, over samples between `from` and `to` (hrtime ns). */
export function profileSplit(
  dir: string,
  from: bigint,
  to: bigint,
  per: number,
): { part: string; ms: number }[] {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))
  if (!file) throw new Error(`no CPU profile in ${dir}`)
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const stackOf = (id: number): Frame[] => {
    const out: Frame[] = []
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur))
      out.push(byId.get(cur)!.callFrame)
    return out
  }
  const totals = new Map<string, number>()
  const [fromUs, toUs] = [Number(from / 1000n), Number(to / 1000n)]
  let t = profile.startTime
  for (let i = 0; i < profile.samples.length; i++) {
    // A sample stands for the time since the one before it.
    const dt = profile.timeDeltas[i] ?? 0
    t += dt
    if (t < fromUs || t > toUs) continue
    const stack = stackOf(profile.samples[i]!)
    const leaf = stack[0]!
    if (leaf.functionName === '(idle)') continue
    const part = PARTS.find(([, test]) => test(leaf, stack))?.[0] ?? 'other (event loop, promises, timers)'
    totals.set(part, (totals.get(part) ?? 0) + dt)
  }
  return [...totals].map(([part, us]) => ({ part, ms: us / 1000 / per })).sort((a, b) => b.ms - a.ms)
}
