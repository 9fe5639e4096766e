import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import type { AccountView } from '../../shared/account'
import { DEFAULT_RULES } from '../../shared/health'
import type { AuditDoc } from '../../cloudfunctions/_lib/audit'
import { DEMO, NEW_USER_PASSWORD, TestCloud } from '../helpers/cloud'

/**
 * The admin function: communities and grids, staff assignment, roles and deactivation, the audit log; street
 * admins and community-level admins; and the guarantee that audit entries are only ever added.
 */

let cloud: TestCloud
let admin: string
let gridWorker: string
let butler: string
let economy: string
let owner: string
let resident: string

type Entry = AuditDoc
type Page<T> = { items: T[]; total: number }

let seq = 0
const phone = () => `135${String(++seq).padStart(8, '0')}`
const adminOk = <T = Record<string, unknown>>(
  token: string,
  action: string,
  input: Record<string, unknown> = {},
) => cloud.ok<T>(token, 'admin', { action, ...input })
const adminCall = (token: string, action: string, input: Record<string, unknown> = {}) =>
  cloud.call(token, 'admin', { action, ...input })

/** Every audit entry, oldest first, straight from the database. */
async function allEntries(): Promise<Entry[]> {
  const { data } = await cloud
    .sdk()
    .database()
    .collection('audit_logs')
    .orderBy('at', 'asc')
    .limit(1000)
    .get()
  return data as Entry[]
}

async function accountOf(phoneNumber: string): Promise<{ _id: string; scope: Record<string, string> }> {
  const { data } = await cloud
    .sdk()
    .database()
    .collection('accounts')
    .where({ phone: phoneNumber })
    .limit(1)
    .get()
  return data[0] as { _id: string; scope: Record<string, string> }
}

/** A new user made a community-level admin through an invitation. */
async function communityAdminOf(communityId: string): Promise<{ token: string; accountId: string }> {
  const { invite } = await cloud.ok<{ invite: { code: string } }>(admin, 'account', {
    action: 'createInvite',
    role: 'admin',
    scope: { streetId: 'street-demo', communityId },
  })
  const token = await cloud.newUser(phone(), 'resident', '社区干部')
  const { account } = await cloud.ok<{ account: AccountView }>(token, 'account', {
    action: 'redeemInvite',
    code: invite.code,
  })
  expect(account).toMatchObject({ role: 'admin', scope: { streetId: 'street-demo', communityId } })
  return { token, accountId: account._id }
}

beforeAll(async () => {
  cloud = await TestCloud.start()
  ;[admin, gridWorker, butler, economy, owner, resident] = await Promise.all(
    [DEMO.admin, DEMO.gridWorker, DEMO.butler, DEMO.economy, DEMO.owner, DEMO.resident].map((p) =>
      cloud.login(p),
    ),
  )
})
afterAll(() => cloud.stop())

