/**
 * WeChat identity and phone ownership, through the real SDK against the local cloud in simulator mode:
 * mini-program callers are known by openid (no password), prove a phone with the phone-number button, and a
 * phone counts as a person's only when proven — which closes phone squatting (issue 9, hole 6). The same person's
 * H5 login and mini-program openid are linked by the proven phone plus a code shown on the other side.
 */
import type { AccountView } from '../../shared/account'
import { DEMO, TestCloud } from '../helpers/cloud'
import { WeChatClient } from '../helpers/wechat'

let cloud: TestCloud
let gridWorker: string
let seq = 0
const nextPhone = () => `136${String(++seq).padStart(8, '0')}`
const nextOpenid = () => `o_identity_${String(++seq).padStart(6, '0')}`

beforeAll(async () => {
  cloud = await TestCloud.start({ wechatSimulator: true })
  gridWorker = await cloud.login(DEMO.gridWorker)
})
afterAll(() => cloud.stop())

const wx = (phone?: string) =>
  new WeChatClient(cloud.server, { openid: nextOpenid(), ...(phone ? { phone } : {}) })

async function provePhone(user: WeChatClient) {
  return user.call<{ account: AccountView | null; proof: { phone: string; held: boolean } | null }>(
    'account',
    {
      action: 'provePhone',
      code: await user.phoneCode(),
    },
  )
}

const markNeedsHelp = (phone: string) =>
  cloud.call(gridWorker, 'errand', {
    action: 'markNeedsHelp',
    phone,
    building: '9',
    room: '901',
    reason: 'elderly',
  })

