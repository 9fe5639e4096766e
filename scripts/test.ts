/**
 * `npm test`: every check, in two lanes that keep both cores busy.
 *
 * The cloud tests run the local cloud and the SDK in one Node process, so they use one core; the two Taro
 * builds, the mini-program journeys, the type check, lint and the unit tests run beside them on the other. The
 * browser journeys follow once both lanes are done. Each line is prefixed with its step; the first
 * failing step stops the run (the other lane is stopped too) and sets the exit code.
 */
import { spawn, type ChildProcess } from 'node:child_process'

type Step = readonly [name: string, script: string]

// The cloud tests are the longest step (one core for several minutes), so their lane is theirs alone; the
// other lane builds, then runs what needs only its builds or nothing: the mini-program journeys, the type
// check, lint and the unit tests. The browser journeys use both cores, so they come when both lanes are done.
const checks: Step[] = [['cloud', 'test:cloud']]
const builds: Step[] = [
  ['h5', 'build:h5'],
  ['weapp', 'build:weapp'],
  ['size', 'size:weapp'],
  ['weapp journeys', 'test:weapp:run'],
  ['typecheck', 'typecheck'],
  ['lint', 'lint'],
  ['unit', 'test:unit'],
]
const journeys: Step[] = [['e2e', 'test:e2e']]

const running = new Set<ChildProcess>()
let failed = false

function run([name, script]: Step): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const child = spawn('npm', ['run', '--silent', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so that stopping it stops the jest or Taro process under npm too.
      detached: true,
    })
    running.add(child)
    const prefix = `[${name}] `
    for (const stream of [child.stdout, child.stderr]) {
      let rest = ''
      stream.setEncoding('utf8')
      stream.on('data', (chunk: string) => {
        const lines = (rest + chunk).split('\n')
        rest = lines.pop() ?? ''
        for (const line of lines) process.stdout.write(prefix + line + '\n')
      })
      stream.on('end', () => rest && process.stdout.write(prefix + rest + '\n'))
    }
    child.on('close', (code) => {
      running.delete(child)
      const seconds = ((Date.now() - started) / 1000).toFixed(0)
      process.stdout.write(`${prefix}${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${seconds} s\n`)
      if (code === 0) resolve()
      else reject(new Error(`${name} failed`))
    })
  })
}

async function lane(steps: Step[]): Promise<void> {
  for (const step of steps) {
    if (failed) return
    await run(step)
  }
}

async function main(): Promise<void> {
  const started = Date.now()
  try {
    await Promise.all([lane(checks), lane(builds)].map((p) => p.catch(stopAll)))
    if (failed) throw new Error('stopped')
    await lane(journeys)
    console.log(`npm test: all green in ${((Date.now() - started) / 1000).toFixed(0)} s`)
  } catch {
    console.log(`npm test: FAILED after ${((Date.now() - started) / 1000).toFixed(0)} s`)
    process.exitCode = 1
  }
}

function stopAll(error: unknown): never {
  failed = true
  for (const child of running) if (child.pid) process.kill(-child.pid, 'SIGTERM')
  throw error
}

void main()
