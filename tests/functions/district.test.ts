import type { AccountView, InviteView, ScopeTree } from '../../shared/account'
import type { DailyExport, DashboardView, TrendView } from '../../shared/stats'
import { shanghaiDate } from '../../shared/time'
import { DEMO, TestCloud } from '../helpers/cloud'

/**
 * The district level (区级): district staff add and rename streets, read every street's figures for a day (the
 * district summary and the daily export, the same numbers each street's dashboard shows) and nothing else of a
 * street; no street admin can make anyone district staff. The policy matrix (policy.test.ts) calls every other
 * action as a district person too.
 */

let cloud: TestCloud
let admin: string
let district: string
beforeAll(async () => {
  cloud = await TestCloud.start()
  admin = await cloud.login(DEMO.admin)
  district = await cloud.login(DEMO.district)
})
afterAll(() => cloud.stop())

interface StreetView {
  _id: string
  name: string
}
const today = () => shanghaiDate(Date.now())
const streetCount = async () => (await cloud.sdk().database().collection('streets').count()).total

describe('streets, created and renamed by the district', () => {
  it('creates a street once per request, however often it is sent, and refuses a second of the same name', async () => {
    const before = await streetCount()
    const input = { action: 'createStreet', name: '  西湖街道 ', requestId: 'req-street-1' }
    const [a, b] = await Promise.all([
      cloud.ok<{ street: StreetView }>(district, 'admin', input),
      cloud.ok<{ street: StreetView }>(district, 'admin', input),
    ])
    expect(a.street).toMatchObject({ name: '西湖街道' })
    expect(b.street._id).toBe(a.street._id)
    const again = await cloud.ok<{ street: StreetView }>(district, 'admin', input)
    expect(again.street._id).toBe(a.street._id)
    expect(await streetCount()).toBe(before + 1)

    const same = await cloud.call(district, 'admin', { action: 'createStreet', name: '西湖街道' })
    expect(same.body).toMatchObject({ ok: false, code: 'CONFLICT', message: '已有同名的街道，请换一个名称' })
    expect(await streetCount()).toBe(before + 1)
  })

  it('lets a newcomer choose among the streets, and refuses a setup that names none once there are several', async () => {
    const newcomer = await cloud.register('13911119001', '新居民')
    const { streets } = await cloud.ok<{ streets: StreetView[] }>(newcomer, 'account', { action: 'streets' })
    expect(streets.map((s) => s.name)).toEqual(expect.arrayContaining(['东湖街道', '西湖街道']))
    const none = await cloud.call(newcomer, 'account', { action: 'setup', name: '新居民', role: 'resident' })
    expect(none.body).toMatchObject({ ok: false, message: '请选择您所在的街道' })
    const west = streets.find((s) => s.name === '西湖街道')!
    // Reading the places before choosing answers (it refused '请选择您所在的街道', a question it takes no answer to):
    // the first street, or the one named.
    const first = await cloud.ok<ScopeTree>(newcomer, 'account', { action: 'scopes' })
    expect(first.street.name).toBe('东湖街道')
    const named = await cloud.ok<ScopeTree>(newcomer, 'account', { action: 'scopes', streetId: west._id })
    expect(named).toEqual({ street: { _id: west._id, name: '西湖街道' }, communities: [] })
    const nowhere = await cloud.call(newcomer, 'account', { action: 'scopes', streetId: 'street-nowhere' })
    expect(nowhere.body).toMatchObject({ ok: false, code: 'SCOPE_NOT_FOUND' })
    const unknown = await cloud.call(newcomer, 'account', {
      action: 'setup',
      name: '新居民',
      role: 'resident',
      streetId: 'street-nowhere',
    })
    expect(unknown.body).toMatchObject({ ok: false, code: 'SCOPE_NOT_FOUND', message: '所选街道不存在' })
    const made = await cloud.ok<{ account: { scope: { streetId: string } } }>(newcomer, 'account', {
      action: 'setup',
      name: '新居民',
      role: 'resident',
      streetId: west._id,
    })
    expect(made.account.scope).toEqual({ streetId: west._id })
  })

  it('validates names with a clear message', async () => {
    for (const [name, message] of [
      ['', '街道名称至少2个字'],
      ['街', '街道名称至少2个字'],
      ['很'.repeat(31), '街道名称不能超过30个字'],
    ] as const) {
      const r = await cloud.call(district, 'admin', { action: 'createStreet', name })
      expect(r.body).toMatchObject({ ok: false, code: 'INVALID_INPUT', message })
    }
  })

  it('renames a street, refusing a name another street has and a street that does not exist', async () => {
    const { street } = await cloud.ok<{ street: StreetView }>(district, 'admin', {
      action: 'createStreet',
      name: '临时街道',
    })
    await cloud.ok(district, 'admin', { action: 'renameStreet', streetId: street._id, name: '北山街道' })
    const { data } = await cloud.sdk().database().collection('streets').doc(street._id).get()
    expect((data[0] as StreetView).name).toBe('北山街道')
    const taken = await cloud.call(district, 'admin', {
      action: 'renameStreet',
      streetId: street._id,
      name: '西湖街道',
    })
    expect(taken.body).toMatchObject({ ok: false, code: 'CONFLICT' })
    const missing = await cloud.call(district, 'admin', {
      action: 'renameStreet',
      streetId: 'street-nowhere',
      name: '南山街道',
    })
    expect(missing.body).toMatchObject({ ok: false, code: 'SCOPE_NOT_FOUND' })
    const log = await cloud
      .sdk()
      .database()
      .collection('audit_logs')
      .where({ target: `street:${street._id}` })
      .get()
    expect((log.data as { action: string }[]).map((e) => e.action).sort()).toEqual([
      'street.create',
      'street.rename',
    ])
  })

  it("is not a street admin's to do", async () => {
    for (const event of [
      { action: 'createStreet', name: '越权街道' },
      { action: 'renameStreet', streetId: 'street-demo', name: '越权街道' },
    ]) {
      const r = await cloud.call(admin, 'admin', event)
      expect(r.body).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' })
    }
  })
})

