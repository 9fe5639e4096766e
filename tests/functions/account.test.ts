import { DEMO, TestCloud } from '../helpers/cloud'
import type { AccountView, InviteView } from '../../shared/account'

let cloud: TestCloud
let admin: string

beforeAll(async () => {
  cloud = await TestCloud.start()
  admin = await cloud.login(DEMO.admin)
})
afterAll(() => cloud.stop())

describe('account.me and setup', () => {
  it('answers UNAUTHENTICATED without a login', async () => {
    const r = await cloud.call(undefined, 'account', { action: 'me' })
    expect(r.status).toBe(401)
    expect(r.body).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
  })

  it('a new web user has no account until setup, then has one (their own phone in full)', async () => {
    const reg = (await cloud.post('/api/auth/register', {
      phone: '13911110001',
      password: 'Reopen2020x',
      name: '新用户',
    })) as unknown as {
      body: { token: string }
    }
    const token = reg.body.token
    expect(await cloud.ok(token, 'account', { action: 'me' })).toEqual({
      account: null,
      // Registering at the gateway with this number proved it.
      proof: { phone: '139****0001', held: false },
    })
    const refused = await cloud.call(token, 'account', { action: 'inbox' })
    expect(refused.body).toMatchObject({ ok: false, code: 'ACCOUNT_NOT_SET_UP' })

    const { account } = await cloud.ok<{ account: AccountView }>(token, 'account', {
      action: 'setup',
      name: '新用户',
      phone: '13911110001',
      role: 'owner',
    })
    expect(account).toMatchObject({
      name: '新用户',
      phone: '13911110001',
      role: 'owner',
      scope: { streetId: 'street-demo' },
    })
    expect(account.scopeNames.street).toBe('东湖街道')
    const again = await cloud.call(token, 'account', {
      action: 'setup',
      name: '新用户',
      phone: '13911110001',
      role: 'owner',
    })
    expect(again.body).toMatchObject({ ok: false, code: 'ACCOUNT_EXISTS' })
    const me = await cloud.ok<{ account: AccountView }>(token, 'account', { action: 'me' })
    expect(me.account._id).toBe(account._id)
  })

  it('setting up twice at the same moment creates one account', async () => {
    const reg = (await cloud.post('/api/auth/register', {
      phone: '13911110002',
      password: 'Reopen2020x',
      name: '双击',
    })) as unknown as {
      body: { token: string }
    }
    const event = { action: 'setup', name: '双击', phone: '13911110002', role: 'resident' }
    const replies = await Promise.all([1, 2, 3].map(() => cloud.call(reg.body.token, 'account', event)))
    expect(replies.filter((r) => r.body.ok)).toHaveLength(1)
    expect(replies.filter((r) => !r.body.ok).map((r) => (r.body as { code: string }).code)).toEqual([
      'ACCOUNT_EXISTS',
      'ACCOUNT_EXISTS',
    ])
  })

  it('ignores identity smuggled in the event', async () => {
    const token = await cloud.newUser('13911110003')
    const r = await cloud.call(token, 'account', { action: 'me', identityKey: 'web:demo-admin' })
    expect(r.body).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    const me = await cloud.ok<{ account: AccountView }>(token, 'account', { action: 'me' })
    expect(me.account.role).toBe('resident')
  })

  it('updates the profile with validation', async () => {
    const token = await cloud.newUser('13911110004')
    const bad = await cloud.call(token, 'account', { action: 'updateProfile', phone: '123' })
    expect(bad.body).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '请填写11位手机号' })
    const { account } = await cloud.ok<{ account: AccountView }>(token, 'account', {
      action: 'updateProfile',
      name: '改名了',
    })
    expect(account.name).toBe('改名了')
  })
})