describe('communities and grids', () => {
  it('create, rename, assign staff, move a grid; each change has its audit entry with before and after', async () => {
    const { community } = await adminOk<{ community: { _id: string } }>(admin, 'createCommunity', {
      name: '新河社区',
    })
    const { grid } = await adminOk<{ grid: { _id: string; communityId: string } }>(admin, 'createGrid', {
      communityId: community._id,
      name: '新河第一网格',
    })
    expect(grid.communityId).toBe(community._id)
    await adminOk(admin, 'renameCommunity', { communityId: community._id, name: '新河湾社区' })
    await adminOk(admin, 'renameGrid', { gridId: grid._id, name: '新河湾一网格' })

    const butlerAccount = await accountOf(DEMO.butler)
    const assigned = await adminOk<{ account: AccountView }>(admin, 'assignStaff', {
      accountId: butlerAccount._id,
      gridId: grid._id,
    })
    expect(assigned.account).toMatchObject({
      role: 'butler',
      scope: { streetId: 'street-demo', communityId: community._id, gridId: grid._id },
      scopeNames: { street: '东湖街道', community: '新河湾社区', grid: '新河湾一网格' },
    })

    const moved = await adminOk<{ accountsMoved: number }>(admin, 'moveGrid', {
      gridId: grid._id,
      communityId: 'community-heping',
    })
    expect(moved.accountsMoved).toBe(1)
    expect((await accountOf(DEMO.butler)).scope).toEqual({
      streetId: 'street-demo',
      communityId: 'community-heping',
      gridId: grid._id,
    })
    // The butler works in the moved grid as part of its new community.
    const me = await cloud.ok<{ account: AccountView }>(butler, 'account', { action: 'me' })
    expect(me.account.scopeNames).toEqual({ street: '东湖街道', community: '和平社区', grid: '新河湾一网格' })

    const tree = await adminOk<{
      communities: {
        _id: string
        name: string
        grids: { _id: string; name: string; staff: { name: string }[] }[]
      }[]
    }>(admin, 'tree')
    const heping = tree.communities.find((c) => c._id === 'community-heping')!
    expect(heping.grids.find((g) => g._id === grid._id)).toMatchObject({
      name: '新河湾一网格',
      staff: [{ name: '赵磊' }],
    })
    expect(tree.communities.find((c) => c._id === community._id)).toMatchObject({
      name: '新河湾社区',
      grids: [],
    })
    const scopes = await cloud.ok<{ communities: { _id: string; grids: { _id: string }[] }[] }>(
      resident,
      'account',
      {
        action: 'scopes',
      },
    )
    expect(scopes.communities.find((c) => c._id === 'community-heping')!.grids.map((g) => g._id)).toContain(
      grid._id,
    )

    const log = await adminOk<Page<Entry>>(admin, 'auditLog', { pageSize: 6 })
    expect(log.items.map((e) => e.action)).toEqual([
      'grid.move',
      'account.assign',
      'grid.rename',
      'community.rename',
      'grid.create',
      'community.create',
    ])
    expect(log.items.every((e) => e.actorName === '张伟' && e.streetId === 'street-demo')).toBe(true)
    expect(log.items[0]).toMatchObject({
      target: `grid:${grid._id}`,
      before: { communityId: community._id },
      after: { communityId: 'community-heping', accounts: [butlerAccount._id] },
    })
    expect(log.items[1]).toMatchObject({
      target: `account:${butlerAccount._id}`,
      before: { role: 'butler', scope: { gridId: 'grid-xingfu-1' } },
      after: { role: 'butler', scope: { gridId: grid._id } },
    })
    expect(log.items[3]).toMatchObject({ before: { name: '新河社区' }, after: { name: '新河湾社区' } })
    const ats = log.items.map((e) => e.at)
    expect(ats).toEqual([...ats].sort((a, b) => b - a))

    // Put the butler back for the other tests.
    await adminOk(admin, 'assignStaff', { accountId: butlerAccount._id, gridId: 'grid-xingfu-1' })
  })

  it('refuses moving a grid to where it is, and places that do not exist', async () => {
    expect(
      (await adminCall(admin, 'moveGrid', { gridId: 'grid-xingfu-1', communityId: 'community-xingfu' })).body,
    ).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    })
    expect(
      (await adminCall(admin, 'createGrid', { communityId: 'nope', name: '不存在的' })).body,
    ).toMatchObject({
      ok: false,
      code: 'SCOPE_NOT_FOUND',
    })
    expect((await adminCall(admin, 'renameGrid', { gridId: 'grid-xingfu-1', name: 'x' })).body).toMatchObject(
      {
        ok: false,
        code: 'INVALID_INPUT',
      },
    )
  })
})

