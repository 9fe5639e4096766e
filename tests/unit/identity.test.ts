import { identityFromContext } from '../../cloudfunctions/_lib/identity'
import { environmentFor } from '../../emulator/functions/host'

const ctx = (environment: string) => ({ environment, request_id: 'r', function_name: 'f' })

describe('caller identity from the platform context', () => {
  it('reads the mini-program OPENID', () => {
    expect(identityFromContext(ctx(environmentFor({ kind: 'wx', openid: 'o-123' }, 'env')))).toEqual({
      kind: 'wx',
      key: 'wx:o-123',
      openid: 'o-123',
    })
  })

  it('reads the custom-login user id of a web caller', () => {
    expect(identityFromContext(ctx(environmentFor({ kind: 'custom', uid: 'u1' }, 'env')))).toEqual({
      kind: 'web',
      key: 'web:u1',
      uid: 'u1',
    })
  })

  it('has no identity for timers, missing or broken contexts', () => {
    expect(identityFromContext(ctx(environmentFor({ kind: 'none' }, 'env'))).kind).toBe('none')
    expect(identityFromContext(undefined).kind).toBe('none')
    expect(identityFromContext(ctx('{not json')).kind).toBe('none')
  })
})
