/**
 * The district in the mini-program: 区级 staff, who signed in on the web, join the mini-program with a link code,
 * open 全区汇总, then a street's whole dashboard read-only (a figure's list stays closed to them), and 数据上报.
 * The built `dist/weapp` through WeChat's template compiler and Taro's runtime, against one local cloud.
 */
import { DEMO, TestCloud } from '../helpers/cloud'
import { joinWithLinkCode } from './journeys'
import { type MiniProgram, textOf, type PageHost } from './runtime'

let cloud: TestCloud
let district: MiniProgram | undefined

beforeAll(async () => {
  cloud = await TestCloud.start({ wechatSimulator: true })
})
afterAll(async () => {
  await district?.close()
  await cloud.stop()
})

describe('district staff', () => {
  it('see every street in 全区汇总, open a street’s dashboard read-only, and find 数据上报', async () => {
    const joined = await joinWithLinkCode(cloud, DEMO.district, 'o_journey_district')
    district = joined.mp
    const home = joined.home
    await home.waitFor('全区汇总')

    await home.tap('全区汇总')
    const summary = await district.waitForPage('pages/stats/district')
    await summary.waitFor(/全区合计（1 个街道）/)
    const street = summary.select('.ds-street')
    expect(street).toHaveLength(1)
    expect(textOf(street[0]!)).toContain('东湖街道')

    await summary.tap('数据看板 ›')
    const board = await district.waitForPage('pages/stats/dashboard')
    await board.waitFor('东湖街道 数据看板')
    await board.waitFor((p: PageHost) => p.select('.st-tile').some((t) => textOf(t).includes('登记企业')))
    await board.tap(board.select('.st-tile').find((t) => textOf(t).includes('登记企业'))!)
    await board.waitFor('区级只读查看统计数字，明细名单请联系街道查看')
    // The tap opened no list: the same page is on top.
    expect(district.page.route).toBe('pages/stats/dashboard')

    await district.back(2)
    const again = await district.waitForPage('pages/index/index')
    await again.tap('数据上报')
    const reporting = await district.waitForPage('pages/manage/reporting')
    await reporting.waitFor('数据推送（可选）')
    expect(district.errors).toEqual([])
  })
})
