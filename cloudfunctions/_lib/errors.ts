/** CloudBase (and the emulator) report a unique-index violation with a duplicate-key code or message. */
export function isDuplicateKey(e: unknown): boolean {
  const text = `${(e as { code?: unknown })?.code ?? ''} ${(e as { message?: unknown })?.message ?? ''}`
  return /duplicate|E11000/i.test(text)
}

/** A transaction that kept colliding with others beyond the SDK's own retries. */
export function isConflict(e: unknown): boolean {
  const text = `${(e as { code?: unknown })?.code ?? ''} ${(e as { message?: unknown })?.message ?? ''}`
  return /TRANSACTION_CONFLICT|TransactionConflict/i.test(text)
}
