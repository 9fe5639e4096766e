import { maskIdNumber, maskPhone } from '../../shared/mask'

describe('display masks', () => {
  it('an ID number keeps its region prefix and last four characters', () => {
    expect(maskIdNumber('330106199001011234')).toBe('330***********1234')
    expect(maskIdNumber('33010619900101123X')).toBe('330***********123X')
  })

  it('anything that is not an 18-character ID number is shown as it is', () => {
    expect(maskIdNumber('')).toBe('')
    expect(maskIdNumber('12345')).toBe('12345')
  })

  it('a phone keeps its first three and last four digits', () => {
    expect(maskPhone('13800000001')).toBe('138****0001')
    expect(maskPhone('010-1234')).toBe('010-1234')
  })
})
