import { isEditable, isOpen, nextState, roundOutcome, type ReviewDecision } from '../../shared/application'

const d = (decision: ReviewDecision['decision']): ReviewDecision => ({
  decision,
  reviewerId: 'r',
  reviewerName: 'R',
  at: 0,
})

describe('application state machine', () => {
  it('walks the happy path', () => {
    expect(nextState('draft', 'submit')).toBe('reviewing')
    expect(nextState('reviewing', 'approveAll')).toBe('approved')
    expect(nextState('approved', 'commitAll')).toBe('reopened')
    expect(nextState('reopened', 'revoke')).toBe('revoked')
  })

  it('allows resubmission after a return, and nothing after a rejection', () => {
    expect(nextState('reviewing', 'return')).toBe('returned')
    expect(nextState('returned', 'submit')).toBe('reviewing')
    expect(nextState('rejected', 'submit')).toBeUndefined()
  })

  it('refuses skipping steps', () => {
    expect(nextState('draft', 'approveAll')).toBeUndefined()
    expect(nextState('reviewing', 'commitAll')).toBeUndefined()
    expect(nextState('approved', 'revoke')).toBeUndefined()
  })

  it('editable only as draft or returned; open until decided or reopened', () => {
    expect(['draft', 'returned'].every((s) => isEditable(s as never))).toBe(true)
    expect(isEditable('reviewing')).toBe(false)
    expect(isOpen('approved')).toBe(true)
    expect(isOpen('rejected')).toBe(false)
    expect(isOpen('reopened')).toBe(false)
  })
})

describe('round outcome of the three-party review', () => {
  it('waits for all three approvals', () => {
    expect(roundOutcome({ economy: d('approve'), safety: d('approve') })).toBeUndefined()
    expect(roundOutcome({ economy: d('approve'), safety: d('approve'), epidemic: d('approve') })).toBe(
      'approveAll',
    )
  })

  it('a return or a reject decides at once; reject wins over return', () => {
    expect(roundOutcome({ safety: d('return') })).toBe('return')
    expect(roundOutcome({ economy: d('reject') })).toBe('reject')
    expect(roundOutcome({ economy: d('return'), epidemic: d('reject') })).toBe('reject')
  })
})