describe('accounts', () => {
  it('paged, by role, by part of a name or the start of a phone number; phones masked', async () => {
    const reviewers = await adminOk<Page<AccountView>>(admin, 'accounts', { role: 'reviewer' })
    expect(reviewers.total).toBe(3)
    expect(reviewers.items.map((a) => a.department).sort()).toEqual(['economy', 'epidemic', 'safety'])
    const byName = await adminOk<Page<AccountView>>(admin, 'accounts', { search: '李' })
    expect(byName.items.map((a) => a.name)).toEqual(['李娜'])
    const byPhone = await adminOk<Page<AccountView>>(admin, 'accounts', { search: '1380000002' })
    expect(byPhone.items.map((a) => a.name)).toEqual(['陈静'])
    expect(byPhone.items[0]!.phone).toBe('138****0021')
    expect(byPhone.items[0]!.scopeNames).toEqual({
      street: '东湖街道',
      community: '幸福里社区',
      grid: '幸福里第一网格',
    })
    const page1 = await adminOk<Page<AccountView>>(admin, 'accounts', { page: 1, pageSize: 4 })
    const page2 = await adminOk<Page<AccountView>>(admin, 'accounts', { page: 2, pageSize: 4 })
    expect(page1.total).toBeGreaterThanOrEqual(9)
    expect(new Set([...page1.items, ...page2.items].map((a) => a._id)).size).toBe(8)
  })

  it('role changes go through the same scope rules as invitations', async () => {
    const p = phone()
    const old = await cloud.newUser(p, 'resident', '新网格员')
    const target = await accountOf(p)
    const made = await adminOk<{ account: AccountView }>(admin, 'setRole', {
      accountId: target._id,
      role: 'gridWorker',
      gridId: 'grid-heping-1',
    })
    // A new role ends the sessions signed in under the old one.
    expect((await cloud.call(old, 'account', { action: 'me' })).body).toMatchObject({ code: 'TOKEN_EXPIRED' })
    const token = await cloud.login(p, NEW_USER_PASSWORD)
    expect(made.account).toMatchObject({
      role: 'gridWorker',
      scope: { streetId: 'street-demo', communityId: 'community-heping', gridId: 'grid-heping-1' },
    })
    // The new grid worker sees their grid's dashboard at once.
    const d = await cloud.ok<{ scope: unknown }>(token, 'stats', { action: 'dashboard' })
    expect(d.scope).toEqual({
      streetId: 'street-demo',
      communityId: 'community-heping',
      gridId: 'grid-heping-1',
    })
    const inbox = await cloud.ok<{ items: { title: string; body: string }[] }>(token, 'account', {
      action: 'inbox',
    })
    expect(inbox.items[0]).toMatchObject({ title: '账号信息已变更', body: expect.stringContaining('网格员') })

    const refusals: [Record<string, unknown>, string][] = [
      [{ role: 'gridWorker' }, 'INVALID_INPUT'],
      [{ role: 'reviewer' }, 'INVALID_INPUT'],
      [{ role: 'reviewer', department: 'safety', communityId: 'community-heping' }, 'INVALID_INPUT'],
      [{ role: 'butler', gridId: 'grid-other' }, 'SCOPE_NOT_FOUND'],
    ]
    for (const [input, code] of refusals) {
      const r = await adminCall(admin, 'setRole', { accountId: target._id, ...input })
      expect([input, r.body]).toEqual([input, expect.objectContaining({ ok: false, code })])
    }
    const reviewer = await adminOk<{ account: AccountView }>(admin, 'setRole', {
      accountId: target._id,
      role: 'reviewer',
      department: 'safety',
    })
    expect(reviewer.account).toMatchObject({
      role: 'reviewer',
      department: 'safety',
      scope: { streetId: 'street-demo' },
    })
    const back = await adminOk<{ account: AccountView }>(admin, 'setRole', {
      accountId: target._id,
      role: 'resident',
    })
    expect(back.account.department).toBeUndefined()
    expect(
      (await adminCall(admin, 'assignStaff', { accountId: target._id, gridId: 'grid-heping-1' })).body,
    ).toMatchObject({
      ok: false,
      code: 'NOT_STAFF',
    })
  })

  it('a deactivated account is refused by every function until reactivated; nobody changes themselves', async () => {
    const p = phone()
    const token = await cloud.newUser(p, 'employee', '待停用')
    const target = await accountOf(p)
    const off = await adminOk<{ changed: boolean }>(admin, 'setDisabled', {
      accountId: target._id,
      disabled: true,
      reason: '离职',
    })
    expect(off.changed).toBe(true)
    for (const [fn, action] of [
      ['account', 'me'],
      ['health', 'myStatus'],
      ['errand', 'mine'],
    ]) {
      expect((await cloud.call(token, fn!, { action })).body).toMatchObject({
        ok: false,
        code: 'ACCOUNT_DISABLED',
      })
    }
    expect(
      (await adminOk<{ changed: boolean }>(admin, 'setDisabled', { accountId: target._id, disabled: true }))
        .changed,
    ).toBe(false)
    await adminOk(admin, 'setDisabled', { accountId: target._id, disabled: false })
    // The sessions from before the deactivation stay ended; signing in again works.
    expect((await cloud.call(token, 'account', { action: 'me' })).body).toMatchObject({
      code: 'TOKEN_EXPIRED',
    })
    const again = await cloud.login(p, NEW_USER_PASSWORD)
    expect((await cloud.call(again, 'account', { action: 'me' })).body.ok).toBe(true)
    const [last, previous] = (await adminOk<Page<Entry>>(admin, 'auditLog', { pageSize: 2 })).items
    expect(last).toMatchObject({
      action: 'account.enable',
      before: { disabled: true },
      after: { disabled: false },
    })
    expect(previous).toMatchObject({ action: 'account.disable', after: { disabled: true, reason: '离职' } })

    const self = await accountOf(DEMO.admin)
    for (const [action, input] of [
      ['setDisabled', { accountId: self._id, disabled: true }],
      ['setRole', { accountId: self._id, role: 'resident' }],
    ] as const) {
      expect((await adminCall(admin, action, input)).body).toMatchObject({
        ok: false,
        code: 'SELF_CHANGE_REFUSED',
      })
    }
  })
})

