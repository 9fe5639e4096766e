import {
  createInviteInput,
  INVITE_CODE_ALPHABET,
  INVITE_CODE_PATTERN,
  redeemInviteInput,
  registerInput,
  setupInput,
} from '../../shared/schemas/account'
import { newInviteCode } from '../../cloudfunctions/account/usecases'
import { AppError } from '../../shared/errors'
import { maskPhone } from '../../shared/mask'
import { parseInput } from '../../shared/validate'

function messageOf(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(AppError)
    expect((e as AppError).code).toBe('INVALID_INPUT')
    return (e as AppError).message
  }
  throw new Error('expected a failure')
}

describe('account schemas', () => {
  it('accepts a valid registration and trims it', () => {
    expect(
      parseInput(registerInput, { phone: ' 13812345678 ', password: 'abc12345', name: ' 张三 ' }),
    ).toEqual({
      phone: '13812345678',
      password: 'abc12345',
      name: '张三',
    })
  })

  it('explains bad phones, weak passwords and missing fields in Chinese', () => {
    expect(
      messageOf(() => parseInput(registerInput, { phone: '12345', password: 'abc12345', name: '张三' })),
    ).toBe('请填写11位手机号')
    expect(
      messageOf(() =>
        parseInput(registerInput, { phone: '13812345678', password: 'abcdefgh', name: '张三' }),
      ),
    ).toBe('密码需同时包含字母和数字')
    expect(messageOf(() => parseInput(registerInput, { phone: '13812345678', password: 'abc12345' }))).toBe(
      '请填写姓名',
    )
  })

  it('refuses unknown fields, so identity cannot be smuggled in the body', () => {
    expect(
      messageOf(() =>
        parseInput(setupInput, { name: '张三', phone: '13812345678', role: 'owner', openid: 'x' }),
      ),
    ).toContain('openid')
  })

  it('does not let anyone pick a staff role at setup', () => {
    expect(
      messageOf(() => parseInput(setupInput, { name: '张三', phone: '13812345678', role: 'admin' })),
    ).toBe('请选择您的身份')
  })

  it('normalises invite codes people type', () => {
    expect(parseInput(redeemInviteInput, { code: ' abcd-efgh ' })).toEqual({ code: 'ABCDEFGH' })
    expect(messageOf(() => parseInput(redeemInviteInput, { code: 'abc' }))).toBe('邀请码是8位字母和数字')
  })

  it('says a code with 0, 1, I or O cannot be one: the alphabet leaves them out', () => {
    for (const code of ['ZZZZ1234', 'ZZZZ0234', 'ZZZZIZZZ', 'OZZZZZZZ'])
      expect(messageOf(() => parseInput(redeemInviteInput, { code }))).toBe(
        '邀请码里没有数字0、1和字母I、O，请对照邀请码再核对一遍',
      )
    expect(messageOf(() => parseInput(redeemInviteInput, { code: 'ZZZZ_234' }))).toBe('邀请码只有字母和数字')
    for (let i = 0; i < 50; i++) expect(INVITE_CODE_PATTERN.test(newInviteCode())).toBe(true)
    expect([...INVITE_CODE_ALPHABET].filter((c) => '01IO'.includes(c))).toEqual([])
  })

  it('requires a department exactly for reviewers', () => {
    const scope = { streetId: 's1' }
    expect(messageOf(() => parseInput(createInviteInput, { role: 'reviewer', scope }))).toBe(
      '邀请审核人员时必须选择部门',
    )
    expect(
      messageOf(() => parseInput(createInviteInput, { role: 'admin', scope, department: 'safety' })),
    ).toBe('只有审核人员需要选择部门')
    expect(parseInput(createInviteInput, { role: 'reviewer', scope, department: 'safety' }).validHours).toBe(
      72,
    )
  })

  it('masks phones for display', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
  })
})
