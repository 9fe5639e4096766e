import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DEMO_PASSWORD } from '../emulator/seed'
import { startDemoCloud } from '../tests/e2e/demo'
import { CPU_SLOWDOWN, measureFirstScreen, type FirstScreen } from '../tests/e2e/firstScreen'
import { launchBrowser, STATIC_DIR } from '../tests/e2e/helpers'

/**
 * `npm run bench`, delivery section: what a person on a slow phone waits for, and what a cold cloud function pays
 * before its first line runs. Printed as a table and merged into bench.json under `delivery`.
 *  - H5 first screen in Chromium under Fast 3G and a 4× slower CPU, empty cache (tests/e2e/firstScreen.ts): the
 *    login page usable, then home after signing in; the median of FIRST_SCREEN_RUNS runs, and the JavaScript sent.
 *  - Each bundled function (dist/cloudfunctions, built here) required in a fresh Node process, after
 *    @cloudbase/node-sdk (which CloudBase loads for every function): the function's own require time, the median
 *    of REQUIRE_RUNS processes, and whether a library meant to load on demand (lib/*.js: exceljs, qrcode) was loaded;
 *    beside it, what the function's first call then pays to load its action table (actions.js), for the record.
 * Measure on a quiet machine: the load average is printed and recorded beside the figures.
 */
const root = path.resolve(__dirname, '..')
const FIRST_SCREEN_RUNS = Number(process.env.BENCH_FIRST_SCREEN_RUNS ?? 5)
const REQUIRE_RUNS = Number(process.env.BENCH_REQUIRE_RUNS ?? 9)

const TARGET = { firstScreenMs: 3000, firstScreenJsBytes: 350 * 1024, requireMs: 10 }

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

async function firstScreen(): Promise<{ runs: FirstScreen[]; loginMs: number; homeMs: number }> {
  if (!existsSync(path.join(STATIC_DIR, 'index.html'))) {
    console.log('  (no H5 build: building it first)')
    execFileSync('npm', ['run', 'build:h5'], { cwd: root, stdio: 'ignore' })
  }
  const cloud = await startDemoCloud('bench-delivery')
  const session = await launchBrowser()
  try {
    const runs: FirstScreen[] = []
    for (let i = 0; i < FIRST_SCREEN_RUNS; i++)
      runs.push(await measureFirstScreen(session.browser, cloud.url, '13800000061', DEMO_PASSWORD))
    return {
      runs,
      loginMs: median(runs.map((r) => r.login.ms)),
      homeMs: median(runs.map((r) => r.home.ms)),
    }
  } finally {
    await session.close()
    await cloud.close()
  }
}

/** Run in a fresh process: loads the SDK, then the bundle; prints both times and what of lib/ was loaded. */
const PROBE = `
const path = require('path')
const bundle = process.argv[1]
const t0 = process.hrtime.bigint()
require(require.resolve('@cloudbase/node-sdk', { paths: [path.dirname(bundle)] }))
const t1 = process.hrtime.bigint()
require(bundle)
const t2 = process.hrtime.bigint()
const lib = path.join(path.dirname(bundle), 'lib') + path.sep
const loaded = Object.keys(require.cache).filter((k) => k.startsWith(lib)).map((k) => path.basename(k))
const table = path.join(path.dirname(bundle), 'actions.js')
let tableMs = 0
if (require('fs').existsSync(table)) {
  const t3 = process.hrtime.bigint()
  require(table)
  tableMs = Number(process.hrtime.bigint() - t3) / 1e6
}
console.log(JSON.stringify({ sdkMs: Number(t1 - t0) / 1e6, ms: Number(t2 - t1) / 1e6, tableMs, loaded }))`

interface FunctionFigures {
  name: string
  bundleKB: number
  onDemand: string[]
  requireMs: number
  /** What the first call adds to load the action table (0 for timers, which have none). */
  tableMs: number
  sdkMs: number
  loadedOnDemandAtStart: string[]
}

function functionRequireTimes(): FunctionFigures[] {
  execFileSync('npm', ['run', 'build:functions'], { cwd: root, stdio: 'ignore' })
  const dist = path.join(root, 'dist/cloudfunctions')
  return readdirSync(dist)
    .filter((name) => existsSync(path.join(dist, name, 'index.js')))
    .map((name) => {
      const bundle = path.join(dist, name, 'index.js')
      const runs = Array.from({ length: REQUIRE_RUNS }, () => {
        const r = spawnSync(process.execPath, ['-e', PROBE, bundle], { encoding: 'utf8' })
        if (r.status !== 0) throw new Error(`${name}: ${r.stderr}`)
        return JSON.parse(r.stdout) as { sdkMs: number; ms: number; tableMs: number; loaded: string[] }
      })
      const lib = path.join(dist, name, 'lib')
      return {
        name,
        bundleKB: Math.round(readFileSync(bundle).length / 1024),
        onDemand: existsSync(lib) ? readdirSync(lib) : [],
        requireMs: median(runs.map((r) => r.ms)),
        tableMs: median(runs.map((r) => r.tableMs)),
        sdkMs: median(runs.map((r) => r.sdkMs)),
        loadedOnDemandAtStart: [...new Set(runs.flatMap((r) => r.loaded))],
      }
    })
}