describe('community-level admins', () => {
  it('act only inside their community; street matters stay with the street admin', async () => {
    const { token: heping, accountId } = await communityAdminOf('community-heping')
    const tree = await adminOk<{ communities: { _id: string }[] }>(heping, 'tree')
    expect(tree.communities.map((c) => c._id)).toEqual(['community-heping'])

    await adminOk(heping, 'renameGrid', { gridId: 'grid-heping-2', name: '和平第二网格（南）' })
    const { grid } = await adminOk<{ grid: { _id: string } }>(heping, 'createGrid', {
      communityId: 'community-heping',
      name: '和平第三网格',
    })
    // Street matters: the policy admits street admins only.
    for (const [action, input] of [
      ['createCommunity', { name: '越权社区' }],
      ['moveGrid', { gridId: grid._id, communityId: 'community-xingfu' }],
    ] as const) {
      expect((await adminCall(heping, action, input)).body).toMatchObject({
        ok: false,
        code: 'FORBIDDEN_ROLE',
        message: expect.stringMatching(/^只有街道管理员可以/),
      })
    }
    // Records outside the community: the scope rule.
    const forbidden: [string, Record<string, unknown>][] = [
      ['renameCommunity', { communityId: 'community-xingfu', name: '越权改名' }],
      ['createGrid', { communityId: 'community-xingfu', name: '越权网格' }],
      ['renameGrid', { gridId: 'grid-xingfu-1', name: '越权改名' }],
      ['assignStaff', { accountId: (await accountOf(DEMO.butler))._id, gridId: grid._id }],
      ['setRole', { accountId: (await accountOf(DEMO.resident))._id, role: 'owner' }],
      ['setDisabled', { accountId: (await accountOf(DEMO.economy))._id, disabled: true }],
    ]
    for (const [action, input] of forbidden) {
      expect([action, (await adminCall(heping, action, input)).body]).toEqual([
        action,
        expect.objectContaining({ ok: false, code: 'FORBIDDEN_SCOPE' }),
      ])
    }
    // Invitations: only into the community, never a street-level role.
    for (const [role, scope] of [
      ['reviewer', { streetId: 'street-demo' }],
      ['admin', { streetId: 'street-demo' }],
      ['admin', { streetId: 'street-demo', communityId: 'community-xingfu' }],
      ['butler', { streetId: 'street-demo', communityId: 'community-xingfu', gridId: 'grid-xingfu-1' }],
    ] as const) {
      const r = await cloud.call(heping, 'account', {
        action: 'createInvite',
        role,
        scope,
        ...(role === 'reviewer' ? { department: 'economy' } : {}),
      })
      expect([role, scope, r.body]).toEqual([
        role,
        scope,
        expect.objectContaining({ code: 'FORBIDDEN_SCOPE' }),
      ])
    }
    const { invite } = await cloud.ok<{ invite: { code: string } }>(heping, 'account', {
      action: 'createInvite',
      role: 'butler',
      scope: { streetId: 'street-demo', communityId: 'community-heping', gridId: grid._id },
    })
    const invites = await cloud.ok<Page<{ code: string }>>(heping, 'account', { action: 'listInvites' })
    expect(invites.items.map((i) => i.code)).toContain(invite.code)
    expect(
      invites.items.every(
        (i) => (i as { scope?: { communityId?: string } }).scope?.communityId === 'community-heping',
      ),
    ).toBe(true)
    // A butler of the community, then assigned within it.
    const p = phone()
    const token = await cloud.newUser(p, 'resident', '和平管家')
    await cloud.ok(token, 'account', { action: 'redeemInvite', code: invite.code })
    const staff = await accountOf(p)
    await adminOk(heping, 'assignStaff', { accountId: staff._id, gridId: 'grid-heping-1' })
    const listed = await adminOk<Page<AccountView>>(heping, 'accounts', {})
    expect(listed.items.every((a) => a.scope.communityId === 'community-heping')).toBe(true)
    expect(listed.items.map((a) => a.name)).toContain('和平管家')
    expect((await cloud.call(heping, 'health', { action: 'setRules', ...RULES })).body).toMatchObject({
      ok: false,
      code: 'FORBIDDEN_ROLE',
    })
    // Their audit log: what happened in their community, and what they did.
    const log = await adminOk<Page<Entry>>(heping, 'auditLog', { pageSize: 50 })
    expect(log.items.length).toBeGreaterThan(0)
    expect(log.items.every((e) => e.communityId === 'community-heping' || e.actorId === accountId)).toBe(true)
    expect(log.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['grid.create', 'grid.rename', 'invite.create']),
    )
  })
})

