import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { connectLocalCloud } from '../../emulator/connect'

/**
 * A write the SDK saw acknowledged survives the emulator process being killed (SIGKILL: no shutdown code
 * runs). The emulator runs as a child process (`emulator/main.ts`), written to through the real SDK from here.
 */

const ROOT = path.resolve(__dirname, '../..')

interface Child {
  process: ChildProcess
  url: string
}

function startEmulator(dataDir: string): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'emulator/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, SEED: 'off', TIMERS: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let output = ''
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output)
      if (m) {
        child.stdout!.off('data', onData)
        child.off('exit', onExit)
        resolve({ process: child, url: m[1]! })
      }
    }
    const onExit = (code: number | null) =>
      reject(new Error(`emulator exited (${code}) before it was ready:\n${output}`))
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', onExit)
  })
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((r) => child.once('exit', () => r()))
}

/**
 * Points node-sdk in this process at the child, with the key from its data directory. SILENCE turns off the SDK's
 * 3-second slow-request timer, which it never clears when a request fails (as the ones cut off by the kill do),
 * and which would otherwise print warnings and hold the test process open.
 */
function useEmulator(url: string) {
  process.env.SILENCE = 'true'
  return connectLocalCloud(url, dataDir)
}

let dataDir: string
let running: Child | undefined

beforeAll(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'reopen-durable-'))
})

afterAll(async () => {
  if (running) {
    running.process.kill('SIGTERM')
    await exited(running.process)
  }
  rmSync(dataDir, { recursive: true, force: true })
})

it('every acknowledged write survives SIGKILL', async () => {
  running = await startEmulator(dataDir)
  let app = useEmulator(running.url)
  let db = app.database()

  const file = Buffer.from('survives')
  const { fileID } = await app.uploadFile({ cloudPath: 'durable/proof.txt', fileContent: file })

  // Writers keep adding until the process dies under them; only what was acknowledged counts.
  const acknowledged: string[] = []
  let stop = false
  const writer = async (w: number) => {
    for (let i = 0; !stop; i++) {
      try {
        const { id } = await db.collection('audit_logs').add({ streetId: `w${w}`, at: i, note: '写入' })
        acknowledged.push(id!)
      } catch {
        return
      }
    }
  }
  const writers = Array.from({ length: 8 }, (_x, w) => writer(w))
  while (acknowledged.length < 400) await new Promise((r) => setTimeout(r, 5))
  running.process.kill('SIGKILL')
  await exited(running.process)
  stop = true
  await Promise.all(writers)
  const acked = [...acknowledged]

  running = await startEmulator(dataDir)
  app = useEmulator(running.url)
  db = app.database()
  const _ = db.command
  const found = new Set<string>()
  for (let i = 0; i < acked.length; i += 500) {
    const { data } = await db
      .collection('audit_logs')
      .where({ _id: _.in(acked.slice(i, i + 500)) })
      .limit(1000)
      .get()
    for (const d of data) found.add(d._id as string)
  }
  expect(acked.filter((id) => !found.has(id))).toEqual([])
  expect((await app.downloadFile({ fileID })).fileContent).toEqual(file)
})
