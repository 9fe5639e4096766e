import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'

/**
 * `npm run bench`: throughput of the local cloud, each figure as a ratio to a bare endpoint of the same
 * server measured in the same run, so the numbers mean something on any machine.
 * The server runs in its own process (as `npm start` runs it); this process only generates load.
 */
const root = path.resolve(__dirname, '..')
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16)
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })

function request(
  url: string,
  method: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, agent, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }))
      },
    )
    req.on('error', reject)
    if (body) req.write(body)
    req.end()
  })
}

/** Runs `once` from CONCURRENCY loops for DURATION_MS; every answer must pass `check`. */
async function measure(
  label: string,
  once: () => Promise<{ status: number; text: string }>,
): Promise<number> {
  for (let i = 0; i < 50; i++) await once() // warm-up: JIT, module loading, connections
  let count = 0
  let failures = 0
  const end = Date.now() + DURATION_MS
  const started = process.hrtime.bigint()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < end) {
        const r = await once()
        if (r.status !== 200) failures++
        count++
      }
    }),
  )
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const rate = count / seconds
  if (failures) throw new Error(`${label}: ${failures} of ${count} requests failed`)
  return rate
}

function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    // `node --import tsx` keeps the server in one process, so a signal reaches it directly.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'emulator/main.ts')], {
      cwd: root,
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, TIMERS: 'off' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out)
      if (m) resolve({ child, url: m[1]! })
    })
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'reopen-bench-'))
  const { child, url } = await startServer(dataDir)
  try {
    const login = await request(
      `${url}/api/auth/login`,
      'POST',
      JSON.stringify({ phone: '13800000061', password: 'Demo1234' }),
    )
    const token = (JSON.parse(login.text) as { token: string }).token
    const auth = { authorization: `Bearer ${token}` }

    console.log(
      `复工通 bench — ${os.cpus().length} cores, ${CONCURRENCY} concurrent clients, ${DURATION_MS / 1000} s per figure\n`,
    )
    const bare = await measure('bare', () => request(`${url}/api/bare`, 'GET'))
    const me = await measure('account.me', () =>
      request(`${url}/api/functions/account`, 'POST', '{"action":"me"}', auth),
    )
    const rows: [string, number][] = [
      ['bare HTTP endpoint (baseline)', bare],
      ['gateway round trip: account.me', me],
    ]
    for (const [label, rate] of rows) {
      console.log(
        `${label.padEnd(40)} ${rate.toFixed(0).padStart(7)} req/s   ratio ${(rate / bare).toFixed(3)}`,
      )
    }
  } finally {
    child.kill('SIGTERM')
    rmSync(dataDir, { recursive: true, force: true })
    agent.destroy()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