const { version: _version, ...DEFAULTS } = DEFAULT_RULES
const RULES = { ...DEFAULTS, effectiveFrom: '2026-03-01' }

/** A plausible input for every admin action, so the refusal is about the caller, not the input. */
const SAMPLE: Record<string, Record<string, unknown>> = {
  tree: {},
  // The district's: refused to every street's people.
  createStreet: { name: '测试街道' },
  renameStreet: { streetId: 'street-demo', name: '测试改名' },
  createCommunity: { name: '测试社区' },
  renameCommunity: { communityId: 'community-xingfu', name: '测试改名' },
  createGrid: { communityId: 'community-xingfu', name: '测试网格' },
  renameGrid: { gridId: 'grid-xingfu-1', name: '测试改名' },
  moveGrid: { gridId: 'grid-xingfu-2', communityId: 'community-heping' },
  assignStaff: { accountId: 'account-demo-butler', gridId: 'grid-xingfu-2' },
  accounts: {},
  setRole: { accountId: 'account-demo-resident', role: 'owner' },
  setDisabled: { accountId: 'account-demo-resident', disabled: true },
  auditLog: {},
  outbox: {},
  createApiKey: { label: '区防控指挥部' },
  apiKeys: {},
  revokeApiKey: { id: 'no-such-key' },
  getRetention: {},
  setRetention: { healthDays: 60, errandDays: 30, idNumberDays: 30 },
  // Only the local cloud reports backups: refused to everyone, admins too.
  recordBackup: { ok: true, name: 'reopen-20240101-030000.tar.gz', size: 1, kept: [] },
  backups: {},
  webhook: {},
  setWebhook: { url: 'https://example.org/reopen', time: '08:00', enabled: false },
}
/** Admin-function actions any account may call: how long personal data is kept is everyone's to read. */
const OPEN_TO_ALL = ['getRetention']

describe('who may administer', () => {
  it('non-admins are refused every admin action, and nothing changes', async () => {
    const { actions } = require('../../cloudfunctions/admin/actions') as { actions: Record<string, unknown> }
    expect(Object.keys(SAMPLE).sort()).toEqual(Object.keys(actions).sort())
    const before = await allEntries()
    for (const token of [gridWorker, butler, economy, owner, resident]) {
      for (const [action, input] of Object.entries(SAMPLE).filter(([a]) => !OPEN_TO_ALL.includes(a))) {
        expect([action, (await adminCall(token, action, input)).body]).toEqual([
          action,
          expect.objectContaining({ ok: false, code: 'FORBIDDEN_ROLE' }),
        ])
      }
    }
    expect(await allEntries()).toEqual(before)
    expect((await cloud.call(undefined, 'admin', { action: 'tree' })).body).toMatchObject({
      code: 'UNAUTHENTICATED',
    })
  })
})

