import { createHash } from 'node:crypto'

/**
 * The stored form of a one-time password reset code (reset_codes.codeHash): the account function stores it,
 * the sign-in service (emulator/gateway/accounts.ts) compares against it.
 */
export function hashResetCode(code: string): string {
  return createHash('sha256').update(code.trim().toUpperCase()).digest('hex')
}