describe('a WeChat user', () => {
  it('is recognised by openid with no password, proves a phone with the button, and sets up with it', async () => {
    const phone = nextPhone()
    const user = wx(phone)
    expect(await user.ok('account', { action: 'me' })).toEqual({ account: null, proof: null })
    const proved = await provePhone(user)
    expect(proved).toEqual({
      ok: true,
      data: { account: null, proof: { phone: `${phone.slice(0, 3)}****${phone.slice(7)}`, held: false } },
    })
    const { account } = await user.ok<{ account: AccountView }>('account', {
      action: 'setup',
      name: '微信店主',
      role: 'owner',
    })
    expect(account).toMatchObject({ name: '微信店主', role: 'owner', phoneProven: true })
    // Their own account shows them their own number in full (shared/mask.ts: nobody's own data is masked to them).
    expect(account.phone).toBe(phone)
    // The same openid is the same account from then on; another openid is somebody else.
    expect((await user.ok<{ account: AccountView }>('account', { action: 'me' })).account._id).toBe(
      account._id,
    )
    expect(await wx().ok('account', { action: 'me' })).toEqual({ account: null, proof: null })
  })

  it('cannot set up with a number other than the one WeChat proved', async () => {
    const user = wx(nextPhone())
    await provePhone(user)
    const r = await user.call('account', {
      action: 'setup',
      name: '冒名',
      phone: nextPhone(),
      role: 'resident',
    })
    expect(r).toMatchObject({ ok: false, code: 'PHONE_NOT_PROVEN' })
  })

  it('a used or made-up code proves nothing; a web caller cannot use the phone-number API', async () => {
    const user = wx(nextPhone())
    const code = await user.phoneCode()
    expect(await user.call('account', { action: 'provePhone', code })).toMatchObject({ ok: true })
    expect(await user.call('account', { action: 'provePhone', code })).toMatchObject({
      ok: false,
      code: 'PHONE_CODE_INVALID',
    })
    expect(await user.call('account', { action: 'provePhone', code: 'forged' })).toMatchObject({
      code: 'PHONE_CODE_INVALID',
    })
    const web = await cloud.newUser(nextPhone())
    expect((await cloud.call(web, 'account', { action: 'provePhone', code: 'x' })).body).toMatchObject({
      code: 'WECHAT_ONLY',
    })
  })

  it('changes the phone only by proving the new one, which frees the old one', async () => {
    const first = nextPhone()
    const second = nextPhone()
    const openid = nextOpenid()
    const user = new WeChatClient(cloud.server, { openid, phone: first })
    await provePhone(user)
    await user.ok('account', { action: 'setup', name: '换号的人', role: 'resident' })
    const typed = await user.call('account', { action: 'updateProfile', phone: second })
    expect(typed).toMatchObject({ ok: false, code: 'PHONE_NOT_PROVEN' })
    const moved = await provePhone(new WeChatClient(cloud.server, { openid, phone: second }))
    expect(moved).toMatchObject({ ok: true, data: { account: { phoneProven: true } } })
    // The old number is nobody's now: its next owner can have it.
    const next = wx(first)
    await provePhone(next)
    const { account } = await next.ok<{ account: AccountView }>('account', {
      action: 'setup',
      name: '新号主',
      role: 'resident',
    })
    expect(account.phoneProven).toBe(true)
  })

  it('cannot take a phone another account proved', async () => {
    const phone = nextPhone()
    const owner = wx(phone)
    await provePhone(owner)
    await owner.ok('account', { action: 'setup', name: '号主', role: 'resident' })
    const other = wx(nextPhone())
    await provePhone(other)
    await other.ok('account', { action: 'setup', name: '另一个人', role: 'resident' })
    const taking = await provePhone(new WeChatClient(cloud.server, { openid: other.openid, phone }))
    expect(taking).toMatchObject({ ok: false, code: 'PHONE_PROVEN_ELSEWHERE' })
  })

  it('the gateway’s phone record is for the platform only', async () => {
    const user = wx()
    expect(
      await user.call('account', { action: 'recordRegisteredPhone', uid: 'demo-admin', phone: DEMO.admin }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' })
    const web = await cloud.newUser(nextPhone())
    const r = await cloud.call(web, 'account', {
      action: 'recordRegisteredPhone',
      uid: 'x',
      phone: nextPhone(),
    })
    expect(r.body).toMatchObject({ ok: false, code: 'FORBIDDEN_ROLE' })
  })
})

describe('phone squatting (issue 9, hole 6)', () => {
  it('a number typed before the real person registers gives the typist nothing; the household goes to its owner', async () => {
    const phone = nextPhone()
    // The squatter, set up with a number of their own, types the victim's number into the profile.
    const squatter = await cloud.newUser(nextPhone(), 'resident', '抢号的人')
    const squat = await cloud.call(squatter, 'account', { action: 'updateProfile', phone })
    expect(squat.body).toMatchObject({ ok: false, code: 'PHONE_NOT_PROVEN' })
    // Or sets up in the mini-program without proving anything, typing the victim's number.
    const wxSquatter = wx()
    await wxSquatter.ok('account', { action: 'setup', name: '抢号的人二', phone, role: 'resident' })
    // Before the victim exists, marking the number finds nobody.
    expect((await markNeedsHelp(phone)).body).toMatchObject({ ok: false, code: 'NOT_FOUND' })

    const victim = await cloud.newUser(phone, 'resident', '独居老人')
    const marked = await cloud.ok<{ household: { accountId: string; name: string } }>(gridWorker, 'errand', {
      action: 'markNeedsHelp',
      phone,
      building: '9',
      room: '901',
      reason: 'elderly',
    })
    expect(marked.household.name).toBe('独居老人')
    const order = {
      action: 'create',
      category: 'groceries',
      items: [{ name: '大米', quantity: 1, unit: '袋' }],
      budgetFen: 5000,
    }
    expect((await cloud.call(victim, 'errand', order)).body).toMatchObject({ ok: true })
    expect((await cloud.call(squatter, 'errand', order)).body).toMatchObject({ code: 'ERRAND_NOT_ELIGIBLE' })
    expect(await wxSquatter.call('errand', order)).toMatchObject({ code: 'ERRAND_NOT_ELIGIBLE' })
  })

  it('a number proven in the mini-program links its household too', async () => {
    const phone = nextPhone()
    const elder = wx(phone)
    await provePhone(elder)
    await elder.ok('account', { action: 'setup', name: '小程序老人', role: 'resident' })
    expect((await markNeedsHelp(phone)).body).toMatchObject({
      ok: true,
      data: { household: { name: '小程序老人' } },
    })
  })
})

describe('one person on H5 and in the mini-program', () => {
  it('H5 first: the mini-program proves the same phone and joins the account with a code from H5', async () => {
    const phone = nextPhone()
    const web = await cloud.newUser(phone, 'owner', '两端店主')
    const user = wx(phone)
    const proved = await provePhone(user)
    expect(proved).toMatchObject({ ok: true, data: { account: null, proof: { held: true } } })
    expect(await user.call('account', { action: 'setup', name: '两端店主', role: 'owner' })).toMatchObject({
      ok: false,
      code: 'PHONE_PROVEN_ELSEWHERE',
    })
    const { code } = await cloud.ok<{ code: string }>(web, 'account', { action: 'linkCode' })
    const wrong = code === '000000' ? '000001' : '000000'
    expect(await user.call('account', { action: 'link', code: wrong })).toMatchObject({
      code: 'LINK_CODE_INVALID',
    })
    const linked = await user.ok<{ account: AccountView }>('account', { action: 'link', code })
    const webMe = await cloud.ok<{ account: AccountView }>(web, 'account', { action: 'me' })
    expect(linked.account._id).toBe(webMe.account._id)
    // One account: a change made in the mini-program is what H5 shows.
    await user.ok('account', { action: 'updateProfile', name: '两端店主改名' })
    expect((await cloud.ok<{ account: AccountView }>(web, 'account', { action: 'me' })).account.name).toBe(
      '两端店主改名',
    )
    // The code worked once.
    const again = wx(phone)
    await provePhone(again)
    expect(await again.call('account', { action: 'link', code })).toMatchObject({ code: 'LINK_CODE_INVALID' })
  })

  it('mini-program first: H5 registers the same phone and joins with a code from the mini-program', async () => {
    const phone = nextPhone()
    const user = wx(phone)
    await provePhone(user)
    const { account } = await user.ok<{ account: AccountView }>('account', {
      action: 'setup',
      name: '先用小程序',
      role: 'resident',
    })
    const web = await cloud.register(phone, '先用小程序')
    expect(await cloud.ok(web, 'account', { action: 'me' })).toMatchObject({
      account: null,
      proof: { held: true },
    })
    const setup = await cloud.call(web, 'account', {
      action: 'setup',
      name: '先用小程序',
      phone,
      role: 'resident',
    })
    expect(setup.body).toMatchObject({ ok: false, code: 'PHONE_PROVEN_ELSEWHERE' })
    const { code } = await user.ok<{ code: string }>('account', { action: 'linkCode' })
    const linked = await cloud.ok<{ account: AccountView }>(web, 'account', { action: 'link', code })
    expect(linked.account._id).toBe(account._id)
  })

  it('five wrong codes spend the code: the right one no longer works', async () => {
    const phone = nextPhone()
    const web = await cloud.newUser(phone)
    const { code } = await cloud.ok<{ code: string }>(web, 'account', { action: 'linkCode' })
    const user = wx(phone)
    await provePhone(user)
    const wrong = code === '123456' ? '654321' : '123456'
    for (let i = 0; i < 5; i++)
      expect(await user.call('account', { action: 'link', code: wrong })).toMatchObject({
        code: 'LINK_CODE_INVALID',
      })
    expect(await user.call('account', { action: 'link', code })).toMatchObject({ code: 'LINK_CODE_INVALID' })
  })

  it('only an account with a proven phone hands out link codes', async () => {
    const user = wx()
    await user.ok('account', { action: 'setup', name: '未验证', phone: nextPhone(), role: 'resident' })
    expect(await user.call('account', { action: 'linkCode' })).toMatchObject({ code: 'PHONE_NOT_PROVEN' })
  })
})