describe('district staff', () => {
  it('see one row per street, each the very figures of that street’s dashboard', async () => {
    const summary = await cloud.ok<DailyExport>(district, 'stats', {
      action: 'districtSummary',
      date: today(),
    })
    const { data } = await cloud.sdk().database().collection('streets').limit(1000).get()
    expect(summary.streets.map((s) => s.streetId).sort()).toEqual(
      (data as StreetView[]).map((s) => s._id).sort(),
    )
    const dash = await cloud.ok<DashboardView>(admin, 'stats', {
      action: 'dashboard',
      from: today(),
      to: today(),
    })
    expect(summary.streets.find((s) => s.streetId === 'street-demo')).toEqual({
      streetId: 'street-demo',
      streetName: dash.scopeNames.street,
      figures: dash.figures,
    })
    // A new street has nothing yet: its row is there, with zeros.
    const empty = summary.streets.find((s) => s.streetId !== 'street-demo')!
    expect(Object.values(empty.figures).every((v) => v === 0 || v === null)).toBe(true)
  })

  it('fetch the daily export for every street, one CSV row each', async () => {
    const res = await fetch(`${cloud.url}/api/export/daily?date=${today()}&format=csv`, {
      headers: { authorization: `Bearer ${district}` },
    })
    expect(res.status).toBe(200)
    const lines = (await res.text()).trimEnd().split('\r\n')
    expect(lines).toHaveLength(1 + (await streetCount()))
    const json = await fetch(`${cloud.url}/api/export/daily?date=${today()}`, {
      headers: { authorization: `Bearer ${district}` },
    })
    const body = (await json.json()) as DailyExport
    const summary = await cloud.ok<DailyExport>(district, 'stats', {
      action: 'districtSummary',
      date: today(),
    })
    expect(body.streets).toEqual(summary.streets)
  })

  it('issue an API key that fetches every street, and revoke it', async () => {
    const { key, secret } = await cloud.ok<{ key: { _id: string }; secret: string }>(district, 'admin', {
      action: 'createApiKey',
      label: '区大数据平台',
    })
    const res = await fetch(`${cloud.url}/api/export/daily?date=${today()}&format=csv`, {
      headers: { 'x-api-key': secret },
    })
    expect(res.status).toBe(200)
    expect((await res.text()).trimEnd().split('\r\n')).toHaveLength(1 + (await streetCount()))
    // The street admin neither sees nor revokes the district's key.
    const theirs = await cloud.ok<{ items: { _id: string }[] }>(admin, 'admin', { action: 'apiKeys' })
    expect(theirs.items.map((k) => k._id)).not.toContain(key._id)
    const r = await cloud.call(admin, 'admin', { action: 'revokeApiKey', id: key._id })
    expect(r.body).toMatchObject({ ok: false, code: 'FORBIDDEN_SCOPE' })
    await cloud.ok(district, 'admin', { action: 'revokeApiKey', id: key._id })
    const after = await fetch(`${cloud.url}/api/export/daily?date=${today()}`, {
      headers: { 'x-api-key': secret },
    })
    expect(after.status).toBe(401)
  })

  it("read no street's records and change none of them", async () => {
    for (const [fn, event] of [
      ['stats', { action: 'list', figure: 'quarantine.active' }],
      ['admin', { action: 'tree' }],
      ['admin', { action: 'accounts' }],
      ['admin', { action: 'createCommunity', name: '越权社区' }],
    ] as const) {
      const r = await cloud.call(district, fn, event)
      expect(r.body).toMatchObject({ ok: false })
      expect((r.body as { code: string }).code).toMatch(/^FORBIDDEN_/)
    }
    // A street admin sees nobody of the district's among the street's accounts.
    const { items } = await cloud.ok<{ items: { role: string }[] }>(admin, 'admin', { action: 'accounts' })
    expect(items.some((a) => a.role === 'district')).toBe(false)
  })

  it("cannot be made by a street admin's setRole", async () => {
    const { items } = await cloud.ok<{ items: { _id: string; role: string }[] }>(admin, 'admin', {
      action: 'accounts',
      role: 'resident',
    })
    const r = await cloud.call(admin, 'admin', {
      action: 'setRole',
      accountId: items[0]!._id,
      role: 'district',
    })
    expect(r.body).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    const { data } = await cloud.sdk().database().collection('accounts').doc(items[0]!._id).get()
    expect((data[0] as { role: string }).role).toBe('resident')
  })
})

