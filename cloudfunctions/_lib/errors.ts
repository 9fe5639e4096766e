/** CloudBase (and the emulator) report a unique-index violation with a duplicate-key code or message. */
export function isDuplicateKey(e: unknown): boolean {
  const text = `${(e as { code?: unknown })?.code ?? ''} ${(e as { message?: unknown })?.message ?? ''}`
  return /duplicate|E11000/i.test(text)
}
