import { Admission, FunctionAdmission } from '../../emulator/gateway/admission'

/** A call that ends when told to, recording when it started. */
function gate() {
  let open!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { open, opened }
}

describe('gateway admission (function calls run a few at a time, first come first served)', () => {
  it('runs at most `limit` calls at once and starts the waiting ones in the order they arrived', async () => {
    const admission = new Admission(2)
    const started: number[] = []
    let running = 0
    let most = 0
    const gates = Array.from({ length: 6 }, () => gate())
    const calls = gates.map((g, i) =>
      admission.run(async () => {
        started.push(i)
        most = Math.max(most, ++running)
        await g.opened
        running--
        return i
      }),
    )
    await new Promise((r) => setImmediate(r))
    expect(started).toEqual([0, 1])
    // The second ends first: the next in line (2) takes its place, not a later arrival.
    gates[1]!.open()
    await new Promise((r) => setImmediate(r))
    expect(started).toEqual([0, 1, 2])
    for (const g of gates) g.open()
    expect(await Promise.all(calls)).toEqual([0, 1, 2, 3, 4, 5])
    expect(started).toEqual([0, 1, 2, 3, 4, 5])
    expect(most).toBe(2)
  })

  it('frees the place of a call that fails', async () => {
    const admission = new Admission(1)
    await expect(admission.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    await expect(admission.run(() => Promise.resolve('next'))).resolves.toBe('next')
  })

  it('refuses a limit that is not a positive whole number', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => new Admission(bad)).toThrow()
      expect(() => new FunctionAdmission(bad)).toThrow()
    }
  })

  it('gives each function and action its own places: a busy one holds up only its own calls', async () => {
    const admission = new FunctionAdmission(1)
    const slow = gate()
    const exporting = admission.run('stats', 'export', () => slow.opened)
    await expect(admission.run('health', 'report', () => Promise.resolve('report'))).resolves.toBe('report')
    // The same function's dashboard does not wait behind its export.
    await expect(admission.run('stats', 'dashboard', () => Promise.resolve('board'))).resolves.toBe('board')
    let second = false
    const queued = admission.run('stats', 'export', async () => void (second = true))
    await new Promise((r) => setImmediate(r))
    expect(second).toBe(false)
    slow.open()
    await Promise.all([exporting, queued])
    expect(second).toBe(true)
  })

  it('keeps places only for what runs or waits: made-up action names leave nothing behind', async () => {
    const admission = new FunctionAdmission(2)
    const held = gate()
    const running = admission.run('stats', 'export', () => held.opened)
    await Promise.all(
      Array.from({ length: 100 }, (_x, i) =>
        admission.run('stats', `made-up-${i}`, () => Promise.resolve(i)),
      ),
    )
    await admission.run('stats', { not: 'a name' }, () => Promise.resolve())
    expect(admission.size).toBe(1)
    held.open()
    await running
    expect(admission.size).toBe(0)
  })
})