describe('invitations from the district', () => {
  const sdk = () => cloud.sdk().database()
  const redeem = async (phone: string, name: string, code: string) => {
    const token = await cloud.newUser(phone, 'resident', name, 'street-demo')
    const { account } = await cloud.ok<{ account: AccountView }>(token, 'account', {
      action: 'redeemInvite',
      code,
    })
    return { token, account }
  }

  it("make a new street's first admin, who then runs the street", async () => {
    const { street } = await cloud.ok<{ street: StreetView }>(district, 'admin', {
      action: 'createStreet',
      name: '南湖街道',
    })
    // The district's choice of street: the new one's tree (no communities yet).
    const tree = await cloud.ok<ScopeTree>(district, 'account', { action: 'scopes', streetId: street._id })
    expect(tree.street.name).toBe('南湖街道')
    const { invite } = await cloud.ok<{ invite: InviteView }>(district, 'account', {
      action: 'createInvite',
      role: 'admin',
      scope: { streetId: street._id },
      note: '南湖街道第一位管理员',
    })
    expect(invite).toMatchObject({ role: 'admin', scopeNames: { street: '南湖街道' }, status: 'unused' })
    const { items } = await cloud.ok<{ items: InviteView[] }>(district, 'account', { action: 'listInvites' })
    expect(items.map((i) => i.code)).toContain(invite.code)
    // The street's own admins do not see the district's lists, nor it theirs.
    expect(items.every((i) => i.role === 'admin' || i.role === 'district')).toBe(true)

    const { token, account } = await redeem('13911119101', '南湖管理员', invite.code)
    expect(account).toMatchObject({ role: 'admin', scope: { streetId: street._id } })
    // The new admin sets the street up: a community of their own street.
    await cloud.ok(token, 'admin', { action: 'createCommunity', name: '南湖社区' })
    const audit = await sdk()
      .collection('audit_logs')
      .where({ target: `invite:${invite.code}` })
      .get()
    expect((audit.data as { action: string; actorId: string }[]).map((e) => e.action)).toEqual([
      'invite.create',
    ])
  })

  it('make further district staff; a street admin cannot, nor can the district invite a street’s other staff', async () => {
    const { invite } = await cloud.ok<{ invite: InviteView }>(district, 'account', {
      action: 'createInvite',
      role: 'district',
      scope: { streetId: '_district' },
    })
    const { token, account } = await redeem('13911119102', '区级新同事', invite.code)
    expect(account).toMatchObject({ role: 'district', scope: { streetId: '_district' } })
    await cloud.ok(token, 'stats', { action: 'districtSummary', date: today() })

    const byStreet = await cloud.call(admin, 'account', {
      action: 'createInvite',
      role: 'district',
      scope: { streetId: '_district' },
    })
    expect(byStreet.body).toMatchObject({ ok: false })
    expect((byStreet.body as { code: string }).code).toMatch(/^FORBIDDEN_/)
    for (const event of [
      {
        role: 'butler',
        scope: { streetId: 'street-demo', communityId: 'community-xingfu', gridId: 'grid-xingfu-1' },
      },
      { role: 'admin', scope: { streetId: 'street-demo', communityId: 'community-xingfu' } },
      { role: 'district', scope: { streetId: 'street-demo' } },
    ]) {
      const r = await cloud.call(district, 'account', { action: 'createInvite', ...event })
      expect(r.body).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    }
    const nowhere = await cloud.call(district, 'account', {
      action: 'createInvite',
      role: 'admin',
      scope: { streetId: 'street-nowhere' },
    })
    expect(nowhere.body).toMatchObject({
      ok: false,
      code: 'SCOPE_NOT_FOUND',
      message: '所选街道不存在，请刷新后重试',
    })
  })

  it("revoke their own invitations, not a street's", async () => {
    const { invite } = await cloud.ok<{ invite: InviteView }>(district, 'account', {
      action: 'createInvite',
      role: 'admin',
      scope: { streetId: 'street-demo' },
    })
    const theirs = await cloud.ok<{ invite: InviteView }>(admin, 'account', {
      action: 'createInvite',
      role: 'reviewer',
      department: 'safety',
      scope: { streetId: 'street-demo' },
    })
    const refused = await cloud.call(district, 'account', {
      action: 'revokeInvite',
      code: theirs.invite.code,
    })
    expect(refused.body).toMatchObject({ ok: false, code: 'FORBIDDEN_SCOPE' })
    await cloud.ok(district, 'account', { action: 'revokeInvite', code: invite.code })
    const { data } = await sdk().collection('invites').doc(invite.code).get()
    expect((data[0] as { status: string }).status).toBe('revoked')
  })
})

