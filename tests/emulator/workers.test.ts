import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import tcb from '@cloudbase/node-sdk'
import { startServer, type RunningServer } from '../../emulator/server'

/**
 * Functions hosted in worker processes (FUNCTION_WORKERS): the same answers, contexts and trip counts as in-process
 * hosting, the platform's timeout, and an instance that dies is replaced. The other cloud tests host in-process:
 * they drive the functions' clock from the test.
 */
const SHIFT_MS = 3 * 3600_000
let server: RunningServer
let dataDir = ''

type Probe = { pid: number; env: Record<string, string>; now: number; count?: number }

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'reopen-workers-'))
  // What the bench does: the whole server runs hours ahead; the workers inherit it.
  process.env.REOPEN_CLOCK_SHIFT_MS = String(SHIFT_MS)
  server = await startServer({
    port: 0,
    dataDir,
    functionsDir: path.join(__dirname, '../fixtures/workers'),
    functionWorkers: 1,
    workerStuckMs: 500,
  })
})

afterAll(async () => {
  delete process.env.REOPEN_CLOCK_SHIFT_MS
  await server?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe('functions in worker processes', () => {
  it('answers in another process with the caller, the shifted clock and its trips counted', async () => {
    const before = Date.now()
    const { result, trips } = await server.host.invokeCounted(
      'probe',
      { count: 'accounts' },
      { kind: 'custom', uid: 'u-worker' },
    )
    const probe = result as Probe
    expect(probe.pid).not.toBe(process.pid)
    expect(probe.env.TCB_CUSTOM_USER_ID).toBe('u-worker')
    expect(probe.count).toBe(0)
    expect(trips).toBe(1)
    expect(probe.now - before).toBeGreaterThanOrEqual(SHIFT_MS)
    expect(probe.now - Date.now()).toBeLessThanOrEqual(SHIFT_MS)
    // node-sdk's callFunction reaches the same instances.
    const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
    const called = (await app.callFunction({ name: 'probe', data: {} })).result as Probe
    expect(called.pid).toBe(probe.pid)
    expect(called.env.TCB_SOURCE).toBe('server')
  })

  it('times out a call that overruns its limit, and the instance, still answering, goes on', async () => {
    const { pid } = (await server.host.invoke('probe', {}, { kind: 'none' })) as Probe
    await expect(server.host.invoke('probe', { sleepMs: 1500 }, { kind: 'none' })).rejects.toMatchObject({
      code: 'FUNCTION_TIMEOUT',
    })
    // Past the time it had to answer the ping: kept.
    await new Promise((resolve) => setTimeout(resolve, 700))
    await expect(server.host.invoke('probe', {}, { kind: 'none' })).resolves.toMatchObject({ env: {}, pid })
  })

  it('kills an instance stuck after a timeout (its event loop never answers) and runs the next call in a new one', async () => {
    const { pid } = (await server.host.invoke('probe', {}, { kind: 'none' })) as Probe
    await expect(server.host.invoke('probe', { spinMs: 120_000 }, { kind: 'none' })).rejects.toMatchObject({
      code: 'FUNCTION_TIMEOUT',
    })
    await new Promise((resolve) => setTimeout(resolve, 700))
    expect(() => process.kill(pid, 0)).toThrow()
    const next = (await server.host.invoke('probe', {}, { kind: 'none' })) as Probe
    expect(next.pid).not.toBe(pid)
  })

  it('answers the calls of an instance that dies FUNCTION_CRASHED, then runs the next call in a new one', async () => {
    const { pid } = (await server.host.invoke('probe', {}, { kind: 'none' })) as Probe
    await expect(server.host.invoke('probe', { exit: 3 }, { kind: 'none' })).rejects.toMatchObject({
      code: 'FUNCTION_CRASHED',
    })
    const next = (await server.host.invoke('probe', {}, { kind: 'timer' })) as Probe
    expect(next.pid).not.toBe(pid)
    expect(next.env.TRIGGER_SRC).toBe('timer')
  })

  it('refuses a function it does not host', async () => {
    await expect(server.host.invoke('nope', {}, { kind: 'none' })).rejects.toMatchObject({
      code: 'UNKNOWN_FUNCTION',
    })
  })
})
