import fs from 'node:fs'
import path from 'node:path'
import { canInspect, canReview, signableParties } from '../../client/pages/application/parts/access'
import { HOME_ENTRIES, entriesFor } from '../../client/pages/index/entries'
import { canReadHealth } from '../../client/pages/stats/parts/access'
import type { AccountView } from '../../shared/account'
import { POLICY, mayDo, type ActionRef, type Principal } from '../../shared/policy'
import type { Department, Role } from '../../shared/roles'

// The icons are components the test never renders.
jest.mock('@nutui/icons-react-taro', () => new Proxy({}, { get: () => () => null }))

/**
 * What the client shows is asked of the same access policy the functions enforce (shared/policy.ts): the home
 * entries, the page gates and the buttons about one record. Here: no entry leads a person to a page that turns
 * them away, every gated page names an action of the policy, and the buttons follow the policy's scope rules.
 */

const STREET = 'street-a'
const place = (communityId?: string, gridId?: string) => ({
  streetId: STREET,
  ...(communityId ? { communityId } : {}),
  ...(gridId ? { gridId } : {}),
})
function person(who: string, role: Role, scope = place(), department?: Department): Principal {
  return { _id: who, role, scope, ...(department ? { department } : {}) }
}
const PEOPLE: Principal[] = [
  person('owner', 'owner'),
  person('employee', 'employee'),
  person('resident', 'resident'),
  person('butler', 'butler', place('c1', 'g1')),
  person('gridWorker', 'gridWorker', place('c1', 'g1')),
  person('economy', 'reviewer', place(), 'economy'),
  person('safety', 'reviewer', place(), 'safety'),
  person('epidemic', 'reviewer', place(), 'epidemic'),
  person('streetAdmin', 'admin'),
  person('communityAdmin', 'admin', place('c1')),
]
const byId = (id: string) => PEOPLE.find((p) => p._id === id)!

/** Every page's gate, read from its source: `<AccountGate action={['fn', 'action']} audience={[…]}>`. */
function gates(): Map<string, { action: ActionRef; audience?: Role[] }> {
  const out = new Map<string, { action: ActionRef; audience?: Role[] }>()
  const root = path.join(__dirname, '../../client/pages')
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(file)
      else if (file.endsWith('.tsx')) {
        const m = /<AccountGate\s+action=\{\['(\w+)', '(\w+)'\]\}(?:\s+audience=\{\[([^\]]*)\]\})?/.exec(
          fs.readFileSync(file, 'utf8'),
        )
        if (!m) continue
        const url = `/pages/${path.relative(root, file).replace(/\.tsx$/, '')}`
        const audience = m[3]?.match(/\w+/g) as Role[] | undefined
        out.set(url, { action: [m[1], m[2]] as unknown as ActionRef, ...(audience ? { audience } : {}) })
      }
    }
  }
  walk(root)
  return out
}

it('every gated page names an action of the policy', () => {
  const found = gates()
  expect(found.size).toBeGreaterThan(30)
  for (const [url, { action }] of found) {
    const table = POLICY[action[0]] as Record<string, unknown> | undefined
    expect([url, Boolean(table?.[action[1]])]).toEqual([url, true])
  }
})

it.each(PEOPLE.map((p) => [p._id, p] as const))(
  'no home entry leads %s to a page that turns them away',
  (_id, p) => {
    const pages = gates()
    const shown = entriesFor(p).filter((e) => e.url)
    expect(shown.length).toBeGreaterThan(1)
    for (const e of shown) {
      const gate = pages.get(e.url!.split('?')[0]!)
      expect([e.key, Boolean(gate)]).toEqual([e.key, true])
      const admitted = mayDo(p, gate!.action) && (!gate!.audience || gate!.audience.includes(p.role))
      expect([e.key, admitted]).toEqual([e.key, true])
    }
  },
)

it('the home shows what the policy admits, narrowed only where an entry says so', () => {
  const keys = (id: string) => entriesFor(byId(id)).map((e) => e.key)
  // Health information: the epidemic team, not the economy and safety reviewers.
  expect(keys('epidemic')).toEqual(expect.arrayContaining(['keyPersons', 'healthBoard', 'review']))
  expect(keys('economy')).not.toContain('keyPersons')
  expect(keys('economy')).not.toContain('healthBoard')
  // Admins do not review; reviewers do not manage the street.
  expect(keys('streetAdmin')).not.toContain('review')
  expect(keys('epidemic')).not.toContain('manage')
  // Nothing of the staff's for a resident.
  expect(keys('resident')).toEqual(expect.not.arrayContaining(['dashboard', 'manage', 'butler', 'review']))
  // Some entry for everyone: the profile is the account's; the invitation is for staff.
  for (const p of PEOPLE) expect(keys(p._id)).toContain('profile')
  expect(keys('resident')).not.toContain('redeem')
  expect(HOME_ENTRIES.filter((e) => e.url).length).toBeGreaterThan(20)
})

it('screening rules: the street admin edits them, a community admin only reads', () => {
  expect(mayDo(byId('streetAdmin'), ['health', 'setRules'])).toBe(true)
  expect(mayDo(byId('communityAdmin'), ['health', 'setRules'])).toBe(false)
  expect(mayDo(byId('communityAdmin'), ['health', 'getRules'])).toBe(true)
})

it('the stats pages lock health figures for reviewers outside the epidemic team', () => {
  const account = (id: string) =>
    ({ ...byId(id), name: '', phone: '', scopeNames: {} }) as unknown as AccountView
  expect(canReadHealth(account('epidemic'))).toBe(true)
  expect(canReadHealth(account('gridWorker'))).toBe(true)
  expect(canReadHealth(account('economy'))).toBe(false)
  expect(canReadHealth(account('safety'))).toBe(false)
})

describe('buttons about one application follow its scope rules', () => {
  const app = (ownerId: string, communityId = 'c1') =>
    ({ ownerId, ...place(communityId, `${communityId}-g`) }) as unknown as Parameters<typeof canReview>[1]
  const account = (p: Principal) => p as unknown as AccountView

  it('a reviewer who owns the enterprise is not offered to review, inspect or revoke it', () => {
    const economy = account(byId('economy'))
    expect(canReview(economy, app('owner'))).toBe(true)
    expect(canReview(economy, app('economy'))).toBe(false)
    expect(canInspect(economy, app('economy'))).toBe(false)
  })

  it('who signs which party: the owner two, the community side by the community’s own staff', () => {
    expect(signableParties(account(byId('owner')), app('owner'))).toEqual(['enterprise', 'person'])
    expect(signableParties(account(byId('owner')), app('someone else'))).toEqual([])
    expect(signableParties(account(byId('gridWorker')), app('owner'))).toEqual(['community'])
    expect(signableParties(account(byId('gridWorker')), app('owner', 'c2'))).toEqual([])
    expect(signableParties(account(byId('streetAdmin')), app('owner', 'c2'))).toEqual(['community'])
    // A community admin signs for their own community only.
    expect(signableParties(account(byId('communityAdmin')), app('owner', 'c2'))).toEqual([])
    expect(signableParties(account(byId('economy')), app('owner'))).toEqual([])
  })
})
