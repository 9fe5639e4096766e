/**
 * The functions' clock. Production reads the system time; tests of slot boundaries, expiry scans and
 * quarantine ends set `clock.now` to a fixed Shanghai moment (the emulator hosts functions in-process, so
 * a test shares this module with the functions it calls).
 */
const shiftMs = Number(process.env.REOPEN_CLOCK_SHIFT_MS ?? 0) || 0

export const clock = {
  /** REOPEN_CLOCK_SHIFT_MS moves a whole server's clock (benchmarks and demos run "at 09:00" any time). */
  now: (): number => Date.now() + shiftMs,
}
