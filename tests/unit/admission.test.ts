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

  it('gives each function its own places: a busy function does not hold up another', async () => {
    const admission = new FunctionAdmission(1)
    const slow = gate()
    const stats = admission.run('stats', () => slow.opened)
    await expect(admission.run('health', () => Promise.resolve('report'))).resolves.toBe('report')
    let second = false
    const queued = admission.run('stats', async () => void (second = true))
    await new Promise((r) => setImmediate(r))
    expect(second).toBe(false)
    slow.open()
    await Promise.all([stats, queued])
    expect(second).toBe(true)
  })
})
