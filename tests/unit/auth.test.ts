import { LoginThrottle, hashPassword, verifyPassword } from '../../emulator/gateway/auth'

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

describe('login throttle', () => {
  it('locks after five failures within the window and unlocks later', () => {
    const t = new LoginThrottle(5, 60_000, 120_000)
    for (let i = 0; i < 4; i++) t.fail('p', 1000 + i)
    expect(t.lockedFor('p', 2000)).toBe(0)
    t.fail('p', 2000)
    expect(t.lockedFor('p', 2000)).toBe(120_000)
    expect(t.lockedFor('p', 2000 + 120_001)).toBe(0)
  })

  it('forgets failures after a success', () => {
    const t = new LoginThrottle(2, 60_000, 60_000)
    t.fail('p', 0)
    t.succeed('p')
    t.fail('p', 1)
    expect(t.lockedFor('p', 1)).toBe(0)
  })
})
