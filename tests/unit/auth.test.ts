import Database from 'better-sqlite3'
import { hashPassword, verifyPassword } from '../../emulator/gateway/auth'
import { clientAddress, trustProxyFrom } from '../../emulator/gateway/client-address'
import { isCommonPassword } from '../../emulator/gateway/passwords'
import { LoginThrottle } from '../../emulator/gateway/throttle'
import { UPLOAD_QUOTA, UploadLedger } from '../../emulator/gateway/uploads'
import type { IncomingMessage } from 'node:http'

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('abc12345')
    expect(hash).toMatch(/^scrypt\$/)
    expect(hash).not.toContain('abc12345')
    await expect(verifyPassword('abc12345', hash)).resolves.toBe(true)
    await expect(verifyPassword('abc12346', hash)).resolves.toBe(false)
  })

  it('salts every hash', async () => {
    expect(await hashPassword('same1234')).not.toBe(await hashPassword('same1234'))
  })
})

describe('login throttle (counted before the password is checked)', () => {
  const limits = { phone: 5, client: 20, windowMs: 60_000, lockMs: 120_000 }
  const throttle = () => new LoginThrottle(new Database(':memory:'), limits)

  it('reserves five attempts on a phone, refuses the sixth unread, and locks after the fifth failure', () => {
    const t = throttle()
    const slots = Array.from({ length: 6 }, () => t.reserve('p', 'c1', 1000))
    expect(slots.filter((s) => s.ok)).toHaveLength(5)
    expect(slots[5]).toMatchObject({ ok: false, client: false })
    for (const s of slots) if (s.ok) t.failed(s.keys, 1000)
    expect(t.lockedFor('p', 1000)).toBe(120_000)
    expect(t.reserve('p', 'c2', 1000 + 119_999).ok).toBe(false)
    expect(t.reserve('p', 'c2', 1000 + 120_001).ok).toBe(true)
  })

  it('counts attempts left, and a success starts the phone again', () => {
    const t = throttle()
    const a = t.reserve('p', 'c', 0)
    if (a.ok) t.failed(a.keys, 0)
    expect(t.attemptsLeft('p', 0)).toBe(4)
    const b = t.reserve('p', 'c', 1)
    if (b.ok) t.succeeded(b.keys)
    expect(t.attemptsLeft('p', 1)).toBe(5)
  })

  it('limits one client across many phones: 20 failures lock the client, not the next phone', () => {
    const t = throttle()
    for (let i = 0; i < 20; i++) {
      const s = t.reserve(`p${i}`, 'c', 0)
      if (s.ok) t.failed(s.keys, 0)
    }
    expect(t.reserve('p99', 'c', 1)).toMatchObject({ ok: false, client: true })
    expect(t.reserve('p99', 'other', 1).ok).toBe(true)
  })

  it('an unlock lifts a phone lock', () => {
    const t = throttle()
    for (let i = 0; i < 5; i++) {
      const s = t.reserve('p', `c${i}`, 0)
      if (s.ok) t.failed(s.keys, 0)
    }
    expect(t.lockedFor('p', 0)).toBeGreaterThan(0)
    expect(t.unlock('p')).toBe(true)
    expect(t.reserve('p', 'c', 0).ok).toBe(true)
  })
})

describe('client address behind a reverse proxy', () => {
  const req = (peer: string, xff?: string) =>
    ({
      socket: { remoteAddress: peer },
      headers: xff ? { 'x-forwarded-for': xff } : {},
    }) as unknown as IncomingMessage

  it('ignores X-Forwarded-For unless the peer is a trusted proxy', () => {
    expect(clientAddress(req('203.0.113.9', '1.2.3.4'), trustProxyFrom(undefined))).toBe('203.0.113.9')
    expect(clientAddress(req('127.0.0.1', '1.2.3.4'), trustProxyFrom(''))).toBe('127.0.0.1')
  })

  it('takes the address the trusted proxy appended, not what the client prepended', () => {
    const loopback = trustProxyFrom('loopback')
    expect(clientAddress(req('::ffff:127.0.0.1', '6.6.6.6, 198.51.100.7'), loopback)).toBe('198.51.100.7')
    const listed = trustProxyFrom('10.0.0.2, 10.0.0.3')
    expect(clientAddress(req('10.0.0.2', '198.51.100.7, 10.0.0.3'), listed)).toBe('198.51.100.7')
    expect(clientAddress(req('10.0.0.9', '198.51.100.7'), listed)).toBe('10.0.0.9')
  })
})

describe('common passwords', () => {
  it.each(['password1', 'Aa123456', 'qwer1234', 'abc12345', 'WOAINI1314', 'iloveyou1'])(
    '%s is refused',
    (p) => expect(isCommonPassword(p)).toBe(true),
  )
  it.each(['Demo1234', 'Hz7kq2Lm', 'shop2020reopen'])('%s is allowed', (p) =>
    expect(isCommonPassword(p)).toBe(false),
  )
})

describe('upload ledger (daily quota per person, reserved atomically)', () => {
  it('refuses the upload that would pass the day’s bytes, counts a request id once, and starts again the next day', () => {
    const ledger = new UploadLedger(new Database(':memory:'))
    const tenMiB = 10 * 1024 * 1024
    for (let i = 0; i < UPLOAD_QUOTA.bytes / tenMiB; i++)
      expect(ledger.reserve('u', `r${i}`, '2020-02-10', tenMiB, 'image/png', 0)).toBe('ok')
    expect(ledger.reserve('u', 'one-more', '2020-02-10', 1, 'image/png', 0)).toBe('quota')
    expect(ledger.reserve('u', 'r0', '2020-02-10', 1, 'image/png', 0)).toBe('taken')
    expect(ledger.reserve('u', 'one-more', '2020-02-11', 1, 'image/png', 0)).toBe('ok')
    expect(ledger.reserve('someone-else', 'x', '2020-02-10', tenMiB, 'image/png', 0)).toBe('ok')
  })
})
