/**
 * Journey (a): a new WeChat user opens the built mini-program, is recognised by openid (no password page), proves
 * a phone with the phone-number button, sets up as an owner, registers an enterprise and submits an application.
 */
import { SUBSCRIBE_TEMPLATES } from '../../config/subscribe'
import { TestCloud } from '../helpers/cloud'
import { creditCode } from '../helpers/fixtures'
import { MiniProgram } from './runtime'

const CREDIT_CODE = creditCode(1)

let cloud: TestCloud
const open: MiniProgram[] = []

beforeAll(async () => {
  cloud = await TestCloud.start({ wechatSimulator: true })
})
afterAll(async () => {
  await Promise.all(open.map((mp) => mp.close()))
  await cloud.stop()
})

async function launch(openid: string, phone?: string, path?: string): Promise<MiniProgram> {
  const mp = await MiniProgram.launch({
    server: cloud.server,
    identity: { openid, ...(phone ? { phone } : {}) },
    path,
  })
  open.push(mp)
  return mp
}

describe('a new WeChat user', () => {
  let mp: MiniProgram

  it('is recognised by openid with no password, proves a phone with the button and sets up as an owner', async () => {
    mp = await launch('o_journey_owner1', '13512340001')
    const setup = await mp.waitForPage('pages/setup/index')
    await setup.waitFor('欢迎使用复工通')
    expect(setup.has('密码')).toBe(false)
    await setup.tap('使用微信手机号')
    await setup.waitFor('已通过微信验证')
    expect(setup.text()).toContain('135****0001')
    await setup.fill(await setup.field('姓名'), '钱多多')
    await setup.tap('企业主')
    await setup.tap('保存并进入')
    const home = await mp.waitForPage('pages/index/index')
    await home.waitFor('钱多多')
    expect(home.text()).toContain('企业主')
    expect(home.text()).toContain('我的企业')
    expect(mp.errors).toEqual([])
  })

  it('registers an enterprise and submits an application, then allows the review-result message', async () => {
    const home = mp.page
    await home.tap('我的企业')
    const list = await mp.waitForPage('pages/application/enterprises')
    await list.tap(/^(登记企业|登记第一家企业|\+?\s*登记新企业)$/)
    const form = await mp.waitForPage('pages/application/enterprise-form')
    await form.fill(await form.field('企业名称'), '多多便民超市')
    await form.fill(await form.field('统一社会信用代码'), CREDIT_CODE)
    await form.tap('个体工商户·五小门店')
    await form.tap('零售')
    await form.fill(await form.field('经营地址'), '幸福里8号')
    await form.tap('请选择社区')
    await form.tap('确认')
    await form.tap('请选择网格')
    await form.tap('确认')
    await form.fill(await form.field('法定代表人'), '钱多多')
    await form.fill(await form.field('联系人'), '钱多多')
    await form.fill(await form.field('联系电话'), '13512340001')
    await form.tap('提交登记')
    const enterprise = await mp.waitForPage('pages/application/enterprise')
    await enterprise.waitFor('多多便民超市')
    await enterprise.tap('申请复工')

    const apply = await mp.waitForPage('pages/application/form')
    await apply.waitFor('计划复工日期')
    await apply.tap('请选择日期')
    await apply.tap('确认')
    for (const [label, value] of [
      ['职工总数', '6'],
      ['首批到岗人数', '5'],
      ['省外返回人数', '1'],
      ['风险地区返回人数', '0'],
      ['口罩', '200'],
      ['消毒液', '10'],
      ['体温计', '2'],
    ] as const)
      await apply.fill(await apply.field(label), value)
    for (const m of ['入口体温检测', '定时消毒', '应急处置预案']) await apply.tap(m)
    await apply.fill(await apply.field('应急预案'), '发现发热人员立即隔离并报告社区。')
    await apply.fill(await apply.field('消毒方案'), '每日早晚各消毒一次并登记。')
    await apply.fill(await apply.field('姓名'), '钱多多')
    await apply.fill(await apply.field('手机号'), '13512340001')
    await apply.tap('提交审核')
    await apply.tap('确定提交')

    const detail = await mp.waitForPage('pages/application/detail')
    await detail.waitFor('审核结果通知')
    expect(detail.text()).toContain('多多便民超市')
    expect(detail.text()).toMatch(/审核中/)
    await detail.tap('开启审核结果通知')
    await detail.waitFor('已开启 1 条微信通知')
    expect(cloud.server.wechat!.remaining('o_journey_owner1', SUBSCRIBE_TEMPLATES.reviewResult.id)).toBe(1)
    expect(mp.errors).toEqual([])
  })
})
