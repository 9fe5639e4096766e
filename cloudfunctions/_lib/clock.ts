/**
 * The functions' clock. Production reads the system time; tests of slot boundaries, expiry scans and
 * quarantine ends set `clock.now` to a fixed Shanghai moment (the emulator hosts functions in-process, so
 * a test shares this module with the functions it calls).
 */
export const clock = {
  now: (): number => Date.now(),
}