describe("a street's dashboard, read by the district", () => {
  it('is the very dashboard and trend the street admin sees, for any day and place; lists stay closed', async () => {
    const yesterday = shanghaiDate(Date.now() - 86_400_000)
    const scopes = [{ streetId: 'street-demo' }, { streetId: 'street-demo', communityId: 'community-xingfu' }]
    for (const scope of scopes)
      for (const [from, to] of [
        [today(), today()],
        [yesterday, today()],
      ]) {
        const event = { action: 'dashboard', scope, from, to }
        const [theirs, ours] = await Promise.all([
          cloud.ok<DashboardView>(admin, 'stats', event),
          cloud.ok<DashboardView>(district, 'stats', event),
        ])
        expect({ ...ours, generatedAt: 0 }).toEqual({ ...theirs, generatedAt: 0 })
      }
    const trend = {
      action: 'trend',
      scope: { streetId: 'street-demo' },
      from: shanghaiDate(Date.now() - 13 * 86_400_000),
      to: today(),
    }
    expect(await cloud.ok<TrendView>(district, 'stats', trend)).toEqual(
      await cloud.ok<TrendView>(admin, 'stats', trend),
    )

    const own = await cloud.call(district, 'stats', { action: 'dashboard' })
    expect(own.body).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: '请选择要查看的街道' })
    const list = await cloud.call(district, 'stats', {
      action: 'list',
      figure: 'quarantine.active',
      scope: { streetId: 'street-demo' },
    })
    expect(list.body).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' })
    const missing = await cloud.call(district, 'stats', {
      action: 'dashboard',
      scope: { streetId: 'street-nowhere' },
    })
    expect(missing.body).toMatchObject({ ok: false, code: 'SCOPE_NOT_FOUND' })
  })
})
