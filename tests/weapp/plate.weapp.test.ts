/**
 * Journey (d): anyone scans a reopening plate's QR with the mini-program (wx.scanCode) and sees whether the shop
 * may open. The plate is made the real way beforehand: an owner's application, approved by the three reviewers,
 * the three commitments signed.
 */
import { DEMO, TestCloud } from '../helpers/cloud'
import { creditCode, reopeningForm } from '../helpers/fixtures'
import { WeChatClient } from '../helpers/wechat'
import { MiniProgram } from './runtime'

let cloud: TestCloud
let mp: MiniProgram
let plateUrl = ''

async function reopenedShop(name: string): Promise<string> {
  const [owner, economy, safety, epidemic, gridWorker] = await Promise.all(
    [DEMO.owner, DEMO.economy, DEMO.safety, DEMO.epidemic, DEMO.gridWorker].map((p) => cloud.login(p)),
  )
  const { enterprise } = await cloud.ok<{ enterprise: { _id: string } }>(owner, 'application', {
    action: 'registerEnterprise',
    name,
    creditCode: creditCode(2),
    kind: 'shop',
    industry: '餐饮',
    address: '幸福里20号',
    communityId: 'community-xingfu',
    gridId: 'grid-xingfu-1',
    legalRepresentative: '孙丽',
    contactName: '孙丽',
    contactPhone: '13800000041',
  })
  const { application } = await cloud.ok<{ application: { _id: string } }>(owner, 'application', {
    action: 'saveDraft',
    enterpriseId: enterprise._id,
    form: reopeningForm(),
  })
  const id = application._id
  await cloud.ok(owner, 'application', { action: 'submit', applicationId: id })
  for (const reviewer of [economy, safety, epidemic])
    await cloud.ok(reviewer, 'application', {
      action: 'review',
      applicationId: id,
      round: 1,
      decision: 'approve',
    })
  const sign = (token: string, party: string) =>
    cloud.ok(token, 'application', {
      action: 'commit',
      applicationId: id,
      party,
      signerName: '签字人',
      agreed: true,
    })
  await sign(owner, 'enterprise')
  await sign(gridWorker, 'community')
  await sign(owner, 'person')
  const plate = await cloud.ok<{ verifyUrl: string }>(owner, 'application', {
    action: 'plate',
    applicationId: id,
  })
  return plate.verifyUrl
}

beforeAll(async () => {
  cloud = await TestCloud.start({ wechatSimulator: true })
  plateUrl = await reopenedShop('幸福里小面馆')
  // A passer-by who uses the mini-program (set up earlier; nothing to do with the shop).
  const someone = new WeChatClient(cloud.server, { openid: 'o_journey_passerby' })
  await someone.ok('account', { action: 'setup', name: '路过的人', phone: '13512340301', role: 'resident' })
  mp = await MiniProgram.launch({ server: cloud.server, identity: someone.identity })
})
afterAll(async () => {
  await mp?.close()
  await cloud.stop()
})

describe('scanning a reopening plate', () => {
  it('shows the shop and that its plate is valid', async () => {
    await mp.page.tap('核验公示牌')
    const verify = await mp.waitForPage('pages/verify/index')
    await verify.waitFor('扫一扫')
    mp.user.scans.push(plateUrl)
    await verify.tap('扫一扫')
    await verify.waitFor('幸福里小面馆')
    expect(verify.text()).toContain('有效')
    expect(verify.text()).toContain('该企业已通过三方审核，准予复工')
    expect(verify.text()).toMatch(/913301\*+/)
    expect(mp.errors).toEqual([])
  })

  it('a closed scanner changes nothing; a code that is not a plate says it cannot be checked', async () => {
    await mp.navigate('redirectTo', '/pages/verify/index')
    const verify = await mp.waitForPage('pages/verify/index')
    await verify.waitFor('扫一扫')
    mp.user.scans.push('cancel')
    await verify.tap('扫一扫')
    expect(verify.text()).toContain('扫描门店张贴的复工公示牌上的二维码')
    mp.user.scans.push('https://example.com/not-a-plate')
    await verify.tap('扫一扫')
    await verify.waitFor('无法核验')
    expect(verify.text()).not.toContain('准予复工')
  })
})