/** Merges `section` into bench.json, keeping what other parts of the bench wrote there. */
export function recordBench(section: string, figures: unknown): void {
  const file = path.join(root, 'bench.json')
  let all: Record<string, unknown> = {}
  try {
    all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
  } catch {
    // none yet, or unreadable: start afresh
  }
  all[section] = figures
  writeFileSync(file, JSON.stringify(all, null, 2) + '\n')
}

const ok = (pass: boolean) => (pass ? 'ok' : 'MISSED')

async function main(): Promise<void> {
  const load = os.loadavg().map((x) => Number(x.toFixed(2)))
  console.log(
    `\n复工通 bench — delivery (${os.cpus().length} cores, load average ${load.join(' / ')} at start)\n`,
  )
  const screen = await firstScreen()
  const first = screen.runs[0]!
  const jsBytes = first.login.jsBytes
  console.log(
    `H5 first screen, Fast 3G + ${CPU_SLOWDOWN}× CPU, empty cache (median of ${FIRST_SCREEN_RUNS}: ${screen.runs.map((r) => r.login.ms).join(', ')} ms)`,
  )
  const rows: [string, string, string, boolean][] = [
    ['login page usable', `${screen.loginMs} ms`, '≤ 3000 ms', screen.loginMs <= TARGET.firstScreenMs],
    [
      'home after signing in (from the tap)',
      `${screen.homeMs} ms`,
      '≤ 3000 ms',
      screen.homeMs <= TARGET.firstScreenMs,
    ],
    [
      `JS sent for the first screen (${first.login.jsEncodings.join(', ')})`,
      `${(jsBytes / 1024).toFixed(1)} KB`,
      '≤ 350 KB',
      jsBytes <= TARGET.firstScreenJsBytes,
    ],
    ['JS sent on signing in', `${(first.home.jsBytes / 1024).toFixed(1)} KB`, '', true],
    ['requests for the login page', String(first.login.requests), '', true],
  ]
  for (const [label, value, target, pass] of rows)
    console.log(
      `  ${label.padEnd(44)} ${value.padStart(10)}   ${target.padEnd(10)} ${target ? ok(pass) : ''}`,
    )

  const functions = functionRequireTimes()
  console.log(
    `\nCloud function bundles: require time after @cloudbase/node-sdk, fresh process each (median of ${REQUIRE_RUNS})`,
  )
  for (const f of functions) {
    const pass = f.requireMs <= TARGET.requireMs && f.loadedOnDemandAtStart.length === 0
    const table = f.tableMs ? `  table on first call ${f.tableMs.toFixed(1)} ms` : ''
    const lazy = f.onDemand.length ? `  on demand: ${f.onDemand.join(', ')}` : ''
    const early = f.loadedOnDemandAtStart.length
      ? `  LOADED AT START: ${f.loadedOnDemandAtStart.join(', ')}`
      : ''
    console.log(
      `  ${f.name.padEnd(12)} ${`${f.bundleKB} KB`.padStart(8)} ${`${f.requireMs.toFixed(1)} ms`.padStart(9)}   ≤ 10 ms  ${ok(pass)}${table}${lazy}${early}`,
    )
  }
  console.log(`  (@cloudbase/node-sdk's own require: ${median(functions.map((f) => f.sdkMs)).toFixed(0)} ms)`)

  recordBench('delivery', {
    measuredAt: new Date().toISOString(),
    cores: os.cpus().length,
    loadAverage: load,
    h5FirstScreen: {
      network: 'Fast 3G',
      cpuSlowdown: CPU_SLOWDOWN,
      loginUsableMs: screen.loginMs,
      homeAfterSignInMs: screen.homeMs,
      jsBytesFirstScreen: jsBytes,
      jsBytesOnSignIn: first.home.jsBytes,
      jsEncodings: first.login.jsEncodings,
      requestsFirstScreen: first.login.requests,
      runs: screen.runs,
      targets: { ms: TARGET.firstScreenMs, jsBytes: TARGET.firstScreenJsBytes },
    },
    functionRequire: {
      targetMs: TARGET.requireMs,
      sdkMs: median(functions.map((f) => f.sdkMs)),
      functions: Object.fromEntries(functions.map(({ name, ...rest }) => [name, rest])),
    },
  })
  console.log('\n  → bench.json (delivery)')
}

main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e)
    process.exit(1)
  })