describe('invitations', () => {
  const gridScope = { streetId: 'street-demo', communityId: 'community-heping', gridId: 'grid-heping-2' }

  it('an admin invites a butler for a grid; the code works once and changes the role', async () => {
    const { invite } = await cloud.ok<{ invite: InviteView }>(admin, 'account', {
      action: 'createInvite',
      role: 'butler',
      scope: gridScope,
      note: '和平二网格管家',
    })
    expect(invite.code).toMatch(/^[A-Z2-9]{8}$/)
    expect(invite.qr).toMatch(/^data:image\/png;base64,/)
    expect(invite).toMatchObject({ status: 'unused', role: 'butler', scopeNames: { grid: '和平第二网格' } })

    const person = await cloud.newUser('13911110010')
    const { account } = await cloud.ok<{ account: AccountView }>(person, 'account', {
      action: 'redeemInvite',
      code: invite.code.toLowerCase(),
    })
    expect(account).toMatchObject({ role: 'butler', scope: gridScope })

    const other = await cloud.newUser('13911110011')
    const reused = await cloud.call(other, 'account', { action: 'redeemInvite', code: invite.code })
    expect(reused.body).toMatchObject({ ok: false, code: 'INVITE_USED' })
    const otherMe = await cloud.ok<{ account: AccountView }>(other, 'account', { action: 'me' })
    expect(otherMe.account.role).toBe('resident')

    const list = await cloud.ok<{ items: InviteView[]; total: number }>(admin, 'account', {
      action: 'listInvites',
      page: 1,
      pageSize: 50,
    })
    const listed = list.items.find((i) => i.code === invite.code)!
    expect(listed).toMatchObject({ status: 'used', usedBy: { name: '测试用户' } })
  })

  it('two people redeeming one code at once: exactly one gets it', async () => {
    const { invite } = await cloud.ok<{ invite: InviteView }>(admin, 'account', {
      action: 'createInvite',
      role: 'reviewer',
      department: 'safety',
      scope: { streetId: 'street-demo' },
    })
    const people = await Promise.all(
      ['13911110020', '13911110021', '13911110022', '13911110023'].map((p) => cloud.newUser(p)),
    )
    const replies = await Promise.all(
      people.map((t) => cloud.call(t, 'account', { action: 'redeemInvite', code: invite.code })),
    )
    expect(replies.filter((r) => r.body.ok)).toHaveLength(1)
    for (const r of replies.filter((r) => !r.body.ok)) expect(r.body).toMatchObject({ code: 'INVITE_USED' })
    const roles = await Promise.all(
      people.map((t) => cloud.ok<{ account: AccountView }>(t, 'account', { action: 'me' })),
    )
    expect(roles.filter((r) => r.account.role === 'reviewer')).toHaveLength(1)
    expect(roles.find((r) => r.account.role === 'reviewer')!.account.department).toBe('safety')
  })

  it('expired and revoked codes are refused, and a wrong code is not found', async () => {
    const { invite } = await cloud.ok<{ invite: InviteView }>(admin, 'account', {
      action: 'createInvite',
      role: 'gridWorker',
      scope: gridScope,
    })
    await cloud.ok(admin, 'account', { action: 'revokeInvite', code: invite.code })
    const person = await cloud.newUser('13911110030')
    expect(
      (await cloud.call(person, 'account', { action: 'redeemInvite', code: invite.code })).body,
    ).toMatchObject({
      code: 'INVITE_EXPIRED',
    })
    expect(
      (await cloud.call(person, 'account', { action: 'redeemInvite', code: 'ZZZZZZZZ' })).body,
    ).toMatchObject({
      code: 'INVITE_NOT_FOUND',
    })
  })

  it('refuses non-admins, other streets, and scopes that do not fit the role', async () => {
    const butler = await cloud.login(DEMO.butler)
    const reviewer = await cloud.login(DEMO.economy)
    for (const token of [butler, reviewer]) {
      const r = await cloud.call(token, 'account', {
        action: 'createInvite',
        role: 'admin',
        scope: { streetId: 'street-demo' },
      })
      expect(r.status).toBe(403)
      expect(r.body).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' })
      expect((await cloud.call(token, 'account', { action: 'listInvites' })).body).toMatchObject({
        code: 'FORBIDDEN_ROLE',
      })
    }
    const otherStreet = await cloud.call(admin, 'account', {
      action: 'createInvite',
      role: 'admin',
      scope: { streetId: 'street-other' },
    })
    expect(otherStreet.body).toMatchObject({ ok: false, code: 'FORBIDDEN_SCOPE' })
    const noGrid = await cloud.call(admin, 'account', {
      action: 'createInvite',
      role: 'butler',
      scope: { streetId: 'street-demo' },
    })
    expect(noGrid.body).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    const wrongGrid = await cloud.call(admin, 'account', {
      action: 'createInvite',
      role: 'butler',
      scope: { streetId: 'street-demo', communityId: 'community-xingfu', gridId: 'grid-heping-1' },
    })
    expect(wrongGrid.body).toMatchObject({ ok: false, code: 'SCOPE_NOT_FOUND' })
  })

  it('lists the scope tree for pickers', async () => {
    const tree = await cloud.ok<{ communities: { name: string; grids: unknown[] }[] }>(admin, 'account', {
      action: 'scopes',
    })
    expect(tree.communities.map((c) => c.name)).toEqual(['幸福里社区', '和平社区'])
    expect(tree.communities.every((c) => c.grids.length === 2)).toBe(true)
  })
})

describe('inbox', () => {
  it('shows the welcome message, counts unread, and marks read only one’s own messages', async () => {
    const resident = await cloud.login(DEMO.resident)
    const box = await cloud.ok<{ items: { _id: string }[]; unread: number; total: number }>(
      resident,
      'account',
      { action: 'inbox' },
    )
    expect(box.total).toBe(1)
    expect(box.unread).toBe(1)
    const owner = await cloud.login(DEMO.owner)
    const ownerBox = await cloud.ok<{ items: { _id: string }[]; unread: number }>(owner, 'account', {
      action: 'inbox',
    })
    await cloud.ok(owner, 'account', { action: 'markRead', ids: [box.items[0]!._id] })
    expect((await cloud.ok<{ unread: number }>(resident, 'account', { action: 'inbox' })).unread).toBe(1)
    expect(
      (
        await cloud.ok<{ unread: number }>(owner, 'account', {
          action: 'markRead',
          ids: [ownerBox.items[0]!._id],
        })
      ).unread,
    ).toBe(0)
  })
})
