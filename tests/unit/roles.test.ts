import { scopeContains, scopeLevel, roleLabel } from '../../shared/roles'

describe('scopes', () => {
  const street = { streetId: 's1' }
  const community = { streetId: 's1', communityId: 'c1' }
  const grid = { streetId: 's1', communityId: 'c1', gridId: 'g1' }

  it('a street contains its communities and grids, not another street', () => {
    expect(scopeContains(street, grid)).toBe(true)
    expect(scopeContains(street, community)).toBe(true)
    expect(scopeContains(street, { streetId: 's2' })).toBe(false)
  })

  it('a grid contains only itself', () => {
    expect(scopeContains(grid, grid)).toBe(true)
    expect(scopeContains(grid, { ...grid, gridId: 'g2' })).toBe(false)
    expect(scopeContains(grid, community)).toBe(false)
  })

  it('a community does not contain a grid of another community', () => {
    expect(scopeContains(community, { streetId: 's1', communityId: 'c2', gridId: 'g9' })).toBe(false)
  })

  it('names the level of a scope', () => {
    expect(scopeLevel(street)).toBe('street')
    expect(scopeLevel(community)).toBe('community')
    expect(scopeLevel(grid)).toBe('grid')
  })

  it('labels reviewers by department', () => {
    expect(roleLabel('reviewer', 'epidemic')).toBe('防疫专业队伍审核')
    expect(roleLabel('butler')).toBe('社区管家')
  })
})