describe('the audit log can only grow', () => {
  it('every change adds exactly its own entry and leaves every earlier one as it was', async () => {
    let before = await allEntries()
    // Reads, and what an admin is refused or finds nothing to do (a key that does not exist, a backup report).
    const READS = ['tree', 'accounts', 'auditLog', 'outbox', 'apiKeys', 'backups', 'getRetention', 'webhook']
    // Streets are the district's (a street admin is refused; tests/functions/district.test.ts has their entries).
    const NO_WRITE = [...READS, 'revokeApiKey', 'recordBackup', 'createStreet', 'renameStreet']
    const run = async (
      action: string,
      input: Record<string, unknown>,
      writes = !NO_WRITE.includes(action),
    ) => {
      await adminCall(admin, action, input)
      const after = await allEntries()
      // Every change writes exactly one entry; reads, refusals and no-ops none.
      expect([action, after.length - before.length]).toEqual([action, writes ? 1 : 0])
      const now = new Map(after.map((e) => [e._id, e]))
      for (const e of before) expect(now.get(e._id)).toEqual(e)
      before = after
    }
    for (const [action, input] of Object.entries(SAMPLE)) await run(action, input)
    // Refusals and no-ops write nothing.
    await run('setDisabled', { accountId: 'account-demo-resident', disabled: true }, false)
    await run('renameGrid', { gridId: 'grid-other', name: '不存在' }, false)
    await run('auditLog', { page: 2 })
  })

  it('no function has an action that changes or deletes audit entries', () => {
    const root = path.resolve(__dirname, '../../cloudfunctions')
    const functions = readdirSync(root).filter(
      (n) => !n.startsWith('_') && statSync(path.join(root, n)).isDirectory(),
    )
    expect(functions).toEqual(expect.arrayContaining(['account', 'admin', 'application', 'health', 'stats']))
    for (const fn of functions) {
      // Functions answering clients keep their action table in actions.ts; timers have none.
      const table = path.join(root, fn, 'actions.ts')
      const mod = (existsSync(table) ? require(table) : {}) as { actions?: Record<string, unknown> }
      for (const name of Object.keys(mod.actions ?? {})) {
        if (fn === 'admin' && name === 'auditLog') continue
        expect(`${fn}.${name}`).not.toMatch(/audit/i)
      }
    }
    // Every place the code names the collection either adds an entry or is admin.auditLog's read.
    const sources: string[] = []
    const walk = (dir: string) => {
      for (const n of readdirSync(dir)) {
        const p = path.join(dir, n)
        if (statSync(p).isDirectory()) walk(p)
        else if (p.endsWith('.ts')) sources.push(p)
      }
    }
    walk(root)
    let adds = 0
    for (const file of sources) {
      const src = readFileSync(file, 'utf8')
      const named = src.match(/['"]audit_logs['"]|,\s*`audit_logs`/g)?.length ?? 0
      // Every access goes through the typed accessor, col(db, 'audit_logs') or txCol(t, 'audit_logs'), reads a
      // page of it with pageOf(db, 'audit_logs', …), or reads one entry with getDoc(deps, 'audit_logs', id) (a
      // retried request finds the entry its first call wrote: _lib/once.ts).
      const uses = [
        ...src.matchAll(
          /\b(?:(?:col|txCol)\(\s*[\w.]+\s*,\s*['"`]audit_logs['"`]\s*\)|pageOf\(\s*[\w.]+\s*,\s*['"`]audit_logs['"`])/g,
        ),
      ]
      const reads = src.match(/\bgetDoc\(\s*[\w.]+\s*,\s*['"`]audit_logs['"`]\s*,/g)?.length ?? 0
      expect([file, uses.length + reads]).toEqual([file, named])
      for (const use of uses) {
        const next = /^\s*\.(\w+)\(/.exec(src.slice(use.index! + use[0].length))
        if (next) {
          expect([file, next[1]]).toEqual([file, 'add'])
          adds++
          continue
        }
        // The one read: admin's auditLog, whose body only queries.
        expect(file.endsWith(path.join('admin', 'usecases', 'audit.ts'))).toBe(true)
        const startOf = src.lastIndexOf('export async function', use.index)
        expect(src.slice(startOf, startOf + 40)).toContain('auditLog')
        const end = src.indexOf('\nexport ', use.index)
        const body = src.slice(startOf, end === -1 ? undefined : end)
        expect(body).not.toMatch(/\.(add|update|set|remove)\(/)
      }
    }
    expect(adds).toBeGreaterThanOrEqual(10)
  })
})
